"""What every simulated marketplace speaks: a request as the server parsed it, a response, and money as
the marketplaces write it (rupees with two decimals)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.domain.money import from_wire as paise
from app.domain.money import to_wire as rupees

__all__ = ["Handler", "Request", "Response", "paise", "rupees"]

@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: Any

    def q(self, name: str, default: str | None = None) -> str | None:
        values = self.query.get(name)
        return values[0] if values else default


@dataclass
class Response:
    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


Handler = Callable[[Request], Response]
