"""A regular GST shop (Maharashtra) with three months of varied bills: the books the returns are read from.

July to September 2026: cash sales at 0 %, 5 %, 18 % and 40 %; tax invoices to a registered buyer;
an inter-state sale above the B2CL limit and one below it; credit notes on a B2B, a B2CL and a
B2C bill; purchase bills from a supplier with a valid GSTIN and one with a bad one.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from app.services import catalog, khata, suppliers
from app.services.context import ServiceContext
from app.services.gst_returns import BillLine, record_purchase_bill
from app.services.returns import ReturnLine, record_return
from app.services.sales import PaymentIn, SaleLine, record_sale

BUYER_GSTIN = "27AAPFU0939F1ZV"  # a valid Maharashtra GSTIN (the same PAN as python-stdnum's example)
SUPPLIER_GSTIN = "29AAPFU0939F1ZR"  # Karnataka: an inter-state purchase
LOCAL_SUPPLIER_GSTIN = "27AABCU9603R1ZN"  # Maharashtra: CGST and SGST credit
BAD_GSTIN = "27AAPFU0939F1ZX"  # wrong check character

ITEMS = {  # sku: (hsn, price in paise, unit)
    "BISC": ("1905", 3000, "pcs"),  # 5 %
    "BATT": ("8506", 5000, "pcs"),  # 18 %
    "COLA": ("22021010", 4000, "pcs"),  # 40 %
    "MILK": ("0401", 2800, "pcs"),  # 0 %
    "DRYF": ("0802", 60_000, "pcs"),  # 5 %, dear: for the B2CL bill
}


def at(day: date, hour: int = 6) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=UTC)


def _cash(ctx: ServiceContext, day: date, lines: list[SaleLine], **kw) -> int:
    from app.services.sales import quote_sale

    total = quote_sale(ctx, lines=lines, place_of_supply=kw.get("place_of_supply"), at=at(day)).total_paise
    return record_sale(ctx, lines=lines, payments=[PaymentIn(method="cash", amount_paise=total)], at=at(day),
                       confirmed=True, **kw).id


def build_books(ctx: ServiceContext) -> dict[str, int]:
    """Fill the shop's books; returns the ids of the notable bills."""
    for sku, (hsn, price, unit) in ITEMS.items():
        catalog.create_product(ctx, sku=sku, name_en=f"Item {sku}", price_paise=price, mrp_paise=price,
                               cost_paise=price * 8 // 10, hsn_code=hsn, unit=unit, opening_stock_milli=5_000_000)
    buyer = khata.create_customer(ctx, name="Hotel Sagar", gstin=BUYER_GSTIN, state_code="27",
                                  phone="9876543210").id
    ids: dict[str, int] = {}
    for month in (7, 8, 9):
        for day in (3, 11, 19, 27):
            d = date(2026, month, day)
            _cash(ctx, d, [SaleLine(sku="BISC", qty_milli=3000), SaleLine(sku="MILK", qty_milli=2000)])
            _cash(ctx, d, [SaleLine(sku="BATT", qty_milli=1000 * (day % 7 + 1)), SaleLine(sku="COLA", qty_milli=2000)])
        ids[f"b2b{month}"] = _cash(ctx, date(2026, month, 15), [SaleLine(sku="BISC", qty_milli=40_000),
                                                                 SaleLine(sku="BATT", qty_milli=12_000),
                                                                 SaleLine(sku="MILK", qty_milli=10_000)],
                                   customer_id=buyer)
    ids["b2cl"] = _cash(ctx, date(2026, 8, 5), [SaleLine(sku="DRYF", qty_milli=200_000)], place_of_supply="29")
    ids["b2cs_inter"] = _cash(ctx, date(2026, 8, 6), [SaleLine(sku="BATT", qty_milli=3000)], place_of_supply="07")
    ids["cn_b2b"] = record_return(ctx, ids["b2b8"], lines=[ReturnLine(line_no=2, qty_milli=2000)],
                                  at=at(date(2026, 8, 20))).id
    ids["cn_b2cl"] = record_return(ctx, ids["b2cl"], lines=[ReturnLine(line_no=1, qty_milli=10_000)],
                                   at=at(date(2026, 9, 2))).id
    first_cash = ctx.store.db().execute(
        "SELECT min(id) FROM orders WHERE business_date = '2026-09-03' AND customer_id IS NULL").fetchone()[0]
    ids["cn_b2c"] = record_return(ctx, first_cash, lines=[ReturnLine(line_no=1, qty_milli=1000)],
                                  at=at(date(2026, 9, 4))).id
    good = suppliers.create_supplier(ctx, name="Bharat Traders", gstin=SUPPLIER_GSTIN, state_code="29").id
    for month in (7, 8, 9):
        record_purchase_bill(ctx, supplier_id=good, bill_no=f"BT/{month}/1", bill_date=date(2026, month, 10),
                             lines=[BillLine(rate_bp=500, taxable_paise=8_000_00),
                                    BillLine(rate_bp=1800, taxable_paise=2_000_00)])
    local = suppliers.create_supplier(ctx, name="Pune Wholesale", gstin=LOCAL_SUPPLIER_GSTIN, state_code="27").id
    record_purchase_bill(ctx, supplier_id=local, bill_no="PW-1", bill_date=date(2026, 8, 1),
                         lines=[BillLine(rate_bp=500, taxable_paise=5_000_00, tax_paise=250_01)])
    record_purchase_bill(ctx, supplier_name="Ravi Agencies", supplier_gstin=BAD_GSTIN, bill_no="RA-77",
                         bill_date=date(2026, 9, 12), lines=[BillLine(rate_bp=500, taxable_paise=10_000_00)])
    return ids
