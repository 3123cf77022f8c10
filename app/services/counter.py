"""The billing counter: bills kept safe while they are rung up, held and recalled, and paid.

A bill being rung up is saved on every change (``counter_bill``), so a crash or a power cut mid-bill
keeps it for recall on restart. Paying it is one transaction: the sale (order, lines, stock moves,
payments, khata, event, outbox: ``sales.record_sale``) and the removal of the saved bill commit
together, so a bill is never lost and never sold twice. The sale commits before any receipt prints.

Small bills (below ``counter.consolidate_below_paise``) to a buyer who is not registered and does not
ask for a tax invoice get a cash memo; the day's cash memos are covered by one consolidated tax
invoice at day end (``app.services.dayend``), as CGST Rule 46 allows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote

from sqlite_utils import Database

from app import config
from app.domain.codes import check_upi_id
from app.domain.money import format_inr
from app.errors import InputError, InvalidState, NotFound
from app.i18n import _
from app.services import sales
from app.services import settings as settings_service
from app.services.changes import Changes
from app.services.context import SELLER, Origin, ServiceContext
from app.services.sales import PaymentIn, SaleLine
from app.services.shop import profile as shop_profile
from app.store import Store, counter_day, parties
from app.store import counter_bills as bill_store
from app.store.counter_bills import Draft, DraftLine

MEMO_SERIES = "CM"  # cash memos: small B2C sales covered by the day-end consolidated invoice

__all__ = ["MEMO_SERIES", "Draft", "DraftLine", "PaymentOptions", "Tender", "bills", "complete_bill", "discard_bill",
           "hold_bill", "new_bill", "payment_options", "recall_bill", "save_bill", "tender", "upi_link",
           "upi_reference"]


# --- bills being rung up -----------------------------------------------------------------------
def new_bill(ctx: ServiceContext) -> int:
    """Start an empty open bill; returns its number."""
    with ctx.store.write() as db:
        return bill_store.insert(db, at=ctx.now_iso())


def save_bill(ctx: ServiceContext, bill_id: int, *, lines: Sequence[DraftLine], customer_id: int | None = None,
              bill_discount_paise: int = 0, confirmed: bool = False) -> bool:
    """Save what is on a bill now (called after every change at the counter; one small write).

    Returns False when the bill no longer exists (it was paid or discarded meanwhile)."""
    with ctx.store.write() as db:
        return bill_store.save(db, bill_id, lines=list(lines), customer_id=customer_id,
                               bill_discount_paise=bill_discount_paise, confirmed=confirmed, at=ctx.now_iso())


def bills(store: Store, status: str | None = None) -> list[Draft]:
    """Open and held bills (or those with ``status``), oldest first: what comes back after a restart."""
    return bill_store.list_bills(store.db(), status)


def get_bill(db: Database, bill_id: int) -> Draft:
    found = bill_store.get(db, bill_id)
    if found is None:
        raise NotFound(_("Bill {id} is no longer open.").format(id=bill_id))
    return found


def hold_bill(ctx: ServiceContext, bill_id: int, *, label: str = "") -> None:
    """Put a bill aside (the customer went to fetch something); it keeps its items."""
    with ctx.store.write() as db:
        bill = get_bill(db, bill_id)
        if not bill.lines:
            raise InvalidState(_("An empty bill cannot be held."))
        bill_store.set_status(db, bill_id, "held", label=label or None, at=ctx.now_iso())


def recall_bill(ctx: ServiceContext, bill_id: int) -> Draft:
    """Bring a held bill back to the counter."""
    with ctx.store.write() as db:
        get_bill(db, bill_id)
        bill_store.set_status(db, bill_id, "open", label=None, at=ctx.now_iso())
        return get_bill(db, bill_id)


def discard_bill(ctx: ServiceContext, bill_id: int) -> None:
    """Throw a bill away (nothing was sold)."""
    with ctx.store.write() as db:
        bill_store.delete(db, bill_id)


# --- paying ------------------------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True)
class PaymentOptions:
    """What the payment screen may offer for a bill; the counter screen shows these, it decides none."""

    khata: bool  # a customer is on the bill, so part of it may go on their khata
    invoice_offer: bool  # a small B2C bill gets a cash memo unless the buyer asks for a tax invoice


def _memo_rule(ctx: ServiceContext, db: Database, total_paise: int, *, customer_id: int | None,
               place_of_supply: str | None) -> bool:
    """True for a small B2C bill that gets a cash memo (unless a tax invoice is asked for)."""
    limit = settings_service.get(ctx.store, config.CONSOLIDATE_BELOW)
    if not limit or place_of_supply or total_paise >= limit:
        return False
    if shop_profile(ctx.store).gst_scheme != "regular":
        return False
    if customer_id is not None:
        customer = parties.get_customer(db, customer_id)
        if customer is not None and customer.gstin:
            return False
    return True


def payment_options(ctx: ServiceContext, *, total_paise: int, customer_id: int | None,
                    place_of_supply: str | None = None) -> PaymentOptions:
    """The payment choices for a bill of ``total_paise``: khata only with a customer; the "tax invoice"
    box only where the bill would otherwise get a cash memo (the rule :func:`complete_bill` applies)."""
    memo = _memo_rule(ctx, ctx.store.db(), total_paise, customer_id=customer_id, place_of_supply=place_of_supply)
    return PaymentOptions(khata=customer_id is not None, invoice_offer=memo)


def _wants_memo(ctx: ServiceContext, db: Database, lines: Sequence[SaleLine], *, customer_id: int | None,
                bill_discount_paise: int, want_invoice: bool, place_of_supply: str | None,
                quote: sales.Quote | None) -> bool:
    # the rule without the total first: most bills that get an invoice are known without a price
    if want_invoice or not _memo_rule(ctx, db, 0, customer_id=customer_id, place_of_supply=place_of_supply):
        return False
    if quote is None or quote.lines != tuple(lines):  # the counter's price is passed along, not priced again
        quote = sales.quote_sale(ctx, lines=lines, bill_discount_paise=bill_discount_paise)
    return _memo_rule(ctx, db, quote.total_paise, customer_id=customer_id, place_of_supply=place_of_supply)


def _record_memo_sale(ctx: ServiceContext, db: Database, **kwargs) -> Changes:
    """Record a sale numbered in the cash memo series (document type 'none')."""
    changes = sales.record_sale(ctx, series=MEMO_SERIES, doc_type="none", **kwargs)
    counter_day.add_receipt(db, changes.id)
    return changes


def complete_bill(ctx: ServiceContext, bill_id: int | None, *, lines: Sequence[SaleLine],
                  payments: Sequence[PaymentIn], customer_id: int | None = None, bill_discount_paise: int = 0,
                  confirmed: bool = False, want_invoice: bool = False, place_of_supply: str | None = None,
                  note: str = "", at: datetime | None = None, origin: Origin = SELLER,
                  quote: sales.Quote | None = None) -> Changes:
    """Record the sale of a bill and forget the saved bill, in one transaction; ``Changes.id`` is the order.

    ``quote``: the bill as the counter priced it; its total decides cash memo or tax invoice, so the bill is
    not priced again for that (``sales.record_sale`` prices it once more inside the transaction, the price
    that is recorded; payments that do not match it are refused).

    Refuses (writing nothing, the bill stays saved) whatever ``sales.record_sale`` refuses: a price
    above MRP, a sale below cost or khata above the credit limit unless ``confirmed``, payments that
    do not add up. ``want_invoice``: the buyer asked for a tax invoice even for a small bill.
    """
    with ctx.store.write() as db:
        memo = _wants_memo(ctx, db, lines, customer_id=customer_id, bill_discount_paise=bill_discount_paise,
                           want_invoice=want_invoice, place_of_supply=place_of_supply, quote=quote)
        kwargs = dict(lines=lines, payments=payments, customer_id=customer_id, place_of_supply=place_of_supply,
                      bill_discount_paise=bill_discount_paise, note=note, at=at, confirmed=confirmed, origin=origin)
        changes = _record_memo_sale(ctx, db, **kwargs) if memo else sales.record_sale(ctx, **kwargs)
        if bill_id is not None:
            bill_store.delete(db, bill_id)
    return changes


@dataclass(frozen=True, kw_only=True)
class Tender:
    """What the payment screen worked out: the payments to record and the change to hand back."""

    payments: tuple[PaymentIn, ...]
    change_paise: int


def tender(total_paise: int, *, cash_given_paise: int | None = None, upi_paise: int = 0, card_paise: int = 0,
           khata_paise: int = 0, upi_reference: str = "", card_reference: str = "") -> Tender:
    """Split a bill between UPI, card and khata as given, cash taking the rest.

    ``cash_given_paise`` is the cash handed over (None: exactly what is due in cash). Refuses parts that
    add up to more than the bill, or cash handed over that does not cover the cash part.
    """
    for part in (upi_paise, card_paise, khata_paise):
        if part < 0:
            raise InputError(_("A payment cannot be negative."))
    others = upi_paise + card_paise + khata_paise
    if others > total_paise:
        raise InputError(_("UPI, card and khata add up to {paid}, more than the bill of {total}.").format(
            paid=format_inr(others), total=format_inr(total_paise)))
    cash_due = total_paise - others
    given = cash_due if cash_given_paise is None else cash_given_paise
    if given < cash_due:
        raise InputError(_("{given} in cash does not cover the {due} still due.").format(
            given=format_inr(given), due=format_inr(cash_due)),
            hint=_("Take more cash, or put the rest on UPI, card or khata."))
    payments = []
    if cash_due:
        payments.append(PaymentIn(method="cash", amount_paise=cash_due, tendered_paise=given))
    if upi_paise:
        payments.append(PaymentIn(method="upi", amount_paise=upi_paise, reference=upi_reference))
    if card_paise:
        payments.append(PaymentIn(method="card", amount_paise=card_paise, reference=card_reference))
    if khata_paise:
        payments.append(PaymentIn(method="khata", amount_paise=khata_paise))
    return Tender(payments=tuple(payments), change_paise=given - cash_due)


# --- UPI ---------------------------------------------------------------------------------------
def upi_link(*, vpa: str, payee: str, amount_paise: int, reference: str, note: str = "") -> str:
    """The ``upi://pay`` deep link a payer's app opens from the QR (NPCI linking spec).

    ``pn`` and ``tn`` are percent-encoded (spaces as %20); the ``@`` of the UPI id stays literal, as
    payer apps expect. The amount is rupees with two decimals.
    """
    vpa = check_upi_id(vpa)
    if amount_paise <= 0:
        raise InputError(_("A UPI payment must be more than zero."))
    rupees, paise = divmod(amount_paise, 100)
    parts = [f"pa={vpa}", f"pn={quote(payee, safe='')}", f"am={rupees}.{paise:02d}", "cu=INR"]
    if note:
        parts.append(f"tn={quote(note, safe='')}")
    if reference:
        parts.append(f"tr={quote(reference, safe='')}")
    return "upi://pay?" + "&".join(parts)


def upi_reference(bill_id: int, moment: datetime) -> str:
    """A reference for the UPI transaction, unique per bill and moment, to match bank statements later."""
    return f"B{bill_id}T{moment.strftime('%y%m%d%H%M%S')}"
