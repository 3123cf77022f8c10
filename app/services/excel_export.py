"""Items, customers and bills as XLSX workbooks (openpyxl, write-only: a 100,000-item catalog streams
to the file instead of being held in memory), for the accountant, for Excel, or to move to other software.

The items sheet's headings are the usual English ones of Excel item lists ("Item code", "Item Name",
"Sale Price", ...) in every language, on purpose: ``product import`` here, and Vyapar, Tally and Marg,
read them back without a column-matching step. Customers and bills are reports, headed in the seller's
language. Money is in rupees, quantities in the item's unit.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from app.domain.clock import from_iso, shop_zone
from app.domain.gst import format_rate
from app.i18n import _
from app.services.context import ServiceContext
from app.store import catalog, parties
from app.store.bill_history import bills_with_tax
from app.store.stock import on_hand_many

__all__ = ["export_bills", "export_customers", "export_items"]

ITEM_HEADINGS = ["Item code", "Item Name", "Hindi name", "Barcode", "HSN", "GST %", "Unit", "MRP", "Sale Price",
                 "Purchase Price", "Stock", "Reorder level", "Category", "Brand", "Pack"]
PAGE = 2000


def _rupees(paise: int | None) -> float | None:
    return None if paise is None else paise / 100


def _qty(milli: int) -> float:
    return milli / 1000


def _book(title: str, headings: list[str], widths: list[int]) -> tuple[Workbook, Any]:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title)
    for i, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + i)].width = width
    bold = []
    for heading in headings:
        cell = WriteOnlyCell(sheet, value=heading)
        cell.font = Font(bold=True)
        bold.append(cell)
    sheet.append(bold)
    return book, sheet


def export_items(ctx: ServiceContext, path: Path) -> int:
    """Every active item with its price, cost, tax and stock; returns how many were written."""
    db = ctx.store.db()
    book, sheet = _book(_("Items"), ITEM_HEADINGS, [18, 36, 28, 16, 10, 7, 6, 10, 10, 12, 10, 12, 14, 14, 10])
    count, after = 0, None
    while True:
        products = catalog.list_products_after(db, after, limit=PAGE)
        if not products:
            break
        stock = on_hand_many(db, [p.sku for p in products])
        for p in products:
            sheet.append([p.sku, p.name_en, p.name_hi, p.barcode or "", p.hsn_code,
                          format_rate(p.gst_rate_bp).rstrip("%") if p.gst_rate_bp is not None else "", p.unit,
                          _rupees(p.mrp_paise), _rupees(p.price_paise), _rupees(p.cost_paise),
                          _qty(stock.get(p.sku, 0)), _qty(p.reorder_point_milli), p.category or "", p.brand,
                          p.pack_size])
        count += len(products)
        after = (products[-1].name_en, products[-1].id)
    book.save(path)
    return count


def export_customers(ctx: ServiceContext, path: Path) -> int:
    """Every active customer with what they owe and their credit limit."""
    db = ctx.store.db()
    book, sheet = _book(_("Customers"), [_("Number"), _("Name"), _("Name in Hindi"), _("Phone"), _("Address"),
                                         _("GSTIN"), _("Owes (₹)"), _("Credit limit (₹)")],
                        [8, 28, 28, 14, 30, 18, 12, 14])
    customers = parties.find_customers(db, "", limit=1_000_000)
    for c in customers:
        sheet.append([c.id, c.name, c.name_hi, c.phone or "", c.address, c.gstin or "",
                      _rupees(c.khata_balance_paise), _rupees(c.credit_limit_paise)])
    book.save(path)
    return len(customers)


def export_bills(ctx: ServiceContext, path: Path, *, start: date | None = None, end: date | None = None) -> int:
    """Sales and credit notes from ``start`` to ``end`` (business dates, both included) with their taxes."""
    db = ctx.store.db()
    zone = shop_zone(ctx.timezone)
    book, sheet = _book(_("Bills"), [_("Number"), _("Date"), _("Time"), _("Kind"), _("Customer"), _("GSTIN"),
                                     _("Taxable (₹)"), "CGST (₹)", "SGST (₹)", "IGST (₹)", _("Cess (₹)"),
                                     _("Round off (₹)"), _("Total (₹)"), _("Paid by")],
                        [18, 11, 7, 14, 24, 18, 12, 10, 10, 10, 9, 10, 12, 14])
    rows = bills_with_tax(db, date_from=start.isoformat() if start else None,
                          date_to=end.isoformat() if end else None)
    for (number, day, at, kind, doc_type, status, customer, gstin, taxable, cgst, sgst, igst, cess, rounding,
         total, methods) in rows:
        sign = -1 if kind == "return" else 1  # a credit note takes away from the period's sales
        what = (_("Credit note") if kind == "return" else _("Cancelled") if status == "cancelled"
                else _("Bill of supply") if doc_type == "bill_of_supply" else _("Cash memo") if doc_type == "none"
                else _("Tax invoice"))
        sheet.append([number, date.fromisoformat(day), from_iso(at).astimezone(zone).strftime("%H:%M"), what,
                      customer, gstin, *(sign * v / 100 for v in (taxable, cgst, sgst, igst, cess, rounding, total)),
                      methods])
    book.save(path)
    return len(rows)
