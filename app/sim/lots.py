"""Goods of one item on a simulated shelf, in dated lots: sold oldest first, thrown out when they expire.

Shared by the demo history (:mod:`app.sim.history`) and the policy harness (:mod:`app.sim.world`): both
keep the physical shelf beside the books so they can sell what is there and write off what went off.
An expiry is anything ordered (a date, or a day ordinal); ``None`` means the lot never expires.
"""

from __future__ import annotations

from collections import deque
from typing import Any

__all__ = ["Lots"]


class Lots:
    """Lots of one item in the order they arrived, each ``[milli-units, expires]``."""

    __slots__ = ("_lots",)

    def __init__(self) -> None:
        self._lots: deque[list[Any]] = deque()

    def __bool__(self) -> bool:
        return bool(self._lots)

    def __len__(self) -> int:
        return len(self._lots)

    def add(self, qty: int, expires: Any = None) -> None:
        """A delivery (or the opening stock) goes behind what is already there."""
        self._lots.append([qty, expires])

    def total(self) -> int:
        return sum(lot[0] for lot in self._lots)

    def take(self, qty: int) -> None:
        """Sell or lose ``qty`` milli-units from the oldest lots first; more than there is empties the shelf."""
        lots = self._lots
        while qty > 0 and lots:
            use = min(qty, lots[0][0])
            lots[0][0] -= use
            qty -= use
            if lots[0][0] == 0:
                lots.popleft()

    def throw_out(self, through: Any) -> int:
        """Remove the oldest lots that expire on or before ``through`` and return how much went.

        Lots are checked from the front only, as a shopkeeper checks the front of the shelf: a lot that
        does not expire (``None``) or is still good stops the check."""
        lots, gone = self._lots, 0
        while lots and lots[0][1] is not None and lots[0][1] <= through:
            gone += lots.popleft()[0]
        return gone
