"""What the assistant answers: the text, buttons, a small table or chart, and what it understood."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Button:
    """``id`` is what a press sends back: ``confirm:12``, ``cancel:12``, ``choose:12:MAGGI70``, ``undo:12``,
    ``approve:3``, ``reject:3`` or ``ask:<a message>``."""

    id: str
    label: str
    kind: str  # confirm | cancel | choose | undo | approve | reject | ask

    def to_json(self) -> dict[str, str]:
        return {"id": self.id, "label": self.label, "kind": self.kind}


@dataclass(slots=True)
class Table:
    columns: list[str]
    rows: list[list[str]]
    align: list[str] = field(default_factory=list)  # "l" or "r" per column

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Chart:
    """A small bar chart: one bar per label (days of a week, items)."""

    title: str
    labels: list[str]
    values: list[float]
    unit: str = "₹"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Answer:
    """A handler's answer before it is stored and sent."""

    text: str
    buttons: list[Button] = field(default_factory=list)
    table: Table | None = None
    chart: Chart | None = None
    awaiting: str | None = None  # the slot the reply asks for
    awaiting_slots: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Reply:
    message_id: int
    conversation: str
    text: str
    lang: str
    intent: str
    slots: dict[str, Any]
    confidence: float
    buttons: list[Button] = field(default_factory=list)
    table: Table | None = None
    chart: Chart | None = None
    via: str = "classifier"
    at: str = ""

    @property
    def actions(self) -> list[dict[str, str]]:
        return [b.to_json() for b in self.buttons]

    def extras(self) -> dict[str, Any]:
        """What is stored with the message besides its text."""
        return {"actions": self.actions, "table": self.table.to_json() if self.table else None,
                "chart": self.chart.to_json() if self.chart else None, "confidence": round(self.confidence, 3),
                "via": self.via}

    def to_json(self) -> dict[str, Any]:
        return {"message_id": self.message_id, "conversation": self.conversation, "intent": self.intent,
                "slots": self.slots, "reply": self.text, "lang": self.lang, **self.extras(), "at": self.at}
