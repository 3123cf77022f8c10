"""Thompson sampling's shared steps (issue 18): how often each arm's draw is the best, a floor for every live
arm, and a whole number of messages (or paise) shared out by those shares. Used between a campaign's
variants (:func:`app.domain.campaigns.allocate`) and between the paid marketing channels
(:mod:`app.domain.channel_split`)."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

__all__ = ["apportion", "best_shares", "with_floor"]

K = TypeVar("K", bound=Hashable)


def best_shares(live: Sequence[K], draw: Callable[[K], float], draws: int) -> dict[K, float]:
    """{arm: share of ``draws`` in which its draw from its posterior (``draw``) was the highest}."""
    wins = dict.fromkeys(live, 0)
    for _draw in range(draws):
        wins[max(live, key=draw)] += 1
    return {k: wins[k] / draws for k in live}


def with_floor(raw: dict[K, float], floor: float) -> dict[K, float]:
    """Shares that keep every arm at least ``floor`` (at most an equal split), the rest as ``raw`` says, so an
    arm that started unlucky is still measured."""
    floor = min(floor, 1.0 / len(raw))
    spare = 1.0 - floor * len(raw)
    return {k: floor + spare * p for k, p in raw.items()}


def apportion(shares: dict[K, float], total: int) -> dict[K, int]:
    """``total`` split by ``shares`` in whole units (largest remainders first); the parts add up to ``total``."""
    counts = {k: int(total * s) for k, s in shares.items()}
    left = total - sum(counts.values())
    for k in sorted(shares, key=lambda k: shares[k] * total - counts[k], reverse=True)[:left]:
        counts[k] += 1
    return counts
