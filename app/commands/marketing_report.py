"""The marketing lines of ``simulate``'s text report (named customers, messages, spend, what came back)."""

from __future__ import annotations

from typing import Any

from app.commands.common import rupees
from app.i18n import _

__all__ = ["marketing_lines"]


def marketing_lines(report: dict[str, Any] | None) -> list[str]:
    if not report:
        return []
    return [
        _("  marketing {state}: {messages} messages, spend {spend} (most in a week {week} of {budget})").format(
            state=_("on") if report["on"] else _("off"), messages=report["messages"],
            spend=rupees(report["spend_paise"]), week=rupees(report["max_7_day_spend_paise"]),
            budget=rupees(report["weekly_budget_paise"])),
        _("  {redemptions} codes redeemed, on bills of {sales}; new sales {incremental}; {back} households "
          "came back; {stops} STOP replies; {unconsented} messages without consent").format(
            redemptions=report["redemptions"], sales=rupees(report["redemption_sales_paise"]),
            incremental=rupees(report["incremental_sales_paise"]), back=report["households_won_back"],
            stops=report["stop_replies"], unconsented=report["messages_without_consent"]),
        _("  profit after marketing {profit}").format(profit=rupees(report["profit_after_marketing_paise"])),
    ]
