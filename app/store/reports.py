"""Reads the assistant's answers need: sales over a period, items sold, orders by any number, the sync
queue, why things changed. Dates are shop-local ``YYYY-MM-DD`` (orders' ``business_date``)."""

from __future__ import annotations

from sqlite_utils import Database

from app.domain.records import EventRow, Order
from app.store.rows import fetch_all, fetch_one, scalar
from app.store.sales_history import SOLD, SOLD_TOTAL

__all__ = ["daily_rate", "last_applied_at", "latest_event", "latest_purchase_event",
           "open_marketplace_orders", "order_by_remote", "sales_between", "sales_by_day", "sold_recently_out_of_stock",
           "sync_counts", "sync_failures", "top_items"]


def sales_between(db: Database, start_on: str, end_on: str) -> tuple[int, int]:
    """(bills, total in paise) of completed sales on the days from ``start_on`` to ``end_on``."""
    row = db.execute(f"SELECT count(*), coalesce(sum({SOLD_TOTAL}), 0) FROM orders o WHERE {SOLD}"
                     " AND o.business_date BETWEEN ? AND ?", (start_on, end_on)).fetchone()
    return row[0], row[1]


def sales_by_day(db: Database, start_on: str, end_on: str) -> dict[str, int]:
    return dict(db.execute(f"SELECT o.business_date, sum({SOLD_TOTAL}) FROM orders o WHERE {SOLD}"
                           " AND o.business_date BETWEEN ? AND ? GROUP BY o.business_date", (start_on, end_on)))


def top_items(db: Database, start_on: str, end_on: str, *, limit: int = 5) -> list[tuple[str, str, int, int]]:
    """(sku, name, quantity in milli-units, amount in paise) of the best sellers, by amount."""
    return db.execute(
        f"SELECT l.sku, max(l.name), sum(l.sold_milli), sum(l.sold_total_paise) FROM order_line l JOIN orders o"
        f" ON o.id = l.order_id WHERE {SOLD} AND o.business_date BETWEEN ? AND ? GROUP BY l.sku"
        " ORDER BY sum(l.sold_total_paise) DESC LIMIT ?", (start_on, end_on, limit)).fetchall()


def order_by_remote(db: Database, remote_id: str) -> Order | None:
    return fetch_one(db, Order, "SELECT * FROM orders WHERE upper(remote_id) = upper(?) ORDER BY id DESC",
                     (remote_id,))


def open_marketplace_orders(db: Database, *, limit: int = 20) -> list[Order]:
    return fetch_all(db, Order, "SELECT * FROM orders WHERE channel != 'counter' AND status IN"
                     " ('pending', 'accepted', 'packed', 'shipped') ORDER BY id LIMIT ?", (limit,))


def sync_counts(db: Database) -> list[tuple[str, str, int]]:
    """(channel, status, rows) of the outbox rows not yet settled, and of the failed ones."""
    return db.execute("SELECT channel, status, count(*) FROM outbox WHERE status IN ('pending', 'in_flight', 'unknown',"
                      " 'acked', 'failed', 'dead') GROUP BY channel, status ORDER BY channel, status").fetchall()


def sync_failures(db: Database, *, limit: int = 5) -> list[tuple[str, str, str, str]]:
    """(channel, op, entity, last error) of the newest failed rows."""
    return db.execute("SELECT channel, op, entity_id, coalesce(last_error, '') FROM outbox WHERE status IN"
                      " ('failed', 'dead') ORDER BY created_seq DESC LIMIT ?", (limit,)).fetchall()


def last_applied_at(db: Database) -> str | None:
    return scalar(db, "SELECT max(updated_at) FROM outbox WHERE status = 'applied'")


def latest_event(db: Database, *, types: tuple[str, ...], subject_type: str | None = None,
                 subject_id: str | None = None, with_decision: bool = False) -> EventRow | None:
    """The newest event of one of ``types`` (about one subject; only those an agent's decision caused)."""
    where = [f"type IN ({','.join('?' * len(types))})"]
    params: list = list(types)
    if subject_type is not None:
        where.append("subject_type = ?")
        params.append(subject_type)
    if subject_id is not None:
        where.append("subject_id = ?")
        params.append(subject_id)
    if with_decision:
        where.append("decision_id IS NOT NULL")
    return fetch_one(db, EventRow, f"SELECT * FROM event WHERE {' AND '.join(where)} ORDER BY id DESC LIMIT 1",
                     params)


def latest_purchase_event(db: Database, sku: str | None) -> EventRow | None:
    """The newest purchase order created (for ``sku`` when given), preferring one an agent decided."""
    if sku is None:
        return latest_event(db, types=("PurchaseOrderCreated",), with_decision=True) or \
            latest_event(db, types=("PurchaseOrderCreated",))
    return fetch_one(db, EventRow, "SELECT * FROM event WHERE type = 'PurchaseOrderCreated' AND data_json LIKE ?"
                     " ORDER BY decision_id IS NULL, id DESC LIMIT 1", (f'%"{sku}"%',))


def daily_rate(db: Database, sku: str, start_on: str, end_on: str, days: int) -> float:
    """Average milli-units sold per day over ``days`` days."""
    qty = scalar(db, f"SELECT coalesce(sum(l.sold_milli), 0) FROM order_line l JOIN orders o ON o.id = l.order_id"
                     f" WHERE {SOLD} AND l.sku = ? AND o.business_date BETWEEN ? AND ?", (sku, start_on, end_on))
    return qty / max(days, 1)


def sold_recently_out_of_stock(db: Database, since_on: str, *, limit: int = 50) -> list[tuple[str, str]]:
    """(sku, name) of active items with nothing on hand that sold since ``since_on``."""
    return db.execute(
        "SELECT p.sku, p.name_en FROM product p LEFT JOIN stock s ON s.sku = p.sku WHERE p.active = 1"
        " AND coalesce(s.on_hand_milli, 0) <= 0 AND EXISTS (SELECT 1 FROM order_line l JOIN orders o"
        f" ON o.id = l.order_id WHERE l.sku = p.sku AND {SOLD} AND o.business_date >= ?) ORDER BY p.name_en LIMIT ?",
        (since_on, limit)).fetchall()
