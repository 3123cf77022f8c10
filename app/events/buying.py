"""Event records: Suppliers and purchasing."""

from __future__ import annotations

from dataclasses import dataclass

from app.events.base import Event, subject

__all__ = ["PurchaseOrderCancelled", "PurchaseOrderCreated", "PurchaseOrderReceived", "PurchaseOrderSent",
           "SupplierProductLinked", "SupplierSaved"]


@subject("supplier", "supplier_id")
@dataclass(frozen=True, kw_only=True)
class SupplierSaved(Event):
    supplier_id: int
    name: str
    created: bool = False


@subject("supplier", "supplier_id")
@dataclass(frozen=True, kw_only=True)
class SupplierProductLinked(Event):
    supplier_id: int
    sku: str
    cost_paise: int | None = None


@subject("purchase_order", "po_id")
@dataclass(frozen=True, kw_only=True)
class PurchaseOrderCreated(Event):
    po_id: int
    po_no: str
    supplier_id: int
    total_paise: int
    skus: tuple[str, ...] = ()


@subject("purchase_order", "po_id")
@dataclass(frozen=True, kw_only=True)
class PurchaseOrderSent(Event):
    po_id: int
    po_no: str
    via: str


@subject("purchase_order", "po_id")
@dataclass(frozen=True, kw_only=True)
class PurchaseOrderReceived(Event):
    po_id: int
    po_no: str
    complete: bool
    skus: tuple[str, ...] = ()


@subject("purchase_order", "po_id")
@dataclass(frozen=True, kw_only=True)
class PurchaseOrderCancelled(Event):
    po_id: int
    po_no: str

