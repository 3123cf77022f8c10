"""The stock ledger: append a move (the trigger keeps the balance), read balances and history."""

from __future__ import annotations

from sqlite_utils import Database

from app.domain.records import StockMove
from app.store.rows import fetch_all, scalar

__all__ = ["add_move", "add_stock_row", "daily_moves", "dated_receipts", "item_moves", "items_moves", "ledger_sum",
           "local_receipt_seen", "low_stock", "low_stock_count", "mismatches", "moves", "on_hand", "on_hand_many",
           "put_stock_day", "receipt_count", "receipts_of_po", "stock_days", "wastage_cost"]


def add_move(db: Database, *, sku: str, qty_milli: int, reason: str, source: str, source_ref: str,
             at: str, actor: str, unit_cost_paise: int | None = None, expires_on: str | None = None,
             event_id: int | None = None) -> int:
    """Append one move inside the caller's transaction. ``UNIQUE(source, source_ref, reason)`` makes
    re-applying the same real-world movement (an order line imported twice) fail instead of counting twice."""
    return db.execute(
        "INSERT INTO stock_move (sku, qty_milli, reason, source, source_ref, unit_cost_paise, expires_on, at,"
        " actor, event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (sku, qty_milli, reason, source, source_ref, unit_cost_paise, expires_on, at, actor, event_id),
    ).lastrowid


def on_hand(db: Database, sku: str) -> int:
    """Stock on hand in milli-units (0 for an item never moved)."""
    return scalar(db, "SELECT on_hand_milli FROM stock WHERE sku = ?", (sku,)) or 0


def on_hand_many(db: Database, skus: list[str]) -> dict[str, int]:
    if not skus:
        return {}
    marks = ",".join("?" * len(skus))
    found = dict(db.execute(f"SELECT sku, on_hand_milli FROM stock WHERE sku IN ({marks})", skus).fetchall())
    return {sku: found.get(sku, 0) for sku in skus}


def ledger_sum(db: Database, sku: str) -> int:
    return scalar(db, "SELECT coalesce(sum(qty_milli), 0) FROM stock_move WHERE sku = ?", (sku,))


def mismatches(db: Database) -> list[tuple[str, int, int]]:
    """(sku, balance, ledger sum) for every item whose balance differs from its ledger: always empty."""
    return db.execute(
        "SELECT s.sku, s.on_hand_milli, coalesce(m.total, 0) FROM stock s"
        " LEFT JOIN (SELECT sku, sum(qty_milli) AS total FROM stock_move GROUP BY sku) m ON m.sku = s.sku"
        " WHERE s.on_hand_milli != coalesce(m.total, 0)"
        " UNION ALL SELECT m.sku, 0, m.total FROM (SELECT sku, sum(qty_milli) AS total FROM stock_move"
        " GROUP BY sku) m WHERE m.sku NOT IN (SELECT sku FROM stock)"
    ).fetchall()


def moves(db: Database, sku: str, *, limit: int = 100) -> list[StockMove]:
    return fetch_all(db, StockMove, "SELECT * FROM stock_move WHERE sku = ? ORDER BY id DESC LIMIT ?",
                     (sku, limit))


def receipt_count(db: Database, source: str, source_ref_prefix: str) -> int:
    """How many moves of ``source`` have a reference starting with ``source_ref_prefix``.

    A range on the UNIQUE(source, source_ref, reason) index, not LIKE (which would read every earlier
    receipt: 46 ms a call on a shop with years of purchases)."""
    return scalar(db, "SELECT count(*) FROM stock_move WHERE source = ? AND source_ref >= ? AND source_ref < ?",
                  (source, source_ref_prefix, source_ref_prefix + "\uffff"))


def low_stock_count(db: Database) -> int:
    """How many active items are at or below their reorder point."""
    return scalar(db, "SELECT count(*) FROM product p LEFT JOIN stock s ON s.sku = p.sku WHERE p.active = 1"
                      " AND p.reorder_point_milli > 0 AND coalesce(s.on_hand_milli, 0) <= p.reorder_point_milli")


def low_stock(db: Database, *, limit: int = 100) -> list[tuple[str, int, int]]:
    """(sku, on hand, reorder point) for active items at or under their reorder point."""
    return db.execute(
        "SELECT p.sku, coalesce(s.on_hand_milli, 0), p.reorder_point_milli FROM product p"
        " LEFT JOIN stock s ON s.sku = p.sku WHERE p.active = 1 AND p.reorder_point_milli > 0"
        " AND coalesce(s.on_hand_milli, 0) <= p.reorder_point_milli ORDER BY p.name_en LIMIT ?", (limit,)
    ).fetchall()


