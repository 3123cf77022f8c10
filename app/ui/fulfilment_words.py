"""The operations agent's steps in words, for the Activity log and the Orders page."""

from __future__ import annotations

from typing import Any

from app.domain.clock import from_iso, shop_zone
from app.domain.money import format_inr
from app.i18n import _


def fulfilment_status(status: str) -> str:
    """Where an order stands with the operations agent, in a few words."""
    return {"planned": _("planned: hand it over as planned"), "awaiting": _("waiting for your approval"),
            "queued": _("cleared: the agent books the courier"), "booked": _("courier booked"),
            "failed": _("booking failed"), "declined": _("you said no: book it yourself"),
            "escalated": _("waits for you"),
            "pickup_late": _("courier late for the pickup"), "stock_short": _("stock short at picking"),
            "return_damaged": _("returned damaged, written off"),
            "part_returned": _("a part came back, stock back"),
            "part_return_damaged": _("a part came back damaged, written off"),
            "rebook_awaiting": _("another courier waits for your approval"),
            "rebook_queued": _("cleared: the agent changes the courier"), "rebooked": _("courier changed"),
            "rebook_failed": _("changing the courier failed"),
            "rebook_declined": _("you said no: the first courier stays")}.get(status, status)


def _local(iso: str) -> str:
    """A UTC time as the shop reads it (the log's sentences are in the shop's zone: IST)."""
    try:
        return from_iso(iso).astimezone(shop_zone("Asia/Kolkata")).strftime("%d/%m %H:%M")
    except ValueError:
        return iso


def fulfilment_sentence(d: dict[str, Any], _names: Any = None) -> str:
    """One Activity line for a ``FulfilmentUpdated`` event."""
    order, status = d.get("order_id", ""), d.get("status", "")
    cost = format_inr(int(d.get("cost_paise") or 0))
    carrier = d.get("carrier") or d.get("method") or ""
    by = _local(str(d.get("hand_over_by") or ""))
    text = {
        "planned": _("Operations agent planned order #{order}: {carrier}, {cost}, hand over by {by}"),
        "awaiting": _("Operations agent asks you to approve booking {carrier} for order #{order}: {cost}, hand over "
                      "by {by}"),
        "queued": _("Order #{order}: booking {carrier} ({cost}) cleared; the operations agent books it"),
        "booked": _("Operations agent booked {carrier} for order #{order}: {cost}"),
        "failed": _("Operations agent could not book a courier for order #{order}"),
        "declined": _("Booking a courier for order #{order} was not approved"),
        "escalated": _("Order #{order} cannot reach the customer in time; it waits for you"),
        "pickup_late": _("The courier has not picked up order #{order}; it must be handed over by {by}"),
        "stock_short": _("Stock short at picking for order #{order}"),
        "return_damaged": _("Return of order #{order} received damaged and written off"),
        "part_returned": _("A part of order #{order} came back to the shop; its stock is back"),
        "part_return_damaged": _("A part of order #{order} came back damaged and was written off"),
        "rebook_awaiting": _("The courier missed the pickup of order #{order}; the operations agent asks you to "
                             "approve {carrier} instead: {cost}"),
        "rebook_queued": _("Order #{order}: changing the courier to {carrier} ({cost}) cleared"),
        "rebooked": _("Operations agent cancelled the missed pickup of order #{order} and booked {carrier}: {cost}"),
        "rebook_failed": _("Operations agent could not change the courier of order #{order}"),
        "rebook_declined": _("Changing the courier of order #{order} was not approved"),
        "substitute_asked": _("The customer of order #{order} was asked about a substitute"),
        "substituted": _("The customer of order #{order} agreed to a substitute"),
        "substitute_declined": _("The customer of order #{order} declined a substitute; the rest goes without it"),
    }.get(status, _("Order #{order}: operations agent, {status}"))
    line = text.format(order=order, carrier=carrier, cost=cost, by=by, status=status)
    note = d.get("note") or ""
    return f"{line} ({note})" if note and status in ("failed", "escalated", "declined", "pickup_late", "stock_short",
                                                                "return_damaged", "part_returned", "rebook_failed",
                                                                "part_return_damaged", "substitute_asked",
                                                                "substituted", "substitute_declined") else line
