"""What the marketing agent reads about items: favourites of a group of customers, best sellers, new items."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlite_utils import Database

from app.domain.campaigns import LAPSED, caused_share, shown_share
from app.domain.clock import to_iso
from app.store import campaign_uplift
from app.store.rows import fetch_one, scalar

__all__ = ["ItemFacts", "best_seller", "creator_record", "favourite_item", "item_facts", "new_items",
           "open_campaign_keys", "pending_campaign_keys", "segment_record", "visit_history"]


@dataclass(frozen=True)
class ItemFacts:
    sku: str
    price_paise: int
    cost_paise: int
    mrp_paise: int | None
    stock_milli: int
    shelf_life_days: int | None = None


def item_facts(db: Database, sku: str) -> ItemFacts | None:
    return fetch_one(db, ItemFacts, "SELECT p.sku, p.price_paise, p.cost_paise, p.mrp_paise,"
                     " COALESCE(s.on_hand_milli, 0) AS stock_milli, p.shelf_life_days"
                     " FROM product p LEFT JOIN stock s ON s.sku = p.sku WHERE p.sku = ? AND p.active = 1", (sku,))


def _keeps(lasting_over: int) -> str:
    """SQL: the bill line's item keeps longer than ``lasting_over`` days (no shelf life: it keeps)."""
    return (" AND NOT EXISTS (SELECT 1 FROM product q WHERE q.sku = l.sku AND q.shelf_life_days IS NOT NULL"
            f" AND q.shelf_life_days <= {int(lasting_over)})") if lasting_over > 0 else ""


def favourite_item(db: Database, customer_ids: list[int], *, lasting_over: int = 0) -> str | None:
    """The item these customers bought on the most bills (among the items that keep longer than
    ``lasting_over`` days)."""
    if not customer_ids:
        return None
    marks = ", ".join("?" * len(customer_ids))
    return scalar(db, "SELECT l.sku FROM order_line l JOIN orders o ON o.id = l.order_id"
                  f" WHERE o.kind = 'sale' AND o.status = 'completed' AND o.customer_id IN ({marks})"
                  f"{_keeps(lasting_over)}"
                  " GROUP BY l.sku ORDER BY COUNT(DISTINCT o.id) DESC, l.sku LIMIT 1", customer_ids)


def best_seller(db: Database, since: date, *, lasting_over: int = 0) -> str | None:
    """The item on the most bills since ``since`` (among the items that keep longer than ``lasting_over`` days)."""
    return scalar(db, "SELECT l.sku FROM order_line l JOIN orders o ON o.id = l.order_id"
                  " WHERE o.kind = 'sale' AND o.status = 'completed' AND o.business_date >= ?"
                  f"{_keeps(lasting_over)}"
                  " GROUP BY l.sku ORDER BY COUNT(DISTINCT o.id) DESC, l.sku LIMIT 1", (since.isoformat(),))


def new_items(db: Database, since: datetime) -> list[tuple[str, str | None]]:
    """(sku, category) of the active items added since ``since``, newest first."""
    return [(r[0], r[1]) for r in db.execute("SELECT sku, category FROM product WHERE active = 1 AND created_at >= ?"
                                             " ORDER BY created_at DESC, sku LIMIT 20", (to_iso(since),))]


def open_campaign_keys(db: Database) -> set[tuple[str, str, str]]:
    """(sku, segment, segment_arg) of every campaign planned, running or paused."""
    return {(r[0], r[1], r[2]) for r in db.execute(
        "SELECT sku, segment, segment_arg FROM campaign WHERE status IN ('planned', 'running', 'paused')")}


def pending_campaign_keys(db: Database) -> set[tuple[str, str, str]]:
    """(sku, segment, segment_arg) of every campaign the marketing agent proposed that waits for the seller."""
    out = set()
    for (actions,) in db.execute(
            "SELECT d.actions_json FROM agent_approval a JOIN agent_decision d ON d.id = a.decision_id"
            " WHERE a.status = 'pending' AND d.decision_type = 'campaign'"):
        for action in json.loads(actions):
            params = action.get("params", {})
            out.add((str(params.get("item", "")), str(params.get("segment", "")), str(params.get("segment_arg", ""))))
    return out


