"""Orders (counter bills and marketplace orders), their lines and payments."""

from __future__ import annotations

from sqlite_utils import Database

from app.domain.records import Order, OrderLine, Payment
from app.store.rows import fetch_all, fetch_one, scalar
from app.store.sales_history import SOLD, SOLD_TOTAL

__all__ = ["add_paid", "by_invoice", "by_remote", "credit_notes_of", "day_totals", "get", "has_payment_reference",
           "insert_counter_sale", "insert_credit_note", "insert_khata_payment", "insert_lines",
           "insert_marketplace_order", "insert_payment", "insert_refund", "insert_return_lines", "last_payment_id",
           "mark_cancelled", "mark_returned", "newest_by_remote_id", "payment_facts", "payments", "recent",
           "returned_so_far", "set_flow_status", "status_of", "usual_line_qty"]


def get(db: Database, order_id: int, *, with_lines: bool = True) -> Order | None:
    order = fetch_one(db, Order, "SELECT * FROM orders WHERE id = ?", (order_id,))
    if order is None or not with_lines:
        return order
    lines = tuple(fetch_all(db, OrderLine, "SELECT * FROM order_line WHERE order_id = ? ORDER BY line_no",
                            (order_id,)))
    return _with_lines(order, lines)


def _with_lines(order: Order, lines: tuple[OrderLine, ...]) -> Order:
    from dataclasses import replace

    return replace(order, lines=lines)


def by_remote(db: Database, channel: str, remote_id: str) -> Order | None:
    row = scalar(db, "SELECT id FROM orders WHERE channel = ? AND remote_id = ?", (channel, remote_id))
    return None if row is None else get(db, row)


def by_invoice(db: Database, invoice_no: str, fy: str | None = None) -> Order | None:
    if fy is None:
        row = scalar(db, "SELECT id FROM orders WHERE invoice_no = ? ORDER BY id DESC", (invoice_no,))
    else:
        row = scalar(db, "SELECT id FROM orders WHERE invoice_no = ? AND fy = ?", (invoice_no, fy))
    return None if row is None else get(db, row)


def payments(db: Database, order_id: int) -> list[Payment]:
    return fetch_all(db, Payment, "SELECT * FROM payment WHERE order_id = ? ORDER BY id", (order_id,))


def recent(db: Database, *, limit: int = 50, status: str | None = None) -> list[Order]:
    if status:
        return fetch_all(db, Order, "SELECT * FROM orders WHERE status = ? ORDER BY id DESC LIMIT ?",
                         (status, limit))
    return fetch_all(db, Order, "SELECT * FROM orders ORDER BY id DESC LIMIT ?", (limit,))


def day_totals(db: Database, business_date: str) -> tuple[int, int]:
    """(number of completed sales, their total in paise) on a shop-local date."""
    row = db.execute(
        f"SELECT count(*), coalesce(sum({SOLD_TOTAL}), 0) FROM orders o WHERE o.business_date = ? AND {SOLD}",
        (business_date,),
    ).fetchone()
    return row[0], row[1]


def usual_line_qty(db: Database, sku: str) -> int | None:
    """The most of ``sku`` sold on one line lately (None before its first sales)."""
    row = db.execute("SELECT max(qty_milli) FROM (SELECT qty_milli FROM order_line WHERE sku = ?"
                     " ORDER BY order_id DESC LIMIT 200)", (sku,)).fetchone()
    return row[0] if row and row[0] else None


