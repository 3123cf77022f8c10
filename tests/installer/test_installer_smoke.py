"""The whole route, for real: build setup.exe, install, upgrade, start, selfcheck and uninstall under wine.

Opt-in (10-30 minutes): ``TAVYONIX_INSTALLER_SMOKE=1 .venv/bin/python -m pytest tests/installer -m installer_smoke``.
"""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.installer_smoke
@pytest.mark.timeout(3600)
@pytest.mark.skipif(os.environ.get("TAVYONIX_INSTALLER_SMOKE") != "1",
                    reason="slow: set TAVYONIX_INSTALLER_SMOKE=1 to build and test the installer under wine")
def test_installer_smoke_under_wine():
    result = subprocess.run([str(ROOT / "installer" / "smoke")], cwd=ROOT, timeout=3600)
    assert result.returncode == 0, "see build/smoke/report.json"
