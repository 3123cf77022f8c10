"""Rows of export orders and the stock their open lines reserve (``export_order``, ``export_order_line``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlite_utils import Database

from app.domain.trade.terms import ExportTerms

__all__ = ["hold_pending", "holds_of", "insert_order", "mark_held", "order_lines", "order_row", "order_rows",
           "pending_holds", "request_hold", "reserved_many", "set_sale", "set_state"]

# an open order holds its units unless its hold still waits for the decision engine
_HOLDING = ("o.state = 'open' AND NOT EXISTS (SELECT 1 FROM export_hold_request h WHERE h.export_order_id = o.id"
            " AND h.state = 'pending')")

_COLUMNS = ("id", "state", "mode", "buyer_name", "buyer_address", "country", "currency", "fx_paise", "incoterm",
            "payment_terms", "route", "port_code", "order_id", "created_at", "closed_at")


def insert_order(db: Database, terms: ExportTerms, lines: Sequence[tuple[str, int, int | None]], *, created_at: str,
                 actor: str) -> int:
    """An open export order with its lines (sku, quantity in milli-units, price in paise or None)."""
    order_id = int(db.execute(  # type: ignore[arg-type]
        "INSERT INTO export_order (state, mode, buyer_name, buyer_address, country, currency, fx_paise, incoterm,"
        " payment_terms, route, port_code, created_at, actor) VALUES ('open', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (terms.mode, terms.buyer_name, terms.buyer_address, terms.country, terms.currency, terms.fx_paise,
         terms.incoterm, terms.payment_terms, terms.route, terms.port_code, created_at, actor)).lastrowid)
    db.conn.executemany(
        "INSERT INTO export_order_line (export_order_id, line_no, sku, qty_milli, unit_price_paise)"
        " VALUES (?, ?, ?, ?, ?)", [(order_id, n, *line) for n, line in enumerate(lines, start=1)])
    return order_id


def order_row(db: Database, export_order_id: int) -> dict[str, Any] | None:
    row = db.execute(f"SELECT {', '.join(_COLUMNS)} FROM export_order WHERE id = ?", (export_order_id,)).fetchone()
    return dict(zip(_COLUMNS, row, strict=True)) if row else None


def order_rows(db: Database, *, states: Sequence[str] = ("open", "invoiced", "cancelled")) -> list[dict[str, Any]]:
    marks = ",".join("?" * len(states))
    return [dict(zip(_COLUMNS, r, strict=True)) for r in db.execute(
        f"SELECT {', '.join(_COLUMNS)} FROM export_order WHERE state IN ({marks}) ORDER BY id DESC", tuple(states))]


def order_lines(db: Database, export_order_id: int) -> list[tuple[str, int, int | None]]:
    """(sku, quantity in milli-units, price in paise or None) of each line, in order."""
    return [(r[0], int(r[1]), r[2]) for r in db.execute(
        "SELECT sku, qty_milli, unit_price_paise FROM export_order_line WHERE export_order_id = ? ORDER BY line_no",
        (export_order_id,))]


def reserved_many(db: Database, skus: Sequence[str]) -> dict[str, int]:
    """Milli-units of each item held by open export orders (0 for an item no open order holds)."""
    if not skus:
        return {}
    marks = ",".join("?" * len(skus))
    found = dict(db.execute(
        "SELECT l.sku, sum(l.qty_milli) FROM export_order_line l JOIN export_order o ON o.id = l.export_order_id"
        f" WHERE {_HOLDING} AND l.sku IN ({marks}) GROUP BY l.sku", tuple(skus)).fetchall())
    return {sku: int(found.get(sku, 0)) for sku in skus}


def holds_of(db: Database, sku: str) -> list[tuple[int, int]]:
    """(export order id, milli-units) of each open export order that holds ``sku``, oldest first."""
    return [(int(r[0]), int(r[1])) for r in db.execute(
        "SELECT o.id, sum(l.qty_milli) FROM export_order_line l JOIN export_order o ON o.id = l.export_order_id"
        f" WHERE {_HOLDING} AND l.sku = ? GROUP BY o.id ORDER BY o.id", (sku,))]


def set_state(db: Database, export_order_id: int, state: str, *, at: str, order_id: int | None = None) -> bool:
    """Close an open export order (invoiced with its invoice's order id, or cancelled); False if it was not open."""
    return db.execute("UPDATE export_order SET state = ?, order_id = ?, closed_at = ? WHERE id = ? AND state = 'open'",
                      (state, order_id, at, export_order_id)).rowcount == 1


def request_hold(db: Database, export_order_id: int, *, at: str) -> None:
    """The order's hold waits for the decision engine (the trade agent proposes it)."""
    db.execute("INSERT INTO export_hold_request (export_order_id, state, requested_at) VALUES (?, 'pending', ?)",
               (export_order_id, at))


def hold_pending(db: Database, export_order_id: int) -> bool:
    return db.execute("SELECT 1 FROM export_hold_request WHERE export_order_id = ? AND state = 'pending'",
                      (export_order_id,)).fetchone() is not None


def pending_holds(db: Database) -> list[int]:
    """Open export orders whose hold waits for the engine, oldest first."""
    return [int(r[0]) for r in db.execute(
        "SELECT h.export_order_id FROM export_hold_request h JOIN export_order o ON o.id = h.export_order_id"
        " WHERE h.state = 'pending' AND o.state = 'open' ORDER BY h.export_order_id")]


def mark_held(db: Database, export_order_id: int, *, at: str, decision_id: int | None) -> bool:
    """The engine's decision held the order's units; False if its hold was not pending."""
    return db.execute("UPDATE export_hold_request SET state = 'held', held_at = ?, decision_id = ?"
                      " WHERE export_order_id = ? AND state = 'pending'",
                      (at, decision_id, export_order_id)).rowcount == 1


def set_sale(db: Database, export_order_id: int, order_id: int) -> None:
    """The sale (an order) an export order was invoiced as."""
    db.execute("UPDATE export_order SET order_id = ? WHERE id = ?", (order_id, export_order_id))
