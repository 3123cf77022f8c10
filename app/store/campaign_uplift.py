"""Reads and writes of the customers a campaign held back, and what both groups did afterwards: the
measured uplift of a campaign (docs/marketing.md, "Held-back customers")."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from app.domain.campaigns import LAPSED, Measured

__all__ = ["Uplift", "held_out", "insert_holdout", "measured", "uplift", "variant_successes"]

WINDOW_DAYS = 28  # what a customer does within four weeks of the message (or of being held back) counts


@dataclass(frozen=True)
class Uplift:
    """Customers messaged and held back whose four weeks are over (``settled``), and how many of each came
    (any completed bill) and bought the campaign's item in those four weeks."""

    messaged: int
    messaged_came: int
    messaged_bought: int
    held: int
    held_came: int
    held_bought: int

    def came_uplift(self) -> float | None:
        """Share of the messaged who came, less the share of the held back who came (None: no one to compare)."""
        if not self.messaged or not self.held:
            return None
        return self.messaged_came / self.messaged - self.held_came / self.held

    def bought_uplift(self) -> float | None:
        if not self.messaged or not self.held:
            return None
        return self.messaged_bought / self.messaged - self.held_bought / self.held


def held_out(db: Database, campaign_id: int) -> set[int]:
    return {r[0] for r in db.execute("SELECT customer_id FROM campaign_holdout WHERE campaign_id = ?", (campaign_id,))}


def insert_holdout(db: Database, campaign_id: int, customer_id: int, at: str) -> None:
    db.execute("INSERT OR IGNORE INTO campaign_holdout (campaign_id, customer_id, at) VALUES (?, ?, ?)",
               (campaign_id, customer_id, at))


_GROUP = """
SELECT COUNT(*),
  COALESCE(SUM(EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = g.customer_id AND o.kind = 'sale'
    AND o.status = 'completed' AND julianday(o.completed_at) > julianday(g.at)
    AND julianday(o.completed_at) <= julianday(g.at) + :window)), 0),
  COALESCE(SUM(EXISTS (SELECT 1 FROM orders o JOIN order_line l ON l.order_id = o.id
    WHERE o.customer_id = g.customer_id AND o.kind = 'sale' AND o.status = 'completed' AND l.sku = c.sku
    AND julianday(o.completed_at) > julianday(g.at) AND julianday(o.completed_at) <= julianday(g.at) + :window)), 0)
FROM {table} g JOIN campaign c ON c.id = g.campaign_id
WHERE julianday(g.at) + :window <= julianday(:now) AND {where}
"""


def uplift(db: Database, now_iso: str, *, campaign_id: int | None = None, segment: str | None = None) -> Uplift:
    """The settled customers of one campaign (``campaign_id``) or of every campaign to ``segment``."""
    params: dict[str, object] = {"window": WINDOW_DAYS, "now": now_iso, "campaign": campaign_id, "segment": segment}
    where = "c.id = :campaign" if campaign_id is not None else "c.segment = :segment"
    sent = db.execute(_GROUP.format(table="campaign_message", where=where), params).fetchone()
    held = db.execute(_GROUP.format(table="campaign_holdout", where=where), params).fetchone()
    return Uplift(int(sent[0]), int(sent[1]), int(sent[2]), int(held[0]), int(held[1]), int(held[2]))


def measured(db: Database, now_iso: str, segment: str) -> Measured:
    """The settled customers of every campaign to ``segment``, counted by what a campaign to that group asks:
    coming back for the lapsed, buying the campaign's item for the others."""
    found = uplift(db, now_iso, segment=segment)
    lapsed = segment == LAPSED
    return Measured(found.messaged, found.messaged_came if lapsed else found.messaged_bought,
                    found.held, found.held_came if lapsed else found.held_bought)


def variant_successes(db: Database, campaign_id: int, now_iso: str, *, lapsed: bool) -> dict[int, int]:
    """{variant id: messages that worked so far}: the code was redeemed, or, once the four weeks are over, the
    customer came back (``lapsed``) or bought the campaign's item (the others). The held-back customers are the
    same for every variant of a campaign, so ranking variants by this ranks them by their uplift."""
    outcome = ("EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = m.customer_id AND o.kind = 'sale'"
               " AND o.status = 'completed' AND julianday(o.completed_at) > julianday(m.at)"
               " AND julianday(o.completed_at) <= julianday(m.at) + :window)") if lapsed else (
        "EXISTS (SELECT 1 FROM orders o JOIN order_line l ON l.order_id = o.id WHERE o.customer_id = m.customer_id"
        " AND o.kind = 'sale' AND o.status = 'completed' AND l.sku = c.sku AND julianday(o.completed_at) >"
        " julianday(m.at) AND julianday(o.completed_at) <= julianday(m.at) + :window)")
    rows = db.execute(
        "SELECT m.variant_id, COUNT(*) FROM campaign_message m JOIN campaign c ON c.id = m.campaign_id"
        " WHERE m.campaign_id = :campaign AND (EXISTS (SELECT 1 FROM campaign_redemption r JOIN orders o"
        " ON o.id = r.order_id WHERE r.variant_id = m.variant_id AND o.customer_id = m.customer_id)"
        f" OR (julianday(m.at) + :window <= julianday(:now) AND {outcome})) GROUP BY m.variant_id",
        {"campaign": campaign_id, "now": now_iso, "window": WINDOW_DAYS}).fetchall()
    return {int(v): int(n) for v, n in rows}
