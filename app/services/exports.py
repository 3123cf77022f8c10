"""Exports: the LUT of each financial year, an export sale (zero-rated under the LUT or with IGST paid),
its packages, and the proof of export that closes the 3-month rule (CGST Rule 96A). See docs/trade.md.

An export sale is a sale like any other (stock, payments, the invoice number) with place of supply 96 in
its own invoice series ``EXP``; under an LUT its lines then carry no tax. Both happen in one transaction
with the export's terms, so an export invoice is never written half.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from app import config
from app.domain import bounds
from app.domain import fy as fy_rules
from app.domain.gst import OTHER_COUNTRY
from app.domain.money import format_inr, parse_inr
from app.domain.trade import lut as lut_rules
from app.domain.trade.fob import Carriage, check_carriage
from app.domain.trade.terms import PROOF_KINDS, PROOF_OF_ROUTE, ExportTerms, check_arn
from app.errors import Duplicate, InputError, InvalidState, NotFound
from app.events.trade import (
    ExportCarriageSaved,
    ExportInvoiced,
    ExportPackagesSaved,
    ExportProofRecorded,
    LutRecorded,
)
from app.i18n import _
from app.services import alerts, sales
from app.services import settings as settings_service
from app.services.changes import Changes
from app.services.context import SELLER, SYSTEM, Origin, ServiceContext
from app.services.shop import profile as shop_profile
from app.store import exports as export_store
from app.store import gst_returns as returns_store
from app.store.db import Store

__all__ = [
    "EXPORT_ALERT", "EXPORT_SERIES", "Package", "export", "exports", "lut_for", "open_exports", "parse_line",
    "parse_package", "record_carriage", "record_export_sale", "record_lut", "record_packages", "record_proof",
    "send_export_reminders",
]

EXPORT_SERIES = "EXP"
EXPORT_ALERT = "export_due"


def lut_for(store: Store, day: date) -> tuple[int, str] | None:
    """(id, ARN) of the LUT covering ``day``'s financial year."""
    return export_store.lut_for_fy(store.db(), fy_rules.financial_year(day))


def record_lut(ctx: ServiceContext, *, arn: str, fy: str, filed_on: date, origin: Origin = SELLER) -> Changes:
    """Record the LUT (RFD-11) acknowledgement for a financial year; the calendar then reminds of the next one."""
    arn, fy = check_arn(arn), fy_rules.check_fy(fy)
    if not 2017 <= int(fy[:4]) <= 2099:  # GST (and its LUTs) began in July 2017
        raise InputError(_("'{fy}' is not a financial year of GST; write it like 2026-27.").format(fy=fy))
    bounds.check_day(filed_on, what=_("The date the LUT was filed"))
    if shop_profile(ctx.store).gst_scheme != "regular":
        raise InputError(_("Only a shop registered for regular GST can furnish an LUT."))
    with ctx.store.write() as db:
        if export_store.lut_for_fy(db, fy):
            raise Duplicate(_("The LUT for {fy} is already recorded.").format(fy=fy))
        now = ctx.now_iso()
        lut_id = export_store.insert_lut(db, fy=fy, arn=arn, filed_on=filed_on.isoformat(), created_at=now,
                                         actor=origin.actor)
        event = ctx.record(db, LutRecorded(fy=fy, arn=arn), origin, at=now)
        more = settings_service.set_setting(ctx, config.GST_EXPORTS.key, True, origin=origin)
    return Changes(events=(event, *more.events), id=lut_id)


def record_export_sale(ctx: ServiceContext, *, lines: Sequence[sales.SaleLine], payments: Sequence[sales.PaymentIn],
                       terms: ExportTerms, at: datetime | None = None, confirmed: bool = False,
                       export_order_id: int | None = None, origin: Origin = SELLER) -> Changes:
    """Record an export invoice; under the LUT (``terms.mode == 'lut'``) it needs the year's LUT and carries no
    IGST, with IGST paid it is priced like any inter-state sale. The order id is in ``Changes.id``."""
    terms = terms.checked()
    profile = shop_profile(ctx.store)
    if profile.gst_scheme != "regular":
        raise InputError(_("Only a shop registered for regular GST can make a zero-rated export invoice."))
    moment = at or ctx.now()
    day = ctx.business_date(moment)
    with ctx.store.write() as db:
        lut = export_store.lut_for_fy(db, fy_rules.financial_year(day)) if terms.mode == "lut" else None
        if terms.mode == "lut" and lut is None:
            raise InvalidState(
                _("There is no LUT for {fy}: record its ARN first, or export with IGST paid.").format(
                    fy=fy_rules.financial_year(day)),
                hint=_("The LUT is furnished on the GST portal in form RFD-11, once each financial year."))
        sale = sales.record_sale(ctx, lines=lines, payments=payments, place_of_supply=OTHER_COUNTRY, at=moment,
                                 confirmed=confirmed, series=EXPORT_SERIES, doc_type="tax_invoice", origin=origin)
        order_id = int(sale.id)  # type: ignore[arg-type]  # record_sale always returns the order's id
        if terms.mode == "lut":
            export_store.zero_rate_order(db, order_id)
        now = ctx.now_iso()
        export_store.insert_export(db, order_id, terms, lut_id=lut[0] if lut else None, created_at=now,
                                   actor=origin.actor)
        row = export_store.export_row(db, order_id)
        assert row is not None
        event = ctx.record(db, ExportInvoiced(order_id=order_id, invoice_no=row["invoice_no"], mode=terms.mode,
                                              country=terms.country, total_paise=row["total_paise"],
                                              export_order_id=export_order_id), origin, at=now)
    return Changes(orders=sale.orders, stock=sale.stock, outbox=sale.outbox, events=(*sale.events, event),
                   id=order_id)


