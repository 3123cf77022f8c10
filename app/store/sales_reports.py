"""The reads behind the Reports page: a period's sales by day, by category and by item, what they earned,
and the GST they carried at each rate. Dates are shop-local ``YYYY-MM-DD`` (orders' ``business_date``);
a sale counts as everywhere else (:data:`app.store.sales_history.SOLD`); goods taken back are their own
credit notes (``kind = 'return'``), summed apart so the sales figures match the bills as issued."""

from __future__ import annotations

from sqlite_utils import Database

from app.store.earnings import LINE_COST
from app.store.sales_history import SOLD

__all__ = ["credit_notes_between", "gst_by_rate", "sales_by_category", "sales_by_day", "top_items"]

_PERIOD = f"FROM order_line l JOIN orders o ON o.id = l.order_id WHERE {SOLD} AND o.business_date BETWEEN ? AND ?"


def sales_by_day(db: Database, start_on: str, end_on: str) -> list[tuple[str, int, int, int, int]]:
    """(day, bills, sales with tax, sales before tax, cost of what was sold) for each day with a sale."""
    bills = dict(db.execute(f"SELECT o.business_date, count(*) FROM orders o WHERE {SOLD}"
                            " AND o.business_date BETWEEN ? AND ? GROUP BY 1", (start_on, end_on)).fetchall())
    rows = db.execute(f"SELECT o.business_date, sum(l.sold_total_paise), sum(l.sold_taxable_paise), sum({LINE_COST})"
                      f" {_PERIOD} GROUP BY 1 ORDER BY 1", (start_on, end_on)).fetchall()
    return [(day, bills.get(day, 0), total, taxable, cost) for day, total, taxable, cost in rows]


def sales_by_category(db: Database, start_on: str, end_on: str) -> list[tuple[str, str, str, int, int, int]]:
    """(category code or '', English name, Hindi name, sales with tax, sales before tax, cost), largest first."""
    return db.execute(
        f"SELECT coalesce(c.code, ''), coalesce(c.name_en, ''), coalesce(c.name_hi, ''), sum(l.sold_total_paise),"
        f" sum(l.sold_taxable_paise), sum({LINE_COST}) FROM order_line l JOIN orders o ON o.id = l.order_id"
        " JOIN product p ON p.sku = l.sku LEFT JOIN category c ON c.code = p.category"
        f" WHERE {SOLD} AND o.business_date BETWEEN ? AND ? GROUP BY 1 ORDER BY 4 DESC, 1",
        (start_on, end_on)).fetchall()


def top_items(db: Database, start_on: str, end_on: str, *, limit: int = 20
              ) -> list[tuple[str, str, str, int, int, int, int]]:
    """(sku, name, unit, quantity in milli-units, sales with tax, sales before tax, cost), by sales."""
    return db.execute(
        f"SELECT l.sku, max(l.name), max(l.unit), sum(l.sold_milli), sum(l.sold_total_paise),"
        f" sum(l.sold_taxable_paise),"
        f" sum({LINE_COST}) {_PERIOD} GROUP BY l.sku ORDER BY 5 DESC, 1 LIMIT ?",
        (start_on, end_on, limit)).fetchall()


def gst_by_rate(db: Database, start_on: str, end_on: str) -> list[tuple[int, int, int, int, int, int]]:
    """(GST rate in basis points, sales before tax, CGST, SGST, IGST, cess) at each rate, lowest rate first."""
    return db.execute(
        f"SELECT l.gst_rate_bp, sum(l.taxable_paise), sum(l.cgst_paise), sum(l.sgst_paise), sum(l.igst_paise),"
        f" sum(l.cess_paise) {_PERIOD} GROUP BY 1 ORDER BY 1", (start_on, end_on)).fetchall()


def credit_notes_between(db: Database, start_on: str, end_on: str) -> tuple[int, int, int]:
    """(credit notes, their total with tax, before tax) for goods taken back on the days."""
    row = db.execute("SELECT count(*), coalesce(sum(total_paise), 0), coalesce(sum(taxable_paise), 0) FROM orders"
                     " WHERE kind = 'return' AND status = 'completed' AND business_date BETWEEN ? AND ?",
                     (start_on, end_on)).fetchone()
    return row[0], row[1], row[2]
