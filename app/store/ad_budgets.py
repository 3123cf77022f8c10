"""Reads and writes of the shop's sponsored-ads budgets (table ``ad_budget``)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from app.store.rows import fetch_all

__all__ = ["AdBudget", "advertisable", "budgets", "listed_on_amazon", "reserved_weekly", "save", "set_remote_campaign"]


@dataclass(frozen=True)
class AdBudget:
    id: int
    channel: str
    sku: str
    remote_sku: str
    daily_paise: int
    state: str
    remote_campaign_id: str | None
    actor: str
    created_at: str
    updated_at: str


def budgets(db: Database, channel: str | None = None) -> list[AdBudget]:
    where, params = ("WHERE channel = ?", (channel,)) if channel else ("", ())
    return fetch_all(db, AdBudget, f"SELECT * FROM ad_budget {where} ORDER BY sku", params)


def reserved_weekly(db: Database, *, except_sku: str | None = None) -> int:
    """Seven days of every running budget: what they may spend in a week, held against the marketing budget."""
    row = db.execute("SELECT COALESCE(SUM(daily_paise), 0) * 7 FROM ad_budget WHERE state = 'running'"
                     " AND sku IS NOT ?", (except_sku,)).fetchone()
    return int(row[0])


def listed_on_amazon(db: Database, sku: str) -> str | None:
    """The seller SKU an item is listed under on a connected Amazon channel, or None."""
    row = db.execute("SELECT COALESCE(l.remote_sku, l.sku) FROM channel_listing l JOIN sync_channel s"
                     " ON s.channel = l.channel WHERE s.adapter = 'amazon' AND l.sku = ? AND l.status = 'active'",
                     (sku,)).fetchone()
    return None if row is None else str(row[0])


def save(db: Database, *, channel: str, sku: str, remote_sku: str, daily_paise: int, state: str, actor: str,
         at: str) -> int:
    db.execute("INSERT INTO ad_budget (channel, sku, remote_sku, daily_paise, state, actor, created_at, updated_at)"
               " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(channel, sku) DO UPDATE SET remote_sku ="
               " excluded.remote_sku, daily_paise = excluded.daily_paise, state = excluded.state, actor ="
               " excluded.actor, updated_at = excluded.updated_at",
               (channel, sku, remote_sku, daily_paise, state, actor, at, at))
    return int(db.execute("SELECT id FROM ad_budget WHERE channel = ? AND sku = ?", (channel, sku)).fetchone()[0])


def set_remote_campaign(db: Database, channel: str, sku: str, campaign_id: str) -> None:
    db.execute("UPDATE ad_budget SET remote_campaign_id = ? WHERE channel = ? AND sku = ?", (campaign_id, channel, sku))


def advertisable(db: Database, since_iso: str) -> list[str]:
    """Items listed on a connected Amazon channel, the most ordered there since ``since_iso`` first."""
    return [r[0] for r in db.execute(
        "SELECT l.sku FROM channel_listing l JOIN sync_channel s ON s.channel = l.channel AND s.adapter = 'amazon'"
        " WHERE l.status = 'active' GROUP BY l.sku ORDER BY (SELECT COUNT(DISTINCT o.id) FROM orders o"
        " JOIN order_line ol ON ol.order_id = o.id WHERE ol.sku = l.sku AND o.channel = l.channel AND o.kind = 'sale'"
        " AND o.status NOT IN ('draft', 'cancelled', 'returned') AND o.created_at >= ?) DESC, l.sku",
        (since_iso,))]
