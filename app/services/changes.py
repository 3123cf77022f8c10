"""What a write changed: the one value every service write returns.

The contract (who reads what):

- ``events``: the events the write recorded, in its own transaction. They are also published on the
  shop's ``EventBus`` once the transaction commits, and that is how views learn of changes: the Qt
  bridge (``app.ui.bridge``) hands each event to the pages' ``on_event_<type>`` slots, whatever thread
  or process part made the write (the seller's screen, an agent, sync). A view therefore never needs
  the ``Changes`` of a write it did not make, and refreshes only for the event types it handles.
- ``outbox``: how many outbox rows the write queued for marketplaces or messaging. The sync worker is
  woken only by writes that leave rows to send: ``app.sync.worker_thread.wake_when_queued`` looks at what waits
  in the outbox after each committed write, so with nothing waiting, a sale of an unlisted item or a
  settings change never wakes it (the worker still runs on its own timer to pull orders).
- ``id``: what the write created (an order, a customer, a goal ...), for the caller that asked for it.
- the subject sets (``products``, ``stock``, ``prices``, ``orders`` ...): which records the write
  touched, for the caller (commands, the agents' executor, tests) to check or report. Views do not read
  them; they are kept because they cost nothing and say precisely what a write did.

``a | b`` merges two writes' changes (a service composing several writes in one transaction).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from app.events import Event

__all__ = ["Changes"]

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
