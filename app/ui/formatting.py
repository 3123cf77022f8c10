"""Dates, times and counts the way the shopkeeper reads them (shop's time zone, translated words)."""

from __future__ import annotations

from datetime import datetime, tzinfo

from app.domain.clock import from_iso
from app.i18n import _


def month_abbr(month: int) -> str:
    return (_("Jan"), _("Feb"), _("Mar"), _("Apr"), _("May"), _("Jun"), _("Jul"), _("Aug"), _("Sep"),
            _("Oct"), _("Nov"), _("Dec"))[month - 1]


def format_when(moment: datetime | str, zone: tzinfo, now: datetime) -> str:
    """'today, 14:05', 'yesterday, 09:10' or '24 Nov 2025, 14:05' in the shop's zone."""
    if isinstance(moment, str):
        moment = from_iso(moment)
    local, today = moment.astimezone(zone), now.astimezone(zone).date()
    clock = local.strftime("%H:%M")
    days = (today - local.date()).days
    if days == 0:
        return _("today, {time}").format(time=clock)
    if days == 1:
        return _("yesterday, {time}").format(time=clock)
    return _("{day} {month} {year}, {time}").format(day=local.day, month=month_abbr(local.month), year=local.year,
                                                      time=clock)


def format_count(n: int) -> str:
    """Whole numbers with Indian grouping: 123456 -> '1,23,456'."""
    from app.domain.money import group_indian

    return ("-" if n < 0 else "") + group_indian(str(abs(n)))


def actor_text(actor: str) -> str:
    """Who did it, in words: 'seller', 'pricing agent', 'sync with amazon', 'TAVYONIX'."""
    if actor == "seller":
        return _("seller")
    if actor == "system":
        return _("TAVYONIX")
    kind, _sep, name = actor.partition(":")
    if kind == "agent" and name:
        from app.ui.agent_words import agent_name  # the agents' names in the seller's language

        return agent_name(name)
    if kind == "sync" and name:
        return _("sync with {channel}").format(channel=name)
    return actor
