"""Substitutes proposed for items of home-delivery orders (table ``order_substitution``), and rewriting an
order's lines and totals when the customer agrees."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

__all__ = ["Substitution", "asked_on_whatsapp", "by_order", "insert", "next_line_no", "open_for", "replace_lines",
           "set_answer", "waiting"]


@dataclass(frozen=True)
class Substitution:
    id: int
    order_id: int
    line_no: int
    sku_from: str
    qty_milli: int
    price_from_paise: int
    sku_to: str
    price_to_paise: int
    asked_by: str
    status: str  # asked | accepted | declined
    outcome: str  # '' | drop | cancel
    new_line_no: int | None
    created_at: str
    answered_at: str | None


_COLUMNS = ("id, order_id, line_no, sku_from, qty_milli, price_from_paise, sku_to, price_to_paise, asked_by, status,"
            " outcome, new_line_no, created_at, answered_at")


def insert(db: Database, *, order_id: int, line_no: int, sku_from: str, qty_milli: int, price_from_paise: int,
           sku_to: str, price_to_paise: int, asked_by: str, at: str) -> int:
    cursor = db.execute(
        "INSERT INTO order_substitution (order_id, line_no, sku_from, qty_milli, price_from_paise, sku_to,"
        " price_to_paise, asked_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (order_id, line_no, sku_from, qty_milli, price_from_paise, sku_to, price_to_paise, asked_by, at))
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def open_for(db: Database, order_id: int) -> Substitution | None:
    """The question still waiting for the customer's answer on this order (at most one)."""
    row = db.execute(f"SELECT {_COLUMNS} FROM order_substitution WHERE order_id = ? AND status = 'asked'",
                     (order_id,)).fetchone()
    return Substitution(*row) if row else None


def waiting(db: Database) -> set[int]:
    """Orders with a question about a substitute still waiting for the customer's answer."""
    return {int(r[0]) for r in db.execute("SELECT order_id FROM order_substitution WHERE status = 'asked'")}


def by_order(db: Database, order_id: int) -> list[Substitution]:
    return [Substitution(*row) for row in db.execute(
        f"SELECT {_COLUMNS} FROM order_substitution WHERE order_id = ? ORDER BY id", (order_id,))]


def set_answer(db: Database, substitution_id: int, *, status: str, outcome: str = "", new_line_no: int | None = None,
               at: str) -> None:
    db.execute("UPDATE order_substitution SET status = ?, outcome = ?, new_line_no = ?, answered_at = ?"
               " WHERE id = ? AND status = 'asked'", (status, outcome, new_line_no, at, substitution_id))


def next_line_no(db: Database, order_id: int) -> int:
    """A line number the order never had: its stock moves are keyed by line, so a number is never reused."""
    row = db.execute(
        "SELECT max(n) FROM (SELECT line_no AS n FROM order_line WHERE order_id = ?"
        " UNION ALL SELECT line_no FROM order_substitution WHERE order_id = ?"
        " UNION ALL SELECT new_line_no FROM order_substitution WHERE order_id = ? AND new_line_no IS NOT NULL)",
        (order_id, order_id, order_id)).fetchone()
    return int(row[0] or 0) + 1


def replace_lines(db: Database, order_id: int, bill) -> None:
    """The order's lines are about to be written again (``sales._insert_lines``): drop the old ones and set the
    order's totals from the new ``bill`` (a ``billing.PricedBill``)."""
    db.execute("DELETE FROM order_line WHERE order_id = ?", (order_id,))
    db.execute("UPDATE orders SET gross_paise = ?, discount_paise = ?, taxable_paise = ?, cgst_paise = ?,"
               " sgst_paise = ?, igst_paise = ?, cess_paise = ?, round_off_paise = ?, total_paise = ? WHERE id = ?",
               (bill.gross_paise, bill.discount_paise, *bill.split.parts(), bill.round_off_paise, bill.total_paise,
                order_id))


def asked_on_whatsapp(db: Database, phone_digits: str) -> list[int]:
    """The orders with a question open that was asked on WhatsApp of the customer with this number."""
    return [r[0] for r in db.execute(
        "SELECT s.order_id FROM order_substitution s JOIN delivery_order d ON d.order_id = s.order_id"
        " WHERE s.status = 'asked' AND s.asked_by = 'whatsapp' AND d.customer_phone = ?", (phone_digits,)).fetchall()]
