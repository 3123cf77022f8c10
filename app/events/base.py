"""What every event record is: who, why, when, the goal or decision it belongs to, and its subject."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

__all__ = ["BASE_FIELDS", "Event", "subject"]

BASE_FIELDS = ("at", "actor", "reason", "goal_id", "decision_id", "event_id")


@dataclass(frozen=True, kw_only=True)
class Event:
    at: str = ""  # UTC ISO-8601, filled in by the service
    actor: str = "seller"
    reason: str = ""
    goal_id: int | None = None
    decision_id: int | None = None
    event_id: int | None = None  # the row id in the event table, set once it is written

    subject_type: ClassVar[str] = ""

    @property
    def type(self) -> str:
        return type(self).__name__

    @property
    def subject_id(self) -> str:
        return ""

    def data(self) -> dict[str, Any]:
        """The event's own fields (without the who/why/when), for the event table."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.name not in BASE_FIELDS}


def subject(kind: str, attr: str) -> Callable[[type], type]:
    """Class decorator: the event is about ``kind`` identified by its field ``attr``."""

    def decorate(cls: type) -> type:
        cls.subject_type = kind  # type: ignore[attr-defined]
        cls.subject_id = property(lambda self: str(getattr(self, attr)))  # type: ignore[attr-defined]
        return cls

    return decorate
