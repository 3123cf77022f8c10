"""What the shop owes its suppliers: their purchase bills less the payments made, and each supplier's
ledger of bills and payments in date order."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from app.domain.records import PurchaseOrder
from app.store.rows import fetch_all

__all__ = ["LedgerEntry", "PurchaseBillRow", "SupplierBalance", "balances", "closed_orders", "entries",
           "insert_payment", "owed", "purchase_bills"]


@dataclass(frozen=True, kw_only=True)
class SupplierBalance:
    supplier_id: int
    name: str
    phone: str
    gstin: str
    billed_paise: int
    paid_paise: int
    last_bill_on: str
    open_orders: int

    @property
    def owed_paise(self) -> int:
        return self.billed_paise - self.paid_paise


@dataclass(frozen=True, kw_only=True)
class LedgerEntry:
    on: str  # the bill's date or the day paid
    kind: str  # bill or payment
    reference: str  # the supplier's bill number, or the payment's method and reference
    amount_paise: int  # a bill adds to what is owed, a payment takes from it
    balance_paise: int  # owed after this entry


def _billed(db: Database, supplier_id: int) -> int:
    return db.execute("SELECT coalesce(sum(total_paise), 0) FROM purchase_bill WHERE supplier_id = ?",
                      (supplier_id,)).fetchone()[0]


def _paid(db: Database, supplier_id: int) -> int:
    return db.execute("SELECT coalesce(sum(amount_paise), 0) FROM supplier_payment WHERE supplier_id = ?",
                      (supplier_id,)).fetchone()[0]


def owed(db: Database, supplier_id: int) -> int:
    return _billed(db, supplier_id) - _paid(db, supplier_id)


def balances(db: Database, *, include_inactive: bool = False) -> list[SupplierBalance]:
    """Every supplier with what was billed, what was paid and open purchase orders; most owed first."""
    rows = db.execute(
        "SELECT s.id, s.name, coalesce(s.phone, ''), coalesce(s.gstin, ''),"
        " (SELECT coalesce(sum(total_paise), 0) FROM purchase_bill b WHERE b.supplier_id = s.id),"
        " (SELECT coalesce(sum(amount_paise), 0) FROM supplier_payment p WHERE p.supplier_id = s.id),"
        " (SELECT coalesce(max(bill_date), '') FROM purchase_bill b WHERE b.supplier_id = s.id),"
        " (SELECT count(*) FROM purchase_order o WHERE o.supplier_id = s.id"
        "   AND o.status IN ('draft', 'sent', 'partly_received'))"
        f" FROM supplier s {'' if include_inactive else 'WHERE s.active = 1'} ORDER BY s.name").fetchall()
    found = [SupplierBalance(supplier_id=r[0], name=r[1], phone=r[2], gstin=r[3], billed_paise=r[4], paid_paise=r[5],
                             last_bill_on=r[6], open_orders=r[7]) for r in rows]
    return sorted(found, key=lambda b: -b.owed_paise)


def entries(db: Database, supplier_id: int) -> list[LedgerEntry]:
    """A supplier's bills and payments, oldest first, with what was owed after each."""
    rows = db.execute(
        "SELECT bill_date, 0, 'bill', bill_no, total_paise, id FROM purchase_bill WHERE supplier_id = ?"
        " UNION ALL SELECT paid_on, 1, 'payment', trim(method || ' ' || reference), -amount_paise, id"
        " FROM supplier_payment WHERE supplier_id = ? ORDER BY 1, 2, 6", (supplier_id, supplier_id)).fetchall()
    balance, found = 0, []
    for on, _order, kind, reference, amount, _id in rows:
        balance += amount
        found.append(LedgerEntry(on=on, kind=kind, reference=reference, amount_paise=amount, balance_paise=balance))
    return found


def insert_payment(db: Database, *, supplier_id: int, amount_paise: int, method: str, reference: str, note: str,
                   paid_on: str, at: str, actor: str) -> int:
    row_id = db.execute(
        "INSERT INTO supplier_payment (supplier_id, amount_paise, method, reference, note, paid_on, at, actor)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (supplier_id, amount_paise, method, reference, note, paid_on, at, actor)).lastrowid
    assert row_id is not None  # an INSERT always gives one
    return row_id


@dataclass(frozen=True, kw_only=True)
class PurchaseBillRow:
    id: int
    supplier_id: int | None
    supplier_name: str
    bill_no: str
    bill_date: str
    taxable_paise: int
    tax_paise: int  # the input GST on it (CGST + SGST + IGST + cess)
    total_paise: int


def purchase_bills(db: Database, *, limit: int = 500) -> list[PurchaseBillRow]:
    """The suppliers' bills, newest first, with their taxable value and input GST."""
    rows = db.execute(
        "SELECT b.id, b.supplier_id, b.supplier_name, b.bill_no, b.bill_date,"
        " coalesce(sum(l.taxable_paise), 0),"
        " coalesce(sum(l.cgst_paise + l.sgst_paise + l.igst_paise + l.cess_paise), 0), b.total_paise"
        " FROM purchase_bill b LEFT JOIN purchase_bill_line l ON l.bill_id = b.id"
        " GROUP BY b.id ORDER BY b.bill_date DESC, b.id DESC LIMIT ?", (limit,)).fetchall()
    return [PurchaseBillRow(id=r[0], supplier_id=r[1], supplier_name=r[2], bill_no=r[3], bill_date=r[4],
                            taxable_paise=r[5], tax_paise=r[6], total_paise=r[7]) for r in rows]


def closed_orders(db: Database, *, limit: int = 200) -> list[PurchaseOrder]:
    """Purchase orders that arrived in full or were cancelled, newest first."""
    return fetch_all(db, PurchaseOrder, "SELECT * FROM purchase_order WHERE status IN ('received', 'cancelled')"
                     " ORDER BY id DESC LIMIT ?", (limit,))
