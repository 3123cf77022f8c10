"""Orders (counter bills and marketplace orders), their lines and payments."""

from __future__ import annotations

from sqlite_utils import Database

from app.domain.records import Order, OrderLine, Payment
from app.store.rows import fetch_all, fetch_one, scalar
from app.store.sales_history import SOLD, SOLD_TOTAL

__all__ = ["by_invoice", "by_remote", "day_totals", "get", "payments", "recent"]


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
