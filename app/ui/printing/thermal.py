"""ESC/POS bytes for a receipt picture (python-escpos), and sending them to the shop's printer silently.

The bytes are: initialise (``ESC @``), the picture as raster bit image (``GS v 0``, in bands), a
feed and a partial cut (``GS V``), and the cash drawer pulse (``ESC p``) on the configured pin.

Where the printer is (the ``counter.printer`` setting of this PC):
- ``file:PATH``: write the bytes to a file or device (``/dev/usb/lp0``; tests and previews);
- ``tcp:HOST:PORT``: a network receipt printer on the shop's own network (port 9100);
- any other text: the printer's name in Windows (a RAW job through the spooler, no dialog), or in
  CUPS elsewhere (``lp -o raw``).
"""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys

from PIL import Image
from PySide6.QtGui import QImage

from app.errors import PrintFailed
from app.i18n import _

log = logging.getLogger(__name__)

PROFILES = {58: "POS-5890", 80: "TM-T20II"}  # python-escpos capability profiles: 384 and 576 dots a line
SEND_TIMEOUT_S = 10


def to_pil(image: QImage) -> Image.Image:
    """A Qt picture as an 8-bit greyscale PIL image (what python-escpos takes)."""
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    data = bytes(grey.constBits())
    return Image.frombuffer("L", (grey.width(), grey.height()), data, "raw", "L", grey.bytesPerLine(), 1).copy()


def receipt_bytes(image: QImage, *, paper_mm: int = 80, drawer_pin: int = 0, cut: bool = True) -> bytes:
    """The ESC/POS job for one receipt picture."""
    from escpos.printer import Dummy

    printer = Dummy(profile=PROFILES.get(paper_mm, PROFILES[80]))
    printer.hw("INIT")
    printer.image(to_pil(image), impl="bitImageRaster", fragment_height=960)
    if cut:
        printer.cut(mode="PART", feed=True)
    if drawer_pin in (2, 5):
        printer.cashdraw(drawer_pin)
    return printer.output


def drawer_bytes(drawer_pin: int) -> bytes:
    """Only the pulse that opens the cash drawer (the "test open" button)."""
    from escpos.printer import Dummy

    printer = Dummy(profile=PROFILES[80])
    printer.cashdraw(drawer_pin)
    return printer.output


def send(data: bytes, target: str) -> None:
    """Send an ESC/POS job to the printer named by ``target``; raises :class:`PrintFailed` with words for
    the shopkeeper. Blocking: call it from a worker thread."""
    target = target.strip()
    if not target:
        raise PrintFailed(_("No receipt printer is set up on this PC."),
                          hint=_("Choose the printer in the counter's printer settings."))
    try:
        if target.startswith("file:"):
            with open(target[5:], "ab") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
        elif target.startswith("tcp:"):
            host, _sep, port = target[4:].rpartition(":")
            with socket.create_connection((host, int(port or 9100)), timeout=SEND_TIMEOUT_S) as conn:
                conn.sendall(data)
        elif sys.platform == "win32":
            _send_windows(data, target)
        else:
            subprocess.run(["lp", "-d", target, "-o", "raw"], input=data, check=True, timeout=SEND_TIMEOUT_S,
                           capture_output=True)
    except (OSError, ValueError, ImportError, subprocess.SubprocessError) as exc:
        log.warning("printing to %s failed: %s", target, exc)
        raise PrintFailed(_("The receipt did not print on {printer}.").format(printer=target),
                          hint=_("Check that the printer is on, has paper and is connected, then press Reprint. "
                                 "The sale is saved.")) from exc


def _send_windows(data: bytes, name: str) -> None:  # pragma: no cover - needs Windows and pywin32
    import win32print  # type: ignore[import-not-found]

    handle = win32print.OpenPrinter(name)
    try:
        win32print.StartDocPrinter(handle, 1, ("TAVYONIX receipt", None, "RAW"))
        try:
            win32print.StartPagePrinter(handle)
            win32print.WritePrinter(handle, data)
            win32print.EndPagePrinter(handle)
        finally:
            win32print.EndDocPrinter(handle)
    finally:
        win32print.ClosePrinter(handle)