def stock_days(db: Database, since_on: str, until_on: str) -> list[tuple[str, int, int, float, int]]:
    """From ``stock_day``: (date, active items, out of stock, availability, inventory value) per day."""
    return db.execute("SELECT business_date, active_skus, out_of_stock, availability, inventory_value_paise"
                      " FROM stock_day WHERE business_date BETWEEN ? AND ? ORDER BY business_date",
                      (since_on, until_on)).fetchall()


def put_stock_day(db: Database, *, business_date: str, active_skus: int, out_of_stock: int, availability: float,
                  inventory_value_paise: int, at: str) -> None:
    """The day's stock picture into ``stock_day`` (a second write the same day replaces the first)."""
    db.execute("INSERT INTO stock_day (business_date, active_skus, out_of_stock, availability,"
               " inventory_value_paise, at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(business_date) DO UPDATE SET"
               " active_skus = excluded.active_skus, out_of_stock = excluded.out_of_stock,"
               " availability = excluded.availability, inventory_value_paise = excluded.inventory_value_paise,"
               " at = excluded.at", (business_date, active_skus, out_of_stock, float(availability),
                                     inventory_value_paise, at))


def daily_moves(db: Database, since_at: str, offset_minutes: int) -> list[tuple[str, str, int]]:
    """(sku, local date, net quantity moved) per item and day since ``since_at`` (UTC ISO)."""
    return db.execute(
        f"SELECT sku, date(at, '{int(offset_minutes):+d} minutes'), sum(qty_milli) FROM stock_move"
        " WHERE at >= ? GROUP BY 1, 2", (since_at,)).fetchall()


def dated_receipts(db: Database, since_at: str) -> list[tuple[str, int, str, str]]:
    """(sku, quantity, expires_on, at) of receipts carrying an expiry date, newest first."""
    return db.execute(
        "SELECT sku, qty_milli, expires_on, at FROM stock_move WHERE expires_on IS NOT NULL AND qty_milli > 0"
        " AND at >= ? ORDER BY id DESC", (since_at,)).fetchall()


def item_moves(db: Database, sku: str, since_at: str, offset_minutes: int) -> list[tuple[str, int]]:
    """(local date, net quantity moved) of one item since ``since_at``."""
    return db.execute(
        f"SELECT date(at, '{int(offset_minutes):+d} minutes'), sum(qty_milli) FROM stock_move"
        " WHERE sku = ? AND at >= ? GROUP BY 1", (sku, since_at)).fetchall()


ITEMS_PER_QUERY = 400  # two parameters an item: within the 999 of SQLite's older builds


def items_moves(db: Database, since_at: dict[str, str], offset_minutes: int) -> list[tuple[str, str, int]]:
    """(sku, local date, net quantity moved) of each item since its own moment in ``since_at``: what
    :func:`item_moves` reads for one item, for many in one query per ``ITEMS_PER_QUERY`` items."""
    pairs = list(since_at.items())
    rows: list[tuple[str, str, int]] = []
    for first in range(0, len(pairs), ITEMS_PER_QUERY):
        chunk = pairs[first:first + ITEMS_PER_QUERY]
        rows += db.execute(
            f"WITH want(sku, since_at) AS (VALUES {', '.join(['(?, ?)'] * len(chunk))})"
            f" SELECT m.sku, date(m.at, '{int(offset_minutes):+d} minutes'), sum(m.qty_milli) FROM want w"
            " JOIN stock_move m ON m.sku = w.sku AND m.at >= w.since_at GROUP BY m.sku, 2",
            [value for pair in chunk for value in pair]).fetchall()
    return rows


def receipts_of_po(db: Database, po_no: str) -> list[tuple[str, int, str]]:
    """(sku, quantity, at) received against one purchase order."""
    return db.execute("SELECT sku, qty_milli, at FROM stock_move WHERE source = 'po' AND source_ref LIKE ? || ':%'"
                      " ORDER BY id", (po_no,)).fetchall()


def wastage_cost(db: Database, since_at: str, until_at: str) -> int:
    """Cost of the goods written off as waste between the two moments (at the item's current cost)."""
    row = db.execute(
        "SELECT coalesce(sum(-m.qty_milli * p.cost_paise / 1000), 0) FROM stock_move m JOIN product p"
        " ON p.sku = m.sku WHERE m.reason = 'wastage' AND m.at >= ? AND m.at < ?", (since_at, until_at)).fetchone()
    return int(row[0])


def add_stock_row(db: Database, sku: str, at: str) -> None:
    """A new item's stock balance, at 0 (its moves keep it from then on)."""
    db.execute("INSERT INTO stock (sku, on_hand_milli, updated_at) VALUES (?, 0, ?)", (sku, at))


def local_receipt_seen(db: Database, source_ref: str) -> bool:
    """Whether a delivery received at the shop (not against a purchase order) with this reference is in the ledger."""
    return db.execute("SELECT 1 FROM stock_move WHERE source = 'local' AND source_ref = ? AND reason = 'purchase'",
                      (source_ref,)).fetchone() is not None