@dataclass(frozen=True, slots=True, kw_only=True)
class Package:
    """One package of an export order, for the packing list: weights in grams, sides in millimetres."""

    net_g: int
    gross_g: int
    length_mm: int
    width_mm: int
    height_mm: int
    contents: str = ""


def parse_line(spec: str) -> sales.SaleLine:
    """'SKU:QTY' or 'SKU:QTY:PRICE' (rupees per unit), as the seller types it."""
    parts = [part.strip() for part in spec.split(":")]
    if len(parts) not in (2, 3) or not parts[0]:
        raise InputError(_("'{spec}' is not a line; write SKU:QTY or SKU:QTY:PRICE.").format(spec=spec))
    qty = round(_number(parts[1], _("'{qty}' is not a quantity.").format(qty=parts[1])) * 1000)
    return sales.SaleLine(sku=parts[0], qty_milli=qty,
                          unit_price_paise=parse_inr(parts[2]) if len(parts) == 3 else None)


def parse_package(spec: str) -> Package:
    """'NET_KG:GROSS_KG:LxWxH' in kilograms and centimetres, with ':contents' if wanted: 4.2:4.6:40x30x20."""
    parts = spec.strip().split(":", 3)
    wrong = _("'{spec}' is not a package; write NET_KG:GROSS_KG:LxWxH in cm, e.g. 4.2:4.6:40x30x20.").format(
        spec=spec[:40])
    sides_text = parts[2].lower().split("x") if len(parts) >= 3 else []
    if len(sides_text) != 3:
        raise InputError(wrong)
    net, gross = round(_number(parts[0], wrong) * 1000), round(_number(parts[1], wrong) * 1000)
    sides = [round(_number(v, wrong) * 10) for v in sides_text]
    contents = bounds.check_text(parts[3], what=_("What the package holds"), empty_ok=True) if len(parts) == 4 else ""
    return Package(net_g=net, gross_g=gross, length_mm=sides[0], width_mm=sides[1], height_mm=sides[2],
                   contents=contents)


def _number(text: str, wrong: str) -> float:
    """A plain decimal number the seller typed, finite and not absurdly large (quantities, weights, sides)."""
    try:
        value = float(text.strip())
    except ValueError:
        raise InputError(wrong) from None
    if not math.isfinite(value) or abs(value) > 1e9:
        raise InputError(wrong)
    return value


def record_packages(ctx: ServiceContext, order_id: int, packages: Sequence[Package],
                    origin: Origin = SELLER) -> Changes:
    """Set the packages of an export order (replacing any recorded before)."""
    if not packages:
        raise InputError(_("An export order has at least one package."))
    for p in packages:
        if min(p.net_g, p.length_mm, p.width_mm, p.height_mm) <= 0 or p.gross_g < p.net_g:
            raise InputError(_("Each package needs its net weight, a gross weight not below it, and its three "
                               "sides."))
        if max(p.gross_g, p.length_mm, p.width_mm, p.height_mm) > 10_000_000:
            raise InputError(_("A package's weight or side is far too large."))
    with ctx.store.write() as db:
        _export_or_fail(db, order_id)
        export_store.insert_packages(db, order_id, [(p.net_g, p.gross_g, p.length_mm, p.width_mm, p.height_mm,
                                                     p.contents.strip()[:200]) for p in packages])
        event = ctx.record(db, ExportPackagesSaved(order_id=order_id, packages=len(packages)), origin)
    return Changes(orders=frozenset({order_id}), events=(event,), id=order_id)


