"""Reads of the market around the shop: competitor prices and promotions (tables of ``store/schema/autonomy``)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from app.store.rows import fetch_all, fetch_one


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
