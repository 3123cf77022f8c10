"""Bills on paper: the thermal receipt (a Qt-drawn picture sent as ESC/POS) and the PDF invoice (A4/A5).

``document`` reads what a bill says; ``receipt`` draws it for 58/80 mm paper; ``thermal`` makes the
ESC/POS bytes and sends them to the configured printer; ``pdf`` writes the A4/A5 invoice.
"""

from __future__ import annotations

from app import config
from app.session import Session
from app.ui.printing.document import Document, order_document
from app.ui.printing.receipt import render_receipt
from app.ui.printing.thermal import receipt_bytes, send


def receipt_job(session: Session, order_id: int, *, paper_mm: int | None = None,
                drawer_pin: int | None = None) -> bytes:
    """The ESC/POS bytes of a bill's receipt, for this PC's paper width and cash drawer."""
    machine = session.machine
    paper = paper_mm if paper_mm is not None else machine.get(config.PAPER_MM)
    pin = drawer_pin if drawer_pin is not None else machine.get(config.DRAWER_PIN)
    return receipt_bytes(render_receipt(order_document(session, order_id), paper), paper_mm=paper, drawer_pin=pin)


def print_receipt(session: Session, order_id: int, *, open_drawer: bool = True) -> None:
    """Print a bill's receipt on this PC's receipt printer, without a dialog (blocking: a worker thread).

    Raises ``PrintFailed`` when there is no printer or it cannot be reached; the sale is saved anyway."""
    pin = session.machine.get(config.DRAWER_PIN) if open_drawer else 0
    send(receipt_job(session, order_id, drawer_pin=pin), session.machine.get(config.PRINTER))


__all__ = ["Document", "order_document", "print_receipt", "receipt_job", "render_receipt"]
