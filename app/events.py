"""Event records (the kernel's): every change a service makes, and what the agents do.

Every change a service makes is written to the append-only ``event`` table in the same
transaction, and after the commit the same record is published on the bus. Records are small, frozen,
keyword-only and named in the past tense. ``actor`` says who (``seller``, ``agent:<name>``,
``sync:<channel>``, ``system``), ``reason`` says why, and ``goal_id`` / ``decision_id`` tie the
change to what caused it.

The bus that publishes them is ``app.bus.EventBus`` (also importable from here).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from app.bus import EventBus, Subscriber  # the bus, importable from here as before

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


def _subject(kind: str, attr: str) -> Callable[[type], type]:
    """Class decorator: the event is about ``kind`` identified by its field ``attr``."""

    def decorate(cls: type) -> type:
        cls.subject_type = kind  # type: ignore[attr-defined]
        cls.subject_id = property(lambda self: str(getattr(self, attr)))  # type: ignore[attr-defined]
        return cls

    return decorate


# --- shop and settings -----------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True)
class ShopProfileUpdated(Event):
    fields: tuple[str, ...] = ()
    subject_type: ClassVar[str] = "shop"


@_subject("setting", "key")
@dataclass(frozen=True, kw_only=True)
class SettingChanged(Event):
    key: str
    value: Any = None


@_subject("gst_rate", "hsn_prefix")
@dataclass(frozen=True, kw_only=True)
class GstRateAdded(Event):
    hsn_prefix: str
    rate_bp: int
    cess_bp: int
    effective_from: str


@_subject("purchase_bill", "bill_id")
@dataclass(frozen=True, kw_only=True)
class PurchaseBillRecorded(Event):
    bill_id: int
    supplier_name: str
    bill_no: str
    total_paise: int


@_subject("financial_year", "fy")
@dataclass(frozen=True, kw_only=True)
class FinancialYearClosed(Event):
    fy: str


@_subject("channel", "code")
@dataclass(frozen=True, kw_only=True)
class ChannelAdded(Event):
    code: str
    name: str
    kind: str


@_subject("shop", "backup")
@dataclass(frozen=True, kw_only=True)
class ShopRestored(Event):
    backup: str


# --- catalog ---------------------------------------------------------------------------------
@_subject("product", "sku")
@dataclass(frozen=True, kw_only=True)
class ProductCreated(Event):
    sku: str
    name: str


@dataclass(frozen=True, kw_only=True)
class ItemsImported(Event):  # one event for a whole item list (app.services.item_import)
    file: str
    added: int
    refused: int


@_subject("photo", "photo_key")
@dataclass(frozen=True, kw_only=True)
class PhotoConfirmed(Event):
    photo_key: str
    category: str
    sku: str | None = None


@_subject("product", "sku")
@dataclass(frozen=True, kw_only=True)
class ProductUpdated(Event):
    sku: str
    fields: tuple[str, ...] = ()


@_subject("product", "sku")
@dataclass(frozen=True, kw_only=True)
class PriceChanged(Event):
    sku: str
    old_price_paise: int
    new_price_paise: int
    mrp_paise: int | None = None


# --- stock -----------------------------------------------------------------------------------
@_subject("product", "sku")
@dataclass(frozen=True, kw_only=True)
class StockReceived(Event):
    sku: str
    qty_milli: int
    on_hand_milli: int
    unit_cost_paise: int | None = None
    source_ref: str = ""


@_subject("product", "sku")
@dataclass(frozen=True, kw_only=True)
class StockAdjusted(Event):
    sku: str
    qty_milli: int  # the change, + or -
    on_hand_milli: int
    kind: str = "adjust"  # adjust | count | wastage | opening


# --- orders, payments, khata -----------------------------------------------------------------
@_subject("order", "order_id")
@dataclass(frozen=True, kw_only=True)
class SaleRecorded(Event):
    order_id: int
    invoice_no: str | None
    channel: str
    total_paise: int
    line_count: int
    customer_id: int | None = None
    skus: tuple[str, ...] = ()


@_subject("order", "order_id")
@dataclass(frozen=True, kw_only=True)
class OrderImported(Event):
    order_id: int
    channel: str
    remote_id: str
    total_paise: int
    skus: tuple[str, ...] = ()


@_subject("order", "order_id")
@dataclass(frozen=True, kw_only=True)
class OrderStatusChanged(Event):
    order_id: int
    channel: str
    old_status: str
    new_status: str


@_subject("order", "order_id")
@dataclass(frozen=True, kw_only=True)
class OrderCancelled(Event):
    order_id: int
    channel: str
    skus: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ReturnRecorded(Event):
    """Goods came back against an invoice; a credit note was issued at the invoice's rates."""

    order_id: int  # the return (credit note) order
    original_order_id: int
    credit_note_no: str
    total_paise: int
    customer_id: int | None = None
    skus: tuple[str, ...] = ()
    subject_type: ClassVar[str] = "order"

    @property
    def subject_id(self) -> str:
        return str(self.order_id)


