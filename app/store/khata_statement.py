"""A khata customer's entries between two times, with what they owed before: the rows of a statement."""

from __future__ import annotations

from sqlite_utils import Database

__all__ = ["balance_before", "entries_between"]


def balance_before(db: Database, customer_id: int, before_at: str) -> int:
    """What the customer owed just before ``before_at`` (UTC ISO)."""
    return db.execute("SELECT coalesce(sum(amount_paise), 0) FROM khata_entry WHERE customer_id = ? AND at < ?",
                      (customer_id, before_at)).fetchone()[0]


def entries_between(db: Database, customer_id: int, start_at: str, end_at: str) -> list[tuple]:
    """(at, kind, amount_paise, bill number or '', payment method or '', note) from ``start_at`` up to
    ``end_at`` (UTC ISO, end excluded), oldest first."""
    return db.execute(
        "SELECT k.at, k.kind, k.amount_paise, coalesce(o.invoice_no, ''), coalesce(p.method, ''), k.note"
        " FROM khata_entry k LEFT JOIN orders o ON o.id = k.order_id LEFT JOIN payment p ON p.id = k.payment_id"
        " WHERE k.customer_id = ? AND k.at >= ? AND k.at < ? ORDER BY k.at, k.id",
        (customer_id, start_at, end_at)).fetchall()
