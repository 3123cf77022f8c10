"""Goods coming back: a return against an invoice, with a credit note at the invoice's own rates.

The credit note takes the GST rate, price and discount of the original invoice line, whatever the
rate table says today (a return after a rate change must reverse the tax actually charged). Its lines
carry the line numbers of the invoice lines they return. Partial returns are shared out so that,
once everything has come back, the credit notes add up exactly to the invoice, part by part.

One transaction: the return order (kind ``return``, document ``credit_note``, numbered in its own
``CN`` series, unique per financial year), its lines, the stock coming back, the refund (cash or
other payments as negative amounts, or less owed on the khata) and the event.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from app import config
from app.domain import bounds, fy, gst
from app.domain.clock import to_iso
from app.domain.money import div_round, format_inr
from app.domain.qty import check_positive, format_qty
from app.domain.records import Order, OrderLine
from app.errors import InputError, InvalidAmount, InvalidQuantity, InvalidState, NotFound
from app.events import ReturnRecorded
from app.i18n import _
from app.services import settings as settings_service
from app.services.changes import Changes
from app.services.context import SELLER, Origin, ServiceContext
from app.services.khata import add_entry
from app.services.periods import check_open
from app.services.sales import PaymentIn
from app.store import orders as order_store
from app.store import shop as shop_store
from app.store import stock as stock_store

CREDIT_NOTE_SERIES = "CN"
REFUND_METHODS = ("cash", "upi", "card", "khata", "bank", "other")


@dataclass(frozen=True, kw_only=True)
class ReturnLine:
    line_no: int  # the invoice line that comes back
    qty_milli: int


@dataclass(frozen=True, kw_only=True)
class ReturnedPart:
    """One line of a credit note, before it is saved."""

    original: OrderLine
    qty_milli: int
    split: gst.TaxSplit

    @property
    def total_paise(self) -> int:
        return self.split.total_paise


def returned_so_far(db: Database, order_id: int) -> dict[int, int]:
    """Invoice line number -> quantity already returned against it."""
    return order_store.returned_so_far(db, order_id)


def _share(value: int, done_milli: int, qty_milli: int, whole_milli: int) -> int:
    """The part of ``value`` for ``qty_milli`` more of ``whole_milli``, after ``done_milli`` already
    came back: cumulative rounding, so all the parts add up exactly to ``value``."""
    return div_round(value * (done_milli + qty_milli), whole_milli) - div_round(value * done_milli, whole_milli)


def price_return(original: Order, lines: Sequence[ReturnLine], already: dict[int, int]) -> list[ReturnedPart]:
    """The credit note's lines for ``lines`` of ``original``, at the invoice's rates and prices."""
    by_no = {line.line_no: line for line in original.lines}
    parts, seen = [], set()
    for item in lines:
        check_positive(item.qty_milli)
        line = by_no.get(item.line_no)
        if line is None:
            raise NotFound(_("Bill {bill} has no line {line}.").format(bill=original.invoice_no or original.id,
                                                                       line=item.line_no))
        if item.line_no in seen:
            raise InputError(_("Line {line} is listed twice.").format(line=item.line_no))
        seen.add(item.line_no)
        done = already.get(item.line_no, 0)
        if done + item.qty_milli > line.qty_milli:
            raise InvalidQuantity(_("Only {left} of {name} can still come back on this bill.").format(
                left=format_qty(line.qty_milli - done, line.unit), name=line.name))
        taxes = {name: _share(getattr(line, name), done, item.qty_milli, line.qty_milli)
                 for name in gst.TAX_FIELDS[1:]}
        total = _share(line.total_paise, done, item.qty_milli, line.qty_milli)
        parts.append(ReturnedPart(original=line, qty_milli=item.qty_milli,
                                  split=gst.TaxSplit(taxable_paise=total - sum(taxes.values()), **taxes)))
    if not parts:
        raise InputError(_("Say which items come back."))
    return parts


def _default_refunds(db: Database, original: Order, total: int) -> list[PaymentIn]:
    """Money goes back the way it came: first off the khata, the rest in cash."""
    on_khata = sum(p.amount_paise for p in order_store.payments(db, original.id) if p.method == "khata")
    credit = min(on_khata, total)
    refunds = [PaymentIn(method="khata", amount_paise=credit)] if credit else []
    if total - credit:
        refunds.append(PaymentIn(method="cash", amount_paise=total - credit))
    return refunds


def record_return(ctx: ServiceContext, order_id: int, *, lines: Sequence[ReturnLine],
                  refunds: Sequence[PaymentIn] | None = None, reason: str = "", at: datetime | None = None,
                  origin: Origin = SELLER) -> Changes:
    """Take goods back against a completed sale and issue a credit note; ``Changes.id`` is the return.

    ``refunds`` say how the money goes back (amounts positive; khata means the customer owes less);
    by default as it was paid: off the khata first, then cash. They must add up to the credit note.
    """
    reason = bounds.check_text(reason, what=_("Reason"), limit=bounds.NOTE_MAX, empty_ok=True)
    moment = at or ctx.now()
    now = to_iso(moment)
    day = ctx.business_date(moment)
    with ctx.store.write() as db:
        original = order_store.get(db, order_id)
        if original is None:
            raise NotFound(_("There is no order number {id}.").format(id=order_id))
        if original.kind != "sale" or original.status not in ("completed", "delivered"):
            raise InvalidState(_("Only a completed sale can be returned."))
        fiscal_year = check_open(db, day)
        parts = price_return(original, lines, returned_so_far(db, order_id))
        before_round = sum(p.total_paise for p in parts)
        round_off = gst.round_off(before_round) if settings_service.get(ctx.store, config.ROUND_TO_RUPEE) else 0
        total = before_round + round_off
        chosen = list(refunds) if refunds is not None else _default_refunds(db, original, total)
        _check_refunds(chosen, total, original)
        number = fy.doc_number(CREDIT_NOTE_SERIES, fiscal_year,
                               shop_store.next_serial(db, CREDIT_NOTE_SERIES, fiscal_year))
        sums = gst.TaxSplit.total(p.split for p in parts)
        gross = sum(div_round(p.original.unit_price_paise * p.qty_milli, 1000) for p in parts)
        return_id = order_store.insert_credit_note(
            db, (original.channel, number, fiscal_year, order_id, original.customer_id, original.customer_name,
             original.customer_gstin, original.place_of_supply, int(original.interstate), gross,
             max(gross - before_round, 0), *sums.parts(), round_off, total, total, reason, now, now, day.isoformat(),
             origin.actor))
        skus = tuple(dict.fromkeys(p.original.sku for p in parts))
        event = ctx.record(db, ReturnRecorded(order_id=return_id, original_order_id=order_id, credit_note_no=number,
                                              total_paise=total, customer_id=original.customer_id, skus=skus),
                           origin, at=now)
        _insert_lines(db, return_id, parts)
        for part in parts:
            stock_store.add_move(db, sku=part.original.sku, qty_milli=part.qty_milli, reason="return",
                                 source="counter", source_ref=f"{return_id}:{part.original.line_no}", at=now,
                                 actor=origin.actor, unit_cost_paise=part.original.cost_paise,
                                 event_id=event.event_id)
        events = [event]
        for refund in chosen:
            events.extend(_refund(ctx, db, return_id, original, refund, now, origin))
    return Changes(orders=frozenset({return_id, order_id}), stock=frozenset(skus),
                   customers=frozenset({original.customer_id}) if original.customer_id else frozenset(),
                   events=tuple(events), id=return_id)


def _check_refunds(refunds: Sequence[PaymentIn], total: int, original: Order) -> None:
    paid = 0
    for refund in refunds:
        if refund.method not in REFUND_METHODS:
            raise InputError(_("'{method}' is not a way of paying we know.").format(method=refund.method))
        if not isinstance(refund.amount_paise, int) or refund.amount_paise <= 0:
            raise InvalidAmount(_("A refund must be more than zero."))
        if refund.method == "khata" and original.customer_id is None:
            raise InputError(_("This bill was not to a khata customer; refund it another way."))
        paid += refund.amount_paise
    if paid != total:
        raise InvalidAmount(_("The refunds add up to {paid}, but the credit note is {total}.").format(
            paid=format_inr(paid), total=format_inr(total)))


def _insert_lines(db: Database, return_id: int, parts: Sequence[ReturnedPart]) -> None:
    rows = []
    for part in parts:
        line = part.original
        gross = div_round(line.unit_price_paise * part.qty_milli, 1000)
        rows.append((return_id, line.line_no, line.sku, line.name, line.hsn_code, line.unit, part.qty_milli,
                     line.unit_price_paise, line.mrp_paise, max(gross - part.total_paise, 0), line.gst_rate_bp,
                     line.cess_bp, *part.split.parts(), part.total_paise, line.cost_paise))
    order_store.insert_return_lines(db, rows)


def _refund(ctx: ServiceContext, db: Database, return_id: int, original: Order, refund: PaymentIn, now: str,
            origin: Origin) -> list:
    payment_id = order_store.insert_refund(db, order_id=return_id, customer_id=original.customer_id,
                                           method=refund.method, amount_paise=-refund.amount_paise,
                                           reference=refund.reference, at=now, actor=origin.actor)
    if refund.method != "khata":
        return []
    return [add_entry(ctx, db, original.customer_id, -refund.amount_paise, kind="return", order_id=return_id,
                      payment_id=payment_id, note=original.invoice_no or "", at=now, origin=origin)]
