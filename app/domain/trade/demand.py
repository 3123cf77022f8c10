"""A demand signal abroad (``resources/data/export_demand.json``): what India already exports of a kind of goods to a
market, as a Commodity Board or the Ministry of Commerce published it, each with its period, source and the date it
was checked.

An item is matched by the longest code that begins its HSN. The signal says that Indian goods of that kind sell in
that market (a share of India's exports of that kind, or the market's rank among the buyers), not that the shop's own
item will; an item or market without an entry has no demand figure in the data, and the route line says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Demand", "demand_for"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Demand:
    market: str  # ISO 3166 two letters
    codes: tuple[str, ...]  # HS chapters, headings or subheadings the figure covers
    what: str
    figure: str  # as published
    period: str
    source: str
    url: str
    checked: str
    share_bp: int | None = None  # of India's exports of that kind, in hundredths of a percent, when published
    rank: int | None = None  # the market's place among India's buyers of that kind, when published
    note: str = ""

    @classmethod
    def from_json(cls, raw: dict) -> Demand:
        return cls(**{**raw, "codes": tuple(raw["codes"])})


def demand_for(entries: Sequence[Demand], hsn: str, market: str) -> Demand | None:
    """The entry for ``market`` with the longest code that begins ``hsn``; None when the data has none."""
    code = (hsn or "").strip()
    if not code:
        return None
    best: tuple[int, Demand] | None = None
    for entry in entries:
        if entry.market != market:
            continue
        for prefix in entry.codes:
            if code.startswith(prefix) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), entry)
    return best[1] if best else None
