"""The shop's best sellers by amount: the item the agents' limits are explained on, an example the seller knows."""

from __future__ import annotations

from sqlite_utils import Database

from app.store.sales_history import SOLD

__all__ = ["best_seller"]


def best_seller(db: Database, since_on: str, *, with_mrp: bool = True) -> str | None:
    """The active item that sold for the most since ``since_on`` (with an MRP, when asked), else the active
    item with the highest price (a new shop has no sales yet); None on a shop without items."""
    mrp = " AND p.mrp_paise IS NOT NULL AND p.mrp_paise > 0" if with_mrp else ""
    row = db.execute(
        "SELECT l.sku FROM orders o JOIN order_line l ON l.order_id = o.id JOIN product p ON p.sku = l.sku"
        f" WHERE {SOLD} AND o.business_date >= ? AND p.active = 1 AND p.price_paise > 0{mrp}"
        " GROUP BY l.sku ORDER BY sum(l.taxable_paise) DESC, l.sku LIMIT 1", (since_on,)).fetchone()
    if row is None:
        row = db.execute(f"SELECT p.sku FROM product p WHERE p.active = 1 AND p.price_paise > 0{mrp}"
                         " ORDER BY p.price_paise DESC, p.sku LIMIT 1").fetchone()
    return None if row is None else str(row[0])
