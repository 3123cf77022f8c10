"""Event records (the kernel's): every change a service makes, and what the agents do.

Every change a service makes is written to the append-only ``event`` table in the same
transaction, and after the commit the same record is published on the bus. Records are small, frozen,
keyword-only and named in the past tense. ``actor`` says who (``seller``, ``agent:<name>``,
``sync:<channel>``, ``system``), ``reason`` says why, and ``goal_id`` / ``decision_id`` tie the
change to what caused it.

The bus that publishes them is ``app.bus.EventBus`` (also importable from here).
"""

from __future__ import annotations

from app.bus import EventBus, Subscriber  # the bus, importable from here as before
from app.events.agents import (
           AgentBreakerChanged,
           AgentRunFinished,
           AlertRaised,
           AlertResolved,
           ApprovalDecided,
           ApprovalRequested,
           BeliefUpdated,
           CompetitorPriceSeen,
           DecisionEvaluated,
           DecisionRecorded,
           DecisionStatusChanged,
           GoalProgressMeasured,
           GoalSaved,
           PlanCreated,
           PromotionSaved,
           ShopCheckFailed,
           StockDayRecorded,
)
from app.events.backups import BackupCopied
from app.events.base import BASE_FIELDS, Event, subject
from app.events.buying import (
           PurchaseOrderCancelled,
           PurchaseOrderCreated,
           PurchaseOrderReceived,
           PurchaseOrderSent,
           SupplierProductLinked,
           SupplierSaved,
)
from app.events.fulfilment import FulfilmentUpdated
from app.events.marketing import (
    AdBudgetSet,  # a sponsored-ads budget (Amazon Ads)
    CampaignPosted,
    CampaignRedeemed,
    CampaignSaved,
    CampaignSent,
    ConsentRecorded,
    MessageReceipts,
)
from app.events.order_parts import OrderPartRecorded
from app.events.selling import (
           CustomerSaved,
           DayClosed,
           DayInvoiceIssued,
           KhataEntryAdded,
           OrderCancelled,
           OrderImported,
           OrderStatusChanged,
           PaymentRecorded,
           ReturnRecorded,
           SaleRecorded,
)
from app.events.shipping import ShipmentUpdated
from app.events.shop import (
           ChannelAdded,
           DebitNoteIssued,
           FinancialYearClosed,
           GstRateAdded,
           ItemsImported,
           PhotoConfirmed,
           PriceChanged,
           ProductCreated,
           ProductUpdated,
           PurchaseBillRecorded,
           SettingChanged,
           ShopProfileUpdated,
           ShopRestored,
           StockAdjusted,
           StockReceived,
)
from app.events.supplier_money import SupplierPaid
from app.events.trade import (
    ExportCarriageSaved,
    ExportInvoiced,
    ExportOrderCancelled,
    ExportOrderHeld,
    ExportOrderPlaced,
    ExportPackagesSaved,
    ExportProofRecorded,
    LutRecorded,
)

# Every event record of the submodules, the base and the bus are this package's face.
__all__ = [
           "BASE_FIELDS",
           "AdBudgetSet",
           "AgentBreakerChanged",
           "AgentRunFinished",
           "AlertRaised",
           "AlertResolved",
           "ApprovalDecided",
           "ApprovalRequested",
           "BackupCopied",
           "BeliefUpdated",
           "CampaignPosted",
           "CampaignRedeemed",
           "CampaignSaved",
           "CampaignSent",
           "ChannelAdded",
           "CompetitorPriceSeen",
           "ConsentRecorded",
           "CustomerSaved",
           "DayClosed",
           "DayInvoiceIssued",
           "DebitNoteIssued",
           "DecisionEvaluated",
           "DecisionRecorded",
           "DecisionStatusChanged",
           "Event",
           "EventBus",
           "ExportCarriageSaved",
           "ExportInvoiced",
           "ExportOrderCancelled",
           "ExportOrderHeld",
           "ExportOrderPlaced",
           "ExportPackagesSaved",
           "ExportProofRecorded",
           "FinancialYearClosed",
           "FulfilmentUpdated",
           "GoalProgressMeasured",
           "GoalSaved",
           "GstRateAdded",
           "ItemsImported",
           "KhataEntryAdded",
           "LutRecorded",
           "MessageReceipts",
           "OrderCancelled",
           "OrderImported",
           "OrderPartRecorded",
           "OrderStatusChanged",
           "PaymentRecorded",
           "PhotoConfirmed",
           "PlanCreated",
           "PriceChanged",
           "ProductCreated",
           "ProductUpdated",
           "PromotionSaved",
           "PurchaseBillRecorded",
           "PurchaseOrderCancelled",
           "PurchaseOrderCreated",
           "PurchaseOrderReceived",
           "PurchaseOrderSent",
           "ReturnRecorded",
           "SaleRecorded",
           "SettingChanged",
           "ShipmentUpdated",
           "ShopCheckFailed",
           "ShopProfileUpdated",
           "ShopRestored",
           "StockAdjusted",
           "StockDayRecorded",
           "StockReceived",
           "Subscriber",
           "SupplierPaid",
           "SupplierProductLinked",
           "SupplierSaved",
           "subject",
]
