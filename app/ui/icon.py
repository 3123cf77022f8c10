"""The window and taskbar icon, and the Windows taskbar identity."""

from __future__ import annotations

import logging
import sys

from PySide6.QtGui import QIcon, QPixmap

from app.ui.icon_art import SIZES, draw_icon, icons_dir

log = logging.getLogger(__name__)

APP_USER_MODEL_ID = "Tavyonix.SellerOS.Desktop"


def app_icon() -> QIcon:
    """The shipped PNGs at every size; drawn on the spot if the files are missing."""
    icon = QIcon()
    for size in SIZES:
        path = icons_dir() / f"tavyonix-{size}.png"
        if path.is_file():
            icon.addFile(str(path))
        else:
            icon.addPixmap(QPixmap.fromImage(draw_icon(size)))
    return icon


def set_windows_app_id() -> None:
    """Without its own AppUserModelID, Windows groups the app under python.exe with Python's icon."""
    if sys.platform != "win32":
        return
    try:
        import ctypes

        ctypes.windll.shell32.SetCurrentProcessExplicitAppUserModelID(APP_USER_MODEL_ID)  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        log.warning("could not set the Windows AppUserModelID", exc_info=True)
