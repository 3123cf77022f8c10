"""Purchase orders to suppliers."""

from __future__ import annotations

from dataclasses import replace

from sqlite_utils import Database

from app.domain.records import PurchaseOrder, PurchaseOrderLine
from app.store.rows import fetch_all, fetch_one


def get(db: Database, po_id: int) -> PurchaseOrder | None:
    po = fetch_one(db, PurchaseOrder, "SELECT * FROM purchase_order WHERE id = ?", (po_id,))
    if po is None:
        return None
    lines = fetch_all(db, PurchaseOrderLine, "SELECT * FROM purchase_order_line WHERE po_id = ? ORDER BY id",
                      (po_id,))
    return replace(po, lines=tuple(lines))


def by_number(db: Database, po_no: str) -> PurchaseOrder | None:
    row = db.execute("SELECT id FROM purchase_order WHERE po_no = ?", (po_no,)).fetchone()
    return None if row is None else get(db, row[0])


def open_orders(db: Database, supplier_id: int | None = None) -> list[PurchaseOrder]:
    sql = "SELECT * FROM purchase_order WHERE status IN ('draft', 'sent', 'partly_received')"
    params: tuple = ()
    if supplier_id is not None:
        sql += " AND supplier_id = ?"
        params = (supplier_id,)
    return fetch_all(db, PurchaseOrder, sql + " ORDER BY id", params)


def on_order(db: Database, sku: str) -> int:
    """Quantity ordered from suppliers and not yet received (milli-units)."""
    row = db.execute(
        "SELECT coalesce(sum(l.qty_milli - l.received_milli), 0) FROM purchase_order_line l"
        " JOIN purchase_order o ON o.id = l.po_id WHERE l.sku = ? AND o.status IN ('sent', 'partly_received')",
        (sku,)).fetchone()
    return row[0]


def open_po_lines(db: Database) -> list[tuple]:
    """(po id, supplier id, status, expected_on, sent_at, sku, quantity still due) of orders not yet
    received in full, drafts included (a draft is an order the seller is about to send)."""
    return db.execute(
        "SELECT o.id, o.supplier_id, o.status, o.expected_on, o.sent_at, l.sku, l.qty_milli - l.received_milli"
        " FROM purchase_order o JOIN purchase_order_line l ON l.po_id = o.id"
        " WHERE o.status IN ('draft', 'sent', 'partly_received') AND l.qty_milli > l.received_milli").fetchall()


def purchase_spend(db: Database, since_at: str) -> int:
    """Value of the purchase orders created since ``since_at`` and not cancelled."""
    row = db.execute("SELECT coalesce(sum(total_paise), 0) FROM purchase_order WHERE created_at >= ?"
                     " AND status != 'cancelled'", (since_at,)).fetchone()
    return int(row[0])


def purchase_order_state(db: Database, po_id: int) -> tuple[str, str, str | None, str | None, int] | None:
    """(status, po number, sent_at, expected_on, supplier id) of one purchase order."""
    return db.execute("SELECT status, po_no, sent_at, expected_on, supplier_id FROM purchase_order WHERE id = ?",
                      (po_id,)).fetchone()


def received_between(db: Database, since_at: str, until_at: str) -> list[tuple[int, str, int, str, str, int | None]]:
    """(po id, po number, supplier id, sent_at, received_at, decision id) of sent orders received in full
    between the two moments, oldest receipt first."""
    return db.execute("SELECT id, po_no, supplier_id, sent_at, received_at, decision_id FROM purchase_order"
                      " WHERE status = 'received' AND sent_at IS NOT NULL AND received_at >= ? AND received_at < ?"
                      " ORDER BY received_at, id", (since_at, until_at)).fetchall()


def late_orders(db: Database, before_on: str) -> list[tuple[int, int, str, str]]:
    """(po id, supplier id, sent_at, expected_on) of sent orders expected before ``before_on`` and not received."""
    return db.execute("SELECT id, supplier_id, sent_at, expected_on FROM purchase_order WHERE status = 'sent'"
                      " AND expected_on < ? AND sent_at IS NOT NULL", (before_on,)).fetchall()


def insert_order(db: Database, *, po_no: str, supplier_id: int, total_paise: int, note: str, expected_on: str,
                 at: str, actor: str, decision_id: int | None, lines: list[tuple[str, int, int]]) -> int:
    """A draft purchase order and its lines ((sku, quantity, cost) each). Returns its id."""
    cursor = db.execute(
        "INSERT INTO purchase_order (po_no, supplier_id, status, total_paise, note, expected_on, created_at,"
        " actor, decision_id) VALUES (?, ?, 'draft', ?, ?, ?, ?, ?, ?)",
        (po_no, supplier_id, total_paise, note, expected_on, at, actor, decision_id),
    )
    assert cursor.lastrowid is not None
    po_id = cursor.lastrowid
    db.conn.executemany("INSERT INTO purchase_order_line (po_id, sku, qty_milli, cost_paise) VALUES (?, ?, ?, ?)",
                        [(po_id, *row) for row in lines])
    return po_id


def mark_sent(db: Database, po_id: int, at: str) -> None:
    db.execute("UPDATE purchase_order SET status = 'sent', sent_at = ? WHERE id = ?", (at, po_id))


def add_received(db: Database, line_id: int, qty_milli: int) -> None:
    db.execute("UPDATE purchase_order_line SET received_milli = received_milli + ? WHERE id = ?",
               (qty_milli, line_id))


def fully_received(db: Database, po_id: int) -> bool:
    """Whether every line of the order has come in whole."""
    return all(r[0] >= r[1] for r in db.execute(
        "SELECT received_milli, qty_milli FROM purchase_order_line WHERE po_id = ?", (po_id,)))


def set_received(db: Database, po_id: int, *, complete: bool, at: str) -> None:
    """The order's state after a receipt: received (``at`` its time) or partly received."""
    db.execute("UPDATE purchase_order SET status = ?, received_at = CASE WHEN ? THEN ? ELSE received_at END"
               " WHERE id = ?", ("received" if complete else "partly_received", complete, at, po_id))


def mark_cancelled(db: Database, po_id: int, at: str) -> None:
    db.execute("UPDATE purchase_order SET status = 'cancelled', cancelled_at = ? WHERE id = ?", (at, po_id))