def record_carriage(ctx: ServiceContext, order_id: int, *, freight_paise: int, insurance_paise: int = 0,
                    origin: Origin = SELLER) -> Changes:
    """Record the freight and insurance the seller paid to carry an export abroad (replacing any recorded before):
    under CFR, CIF, DAP and the other terms where the seller pays the carriage, the FOB value is the invoice value
    less these."""
    with ctx.store.write() as db:
        row = _export_or_fail(db, order_id)
        if row["status"] == "cancelled":
            raise InvalidState(_("Export invoice {no} is cancelled.").format(no=row["invoice_no"]))
        carriage = check_carriage(row["incoterm"], Carriage(freight_paise=freight_paise,
                                                            insurance_paise=insurance_paise), row["total_paise"])
        export_store.set_carriage(db, order_id, freight_paise=carriage.freight_paise,
                                  insurance_paise=carriage.insurance_paise, at=ctx.now_iso(), actor=origin.actor)
        event = ctx.record(db, ExportCarriageSaved(order_id=order_id, freight_paise=carriage.freight_paise,
                                                   insurance_paise=carriage.insurance_paise), origin)
    return Changes(orders=frozenset({order_id}), events=(event,), id=order_id)


def _export_or_fail(db, order_id: int) -> dict[str, Any]:
    row = export_store.export_row(db, order_id)
    if row is None:
        raise NotFound(_("Order {id} is not an export invoice.").format(id=order_id))
    return row


def record_proof(ctx: ServiceContext, order_id: int, *, number: str, on: date, kind: str | None = None,
                 port_code: str = "", origin: Origin = SELLER) -> Changes:
    """Record the proof of export (CSB-V, postal bill of export or shipping bill: number and date); this closes
    the export's 3-month watch under the LUT."""
    number = bounds.check_text(number, what=_("The number of the proof of export"), limit=30).upper()
    port_code = port_code.strip().upper()
    if port_code and len(port_code) != 6:
        raise InputError(_("A customs port code has 6 characters, for example INBOM4."))
    with ctx.store.write() as db:
        row = _export_or_fail(db, order_id)
        kind = kind or PROOF_OF_ROUTE[row["route"]]
        if kind not in PROOF_KINDS:
            raise InputError(_("'{kind}' is not a proof of export.").format(kind=kind))
        invoice_day = date.fromisoformat(row["business_date"])
        if on < invoice_day:
            raise InputError(_("The goods cannot leave before their invoice of {day}.").format(
                day=invoice_day.strftime("%d-%m-%Y")))
        if on > ctx.today():
            raise InputError(_("The date of the proof of export cannot be in the future."))
        now = ctx.now_iso()
        export_store.set_proof(db, order_id, kind=kind, number=number, on=on.isoformat(), port_code=port_code, at=now)
        in_time = on <= lut_rules.export_deadline(invoice_day)
        event = ctx.record(db, ExportProofRecorded(order_id=order_id, kind=kind, number=number, on=on.isoformat(),
                                                   in_time=in_time), origin, at=now)
    alerts.resolve_alerts(ctx, kind=EXPORT_ALERT, subjects=[row["invoice_no"]], origin=origin)
    return Changes(orders=frozenset({order_id}), events=(event,), id=order_id)


def export(store: Store, order_id: int) -> dict[str, Any]:
    return _export_or_fail(store.db(), order_id)


def exports(store: Store) -> list[dict[str, Any]]:
    return export_store.export_rows(store.db())


def open_exports(store: Store) -> list[lut_rules.OpenExport]:
    return export_store.open_exports(store.db())


def reminder_text(item: lut_rules.OpenExport) -> str:
    return _("Export {invoice} under the LUT must leave India by {day} (or pay IGST of {igst} with interest); "
             "record its shipping bill, postal bill or CSB-V when it goes.").format(
        invoice=item.invoice_no, day=item.deadline.strftime("%d-%m-%Y"),
        igst=format_inr(item.igst_due_paise))


def send_export_reminders(ctx: ServiceContext, *, origin: Origin = SYSTEM) -> list[str]:
    """Raise an alert for each export under the LUT nearing its 3-month deadline without proof, each once."""
    today = ctx.today()
    sent_now = []
    with ctx.store.write() as db:
        due = lut_rules.export_reminders(export_store.open_exports(db), today, returns_store.sent_reminders(db))
        for key, item in due:
            if returns_store.mark_reminder_sent(db, key, item.deadline.isoformat(), ctx.now_iso()):
                alerts.raise_alert(ctx, kind=EXPORT_ALERT, subject=item.invoice_no, message=reminder_text(item),
                                   severity="warning",
                                   data={"order_id": item.order_id, "due": item.deadline.isoformat()}, origin=origin)
                sent_now.append(key)
    return sent_now
