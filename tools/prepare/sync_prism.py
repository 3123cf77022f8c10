"""Install Stoplight Prism (an OpenAPI mock that validates requests) from the npm registry into
``.venv/prism``, for tests/sync/test_prism_conformance.py. Idempotent; skipped (with a message) when
npm is not installed, and the conformance test then says why it is skipped.

Run by ``python dev.py setup`` (every script in tools/prepare/ is).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRISM_DIR = ROOT / ".venv" / "prism"
PACKAGE = "@stoplight/prism-cli@5.14.2"


def prism_bin() -> Path:
    return PRISM_DIR / "node_modules" / ".bin" / ("prism.cmd" if sys.platform == "win32" else "prism")


def main() -> int:
    if prism_bin().exists():
        return 0
    npm = shutil.which("npm")
    if npm is None:
        print("[prepare] npm not found: the Amazon API conformance test (Prism) will be skipped", flush=True)
        return 0
    PRISM_DIR.mkdir(parents=True, exist_ok=True)
    print(f"[prepare] installing {PACKAGE} into {PRISM_DIR} ...", flush=True)
    result = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix",
                             str(PRISM_DIR), PACKAGE], cwd=PRISM_DIR, check=False)
    if result.returncode != 0:
        print("[prepare] installing Prism failed: the conformance test will be skipped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
