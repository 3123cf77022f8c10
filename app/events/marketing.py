"""Event records: Consent and campaigns (see docs/marketing.md)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from app.events.base import Event, subject

__all__ = ["AdBudgetSet", "CampaignPosted", "CampaignRedeemed", "CampaignSaved", "CampaignSent", "ConsentRecorded",
           "MessageReceipts"]


@subject("customer", "customer_id")
@dataclass(frozen=True, kw_only=True)
class ConsentRecorded(Event):
    customer_id: int
    channel: str
    granted: bool
    method: str


@subject("campaign", "campaign_id")
@dataclass(frozen=True, kw_only=True)
class CampaignSaved(Event):
    campaign_id: int
    sku: str
    status: str
    quoted_price_paise: int


@subject("campaign", "campaign_id")
@dataclass(frozen=True, kw_only=True)
class CampaignSent(Event):
    campaign_id: int
    messages: int
    cost_paise: int


@subject("campaign", "campaign_id")
@dataclass(frozen=True, kw_only=True)
class CampaignRedeemed(Event):
    campaign_id: int
    code: str
    order_id: int
    total_paise: int



@dataclass(frozen=True, kw_only=True)
class MessageReceipts(Event):
    """WhatsApp reported what became of campaign messages (one webhook call's new receipts)."""

    subject_type: ClassVar[str] = "shop"
    delivered: int
    read: int
    failed: int


@subject("campaign", "campaign_id")
@dataclass(frozen=True, kw_only=True)
class CampaignPosted(Event):
    """A campaign's offer queued as a post on the shop's page (``channel``: ``facebook``)."""

    campaign_id: int
    channel: str
    code: str


@dataclass(frozen=True, kw_only=True)
class AdBudgetSet(Event):
    """An item's daily sponsored-ads budget on a marketplace set, changed or stopped (``daily_paise`` 0)."""

    subject_type: ClassVar[str] = "shop"
    channel: str
    sku: str
    daily_paise: int
