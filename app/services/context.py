"""What every service call needs: the store, the event bus, the clock, and who is acting and why."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar

from sqlite_utils import Database

from app.domain.clock import Clock, SystemClock, local_date, shop_zone, to_iso
from app.events import Event, EventBus
from app.store import Store
from app.store import events as event_log

E = TypeVar("E", bound=Event)


@dataclass(frozen=True, kw_only=True)
class Origin:
    """Who acts and why: ``seller``, ``agent:<name>``, ``sync:<channel>`` or ``system``."""

    actor: str = "seller"
    reason: str = ""
    goal_id: int | None = None
    decision_id: int | None = None
    correlation_id: str | None = None


SELLER = Origin()
SYSTEM = Origin(actor="system")


@dataclass
class ServiceContext:
    store: Store
    bus: EventBus = field(default_factory=EventBus)
    clock: Clock = field(default_factory=SystemClock)
    timezone: str = "Asia/Kolkata"

    def now(self) -> datetime:
        return self.clock.now()

    def now_iso(self) -> str:
        return to_iso(self.clock.now())

    def today(self) -> date:
        return local_date(self.clock.now(), shop_zone(self.timezone))

    def business_date(self, moment: datetime) -> date:
        return local_date(moment, shop_zone(self.timezone))

    def record(self, db: Database, event: E, origin: Origin, *, at: str | None = None) -> E:
        """Write ``event`` (stamped with ``origin`` and the time) in the open transaction and publish
        it on the bus once the transaction commits. Returns the stamped record with its id."""
        stamped = dataclasses.replace(
            event, at=at or self.now_iso(), actor=origin.actor, reason=origin.reason,
            goal_id=origin.goal_id, decision_id=origin.decision_id,
        )
        event_id = event_log.append(
            db, at=stamped.at, type=stamped.type, actor=stamped.actor, subject_type=stamped.subject_type,
            subject_id=stamped.subject_id, data=stamped.data(), reason=stamped.reason,
            goal_id=stamped.goal_id, decision_id=stamped.decision_id, correlation_id=origin.correlation_id,
        )
        final = dataclasses.replace(stamped, event_id=event_id)
        self.store.after_commit(lambda: self.bus.publish(final))
        return final


def jsonable(value: Any) -> Any:
    """Plain JSON types for payloads and event data."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if type(value).__module__ == "numpy" and hasattr(value, "item"):  # numpy scalars (float32 is no float)
        return value.item()
    return value