@dataclass(frozen=True, kw_only=True)
class DayInvoiceIssued(Event):
    """The consolidated tax invoice for the day's small B2C sales (CGST Rule 46 proviso)."""

    day_invoice_id: int
    invoice_no: str
    business_date: str
    bill_count: int
    total_paise: int
    subject_type: ClassVar[str] = "day_invoice"

    @property
    def subject_id(self) -> str:
        return str(self.day_invoice_id)


@dataclass(frozen=True, kw_only=True)
class DayClosed(Event):
    """The day-end cash-up (Z report) was taken."""

    z_no: int
    business_date: str
    expected_cash_paise: int
    counted_cash_paise: int | None = None
    subject_type: ClassVar[str] = "zreport"

    @property
    def subject_id(self) -> str:
        return str(self.z_no)


@_subject("payment", "payment_id")
@dataclass(frozen=True, kw_only=True)
class PaymentRecorded(Event):
    payment_id: int
    method: str
    amount_paise: int
    order_id: int | None = None
    customer_id: int | None = None


@_subject("customer", "customer_id")
@dataclass(frozen=True, kw_only=True)
class KhataEntryAdded(Event):
    customer_id: int
    entry_id: int
    kind: str
    amount_paise: int
    balance_paise: int


@_subject("customer", "customer_id")
@dataclass(frozen=True, kw_only=True)
class CustomerSaved(Event):
    customer_id: int
    name: str
    created: bool = False


# --- suppliers and purchasing ----------------------------------------------------------------
@_subject("supplier", "supplier_id")
@dataclass(frozen=True, kw_only=True)
class SupplierSaved(Event):
    supplier_id: int
    name: str
    created: bool = False


@_subject("supplier", "supplier_id")
@dataclass(frozen=True, kw_only=True)
class SupplierProductLinked(Event):
    supplier_id: int
    sku: str
    cost_paise: int | None = None


@_subject("purchase_order", "po_id")
@dataclass(frozen=True, kw_only=True)
class PurchaseOrderCreated(Event):
    po_id: int
    po_no: str
    supplier_id: int
    total_paise: int
    skus: tuple[str, ...] = ()


@_subject("purchase_order", "po_id")
@dataclass(frozen=True, kw_only=True)
class PurchaseOrderSent(Event):
    po_id: int
    po_no: str
    via: str


@_subject("purchase_order", "po_id")
@dataclass(frozen=True, kw_only=True)
class PurchaseOrderReceived(Event):
    po_id: int
    po_no: str
    complete: bool
    skus: tuple[str, ...] = ()


@_subject("purchase_order", "po_id")
@dataclass(frozen=True, kw_only=True)
class PurchaseOrderCancelled(Event):
    po_id: int
    po_no: str


# --- goals and agents (goal and decision events name their subject by the base field goal_id or
# decision_id) ---------------------------------------------------------------------------------
@_subject("goal", "goal_id")
@dataclass(frozen=True, kw_only=True)
class GoalSaved(Event):
    description: str
    status: str
    created: bool = False


@_subject("decision", "decision_id")
@dataclass(frozen=True, kw_only=True)
class DecisionRecorded(Event):
    agent: str
    decision_type: str
    status: str


@dataclass(frozen=True, kw_only=True)
class ShopCheckFailed(Event):
    """Not written to the event table (the file is in doubt): the background check of a large shop
    found damage after it opened. The UI offers to restore the last good backup."""

    problems: tuple[str, ...] = ()
    subject_type: ClassVar[str] = "shop"


