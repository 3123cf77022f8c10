"""Authenticode-sign a Windows executable in place with osslsigncode, when a certificate is supplied.

    TAVYONIX_SIGN_P12=cert.pfx [TAVYONIX_SIGN_PASS=...] [TAVYONIX_SIGN_TS_URL=http://timestamp...] \
        python3 installer/sign.py FILE.exe

Without TAVYONIX_SIGN_P12 it does nothing (exit 0). The build calls it for setup.exe and, through
NSIS's ``!uninstfinalize``, for the uninstaller inside it, so both carry the signature. A time-stamp
URL is optional (the build machine may not reach one); without it the signature stops being valid
when the certificate expires.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PRODUCT = "TAVYONIX"
URL = "https://tavyonix.in"


def signing_configured() -> bool:
    return bool(os.environ.get("TAVYONIX_SIGN_P12"))


def sign(path: Path) -> bool:
    """Sign ``path`` in place; False when no certificate is configured. Raises on failure."""
    cert = os.environ.get("TAVYONIX_SIGN_P12")
    if not cert:
        return False
    signed = path.with_name(path.name + ".signed")
    cmd = ["osslsigncode", "sign", "-pkcs12", cert, "-pass", os.environ.get("TAVYONIX_SIGN_PASS", ""),
           "-n", PRODUCT, "-i", URL, "-h", "sha256"]
    if ts := os.environ.get("TAVYONIX_SIGN_TS_URL"):
        cmd += ["-ts", ts]
    cmd += ["-in", str(path), "-out", str(signed)]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        signed.unlink(missing_ok=True)
        raise RuntimeError(f"osslsigncode could not sign {path}:\n{result.stdout}{result.stderr}")
    os.replace(signed, path)
    return True


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        done = sign(Path(argv[0]))
    except RuntimeError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"signed {argv[0]}" if done else "no TAVYONIX_SIGN_P12: not signed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
