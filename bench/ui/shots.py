"""What the window's screenshot scripts share (``bench/ui/screenshots*.py``): Qt off-screen, the repository and
the tests' sample shops on the path, the output folder from the command line, and a pause that lets the
pages' background reads land before a picture is taken."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
for _path in (ROOT, ROOT / "tests"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

__all__ = ["ROOT", "application", "out_dir", "settle"]


def out_dir() -> Path:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    return out


def application():  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from app.ui.app import setup_application

    app = QApplication.instance() or QApplication([])
    setup_application(app)
    return app


def settle(app, seconds: float = 1.0) -> None:  # type: ignore[no-untyped-def]
    """Past the pages' 250 ms refresh delay and their background reads."""
    from app.ui.tasks import wait_for_tasks

    ends = time.monotonic() + seconds
    while time.monotonic() < ends:
        wait_for_tasks()
        app.processEvents()
        time.sleep(0.02)
