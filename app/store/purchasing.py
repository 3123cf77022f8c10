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
