"""Event records: exports (the LUT, export invoices, their packages and proof of export; see docs/trade.md)."""

from __future__ import annotations

from dataclasses import dataclass

from app.events.base import Event, subject

__all__ = ["ExportCarriageSaved", "ExportInvoiced", "ExportOrderCancelled", "ExportOrderHeld", "ExportOrderPlaced",
           "ExportPackagesSaved", "ExportProofRecorded", "LutRecorded"]


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
    export_order_id: int | None = None  # the export order it was made from (its stock no longer held)


@subject("export_order", "export_order_id")
@dataclass(frozen=True, kw_only=True)
class ExportOrderPlaced(Event):
    """An export order taken: its units are held (reserved) until it is invoiced or cancelled, or, with
    ``hold_pending``, once the decision engine holds them (the trade agent proposes the hold)."""

    export_order_id: int
    buyer_name: str
    country: str
    skus: tuple[str, ...]
    units: int
    hold_pending: bool = False


@subject("export_order", "export_order_id")
@dataclass(frozen=True, kw_only=True)
class ExportOrderHeld(Event):
    """The decision engine held the units of an export order whose hold the trade agent proposed."""

    export_order_id: int
    skus: tuple[str, ...]
    units: int


@subject("export_order", "export_order_id")
@dataclass(frozen=True, kw_only=True)
class ExportOrderCancelled(Event):
    """An open export order cancelled: the units it held can be sold again."""

    export_order_id: int
    skus: tuple[str, ...]


@subject("order", "order_id")
@dataclass(frozen=True, kw_only=True)
class ExportPackagesSaved(Event):
    order_id: int
    packages: int


@subject("order", "order_id")
@dataclass(frozen=True, kw_only=True)
class ExportCarriageSaved(Event):
    order_id: int
    freight_paise: int
    insurance_paise: int


@subject("order", "order_id")
@dataclass(frozen=True, kw_only=True)
class ExportProofRecorded(Event):
    order_id: int
    kind: str
    number: str
    on: str
    in_time: bool
