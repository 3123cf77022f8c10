"""Import duty abroad by HS code (``resources/data/export_tariffs.json``): the most-favoured-nation rate a market
charges, for the chapters, headings and subheadings the data has, each with its source and the date it was checked.

An item is matched by the longest code that begins its HSN (``""`` stands for every code of the market that no longer
entry covers). Codes in the data have 6 digits at most: the Harmonized System is international to 6 digits, and the
digits after are each country's own (India's 8-digit ITC-HS and the US's 8-digit HTS split goods differently), so a
rate the US gives an 8-digit line is shipped at its 6-digit subheading, as an upper bound when its lines differ.

When the item's code is shorter than the entries it could fall under (a 4-digit ``0902`` against US rates for
``090210``, ``090230`` and ``090240``), the duty depends on the subheading: the range is given and the seller is asked
for a longer code. Anything else is "not in the data"; no rate is guessed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["DutyFinding", "Tariff", "duty_for"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Tariff:
    market: str  # ISO 3166 two letters
    hs: str  # a chapter (2 digits), heading (4) or subheading (6 or more); "" = the market's general rule
    what: str
    rate_bp: int | None  # an ad valorem rate in hundredths of a percent; None when it is not one (a rate per litre)
    as_published: str
    source: str
    url: str = ""
    checked: str = ""
    note: str = ""
    upper_bound: bool = False  # the general rate; some goods under it are exempt and the data cannot tell which


@dataclass(frozen=True, slots=True, kw_only=True)
class DutyFinding:
    """What the data says of one item's duty in one market: a rate, a range over narrower codes, or nothing."""

    tariff: Tariff | None = None
    narrower: tuple[Tariff, ...] = ()  # entries under the item's code when its code is too short to pick one

    @property
    def known(self) -> bool:
        return self.tariff is not None or bool(self.narrower)


def duty_for(tariffs: Sequence[Tariff], hsn: str, market: str) -> DutyFinding:
    """The entry for ``market`` whose code begins ``hsn`` (the longest), unless entries narrower than ``hsn`` exist
    under it: then those, since the duty depends on which of them the item is."""
    code = (hsn or "").strip()
    if not code:  # an item without a code could be anything, the dutiable goods included
        return DutyFinding()
    own = [t for t in tariffs if t.market == market]
    narrower = tuple(sorted((t for t in own if len(t.hs) > len(code) and t.hs.startswith(code)),
                            key=lambda t: t.hs))
    if narrower:
        return DutyFinding(narrower=narrower)
    found = [t for t in own if code.startswith(t.hs)]
    return DutyFinding(tariff=max(found, key=lambda t: len(t.hs))) if found else DutyFinding()
