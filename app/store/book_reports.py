"""The reads behind the Reports page's books: bills by the hour, the day book (every bill, credit note and
payment of a period), stock value and slow movers. Dates are shop-local ``YYYY-MM-DD`` (orders'
``business_date``, supplier payments' ``paid_on``, purchase bills' ``bill_date``); a payment without a
bill (a khata collection) has only its UTC time, so it is read between the UTC times of the period's edges.
A sale counts as everywhere else (:data:`app.store.sales_history.SOLD`)."""

from __future__ import annotations

from sqlite_utils import Database

from app.store.sales_history import SOLD

__all__ = ["bills_with_times", "day_book_bills", "day_book_collections", "day_book_purchases",
           "day_book_supplier_payments", "last_sales", "stock_on_hand"]


def bills_with_times(db: Database, start_on: str, end_on: str) -> list[tuple[str, int, int]]:
    """(UTC time the bill was made, total with tax, before tax) of each sale in the days."""
    return db.execute(
        f"SELECT coalesce(o.completed_at, o.created_at), o.total_paise, o.taxable_paise FROM orders o"
        f" WHERE {SOLD} AND o.business_date BETWEEN ? AND ?", (start_on, end_on)).fetchall()


def day_book_bills(db: Database, start_on: str, end_on: str) -> list[tuple[str, str, str, str, int, int, int, int]]:
    """Sales and credit notes of the days: (UTC time, 'sale' or 'return', number, customer, total,
    paid in other than khata, paid back other than khata, put on or taken off the khata)."""
    return db.execute(
        "SELECT coalesce(o.completed_at, o.created_at), o.kind, coalesce(o.invoice_no, '#' || o.id),"
        " coalesce(nullif(o.customer_name, ''), c.name, ''), o.total_paise,"
        " coalesce(sum(CASE WHEN p.method != 'khata' AND p.amount_paise > 0 THEN p.amount_paise END), 0),"
        " coalesce(-sum(CASE WHEN p.method != 'khata' AND p.amount_paise < 0 THEN p.amount_paise END), 0),"
        " coalesce(sum(CASE WHEN p.method = 'khata' THEN p.amount_paise END), 0)"
        " FROM orders o LEFT JOIN payment p ON p.order_id = o.id AND p.status != 'pending'"
        " LEFT JOIN customer c ON c.id = o.customer_id"
        " WHERE ((o.kind = 'sale' AND o.status NOT IN ('draft', 'held', 'cancelled'))"
        "        OR (o.kind = 'return' AND o.status = 'completed'))"
        " AND o.business_date BETWEEN ? AND ? GROUP BY o.id ORDER BY 1, o.id", (start_on, end_on)).fetchall()


def day_book_collections(db: Database, start_at: str, end_at: str) -> list[tuple[str, str, str, int, str]]:
    """Khata payments (no bill) made from ``start_at`` up to ``end_at`` (UTC): (time, customer, way,
    amount: below zero for a payment taken back, reference)."""
    return db.execute(
        "SELECT p.at, coalesce(c.name, ''), p.method, p.amount_paise, p.reference FROM payment p"
        " LEFT JOIN customer c ON c.id = p.customer_id"
        " WHERE p.order_id IS NULL AND p.status = 'received' AND p.at >= ? AND p.at < ? ORDER BY p.at, p.id",
        (start_at, end_at)).fetchall()


def day_book_supplier_payments(db: Database, start_on: str, end_on: str) -> list[tuple[str, str, str, int, str]]:
    """(UTC time written, supplier, way, amount, reference) of the payments to suppliers on the days."""
    if not _has_table(db, "supplier_payment"):
        return []
    return db.execute(
        "SELECT sp.at, s.name, sp.method, sp.amount_paise, sp.reference FROM supplier_payment sp"
        " JOIN supplier s ON s.id = sp.supplier_id WHERE sp.paid_on BETWEEN ? AND ? ORDER BY sp.paid_on, sp.id",
        (start_on, end_on)).fetchall()


def day_book_purchases(db: Database, start_on: str, end_on: str) -> list[tuple[str, str, str, int]]:
    """(bill date, supplier, their bill number, total) of the purchase bills dated on the days."""
    if not _has_table(db, "purchase_bill"):
        return []
    return db.execute(
        "SELECT bill_date, supplier_name, bill_no, total_paise FROM purchase_bill WHERE bill_date BETWEEN ? AND ?"
        " ORDER BY bill_date, id", (start_on, end_on)).fetchall()


def stock_on_hand(db: Database) -> list[tuple[str, str, str, str, str, str, str, int, int, int]]:
    """Every active item with stock: (sku, English name, Hindi name, unit, category code, category English,
    category Hindi, on hand in milli-units, cost a unit, price a unit)."""
    return db.execute(
        "SELECT p.sku, p.name_en, p.name_hi, p.unit, coalesce(p.category, ''), coalesce(c.name_en, ''),"
        " coalesce(c.name_hi, ''), s.on_hand_milli, p.cost_paise, p.price_paise"
        " FROM stock s JOIN product p ON p.sku = s.sku LEFT JOIN category c ON c.code = p.category"
        " WHERE s.on_hand_milli > 0 AND p.active = 1").fetchall()


def last_sales(db: Database, start_on: str, end_on: str) -> tuple[dict[str, str], dict[str, int]]:
    """({sku: business date of its last sale ever}, {sku: quantity sold in the days}) for items sold."""
    last = dict(db.execute(f"SELECT l.sku, max(o.business_date) FROM order_line l JOIN orders o ON o.id = l.order_id"
                           f" WHERE {SOLD} GROUP BY l.sku").fetchall())
    sold = dict(db.execute(f"SELECT l.sku, sum(l.sold_milli) FROM order_line l JOIN orders o ON o.id = l.order_id"
                           f" WHERE {SOLD} AND o.business_date BETWEEN ? AND ? GROUP BY l.sku",
                           (start_on, end_on)).fetchall())
    return last, sold


def _has_table(db: Database, name: str) -> bool:
    return db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() is not None
