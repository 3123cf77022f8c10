"""The week's marketing budget shared between the paid channels (issue 18, "allocation between channels"):
Thompson sampling on what each channel has measurably brought per rupee, with an exploration floor and a
stop for losers.

A channel's record is what it spent and what it brought that would not have happened anyway
(``successes``; :mod:`app.store.channel_record` reads them: codes redeemed from the WhatsApp Business API's
messages, and Amazon orders of an advertised item above that item's own rate before its ads). What a rupee
brings is drawn from its Poisson-Gamma posterior, Gamma(``PRIOR_SUCCESSES`` + successes, rate
``PRIOR_SUCCESSES / PRIOR_PER_RUPEE`` + rupees spent): the prior is the messages' 3 % redeemed at ₹0.88 each
(an assumption, the same as the worth rule's), worth about ₹29 of spend, so the shop's own figures take over
soon. A channel's share of the week is the chance its draw is the best, at least ``FLOOR`` for each live
channel; one that has spent ``MIN_SPEND_PAISE`` and is best in under ``STOP_BELOW`` of the draws is stopped
(never the last). Channels that cost nothing (links sent from the shop's phone, posts) need no budget and
are not shared here.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from app.domain import thompson
from app.domain.campaigns import PRIOR_REDEEM_RATE

__all__ = ["FLOOR", "MIN_SPEND_PAISE", "ChannelRecord", "losing_channels", "split_budget"]

PRIOR_PER_RUPEE = PRIOR_REDEEM_RATE / 0.88  # 3 % of messages at Meta's ₹0.88 (assumption; docs/marketing.md)
PRIOR_SUCCESSES = 1.0  # the prior's weight, in sales won: about ₹29 of spend
FLOOR = 0.1  # each live channel keeps at least a tenth of the week, so an unlucky start is still measured
MIN_SPEND_PAISE = 50_000  # ₹500 spent before a channel may be stopped as a loser
STOP_BELOW = 0.05  # a loser is best in under 5 % of the draws


@dataclass(frozen=True)
class ChannelRecord:
    channel: str
    spent_paise: int
    successes: float  # sales it brought that would not have happened anyway (measured)
    stopped: bool = False

    def per_rupee(self) -> float:
        """The posterior mean of sales won per rupee."""
        return (PRIOR_SUCCESSES + max(self.successes, 0.0)) / (
            PRIOR_SUCCESSES / PRIOR_PER_RUPEE + self.spent_paise / 100)


def _draw(record: ChannelRecord, rng: random.Random) -> float:
    rate = PRIOR_SUCCESSES / PRIOR_PER_RUPEE + max(record.spent_paise, 0) / 100
    return rng.gammavariate(PRIOR_SUCCESSES + max(record.successes, 0.0), 1.0 / rate)


def split_budget(records: Sequence[ChannelRecord], budget_paise: int, rng: random.Random, *,
                 floor: float = FLOOR, draws: int = 400) -> dict[str, int]:
    """{channel: paise of ``budget_paise``}: every live channel at least ``floor`` of it, the rest by the
    chance that its draw of sales per rupee is the best; a stopped channel gets nothing. The parts add up to
    the budget (when any channel is live)."""
    live = [r.channel for r in records if not r.stopped]
    out = {r.channel: 0 for r in records}
    if not live or budget_paise <= 0:
        return out
    by_name = {r.channel: r for r in records}
    shares = thompson.with_floor(thompson.best_shares(live, lambda c: _draw(by_name[c], rng), draws), floor)
    out.update(thompson.apportion(shares, budget_paise))
    return out


def losing_channels(records: Sequence[ChannelRecord], rng: random.Random, *, min_spend_paise: int = MIN_SPEND_PAISE,
                    below: float = STOP_BELOW, draws: int = 2000) -> list[str]:
    """Channels to stop: each has spent at least ``min_spend_paise`` and is best in under ``below`` of the
    draws; the last live channel is never stopped."""
    live = [r.channel for r in records if not r.stopped]
    if len(live) < 2:
        return []
    by_name = {r.channel: r for r in records}
    wins = thompson.best_shares(live, lambda c: _draw(by_name[c], rng), draws)
    out = [c for c in live if by_name[c].spent_paise >= min_spend_paise and wins[c] < below]
    return out[: len(live) - 1]
