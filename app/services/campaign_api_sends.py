"""Campaign messages queued for the WhatsApp Business Cloud API (the op ``campaign.send`` on the ``whatsapp``
channel; sent by the sync worker, app/sync/marketplaces/whatsapp_campaigns.py).

Each message is one outbox row in the same transaction as its ``campaign_message`` row, keyed by campaign
and customer, so it goes out at most once; it is the approved template ``tavyonix_offer`` with five
parameters (customer, item, price, code, shop) in the customer's language. Where no WhatsApp channel is
connected, ``auto`` falls back to click-to-chat links the seller shares (docs/marketing.md).
"""

from __future__ import annotations

from sqlite_utils import Database

from app.domain.money import format_inr
from app.services.catalog import get_product
from app.store import campaigns as store
from app.store import outbox, sync_state
from app.store.shop import get_profile

__all__ = ["API", "CHANNEL", "OP", "TEMPLATE", "channel_for", "enqueue"]

CHANNEL = "whatsapp"
OP = "campaign.send"
TEMPLATE = "tavyonix_offer"
API = "whatsapp_api"  # the paid channel's name in campaign.channel and marketing.send_via


def channel_for(db: Database, setting: str) -> str:
    """``click_to_chat`` or ``whatsapp_api``: ``auto`` uses the API once a WhatsApp channel is connected."""
    if setting != "auto":
        return setting
    found = sync_state.get_channel(db, CHANNEL)
    return API if found is not None and found.adapter == "whatsapp" and found.enabled else "click_to_chat"


def enqueue(db: Database, campaign: store.Campaign, code: str, message_id: int, customer_id: int, phone: str,
            name: str, language: str, *, at: str) -> str:
    """Queue one template message inside the caller's transaction; returns the outbox row id."""
    product = get_product(db, campaign.sku)
    profile = get_profile(db)
    item = (product.name_hi or product.name_en) if language == "hi" else product.name_en
    params = [name or "-", item, format_inr(campaign.quoted_price_paise, decimals=False), code,
              (profile.name if profile else "") or "-"]
    return outbox.enqueue(db, channel=CHANNEL, kind="command", op=OP, entity_id=f"campaign-message:{message_id}",
                          payload={"to": phone, "template": TEMPLATE, "language": language, "params": params,
                                   "campaign": campaign.id, "code": code, "customer": customer_id},
                          at=at, order_key=f"campaign:{campaign.id}",
                          idem_key=f"campaign-send:{campaign.id}:{customer_id}")
