"""Putting a past bill, a consolidated invoice or a Z report on paper: the receipt printer when this PC has
one, otherwise a PDF in the shop's documents folder (opened for the seller to print or send)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QImage, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QWidget

from app import config
from app.i18n import _
from app.session import Session
from app.ui import tasks


def documents_dir(session: Session) -> Path:
    """Where PDFs made from the window are kept: ``<data>/documents/<shop>/``."""
    folder = session.data.root / "documents" / session.shop
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def file_name(number: str, suffix: str = ".pdf") -> str:
    """``INV/2627/00042`` -> ``INV-2627-00042.pdf``: a bill number as a file name on any system."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", number).strip("-") + suffix


def has_printer(session: Session) -> bool:
    return bool(session.machine.get(config.PRINTER).strip())


def show_file(path: Path) -> None:
    """Open a PDF in the system's viewer (not on the off-screen platform the tests and screenshots use)."""
    if QGuiApplication.platformName() != "offscreen":
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def image_pdf(image: QImage, path: Path) -> Path:
    """A receipt-shaped picture (the Z report) on an A4 page, for a shop without a receipt printer."""
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(203)  # the thermal printer's dots per inch: the picture keeps its size
    writer.setCreator("TAVYONIX")
    painter = QPainter(writer)
    try:
        painter.drawImage(0, 0, image)
    finally:
        painter.end()
    return path


def reprint_bill(session: Session, order_id: int, number: str, owner: QWidget,
                 say: Callable[[str, bool], None]) -> Path | None:
    """Print a bill again on the receipt printer (in the background, the drawer stays shut), or write it
    as a PDF when this PC has no printer; ``say(text, ok)`` reports. Returns the PDF's path, if one."""
    if has_printer(session):
        from app.ui.printing import print_receipt

        target = session.machine.get(config.PRINTER)
        say(_("Printing {number}...").format(number=number), True)
        tasks.run_in_background(lambda: print_receipt(session, order_id, open_drawer=False),
                                lambda _r: say(_("{number} was sent to {printer}.").format(
                                    number=number, printer=target), True),
                                lambda exc: say(str(exc), False), owner=owner)
        return None
    path = invoice_pdf(session, order_id, number)
    say(_("No receipt printer is set up; saved as {path}").format(path=path), True)
    show_file(path)
    return path


def invoice_pdf(session: Session, order_id: int, name: str) -> Path:
    """The bill as the GST invoice on this PC's invoice paper (A4 or A5, Settings), in the documents folder
    as ``name``.pdf."""
    from app.ui.printing.document import order_document
    from app.ui.printing.pdf import write_pdf

    page = session.machine.get(config.INVOICE_PAGE)
    return write_pdf(order_document(session, order_id), documents_dir(session) / file_name(name), page=page)


def print_rows(session: Session, title: str, rows: Sequence[tuple[str, str]], name: str, owner: QWidget,
               say: Callable[[str, bool], None]) -> Path | None:
    """A report of label-value rows (the Z report): receipt printer, or a PDF."""
    from app.services import shop as shop_service
    from app.ui.printing.receipt import render_lines
    from app.ui.printing.thermal import receipt_bytes, send

    paper = session.machine.get(config.PAPER_MM)
    image = render_lines(title, rows, paper, heading=shop_service.profile(session.store).name)
    if has_printer(session):
        target = session.machine.get(config.PRINTER)
        data = receipt_bytes(image, paper_mm=paper, drawer_pin=0)
        tasks.run_in_background(lambda: send(data, target),
                                lambda _r: say(_("{number} was sent to {printer}.").format(
                                    number=title, printer=target), True),
                                lambda exc: say(str(exc), False), owner=owner)
        return None
    path = image_pdf(image, documents_dir(session) / file_name(name))
    say(_("No receipt printer is set up; saved as {path}").format(path=path), True)
    show_file(path)
    return path


def save_workbook(session: Session, name: str, write: Callable[[Path], int], say: Callable[[str, bool], None],
                  ) -> Path | None:
    """An "Export to Excel" button: the workbook goes to the shop's documents folder and is opened."""
    from app.errors import AppError

    path = documents_dir(session) / file_name(name, ".xlsx")
    try:
        count = write(path)
    except (AppError, OSError) as exc:
        say(str(exc), False)
        return None
    say(_("{count} rows written to {path}").format(count=count, path=path), True)
    show_file(path)
    return path
