"""Event records: The shop, its settings, the catalog and stock."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from app.events.base import Event, subject

__all__ = ["ChannelAdded", "FinancialYearClosed", "GstRateAdded", "ItemsImported", "PhotoConfirmed", "PriceChanged",
           "ProductCreated", "ProductUpdated", "PurchaseBillRecorded", "SettingChanged", "ShopProfileUpdated",
           "ShopRestored", "StockAdjusted", "StockReceived"]


@dataclass(frozen=True, kw_only=True)
class ShopProfileUpdated(Event):
    fields: tuple[str, ...] = ()
    subject_type: ClassVar[str] = "shop"


@subject("setting", "key")
@dataclass(frozen=True, kw_only=True)
class SettingChanged(Event):
    key: str
    value: Any = None


@subject("gst_rate", "hsn_prefix")
@dataclass(frozen=True, kw_only=True)
class GstRateAdded(Event):
    hsn_prefix: str
    rate_bp: int
    cess_bp: int
    effective_from: str


@subject("purchase_bill", "bill_id")
@dataclass(frozen=True, kw_only=True)
class PurchaseBillRecorded(Event):
    bill_id: int
    supplier_name: str
    bill_no: str
    total_paise: int


@subject("debit_note", "note_id")
@dataclass(frozen=True, kw_only=True)
class DebitNoteIssued(Event):
    note_id: int
    note_no: str
    invoice_no: str
    total_paise: int


@subject("financial_year", "fy")
@dataclass(frozen=True, kw_only=True)
class FinancialYearClosed(Event):
    fy: str


@subject("channel", "code")
@dataclass(frozen=True, kw_only=True)
class ChannelAdded(Event):
    code: str
    name: str
    kind: str


@subject("shop", "backup")
@dataclass(frozen=True, kw_only=True)
class ShopRestored(Event):
    backup: str


@subject("product", "sku")
@dataclass(frozen=True, kw_only=True)
class ProductCreated(Event):
    sku: str
    name: str


@dataclass(frozen=True, kw_only=True)
class ItemsImported(Event):  # one event for a whole item list (app.services.item_import)
    file: str
    added: int
    refused: int


@subject("photo", "photo_key")
@dataclass(frozen=True, kw_only=True)
class PhotoConfirmed(Event):
    photo_key: str
    category: str
    sku: str | None = None


@subject("product", "sku")
@dataclass(frozen=True, kw_only=True)
class ProductUpdated(Event):
    sku: str
    fields: tuple[str, ...] = ()


@subject("product", "sku")
@dataclass(frozen=True, kw_only=True)
class PriceChanged(Event):
    sku: str
    old_price_paise: int
    new_price_paise: int
    mrp_paise: int | None = None


@subject("product", "sku")
@dataclass(frozen=True, kw_only=True)
class StockReceived(Event):
    sku: str
    qty_milli: int
    on_hand_milli: int
    unit_cost_paise: int | None = None
    source_ref: str = ""


@subject("product", "sku")
@dataclass(frozen=True, kw_only=True)
class StockAdjusted(Event):
    sku: str
    qty_milli: int  # the change, + or -
    on_hand_milli: int
    kind: str = "adjust"  # adjust | count | wastage | opening

