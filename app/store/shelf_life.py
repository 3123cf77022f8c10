"""How old the stock on the shelf is: which receipt the next unit sold comes from, first in, first out."""

from __future__ import annotations

from sqlite_utils import Database

from app.store.stock import on_hand

__all__ = ["next_out_expiry"]


def next_out_expiry(db: Database, sku: str) -> str | None:
    """The best-before date (YYYY-MM-DD) of the units that go out next, or None when not known.

    First in, first out: what is on hand is the newest goods that came in (receipts, returns, counts
    upwards), so the next unit sold is from the oldest of those."""
    left = on_hand(db, sku)
    if left <= 0:
        return None
    expiry = None
    for qty, expires_on in db.execute("SELECT qty_milli, expires_on FROM stock_move WHERE sku = ? AND qty_milli > 0"
                                      " ORDER BY id DESC", (sku,)):
        expiry = expires_on
        left -= qty
        if left <= 0:
            break
    return expiry
