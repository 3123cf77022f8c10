"""What the shop earned over days: profit (sales before tax less the cost of what was sold) and the GST its
sales carried. Dates are shop-local ``YYYY-MM-DD`` (orders' ``business_date``); a sale counts as the
shop counts it everywhere (:data:`app.store.sales_history.SOLD`)."""

from __future__ import annotations

from sqlite_utils import Database

from app.store.sales_history import SOLD

# the cost of a line: the item's cost per unit when it was sold, times the quantity (milli-units), to the paisa
LINE_COST = "((l.cost_paise * l.sold_milli + 500) / 1000)"


def profit_between(db: Database, start_on: str, end_on: str, *, sku: str | None = None,
                   category: str | None = None) -> tuple[int, int, int]:
    """(sales before tax, cost of what was sold, lines without a known cost) in paise over the days."""
    where, params = [SOLD, "o.business_date BETWEEN ? AND ?"], [start_on, end_on]
    if sku is not None:
        where.append("l.sku = ?")
        params.append(sku)
    if category is not None:
        where.append("l.sku IN (SELECT sku FROM product WHERE category = ?)")
        params.append(category)
    row = db.execute(f"SELECT coalesce(sum(l.sold_taxable_paise), 0), coalesce(sum({LINE_COST}), 0),"
                     f" coalesce(sum(l.cost_paise = 0), 0) FROM order_line l JOIN orders o ON o.id = l.order_id"
                     f" WHERE {' AND '.join(where)}", params).fetchone()
    return row[0], row[1], row[2]


def profit_by_item(db: Database, start_on: str, end_on: str, *, category: str | None = None,
                   limit: int = 5) -> list[tuple[str, str, int, int]]:
    """(sku, name, sales before tax, profit) of the items that earned most over the days."""
    extra, params = "", [start_on, end_on]
    if category is not None:
        extra = " AND l.sku IN (SELECT sku FROM product WHERE category = ?)"
        params.append(category)
    return db.execute(
        f"SELECT l.sku, max(l.name), sum(l.sold_taxable_paise), sum(l.sold_taxable_paise) - sum({LINE_COST})"
        f" FROM order_line l JOIN orders o ON o.id = l.order_id WHERE {SOLD} AND o.business_date BETWEEN ? AND ?"
        f"{extra} AND l.cost_paise > 0 GROUP BY l.sku ORDER BY 4 DESC LIMIT ?", (*params, limit)).fetchall()


def gst_between(db: Database, start_on: str, end_on: str) -> tuple[int, int, int, int]:
    """(sales before tax, CGST + SGST, IGST, cess) in paise charged on the sales of the days."""
    row = db.execute(
        f"SELECT coalesce(sum(l.taxable_paise), 0), coalesce(sum(l.cgst_paise + l.sgst_paise), 0),"
        f" coalesce(sum(l.igst_paise), 0), coalesce(sum(l.cess_paise), 0) FROM order_line l"
        f" JOIN orders o ON o.id = l.order_id WHERE {SOLD} AND o.business_date BETWEEN ? AND ?",
        (start_on, end_on)).fetchone()
    return row[0], row[1], row[2], row[3]
