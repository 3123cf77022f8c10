"""Posts made in several steps, each its own outbox row: when one step is done, the next is queued in the
same transaction that records it (so each step goes at most once, and a step is never queued twice).

- a Facebook photo post of an offer (``campaign.post`` with a ``picture``) that also goes to Instagram
  (``instagram`` in its payload): once posted, the picture's public address is known, and the Instagram
  container is queued on the ``instagram`` channel with it (Instagram takes pictures only from an address);
- the same for a Google post with the picture (``google`` in its payload): the Google offer post is queued
  with the picture's address as its photo;
- an Instagram container (``instagram.container``): once made, its publication (``instagram.publish``).
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from app.store import ad_budgets as ad_store
from app.store import outbox
from app.store.outbox import OutboxRow
from app.sync.marketplaces.base import Outcome
from app.sync.marketplaces.instagram_business import CONTAINER, PUBLISH

__all__ = ["after_applied"]


def _queue(db: Database, row: OutboxRow, channel: str, op: str, step: str, payload: dict[str, Any],
           at: str) -> None:
    entity = f"{row.entity_id}:{step}"
    if outbox.entity_waiting(db, entity):
        return  # queued already (a step read back as done after it was recorded once)
    outbox.enqueue(db, channel=channel, kind="command", op=op, entity_id=entity, payload=payload, at=at,
                   order_key=row.order_key, idem_key=f"{entity}:{row.id}", event_id=row.event_id)


def after_applied(db: Database, row: OutboxRow, payload: dict[str, Any], outcome: Outcome, at: str) -> None:
    """Queue the step that follows ``row`` now that it is done (nothing for a one-step row)."""
    if row.op == "campaign.post" and payload.get("instagram") and payload.get("picture"):
        value = outcome.remote_value if isinstance(outcome.remote_value, dict) else {}
        url = str(value.get("image_url") or "")
        _queue(db, row, "instagram", CONTAINER, "instagram", {
            "campaign": payload.get("campaign"), "code": payload.get("code"), "image_url": url,
            "caption": payload.get("message")}, at)
    if row.op == "campaign.post" and payload.get("google") and payload.get("picture"):
        value = outcome.remote_value if isinstance(outcome.remote_value, dict) else {}
        rest = {k: v for k, v in payload.items() if k not in ("picture", "instagram", "google")}
        _queue(db, row, "google", "campaign.post", "google", {**rest, "photo_url": str(value.get("image_url") or "")},
               at)
    if row.op == "ads.budget" and outcome.remote_ref:  # the ads campaign's id, kept with the shop's budget
        ad_store.set_remote_campaign(db, row.channel, str(payload.get("sku") or ""), outcome.remote_ref)
    if row.op == CONTAINER and outcome.remote_ref:
        _queue(db, row, row.channel, PUBLISH, "publish", {
            "campaign": payload.get("campaign"), "code": payload.get("code"), "container": outcome.remote_ref}, at)
