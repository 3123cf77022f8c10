"""How the operations agent chooses a carrier from the aggregator's offers, and why a booking waits for the
seller. Shared by the first booking (:mod:`app.agents.fulfilment_cycle`) and a re-booking after a missed pickup
(:mod:`app.agents.operations_rebook`)."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.domain.money import format_inr
from app.i18n import _
from app.services import couriers

__all__ = ["pick_carrier", "why_waiting"]


def why_waiting(*, chosen_limits: bool, on_time: bool, limit_paise: int) -> str:
    """Why a booking that costs money waits for the seller, in their words."""
    if not chosen_limits:
        return _("You have not chosen yet what the agents may do on their own, so a booking that costs money waits "
                 "for you.")
    if not on_time:
        return _("No carrier reaches the customer in time.")
    return _("It is above your limit of {limit} a parcel.").format(limit=format_inr(limit_paise))


def pick_carrier(offered: list[couriers.CarrierRate], *, now: datetime, hand_over_by: datetime,
                 deliver_by: datetime, ready_hours: int = 2) -> tuple[couriers.CarrierRate, bool]:
    """The cheapest carrier that reaches the customer by ``deliver_by`` from a parcel ready ``ready_hours``
    from now (and ready before ``hand_over_by``), as the plan counts; else the fastest (then ``False``:
    late)."""
    ready = now + timedelta(hours=ready_hours)
    in_time = [r for r in offered if ready <= hand_over_by and ready + timedelta(days=r.days) <= deliver_by]
    if in_time:
        return min(in_time, key=lambda r: (r.cost_paise, r.days)), True
    return min(offered, key=lambda r: (r.days, r.cost_paise)), False
