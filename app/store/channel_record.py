"""What each paid marketing channel spent and brought (issue 18, allocation between channels): the reads
:mod:`app.domain.channel_split` shares the week's budget on.

* ``whatsapp_api``: the messages' cost, and the bills that redeemed a code from one of those messages.
* ``amazon_ads``: each running stretch of an item's sponsored-products budget (from its ``AdBudgetSet``
  events) counts its daily budget a day — Amazon's real spend is not read back, so this is the most it can
  have been — and the item's Amazon orders in the stretch above its own rate in the 28 days before it.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from sqlite_utils import Database

from app.domain.clock import from_iso, to_iso

__all__ = ["BEFORE_DAYS", "ads_record", "whatsapp_record"]

BEFORE_DAYS = 28  # an item's Amazon orders in these days before its ads are its rate without them


def whatsapp_record(db: Database, since_iso: str) -> tuple[int, int]:
    """(paise spent, bills that redeemed their code) of the WhatsApp Business API's messages since then."""
    spent = db.execute("SELECT COALESCE(SUM(cost_paise), 0) FROM campaign_message WHERE via = 'whatsapp_api'"
                       " AND at >= ?", (since_iso,)).fetchone()[0]
    won = db.execute("SELECT COUNT(DISTINCT r.order_id) FROM campaign_redemption r JOIN campaign_message m"
                     " ON m.variant_id = r.variant_id AND m.customer_id = r.customer_id"
                     " WHERE m.via = 'whatsapp_api' AND m.at >= ?", (since_iso,)).fetchone()[0]
    return int(spent), int(won)


def _amazon_orders(db: Database, sku: str, start: datetime, end: datetime) -> int:
    row = db.execute(
        "SELECT COUNT(DISTINCT o.id) FROM orders o JOIN order_line l ON l.order_id = o.id"
        " JOIN sync_channel s ON s.channel = o.channel AND s.adapter = 'amazon'"
        " WHERE l.sku = ? AND o.kind = 'sale' AND o.status NOT IN ('draft', 'cancelled', 'returned')"
        " AND o.created_at >= ? AND o.created_at < ?", (sku, to_iso(start), to_iso(end))).fetchone()
    return int(row[0])


def ads_record(db: Database, since_iso: str, now_iso: str) -> tuple[int, float]:
    """(paise at most spent, Amazon orders above the advertised items' own rates) of the sponsored-products
    budgets that ran since then."""
    since, now = from_iso(since_iso), from_iso(now_iso)
    stretches: dict[str, list[tuple[datetime, int]]] = {}
    for at, data in db.execute("SELECT at, data_json FROM event WHERE type = 'AdBudgetSet' ORDER BY id"):
        fields = json.loads(data)
        if fields.get("channel") == "amazon_ads":
            stretches.setdefault(str(fields["sku"]), []).append((from_iso(at), int(fields["daily_paise"])))
    spent = 0.0
    won = 0.0
    for sku, changes in stretches.items():
        for (start, daily), (end, _next) in zip(changes, [*changes[1:], (now, 0)], strict=True):
            start, end = max(start, since), min(end, now)
            if daily <= 0 or end <= start:
                continue
            days = (end - start) / timedelta(days=1)
            spent += daily * days
            before = _amazon_orders(db, sku, start - timedelta(days=BEFORE_DAYS), start) / BEFORE_DAYS
            won += _amazon_orders(db, sku, start, end) - before * days
    return round(spent), won
