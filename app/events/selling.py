"""Event records: Orders, payments, returns, day-end and khata."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from app.events.base import Event, subject

__all__ = ["CustomerSaved", "DayClosed", "DayInvoiceIssued", "KhataEntryAdded", "OrderCancelled", "OrderImported",
           "OrderStatusChanged", "PaymentRecorded", "ReturnRecorded", "SaleRecorded"]


@subject("order", "order_id")
@dataclass(frozen=True, kw_only=True)
class SaleRecorded(Event):
    order_id: int
    invoice_no: str | None
    channel: str
    total_paise: int
    line_count: int
    customer_id: int | None = None
    skus: tuple[str, ...] = ()


@subject("order", "order_id")
@dataclass(frozen=True, kw_only=True)
class OrderImported(Event):
    order_id: int
    channel: str
    remote_id: str
    total_paise: int
    skus: tuple[str, ...] = ()


@subject("order", "order_id")
@dataclass(frozen=True, kw_only=True)
class OrderStatusChanged(Event):
    order_id: int
    channel: str
    old_status: str
    new_status: str


@subject("order", "order_id")
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


@subject("payment", "payment_id")
@dataclass(frozen=True, kw_only=True)
class PaymentRecorded(Event):
    payment_id: int
    method: str
    amount_paise: int
    order_id: int | None = None
    customer_id: int | None = None


@subject("customer", "customer_id")
@dataclass(frozen=True, kw_only=True)
class KhataEntryAdded(Event):
    customer_id: int
    entry_id: int
    kind: str
    amount_paise: int
    balance_paise: int


@subject("customer", "customer_id")
@dataclass(frozen=True, kw_only=True)
class CustomerSaved(Event):
    customer_id: int
    name: str
    created: bool = False

