"""The compliance tests' books plus exports: an LUT for FY 2026-27, an export under it (with a 0 % line),
an export with IGST paid, and a credit note on the LUT export."""

from __future__ import annotations

from datetime import date

from compliance.books import at, build_books

from app.domain.trade.terms import ExportTerms
from app.services import exports
from app.services.context import ServiceContext
from app.services.returns import ReturnLine, record_return
from app.services.sales import PaymentIn, SaleLine, quote_sale

ARN = "AD270326012345X"


def terms(**over) -> ExportTerms:
    values = dict(buyer_name="Gulf Foods LLC", buyer_address="Shop 4, Al Karama, Dubai", country="AE",
                  currency="AED", fx_paise=2290, incoterm="CIF", payment_terms="100% advance by bank transfer",
                  route="courier", mode="lut")
    values.update(over)
    return ExportTerms(**values)  # type: ignore[arg-type]


def export_sale(ctx: ServiceContext, day: date, lines: list[SaleLine], **over) -> int:
    total = quote_sale(ctx, lines=lines, place_of_supply="96", at=at(day)).total_paise
    return exports.record_export_sale(ctx, lines=lines, payments=[PaymentIn(method="bank", amount_paise=total)],
                                      terms=terms(**over), at=at(day), confirmed=True).id  # type: ignore[return-value]


def build_export_books(ctx: ServiceContext) -> dict[str, int]:
    ids = build_books(ctx)
    exports.record_lut(ctx, arn=ARN, fy="2026-27", filed_on=date(2026, 4, 2))
    ids["exp_lut"] = export_sale(ctx, date(2026, 8, 10), [SaleLine(sku="DRYF", qty_milli=5000),
                                                          SaleLine(sku="BISC", qty_milli=24_000),
                                                          SaleLine(sku="MILK", qty_milli=1000)])
    ids["exp_igst"] = export_sale(ctx, date(2026, 9, 8), [SaleLine(sku="BATT", qty_milli=10_000)], mode="igst",
                                  route="postal", country="US", currency="USD", fx_paise=8410, incoterm="DAP",
                                  buyer_name="R. Mehta", buyer_address="12 Oak St, Edison NJ 08817")
    ids["cn_exp"] = record_return(ctx, ids["exp_lut"], lines=[ReturnLine(line_no=2, qty_milli=4000)],
                                  at=at(date(2026, 9, 1))).id  # type: ignore[assignment]
    return ids
