"""Event records: exports (the LUT, export invoices, their packages and proof of export; see docs/trade.md)."""

from __future__ import annotations

from dataclasses import dataclass

from app.events.base import Event, subject

__all__ = ["ExportInvoiced", "ExportPackagesSaved", "ExportProofRecorded", "LutRecorded"]


@subject("lut", "fy")
@dataclass(frozen=True, kw_only=True)
class LutRecorded(Event):
    fy: str
    arn: str


@subject("order", "order_id")
@dataclass(frozen=True, kw_only=True)
class ExportInvoiced(Event):
    order_id: int
    invoice_no: str
    mode: str
    country: str
    total_paise: int


@subject("order", "order_id")
@dataclass(frozen=True, kw_only=True)
class ExportPackagesSaved(Event):
    order_id: int
    packages: int


@subject("order", "order_id")
@dataclass(frozen=True, kw_only=True)
class ExportProofRecorded(Event):
    order_id: int
    kind: str
    number: str
    on: str
    in_time: bool