def segment_record(db: Database, segment: str) -> tuple[int, int]:
    """(messages sent, codes redeemed) over every campaign to ``segment``: the shop's own measure."""
    row = db.execute(
        "SELECT (SELECT COUNT(*) FROM campaign_message m JOIN campaign c ON c.id = m.campaign_id"
        " WHERE c.segment = ?), (SELECT COUNT(*) FROM campaign_redemption r JOIN campaign_variant v"
        " ON v.id = r.variant_id JOIN campaign c ON c.id = v.campaign_id WHERE c.segment = ?)",
        (segment, segment)).fetchone()
    return int(row[0] or 0), int(row[1] or 0)


def creator_record(db: Database, created_by: str, now_iso: str) -> tuple[int, int]:
    """(paise spent on the messages, margin in paise the codes redeemed on completed bills plausibly brought) of
    every campaign ``created_by`` made: what its campaigns cost and what the counter has shown they brought.

    A code brings the margin of the offered item on its bill (at the price paid, so any discount is off it),
    scaled by the share of the messaged customers' response the messages caused where customers held back from
    the campaigns to the same group have had their four weeks (:func:`app.domain.campaigns.caused_share`): a
    group that comes as often without the message brings back little. The rest of the bill is what the customer
    would have bought on a visit they made anyway, for every group but the lapsed; for the lapsed it is the
    visit won back only as far as the held-back customers show that the messages brought visits
    (:func:`app.domain.campaigns.shown_share`, 0 until they do): a customer the shop's rhythm calls lapsed who
    still comes would have made that visit (docs/marketing.md, "Twelfth session")."""
    spent = db.execute("SELECT COALESCE(SUM(m.cost_paise), 0) FROM campaign_message m JOIN campaign c"
                       " ON c.id = m.campaign_id WHERE c.created_by = ?", (created_by,)).fetchone()[0]
    by_group = db.execute(
        "SELECT c.segment, COALESCE(SUM(CASE WHEN l.sku = c.sku THEN l.taxable_paise - (l.cost_paise * l.qty_milli"
        " + 500) / 1000 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN l.sku = c.sku THEN 0 ELSE l.taxable_paise"
        " - (l.cost_paise * l.qty_milli + 500) / 1000 END), 0)"
        " FROM campaign_redemption r JOIN campaign_variant v ON v.id = r.variant_id"
        " JOIN campaign c ON c.id = v.campaign_id JOIN orders o ON o.id = r.order_id"
        " JOIN order_line l ON l.order_id = o.id"
        " WHERE c.created_by = ? AND o.status = 'completed' AND (c.segment = ? OR l.sku = c.sku)"
        " GROUP BY c.segment", (created_by, LAPSED)).fetchall()
    back = 0.0
    for segment, item, rest in by_group:
        measured = campaign_uplift.measured(db, now_iso, segment)
        back += item * caused_share(measured) + rest * shown_share(measured)
    return int(spent), round(back)


def visit_history(db: Database, customer_ids: list[int]) -> list[tuple[int, int, int]]:
    """Per customer: (visits, days between the first and last visit, gross margin over them in paise)."""
    if not customer_ids:
        return []
    marks = ", ".join("?" * len(customer_ids))
    return [(int(r[0]), int(r[1] or 0), int(r[2] or 0)) for r in db.execute(
        "SELECT COUNT(DISTINCT o.id), CAST(julianday(MAX(o.business_date)) - julianday(MIN(o.business_date)) AS INT),"
        " SUM(l.taxable_paise - (l.cost_paise * l.qty_milli + 500) / 1000)"
        " FROM orders o JOIN order_line l ON l.order_id = o.id"
        f" WHERE o.kind = 'sale' AND o.status = 'completed' AND o.customer_id IN ({marks}) GROUP BY o.customer_id",
        customer_ids)]