@_subject("decision", "decision_id")
@dataclass(frozen=True, kw_only=True)
class DecisionStatusChanged(Event):
    """A decision moved on (executed, rejected, failed, approved, superseded); ``reason`` says why."""

    agent: str
    old_status: str
    new_status: str


@_subject("decision", "decision_id")
@dataclass(frozen=True, kw_only=True)
class DecisionEvaluated(Event):
    """Expected against realised, measured after the decision's horizon."""

    agent: str
    decision_type: str
    expected: dict[str, Any]
    realised: dict[str, Any]


@_subject("belief", "key")
@dataclass(frozen=True, kw_only=True)
class BeliefUpdated(Event):
    key: str  # "<kind>:<subject>"
    kind: str
    old_value: float | None
    new_value: float
    evidence: dict[str, Any]


@_subject("approval", "approval_id")
@dataclass(frozen=True, kw_only=True)
class ApprovalRequested(Event):
    approval_id: int
    agent: str
    kind: str
    summary: str


@_subject("approval", "approval_id")
@dataclass(frozen=True, kw_only=True)
class ApprovalDecided(Event):
    approval_id: int
    status: str  # approved | rejected | expired


@_subject("product", "sku")
@dataclass(frozen=True, kw_only=True)
class CompetitorPriceSeen(Event):
    sku: str
    source: str
    price_paise: int


@_subject("promotion", "promotion_id")
@dataclass(frozen=True, kw_only=True)
class PromotionSaved(Event):
    promotion_id: int
    sku: str
    kind: str
    price_paise: int
    status: str
    starts_on: str
    ends_on: str


@_subject("goal", "goal_id")
@dataclass(frozen=True, kw_only=True)
class PlanCreated(Event):
    strategies: tuple[str, ...] = ()
    revision: int = 1


@_subject("goal", "goal_id")
@dataclass(frozen=True, kw_only=True)
class GoalProgressMeasured(Event):
    on_track: bool
    metrics: dict[str, Any]


@_subject("agent", "agent")
@dataclass(frozen=True, kw_only=True)
class AgentRunFinished(Event):
    agent: str
    status: str
    proposals: int = 0
    executed: int = 0
    escalated: int = 0
    error: str | None = None


@_subject("agent", "agent")
@dataclass(frozen=True, kw_only=True)
class AgentBreakerChanged(Event):
    agent: str
    state: str  # closed | open | half_open
    failures: int = 0
    retry_at: str | None = None


@_subject("alert", "alert_id")
@dataclass(frozen=True, kw_only=True)
class AlertRaised(Event):
    alert_id: int
    kind: str
    subject: str
    severity: str
    message: str


@_subject("alert", "alert_id")
@dataclass(frozen=True, kw_only=True)
class AlertResolved(Event):
    alert_id: int
    kind: str
    subject: str


@dataclass(frozen=True, kw_only=True)
class StockDayRecorded(Event):
    business_date: str
    out_of_stock: int
    inventory_value_paise: int
    subject_type: ClassVar[str] = "shop"


# --- marketing (consent and campaigns; see docs/marketing.md) -------------------------------------
@_subject("customer", "customer_id")
@dataclass(frozen=True, kw_only=True)
class ConsentRecorded(Event):
    customer_id: int
    channel: str
    granted: bool
    method: str


@_subject("campaign", "campaign_id")
@dataclass(frozen=True, kw_only=True)
class CampaignSaved(Event):
    campaign_id: int
    sku: str
    status: str
    quoted_price_paise: int


@_subject("campaign", "campaign_id")
@dataclass(frozen=True, kw_only=True)
class CampaignSent(Event):
    campaign_id: int
    messages: int
    cost_paise: int


@_subject("campaign", "campaign_id")
@dataclass(frozen=True, kw_only=True)
class CampaignRedeemed(Event):
    campaign_id: int
    code: str
    order_id: int
    total_paise: int


# Every event record defined above, and the bus, are this module's face.
__all__ = ["BASE_FIELDS", "Event", "EventBus", "Subscriber",
           *sorted(name for name, value in dict(globals()).items()
                   if isinstance(value, type) and issubclass(value, Event) and value is not Event)]
