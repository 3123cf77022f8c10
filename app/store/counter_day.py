"""The counter's day: cash memos (``counter_receipt``), the consolidated invoices that cover them
(``counter_day_invoice``), the Z reports (``counter_zreport``) and the day's takings read from orders and payments."""

from __future__ import annotations

from sqlite_utils import Database

__all__ = ["add_receipt", "day_invoice_rows", "day_returns", "day_sales", "insert_day_invoice", "insert_zreport",
           "khata_received", "mark_covered", "memo_day_invoice", "memo_lines", "memo_numbers", "next_z_no",
           "open_memo_ids", "payments_by_method", "pending_dates", "pending_memos", "zreport_rows"]

# the sums a Z report reads from the day's completed orders, in DaySummary's order
_ORDER_SUMS = ("SELECT count(*), coalesce(sum(total_paise), 0), coalesce(sum(taxable_paise), 0),"
               " coalesce(sum(cgst_paise), 0), coalesce(sum(sgst_paise), 0), coalesce(sum(igst_paise), 0),"
               " coalesce(sum(cess_paise), 0), coalesce(sum(round_off_paise), 0) FROM orders")


def pending_dates(db: Database) -> list[str]:
    """Business dates with cash memos not yet covered by a consolidated invoice, oldest first."""
    return [r[0] for r in db.execute(
        "SELECT DISTINCT business_date FROM counter_receipt WHERE day_invoice_id IS NULL ORDER BY business_date")]


def open_memo_ids(db: Database, day: str) -> list[int]:
    """The completed cash memos of ``day`` no consolidated invoice covers yet, by order id."""
    return [r[0] for r in db.execute(
        "SELECT r.order_id FROM counter_receipt r JOIN orders o ON o.id = r.order_id"
        " WHERE r.business_date = ? AND r.day_invoice_id IS NULL AND o.status = 'completed' ORDER BY r.order_id",
        (day,))]


def memo_lines(db: Database, ids: list[int]) -> list[tuple]:
    """(hsn, rate, cess rate, taxable, cgst, sgst, igst, cess) summed per HSN code and rate over the orders."""
    marks = ",".join("?" * len(ids))
    return db.execute(
        f"SELECT hsn_code, gst_rate_bp, cess_bp, sum(taxable_paise), sum(cgst_paise), sum(sgst_paise),"
        f" sum(igst_paise), sum(cess_paise) FROM order_line WHERE order_id IN ({marks})"
        f" GROUP BY hsn_code, gst_rate_bp, cess_bp ORDER BY gst_rate_bp, hsn_code", ids).fetchall()


