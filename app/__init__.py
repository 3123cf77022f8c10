"""TAVYONIX: an offline-first Seller Operating System for small sellers in India."""

from __future__ import annotations


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("tavyonix")
    except Exception:  # running from a folder without installed metadata (the Windows installer build)
        import re
        from pathlib import Path

        pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
        if pyproject.exists():
            match = re.search(r'^version\s*=\s*"([^"]+)"', pyproject.read_text(encoding="utf-8"), re.M)
            if match:
                return match.group(1)
        return "0+unknown"


__version__ = _version()
