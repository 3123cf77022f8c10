"""The figures the Today page compares with last week: sales and their cost per day, and the stock's value."""

from __future__ import annotations

from sqlite_utils import Database

from app.store.sales_history import SOLD

__all__ = ["sales_by_day", "stock_value"]


def sales_by_day(db: Database, since_on: str, until_on: str) -> dict[str, tuple[int, int]]:
    """{business date: (amount before tax, cost of the goods sold)} for the days that sold anything."""
    rows = db.execute(
        "SELECT o.business_date, coalesce(sum(l.sold_taxable_paise), 0),"
        " coalesce(sum(l.cost_paise * l.sold_milli / 1000), 0)"
        f" FROM orders o JOIN order_line l ON l.order_id = o.id WHERE {SOLD} AND o.business_date BETWEEN ? AND ?"
        " GROUP BY o.business_date", (since_on, until_on)).fetchall()
    return {str(day): (int(amount), int(cost)) for day, amount, cost in rows}


def stock_value(db: Database) -> int:
    """What the stock on the shelves cost, now (active items, at their cost)."""
    row = db.execute("SELECT coalesce(sum(max(s.on_hand_milli, 0) * p.cost_paise / 1000), 0) FROM stock s"
                     " JOIN product p ON p.sku = s.sku WHERE p.active = 1").fetchone()
    return int(row[0])
