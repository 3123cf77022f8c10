"""Event records: money paid to suppliers."""

from __future__ import annotations

from dataclasses import dataclass

from app.events.base import Event, subject

__all__ = ["SupplierPaid"]


@subject("supplier", "supplier_id")
@dataclass(frozen=True, kw_only=True)
class SupplierPaid(Event):
    supplier_id: int
    payment_id: int
    amount_paise: int
    method: str
    owed_after_paise: int = 0
