"""Records beyond what a shop can hold, stored before the bounds of ``app.domain.bounds`` existed (or
written into the file by hand): a 10^15 quantity, a bill of Rs 10^16.

Nothing can write such a value any more, but a shop may already hold one, and a report that adds it up
overflows SQLite's integer sums. Such a failure is never shown as a crash: :func:`out_of_bounds_error`
names the records (bill, line, payment, stock move, khata entry, item) so the seller can check them,
and ``check`` lists them. The scan reads each table once with a plain comparison.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from app.domain.bounds import MAX_BILL_PAISE, MAX_LINE_PAISE, MAX_QTY_MILLI, MAX_UNIT_PAISE
from app.errors import StoreError
from app.i18n import _

__all__ = ["OddRecord", "RecordsOutOfBounds", "find", "is_overflow", "out_of_bounds_error"]

_QTY = max(MAX_QTY_MILLI.values())
SHOWN = 3  # records named in a message; ``check`` lists more


class RecordsOutOfBounds(StoreError):
    """A report could not add up the shop because some stored records hold impossible values."""

    def __init__(self, message: str, *, hint: str = "", records: tuple[OddRecord, ...] = ()) -> None:
        super().__init__(message, hint=hint)
        self.records = records


@dataclass(frozen=True)
class OddRecord:
    kind: str  # bill, bill line, payment, stock move, khata entry, item
    ref: str  # how the seller finds it: an invoice number, an item code, a number
    field: str
    value: int

    def describe(self) -> str:
        what = {"total_paise": _("total (paise)"), "paid_paise": _("paid (paise)"),
                "amount_paise": _("amount (paise)"), "price_paise": _("price (paise)"),
                "qty_milli": _("quantity (thousandths)"), "on_hand_milli": _("stock (thousandths)")}
        field = what.get(self.field, self.field)
        return _("{kind} {ref}: {field} {value}").format(kind=self.kind, ref=self.ref, field=field,
                                                         value=f"{self.value:,}")


# (kind, SQL giving ref, field name, value) for each place a value beyond the bounds can sit
def _queries() -> list[tuple[str, str, tuple]]:
    bill_ref = "coalesce(o.invoice_no, '#' || o.id)"
    return [
        (_("bill"), f"SELECT {bill_ref}, 'total_paise', o.total_paise FROM orders o WHERE abs(o.total_paise) > ?"
                    f" UNION ALL SELECT {bill_ref}, 'paid_paise', o.paid_paise FROM orders o"
                    " WHERE abs(o.paid_paise) > ?", (MAX_BILL_PAISE, MAX_BILL_PAISE)),
        (_("bill line"), f"SELECT {bill_ref} || ' / ' || l.sku, 'qty_milli', l.qty_milli FROM order_line l"
                         " JOIN orders o ON o.id = l.order_id WHERE abs(l.qty_milli) > ?"
                         f" UNION ALL SELECT {bill_ref} || ' / ' || l.sku, 'total_paise', l.total_paise"
                         " FROM order_line l JOIN orders o ON o.id = l.order_id WHERE abs(l.total_paise) > ?",
         (_QTY, MAX_LINE_PAISE)),
        (_("payment"), "SELECT '#' || id, 'amount_paise', amount_paise FROM payment WHERE abs(amount_paise) > ?",
         (MAX_BILL_PAISE,)),
        (_("stock move"), "SELECT '#' || id || ' ' || sku, 'qty_milli', qty_milli FROM stock_move"
                          " WHERE abs(qty_milli) > ?", (_QTY,)),
        (_("khata entry"), "SELECT '#' || id, 'amount_paise', amount_paise FROM khata_entry"
                           " WHERE abs(amount_paise) > ?", (MAX_BILL_PAISE,)),
        (_("item"), "SELECT sku, 'price_paise', price_paise FROM product WHERE abs(price_paise) > ?"
                    " UNION ALL SELECT sku, 'on_hand_milli', on_hand_milli FROM stock WHERE abs(on_hand_milli) > ?",
         (MAX_UNIT_PAISE, _QTY * 1000)),
    ]


def find(conn: sqlite3.Connection, *, limit: int = 10) -> list[OddRecord]:
    """Up to ``limit`` records holding values beyond the bounds, in the order of the tables above."""
    found: list[OddRecord] = []
    for kind, sql, params in _queries():
        try:
            rows = conn.execute(f"{sql} LIMIT ?", (*params, limit - len(found))).fetchall()
        except sqlite3.Error:  # a table an older shop does not have yet
            continue
        found += [OddRecord(kind, str(ref), str(field), int(value)) for ref, field, value in rows]
        if len(found) >= limit:
            break
    return found


def is_overflow(error: BaseException) -> bool:
    """Whether ``error`` is SQLite's integer overflow in a sum (the sign of such records)."""
    return isinstance(error, sqlite3.OperationalError) and "integer overflow" in str(error)


def out_of_bounds_error(shop_db: Path) -> RecordsOutOfBounds:
    """The error to show instead of a crash when adding up the shop overflowed, naming the records."""
    try:
        conn = sqlite3.connect(f"file:{shop_db}?mode=ro", uri=True)
        try:
            records = find(conn, limit=SHOWN + 1)
        finally:
            conn.close()
    except sqlite3.Error:
        records = []
    named = "; ".join(r.describe() for r in records[:SHOWN]) or _("(they could not be listed)")
    if len(records) > SHOWN:
        named += "; " + _("and more ('check' lists them)")
    return RecordsOutOfBounds(
        _("This cannot be added up: the shop holds records with values beyond any real shop's, stored before "
          "TAVYONIX checked them: {records}.").format(records=named),
        hint=_("Check those records (a barcode scanned into a quantity, a key held down); cancel a wrong bill "
               "with 'order cancel'. Nothing was changed."), records=tuple(records))
