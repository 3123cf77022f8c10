"""The market around the shop: competitor prices (``competitor_price``) and promotions (``promotion``)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from app.store.rows import fetch_all, fetch_one

__all__ = ["Promotion", "activate_promotion", "add_competitor_price", "competitor_history", "competitor_prices",
           "get_promotion", "insert_promotion", "open_promotions", "promoted_between", "promotion_overlaps",
           "promotion_spans", "promotions", "set_promotion_status"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Promotion:
    id: int
    sku: str
    kind: str
    price_paise: int
    regular_price_paise: int | None
    starts_on: str
    ends_on: str
    status: str
    reason: str
    goal_id: int | None
    decision_id: int | None
    created_at: str
    updated_at: str
    actor: str


def competitor_prices(db: Database, since_on: str, skus: list[str] | None = None) -> dict[str, int]:
    """{sku: lowest price seen at any source}, counting each source's newest sighting on or after ``since_on``."""
    sql = ("SELECT c.sku, min(c.price_paise) FROM competitor_price c JOIN ("
           " SELECT sku, source, max(id) AS id FROM competitor_price WHERE seen_on >= ? GROUP BY sku, source"
           ") newest ON newest.id = c.id")
    params: list = [since_on]
    if skus is not None:
        if not skus:
            return {}
        sql += f" WHERE c.sku IN ({','.join('?' * len(skus))})"
        params += skus
    return dict(db.execute(sql + " GROUP BY c.sku", params).fetchall())


def competitor_history(db: Database, sku: str, *, limit: int = 50) -> list[tuple[str, str, int]]:
    """(seen_on, source, price) for one item, newest first."""
    return db.execute("SELECT seen_on, source, price_paise FROM competitor_price WHERE sku = ?"
                      " ORDER BY seen_on DESC, id DESC LIMIT ?", (sku, limit)).fetchall()


def get_promotion(db: Database, promotion_id: int) -> Promotion | None:
    return fetch_one(db, Promotion, "SELECT * FROM promotion WHERE id = ?", (promotion_id,))


def open_promotions(db: Database) -> list[Promotion]:
    """Planned and running promotions, by start date."""
    return fetch_all(db, Promotion, "SELECT * FROM promotion WHERE status IN ('planned', 'active')"
                     " ORDER BY starts_on, id")


def promotions(db: Database, *, sku: str | None = None, limit: int = 100) -> list[Promotion]:
    if sku is None:
        return fetch_all(db, Promotion, "SELECT * FROM promotion ORDER BY id DESC LIMIT ?", (limit,))
    return fetch_all(db, Promotion, "SELECT * FROM promotion WHERE sku = ? ORDER BY id DESC LIMIT ?", (sku, limit))


# --- writes (inside a service's transaction) --------------------------------------------------
def add_competitor_price(db: Database, *, sku: str, source: str, price_paise: int, seen_on: str, at: str,
                         actor: str) -> None:
    db.execute("INSERT INTO competitor_price (sku, source, price_paise, seen_on, at, actor) VALUES (?, ?, ?, ?, ?, ?)",
               (sku, source, price_paise, seen_on, at, actor))


def promotion_overlaps(db: Database, sku: str, starts_on: str, ends_on: str) -> bool:
    """Whether a planned or running promotion of the item overlaps the dates."""
    return db.execute("SELECT 1 FROM promotion WHERE sku = ? AND status IN ('planned', 'active')"
                      " AND starts_on <= ? AND ends_on >= ?", (sku, ends_on, starts_on)).fetchone() is not None


def insert_promotion(db: Database, *, sku: str, kind: str, price_paise: int, starts_on: str, ends_on: str,
                     reason: str, goal_id: int | None, decision_id: int | None, at: str, actor: str) -> int:
    """A planned promotion; its id."""
    return db.execute(
        "INSERT INTO promotion (sku, kind, price_paise, starts_on, ends_on, status, reason, goal_id, decision_id,"
        " created_at, updated_at, actor) VALUES (?, ?, ?, ?, ?, 'planned', ?, ?, ?, ?, ?, ?)",
        (sku, kind, price_paise, starts_on, ends_on, reason, goal_id, decision_id, at, at, actor)).lastrowid


def activate_promotion(db: Database, promotion_id: int, regular_price_paise: int, at: str) -> None:
    db.execute("UPDATE promotion SET status = 'active', regular_price_paise = ?, updated_at = ? WHERE id = ?",
               (regular_price_paise, at, promotion_id))


def set_promotion_status(db: Database, promotion_id: int, status: str, at: str) -> None:
    db.execute("UPDATE promotion SET status = ?, updated_at = ? WHERE id = ?", (status, at, promotion_id))


def promoted_between(db: Database, sku: str, since_on: str, until_on: str) -> bool:
    """Whether a promotion of the item ran on any day of the range."""
    return db.execute("SELECT 1 FROM promotion WHERE sku = ? AND status IN ('active', 'ended')"
                      " AND starts_on <= ? AND ends_on >= ? LIMIT 1", (sku, until_on, since_on)).fetchone() is not None


def promotion_spans(db: Database, since_on: str, before_on: str) -> list[tuple[str, str, str]]:
    """(sku, first day, last day) of every promotion that ran on a day from ``since_on`` up to, not including,
    ``before_on``."""
    return db.execute("SELECT sku, starts_on, ends_on FROM promotion WHERE status IN ('active', 'ended')"
                      " AND ends_on >= ? AND starts_on < ?", (since_on, before_on)).fetchall()
