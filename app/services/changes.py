"""What a write changed, so each view can decide whether to refresh (Anki's OpChanges idea)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from app.events import Event

_EMPTY: frozenset = frozenset()


@dataclass(frozen=True, kw_only=True)
class Changes:
    products: frozenset[str] = _EMPTY
    stock: frozenset[str] = _EMPTY
    prices: frozenset[str] = _EMPTY
    orders: frozenset[int] = _EMPTY
    customers: frozenset[int] = _EMPTY
    suppliers: frozenset[int] = _EMPTY
    purchase_orders: frozenset[int] = _EMPTY
    goals: frozenset[int] = _EMPTY
    decisions: frozenset[int] = _EMPTY
    settings: frozenset[str] = _EMPTY
    shop: bool = False
    outbox: int = 0  # rows enqueued for marketplaces or messaging
    events: tuple[Event, ...] = ()
    id: Any = None  # the id of what was created, if anything

    def __or__(self, other: Changes) -> Changes:
        merged: dict[str, Any] = {}
        for f in fields(self):
            a, b = getattr(self, f.name), getattr(other, f.name)
            if f.name == "id":
                merged["id"] = a if a is not None else b
            elif isinstance(a, bool):
                merged[f.name] = a or b
            else:
                merged[f.name] = a + b if isinstance(a, (int, tuple)) else a | b
        return Changes(**merged)

    @property
    def empty(self) -> bool:
        return not self.events and not self.outbox
