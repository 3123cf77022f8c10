"""Event records: Consent and campaigns (see docs/marketing.md)."""

from __future__ import annotations

from dataclasses import dataclass

from app.events.base import Event, subject

__all__ = ["CampaignRedeemed", "CampaignSaved", "CampaignSent", "ConsentRecorded"]


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

