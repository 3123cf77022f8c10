"""One bill on the counter screen: its lines in memory, priced by ``sales.quote_sale``, saved behind the scenes.

Every change is applied to a copy, priced, and kept only if pricing accepts it (never above MRP, a
discount no larger than the amount), so the screen never shows a bill that cannot be sold. The
saved copy (``counter_bill``) follows each change through :class:`BillSaver`, one write at a time.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QTimer

from app.domain.qty import LOOSE_UNITS, MILLI
from app.domain.records import Product
from app.errors import DiskFull
from app.services import counter
from app.services.context import ServiceContext
from app.services.counter import DraftLine
from app.services.sales import Quote, SaleLine, quote_sale
from app.ui import tasks

__all__ = ["Bill", "BillSaver", "add", "change_line", "is_loose", "one_unit", "price", "remove_line"]

log = logging.getLogger(__name__)


@dataclass
class Bill:
    draft_id: int | None = None
    lines: list[DraftLine] = field(default_factory=list)
    customer_id: int | None = None
    customer_label: str = ""
    bill_discount_paise: int = 0
    confirmed: bool = False  # the seller confirmed selling below cost
    quote: Quote | None = None
    cost_checked: bool = False  # the quote was made with the below-cost check (paying need not price again)
    products: dict[str, Product] = field(default_factory=dict)

    @property
    def total_paise(self) -> int:
        return self.quote.total_paise if self.quote else 0

    def sale_lines(self) -> list[SaleLine]:
        return [SaleLine(sku=line.sku, qty_milli=line.qty_milli, unit_price_paise=line.unit_price_paise,
                         discount_paise=line.discount_paise) for line in self.lines]

    def copy(self) -> Bill:
        return dataclasses.replace(self, lines=list(self.lines), products=dict(self.products))


def price(ctx: ServiceContext, bill: Bill, *, check_cost: bool = False) -> Bill:
    """``bill`` with its quote (raises the pricing refusals: above MRP, discount too large ..., and with
    ``check_cost`` a sale below cost as ``NeedsConfirmation``)."""
    if not bill.lines:
        bill.quote = None
        return bill
    bill.quote = quote_sale(ctx, lines=bill.sale_lines(), bill_discount_paise=bill.bill_discount_paise,
                            confirmed=not check_cost)
    bill.cost_checked = check_cost
    bill.products.update(bill.quote.products)
    return bill


def one_unit(product: Product) -> int:
    """What one scan or pick adds: a piece, a pack; a kilo or litre of loose goods (then weighed)."""
    return MILLI


def is_loose(product: Product) -> bool:
    return product.unit in LOOSE_UNITS


def add(bill: Bill, product: Product, qty_milli: int | None = None) -> tuple[Bill, int]:
    """A copy of ``bill`` with ``product`` added (a repeat raises the quantity of its line); and the line's index."""
    new = bill.copy()
    qty = qty_milli or one_unit(product)
    for index, line in enumerate(new.lines):
        if line.sku == product.sku and line.unit_price_paise is None and not is_loose(product):
            new.lines[index] = dataclasses.replace(line, qty_milli=line.qty_milli + qty)
            return new, index
    new.lines.append(DraftLine(sku=product.sku, qty_milli=qty))
    new.products[product.sku] = product
    return new, len(new.lines) - 1


def change_line(bill: Bill, index: int, **changes) -> Bill:
    new = bill.copy()
    new.lines[index] = dataclasses.replace(new.lines[index], **changes)
    return new


def remove_line(bill: Bill, index: int) -> Bill:
    new = bill.copy()
    del new.lines[index]
    return new


class BillSaver(QObject):
    """Saves bills in the background, one write at a time, always the newest contents of each bill.

    A burst of scans is gathered for ``DELAY_MS`` into one write: the scanner never waits for the disk,
    and a crash loses at most the last fraction of a second of a bill, never a paid sale."""

    DELAY_MS = 100
    DISK_FULL_RETRY_MS = 2000

    def __init__(self, ctx: ServiceContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._busy = False
        self._pending: dict[int, tuple] = {}
        self._last: tuple[int, tuple] | None = None  # the save in flight, kept to retry it on a full disk
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.DELAY_MS)
        self._timer.timeout.connect(self._next)

    @property
    def idle(self) -> bool:
        return not self._busy and not self._pending

    def save(self, bill: Bill) -> None:
        if bill.draft_id is None:
            return
        self._pending[bill.draft_id] = (tuple(bill.lines), bill.customer_id, bill.bill_discount_paise, bill.confirmed)
        if not self._busy and not self._timer.isActive():
            self._timer.start()

    def flush(self) -> None:
        """Save now what is waiting (before paying, holding or closing)."""
        self._timer.stop()
        self._next()

    def _next(self) -> None:
        if self._busy or not self._pending:
            return
        draft_id = next(iter(self._pending))
        lines, customer_id, discount, confirmed = contents = self._pending.pop(draft_id)
        self._last = (draft_id, contents)
        self._busy = True
        ctx = self.ctx

        def op() -> bool:
            return counter.save_bill(ctx, draft_id, lines=lines, customer_id=customer_id,
                                     bill_discount_paise=discount, confirmed=confirmed)

        tasks.run_in_background(op, self._done, self._failed, owner=self)

    def _done(self, _saved: object) -> None:
        self._busy = False
        self._last = None
        self._timer.setInterval(self.DELAY_MS)
        if self._pending:
            self._timer.start()

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        log.warning("a bill could not be saved: %s", error)
        if isinstance(error, DiskFull) and self._last is not None:
            # keep what was on the bill (unless a newer change is already waiting) and try again a bit later:
            # the save goes through by itself once there is room on the disk
            draft_id, contents = self._last
            self._pending.setdefault(draft_id, contents)
            self._timer.setInterval(self.DISK_FULL_RETRY_MS)
        self._last = None
        if self._pending:
            self._timer.start()
