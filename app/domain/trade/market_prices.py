"""Reference prices abroad (``resources/data/export_market_prices.json``): what shoppers in a market pay for goods
of an HS heading, per kilogram, with the source and period of each figure. They put a market's own price beside the
margin at the shop's price: the margin left if a unit sold abroad at that reference price, after cost, logistics and
fees. An item whose HSN matches no entry for the market, or a currency the shop has no exchange rate for, is "too thin
to score" on this count; nothing is guessed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.domain.money import div_round
from app.domain.trade.terms import CURRENCIES

__all__ = ["MarketPrice", "market_unit_paise", "reference_for"]


@dataclass(frozen=True, slots=True, kw_only=True)
class MarketPrice:
    market: str  # ISO 3166 two letters
    hs: str  # the HS heading (4 digits or more) the price stands for
    what: str
    per_kg_minor: int  # in the currency's minor units (cents) per kilogram
    currency: str
    period: str  # the month or year the figure is for
    source: str
    url: str = ""
    checked: str = ""
    note: str = ""
    as_published: str = ""


def reference_for(prices: Sequence[MarketPrice], hsn: str, market: str) -> MarketPrice | None:
    """The entry for ``market`` whose HS heading begins ``hsn`` (the longest one when several do), or None."""
    found = [p for p in prices if p.market == market and hsn and hsn.startswith(p.hs)]
    return max(found, key=lambda p: len(p.hs)) if found else None


def market_unit_paise(price: MarketPrice, weight_g: int, fx_paise: int) -> int:
    """One unit of ``weight_g`` at the reference price, in paise at ``fx_paise`` rupee-paise per unit of currency."""
    return div_round(price.per_kg_minor * weight_g * fx_paise, 1000 * 10 ** CURRENCIES.get(price.currency, 2))
