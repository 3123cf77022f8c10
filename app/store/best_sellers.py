"""The counter's item search: matches as the catalog ranks them, then the packs that sell most first.

Typing "tata salt" at the counter should offer the pack the shop sells all day before the one it sells
once a month; an item code or barcode typed in full still comes first."""

from __future__ import annotations

from sqlite_utils import Database

from app.domain.records import Product
from app.store import catalog

__all__ = ["bills_per_item", "counter_search"]


def bills_per_item(db: Database, skus: list[str], since_on: str) -> dict[str, int]:
    """How many sales since ``since_on`` (a business date) had each item on them."""
    if not skus:
        return {}
    marks = ",".join("?" * len(skus))
    return dict(db.execute(
        f"SELECT l.sku, count(DISTINCT l.order_id) FROM order_line l JOIN orders o ON o.id = l.order_id"
        f" WHERE l.sku IN ({marks}) AND o.kind = 'sale' AND o.status = 'completed' AND o.business_date >= ?"
        f" GROUP BY l.sku", (*skus, since_on)).fetchall())


def counter_search(db: Database, text: str, *, since_on: str, limit: int = 12) -> list[Product]:
    """Up to ``limit`` items matching ``text``: an exact code or barcode first, then by bills since
    ``since_on``, most first (the catalog's own order among equals)."""
    found = catalog.search(db, text, limit=limit)
    typed = text.strip()
    exact = [p for p in found if typed in (p.sku, p.barcode)]
    rest = [p for p in found if p not in exact]
    sold = bills_per_item(db, [p.sku for p in rest], since_on)
    rest.sort(key=lambda p: -sold.get(p.sku, 0))  # stable: equals keep the catalog's order
    return exact + rest