def insert_counter_sale(db: Database, values: tuple) -> int:
    """A completed counter sale; ``values`` in the order of the columns below after ``status``. Returns its id."""
    cursor = db.execute(
        "INSERT INTO orders (kind, channel, status, doc_type, invoice_no, fy, customer_id, customer_name,"
        " customer_gstin, place_of_supply, interstate, gross_paise, discount_paise, taxable_paise, cgst_paise,"
        " sgst_paise, igst_paise, cess_paise, round_off_paise, total_paise, paid_paise, note, created_at,"
        " completed_at, business_date, actor)"
        " VALUES ('sale', 'counter', 'completed', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
        " ?)", values)
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def insert_marketplace_order(db: Database, values: tuple) -> int:
    """A marketplace order; ``values`` in the order of the columns below, the constants left out. Returns its id."""
    cursor = db.execute(
        "INSERT INTO orders (kind, channel, remote_id, status, doc_type, fy, customer_name, place_of_supply,"
        " interstate, gross_paise, discount_paise, taxable_paise, cgst_paise, sgst_paise, igst_paise, cess_paise,"
        " round_off_paise, total_paise, paid_paise, created_at, business_date, actor)"
        " VALUES ('sale', ?, ?, ?, 'tax_invoice', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 0, ?, ?, ?)",
        values)
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def insert_lines(db: Database, rows: list[tuple]) -> None:
    """Order lines, each row in the order of the columns below."""
    db.conn.executemany(
        "INSERT INTO order_line (order_id, line_no, sku, name, hsn_code, unit, qty_milli, unit_price_paise, mrp_paise,"
        " discount_paise, gst_rate_bp, cess_bp, taxable_paise, cgst_paise, sgst_paise, igst_paise, cess_paise,"
        " total_paise, cost_paise, remote_line_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows)


def insert_payment(db: Database, *, order_id: int | None, customer_id: int | None, method: str, amount_paise: int,
                   tendered_paise: int | None, reference: str | None, at: str, actor: str) -> int:
    """A payment received. Returns its id."""
    cursor = db.execute(
        "INSERT INTO payment (order_id, customer_id, method, amount_paise, tendered_paise, reference, status, at,"
        " actor) VALUES (?, ?, ?, ?, ?, ?, 'received', ?, ?)",
        (order_id, customer_id, method, amount_paise, tendered_paise, reference, at, actor))
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def add_paid(db: Database, order_id: int, amount_paise: int) -> None:
    db.execute("UPDATE orders SET paid_paise = paid_paise + ? WHERE id = ?", (amount_paise, order_id))


def set_flow_status(db: Database, order_id: int, status: str, at: str) -> None:
    """A marketplace order's new status; ``at`` becomes its completion time when it is delivered."""
    db.execute("UPDATE orders SET status = ?, completed_at = CASE WHEN ? = 'delivered' THEN ? ELSE completed_at"
               " END WHERE id = ?", (status, status, at, order_id))


def mark_cancelled(db: Database, order_id: int) -> None:
    db.execute("UPDATE orders SET status = 'cancelled' WHERE id = ?", (order_id,))


def mark_returned(db: Database, order_id: int) -> None:
    db.execute("UPDATE orders SET status = 'returned' WHERE id = ?", (order_id,))


def returned_so_far(db: Database, order_id: int) -> dict[int, int]:
    """Invoice line number -> quantity already returned against it."""
    return dict(db.execute(
        "SELECT l.line_no, sum(l.qty_milli) FROM order_line l JOIN orders o ON o.id = l.order_id"
        " WHERE o.original_order_id = ? AND o.kind = 'return' AND o.status = 'completed' GROUP BY l.line_no",
        (order_id,)).fetchall())


def insert_credit_note(db: Database, values: tuple) -> int:
    """A completed return (a credit note); ``values`` in the order of the columns below after ``doc_type``, the
    constants left out. Returns its id."""
    cursor = db.execute(
        "INSERT INTO orders (kind, channel, status, doc_type, invoice_no, fy, original_order_id, customer_id,"
        " customer_name, customer_gstin, place_of_supply, interstate, gross_paise, discount_paise,"
        " taxable_paise, cgst_paise, sgst_paise, igst_paise, cess_paise, round_off_paise, total_paise,"
        " paid_paise, note, created_at, completed_at, business_date, actor)"
        " VALUES ('return', ?, 'completed', 'credit_note', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
        " ?, ?, ?, ?)", values)
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def insert_return_lines(db: Database, rows: list[tuple]) -> None:
    """A credit note's lines, each row as for ``insert_lines`` without the last column (a return has no marketplace
    line id)."""
    insert_lines(db, [(*row, None) for row in rows])


def insert_refund(db: Database, *, order_id: int, customer_id: int | None, method: str, amount_paise: int,
                  reference: str | None, at: str, actor: str) -> int:
    """Money paid back on a return (``amount_paise`` negative). Returns the payment's id."""
    cursor = db.execute(
        "INSERT INTO payment (order_id, customer_id, method, amount_paise, tendered_paise, reference, status, at,"
        " actor) VALUES (?, ?, ?, ?, NULL, ?, 'refunded', ?, ?)",
        (order_id, customer_id, method, amount_paise, reference, at, actor))
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def status_of(db: Database, order_id: int) -> str:
    """The order's status (the order must exist)."""
    return db.execute("SELECT status FROM orders WHERE id = ?", (order_id,)).fetchone()[0]


def insert_khata_payment(db: Database, *, customer_id: int, method: str, amount_paise: int, reference: str, at: str,
                         actor: str) -> int:
    """Money on a customer's khata, not a bill's (negative: a payment taken back). Returns its id."""
    cursor = db.execute(
        "INSERT INTO payment (customer_id, method, amount_paise, reference, status, at, actor)"
        " VALUES (?, ?, ?, ?, 'received', ?, ?)", (customer_id, method, amount_paise, reference, at, actor),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def payment_facts(db: Database, payment_id: int) -> tuple[int | None, str, int, int | None] | None:
    """(customer id, way of paying, amount, order id) of a payment; None when there is none."""
    row = db.execute("SELECT customer_id, method, amount_paise, order_id FROM payment WHERE id = ?",
                     (payment_id,)).fetchone()
    return None if row is None else (row[0], row[1], row[2], row[3])


def has_payment_reference(db: Database, reference: str) -> bool:
    return db.execute("SELECT 1 FROM payment WHERE reference = ?", (reference,)).fetchone() is not None


def last_payment_id(db: Database, order_id: int) -> int:
    """The newest payment of an order (it must have one)."""
    return int(db.execute("SELECT MAX(id) FROM payment WHERE order_id = ?", (order_id,)).fetchone()[0])


def newest_by_remote_id(db: Database, remote_id: str) -> int | None:
    """The newest order with this marketplace order id, on any channel and in any case."""
    row = db.execute("SELECT id FROM orders WHERE upper(remote_id) = ? ORDER BY id DESC LIMIT 1",
                     (remote_id.upper(),)).fetchone()
    return int(row[0]) if row else None


def credit_notes_of(db: Database, order_id: int) -> list[tuple[str, int]]:
    """(number, total) of the completed returns against an order, oldest first."""
    return db.execute("SELECT invoice_no, total_paise FROM orders WHERE original_order_id = ? AND kind = 'return'"
                      " AND status = 'completed' ORDER BY id", (order_id,)).fetchall()
