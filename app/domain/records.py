"""The shop's entities as frozen records, as the store returns them.

Field names are the column names; money is paise, quantities are milli-units (see ``qty``).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.ids import CustomerId, OrderId, PurchaseOrderId, Sku, SupplierId

__all__ = ["Category", "Customer", "EventRow", "Goal", "KhataEntry", "Order", "OrderLine", "Payment", "Product",
           "PurchaseOrder", "PurchaseOrderLine", "ShopProfile", "StockMove", "Supplier", "SupplierProduct"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ShopProfile:
    name: str
    legal_name: str
    address: str
    city: str
    pincode: str
    state_code: str
    gstin: str | None
    gst_scheme: str  # regular | composition | unregistered
    upi_id: str | None
    phone: str | None
    email: str | None
    fssai_no: str | None
    created_at: str
    updated_at: str

    @property
    def collects_gst(self) -> bool:
        """Composition and unregistered sellers cannot charge GST on their bills."""
        return self.gst_scheme == "regular"


@dataclass(frozen=True, slots=True, kw_only=True)
class Category:
    code: str
    name_en: str
    name_hi: str
    parent: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Product:
    id: int
    sku: Sku
    name_en: str
    name_hi: str
    keywords: str
    brand: str
    category: str | None
    unit: str
    pack_size: str
    barcode: str | None
    hsn_code: str
    gst_rate_bp: int | None
    mrp_paise: int | None
    cost_paise: int
    price_paise: int
    reorder_point_milli: int
    reorder_qty_milli: int
    max_stock_milli: int
    preferred_supplier_id: SupplierId | None
    shelf_life_days: int | None
    active: bool
    version: int
    created_at: str
    updated_at: str

    def name(self, language: str = "en") -> str:
        return self.name_hi if language == "hi" and self.name_hi else self.name_en


@dataclass(frozen=True, slots=True, kw_only=True)
class StockMove:
    id: int
    sku: Sku
    qty_milli: int
    reason: str
    source: str
    source_ref: str
    unit_cost_paise: int | None
    expires_on: str | None
    at: str
    actor: str
    event_id: int | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Customer:
    id: CustomerId
    name: str
    name_hi: str
    phone: str | None
    address: str
    gstin: str | None
    state_code: str | None
    credit_limit_paise: int
    khata_balance_paise: int
    notes: str
    active: bool
    created_at: str
    updated_at: str


@dataclass(frozen=True, slots=True, kw_only=True)
class KhataEntry:
    id: int
    customer_id: CustomerId
    amount_paise: int
    kind: str
    order_id: OrderId | None
    payment_id: int | None
    note: str
    at: str
    actor: str
    event_id: int | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Supplier:
    id: SupplierId
    name: str
    contact_person: str
    phone: str | None
    whatsapp: str | None
    email: str | None
    gstin: str | None
    state_code: str | None
    address: str
    lead_time_days: int
    min_order_paise: int
    payment_terms_days: int
    visit_days: str
    notes: str
    active: bool
    created_at: str
    updated_at: str

    @property
    def order_via(self) -> str:
        """How a purchase order reaches this supplier: ``"whatsapp"`` where there is a number to send to, else
        ``"print"`` (handed over or read out on the phone)."""
        return "whatsapp" if (self.whatsapp or self.phone) else "print"


@dataclass(frozen=True, slots=True, kw_only=True)
class SupplierProduct:
    supplier_id: SupplierId
    sku: Sku
    supplier_code: str
    cost_paise: int | None
    case_size_milli: int
    moq_milli: int
    lead_time_days: int | None


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderLine:
    id: int
    order_id: OrderId
    line_no: int
    sku: Sku
    name: str
    hsn_code: str
    unit: str
    qty_milli: int
    unit_price_paise: int
    mrp_paise: int | None
    discount_paise: int
    gst_rate_bp: int
    cess_bp: int
    taxable_paise: int
    cgst_paise: int
    sgst_paise: int
    igst_paise: int
    cess_paise: int
    total_paise: int
    cost_paise: int
    remote_line_id: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Order:
    id: OrderId
    kind: str
    channel: str
    remote_id: str | None
    status: str
    doc_type: str
    invoice_no: str | None
    fy: str | None
    original_order_id: OrderId | None
    customer_id: CustomerId | None
    customer_name: str
    customer_gstin: str | None
    place_of_supply: str
    interstate: bool
    gross_paise: int
    discount_paise: int
    taxable_paise: int
    cgst_paise: int
    sgst_paise: int
    igst_paise: int
    cess_paise: int
    round_off_paise: int
    total_paise: int
    paid_paise: int
    note: str
    created_at: str
    completed_at: str | None
    business_date: str
    actor: str
    lines: tuple[OrderLine, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Payment:
    id: int
    order_id: OrderId | None
    customer_id: CustomerId | None
    method: str
    amount_paise: int
    tendered_paise: int | None
    reference: str
    status: str
    at: str
    actor: str


@dataclass(frozen=True, slots=True, kw_only=True)
class PurchaseOrderLine:
    id: int
    po_id: PurchaseOrderId
    sku: Sku
    qty_milli: int
    cost_paise: int
    received_milli: int


@dataclass(frozen=True, slots=True, kw_only=True)
class PurchaseOrder:
    id: PurchaseOrderId
    po_no: str
    supplier_id: SupplierId
    status: str
    total_paise: int
    note: str
    expected_on: str | None
    created_at: str
    sent_at: str | None
    received_at: str | None
    cancelled_at: str | None
    actor: str
    decision_id: int | None
    lines: tuple[PurchaseOrderLine, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Goal:
    id: int
    description: str
    metrics_json: str
    starts_on: str
    ends_on: str
    priority: int
    status: str
    plan_json: str | None
    created_at: str
    updated_at: str
    actor: str


@dataclass(frozen=True, slots=True, kw_only=True)
class EventRow:
    id: int
    at: str
    type: str
    actor: str
    subject_type: str
    subject_id: str
    data_json: str
    reason: str
    goal_id: int | None
    decision_id: int | None
    correlation_id: str | None