def insert_day_invoice(db: Database, *, fiscal_year: str, number: str, day: str, bill_count: int,
                       parts: tuple[int, ...], total_paise: int, lines_json: str, at: str, actor: str) -> int:
    """Store a consolidated invoice; ``parts`` are (taxable, cgst, sgst, igst, cess). Returns its id."""
    cursor = db.execute(
        "INSERT INTO counter_day_invoice (fy, invoice_no, business_date, bill_count, taxable_paise, cgst_paise,"
        " sgst_paise, igst_paise, cess_paise, total_paise, lines_json, created_at, actor)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (fiscal_year, number, day, bill_count, *parts, total_paise, lines_json, at, actor))
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def mark_covered(db: Database, invoice_id: int, ids: list[int]) -> None:
    marks = ",".join("?" * len(ids))
    db.execute(f"UPDATE counter_receipt SET day_invoice_id = ? WHERE order_id IN ({marks})", (invoice_id, *ids))


def day_invoice_rows(db: Database, day: str | None = None) -> list[tuple]:
    """(id, fy, number, date, bills, taxable, cgst, sgst, igst, cess, total, lines_json, created_at), by id."""
    where, params = ("WHERE business_date = ?", (day,)) if day else ("", ())
    return db.execute(
        f"SELECT id, fy, invoice_no, business_date, bill_count, taxable_paise, cgst_paise, sgst_paise, igst_paise,"
        f" cess_paise, total_paise, lines_json, created_at FROM counter_day_invoice {where} ORDER BY id",
        params).fetchall()


def memo_numbers(db: Database, invoice_id: int) -> tuple[str, ...]:
    """The bill numbers of the cash memos an invoice covers."""
    return tuple(m[0] for m in db.execute(
        "SELECT o.invoice_no FROM counter_receipt r JOIN orders o ON o.id = r.order_id"
        " WHERE r.day_invoice_id = ? ORDER BY o.id", (invoice_id,)))


def day_sales(db: Database, day: str) -> tuple:
    """(bills, total, taxable, cgst, sgst, igst, cess, round-off) of the day's completed counter sales."""
    return db.execute(
        f"{_ORDER_SUMS} WHERE business_date = ? AND kind = 'sale' AND channel = 'counter' AND status = 'completed'",
        (day,)).fetchone()


def day_returns(db: Database, day: str) -> tuple:
    """The same sums over the day's completed returns."""
    return db.execute(f"{_ORDER_SUMS} WHERE business_date = ? AND kind = 'return' AND status = 'completed'",
                      (day,)).fetchone()


def payments_by_method(db: Database, start: str, end: str) -> dict[str, int]:
    """Money in between the UTC bounds per way of paying: the counter's, deliveries' and khata payments."""
    return dict(db.execute(
        "SELECT p.method, sum(p.amount_paise) FROM payment p LEFT JOIN orders o ON o.id = p.order_id"
        " WHERE p.at >= ? AND p.at < ? AND (o.id IS NULL OR o.channel IN ('counter', 'delivery'))"
        " GROUP BY p.method ORDER BY p.method", (start, end)).fetchall())


def khata_received(db: Database, start: str, end: str) -> int:
    return db.execute(
        "SELECT coalesce(sum(amount_paise), 0) FROM payment WHERE order_id IS NULL AND customer_id IS NOT NULL"
        " AND at >= ? AND at < ?", (start, end)).fetchone()[0]


def pending_memos(db: Database, day: str) -> int:
    """Cash memos up to ``day`` not yet covered by a consolidated invoice."""
    return db.execute("SELECT count(*) FROM counter_receipt WHERE day_invoice_id IS NULL"
                      " AND business_date <= ?", (day,)).fetchone()[0]


def next_z_no(db: Database) -> int:
    return db.execute("SELECT coalesce(max(z_no), 0) + 1 FROM counter_zreport").fetchone()[0]


def insert_zreport(db: Database, *, day: str, z_no: int, opening_cash_paise: int, expected_cash_paise: int,
                   counted_cash_paise: int | None, report_json: str, at: str, actor: str) -> None:
    db.execute(
        "INSERT INTO counter_zreport (business_date, z_no, opening_cash_paise, expected_cash_paise,"
        " counted_cash_paise, report_json, created_at, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (day, z_no, opening_cash_paise, expected_cash_paise, counted_cash_paise, report_json, at, actor))


def zreport_rows(db: Database, day: str | None = None) -> list[tuple]:
    """(z number, report_json, counted cash, created_at), by number."""
    where, params = ("WHERE business_date = ?", (day,)) if day else ("", ())
    return db.execute(f"SELECT z_no, report_json, counted_cash_paise, created_at FROM counter_zreport {where}"
                      f" ORDER BY z_no", params).fetchall()


def add_receipt(db: Database, order_id: int) -> None:
    """A sale becomes a cash memo of its business date, waiting for the day's consolidated invoice."""
    db.execute("INSERT INTO counter_receipt (order_id, business_date) SELECT id, business_date FROM orders"
               " WHERE id = ?", (order_id,))


def memo_day_invoice(db: Database, order_id: int) -> tuple[str | None] | None:
    """(the consolidated invoice's number, None while the day's is not issued) of a cash memo; None for a bill that
    is no cash memo."""
    return db.execute("SELECT d.invoice_no FROM counter_receipt r LEFT JOIN counter_day_invoice d"
                      " ON d.id = r.day_invoice_id WHERE r.order_id = ?", (order_id,)).fetchone()
