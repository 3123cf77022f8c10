"""The packs that sell most: the shop's best seller by amount (the item the agents' limits are explained on,
an example the seller knows) and the counter's item search ranked by how often each pack is billed.

Typing "tata salt" at the counter should offer the pack the shop sells all day before the one it sells
once a month; an item code or barcode typed in full still comes first."""

from __future__ import annotations

from sqlite_utils import Database

from app.domain.records import Product
from app.store import catalog
from app.store.sales_history import SOLD

__all__ = ["best_seller", "bills_per_item", "counter_search"]


def best_seller(db: Database, since_on: str, *, with_mrp: bool = True) -> str | None:
    """The active item that sold for the most since ``since_on`` (with an MRP, when asked), else the active
    item with the highest price (a new shop has no sales yet); None on a shop without items."""
    mrp = " AND p.mrp_paise IS NOT NULL AND p.mrp_paise > 0" if with_mrp else ""
    row = db.execute(
        "SELECT l.sku FROM orders o JOIN order_line l ON l.order_id = o.id JOIN product p ON p.sku = l.sku"
        f" WHERE {SOLD} AND o.business_date >= ? AND p.active = 1 AND p.price_paise > 0{mrp}"
        " GROUP BY l.sku ORDER BY sum(l.sold_taxable_paise) DESC, l.sku LIMIT 1", (since_on,)).fetchone()
    if row is None:
        row = db.execute(f"SELECT p.sku FROM product p WHERE p.active = 1 AND p.price_paise > 0{mrp}"
                         " ORDER BY p.price_paise DESC, p.sku LIMIT 1").fetchone()
    return None if row is None else str(row[0])


def bills_per_item(db: Database, skus: list[str], since_on: str) -> dict[str, int]:
    """How many sales since ``since_on`` (a business date) had each item on them."""
    if not skus:
        return {}
    marks = ",".join("?" * len(skus))
    return dict(db.execute(
        f"SELECT l.sku, count(DISTINCT l.order_id) FROM order_line l JOIN orders o ON o.id = l.order_id"
        f" WHERE l.sku IN ({marks}) AND {SOLD} AND o.business_date >= ?"
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
