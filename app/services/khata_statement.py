"""A khata customer's statement for a period: what they owed at the start, every bill, payment, return and
correction with the balance after it, and what they owe at the end; and the same as a WhatsApp message the
shopkeeper can paste (bold with *stars*, one entry a line, the shop's UPI id to pay to)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from app.domain.clock import from_iso, shop_zone, to_iso
from app.domain.money import format_inr
from app.errors import InputError, NotFound
from app.i18n import _
from app.services.context import ServiceContext
from app.services.shop import profile as shop_profile
from app.store import khata_statement, parties

DEFAULT_DAYS = 90


@dataclass(frozen=True, kw_only=True)
class StatementLine:
    day: str  # dd-mm-yyyy in the shop's time zone
    what: str  # "Bill INV/2627/00042", "Payment (UPI)", ...
    amount_paise: int  # more owed (+) or less (-)
    balance_paise: int  # owed after it


@dataclass(frozen=True, kw_only=True)
class Statement:
    shop_name: str
    shop_upi: str
    customer_name: str
    phone: str
    start: date
    end: date
    opening_paise: int
    lines: tuple[StatementLine, ...]
    closing_paise: int


def _what(kind: str, number: str, method: str, note: str) -> str:
    if kind == "credit_sale":
        return _("Bill {number}").format(number=number) if number else _("Bill")
    if kind == "return":
        return _("Goods back {number}").format(number=number) if number else _("Goods back")
    if kind == "payment":
        names = {"cash": _("Cash"), "upi": _("UPI"), "card": _("Card"), "bank": _("Bank"), "other": _("Other")}
        return _("Payment ({method})").format(method=names.get(method, method)) if method else _("Payment")
    if kind == "opening":
        return _("Old khata balance")
    return _("Correction: {note}").format(note=note) if note else _("Correction")


def statement(ctx: ServiceContext, customer_id: int, *, start: date | None = None, end: date | None = None,
              lang: str = "en") -> Statement:
    """The statement from ``start`` to ``end`` (shop-local days, both included; default the last 90 days)."""
    end = end or ctx.today()
    start = start or end - timedelta(days=DEFAULT_DAYS - 1)
    if start > end:
        raise InputError(_("The statement's first day comes after its last."))
    zone = shop_zone(ctx.timezone)
    start_at = to_iso(datetime.combine(start, time(0), tzinfo=zone))
    end_at = to_iso(datetime.combine(end + timedelta(days=1), time(0), tzinfo=zone))
    db = ctx.store.db()
    customer = parties.get_customer(db, customer_id)
    if customer is None:
        raise NotFound(_("There is no customer number {id}.").format(id=customer_id))
    balance = opening = khata_statement.balance_before(db, customer_id, start_at)
    lines = []
    for at, kind, amount, number, method, note in khata_statement.entries_between(db, customer_id, start_at,
                                                                                   end_at):
        balance += amount
        lines.append(StatementLine(day=from_iso(at).astimezone(zone).strftime("%d-%m-%Y"),
                                   what=_what(kind, number, method, note), amount_paise=amount,
                                   balance_paise=balance))
    profile = shop_profile(ctx.store)
    name = customer.name_hi if lang == "hi" and customer.name_hi else customer.name
    return Statement(shop_name=profile.name, shop_upi=profile.upi_id or "", customer_name=name,
                     phone=customer.phone or "", start=start, end=end, opening_paise=opening, lines=tuple(lines),
                     closing_paise=balance)


def _signed(paise: int) -> str:
    return ("+" if paise > 0 else "−") + format_inr(abs(paise))


def whatsapp_text(found: Statement) -> str:
    """The statement as a WhatsApp message (WhatsApp shows *text* in bold)."""
    out = [f"*{found.shop_name}*", _("Khata statement for {name}").format(name=found.customer_name),
           _("{start} to {end}").format(start=found.start.strftime("%d-%m-%Y"), end=found.end.strftime("%d-%m-%Y")),
           "", _("Owed at the start: {amount}").format(amount=format_inr(found.opening_paise))]
    out += [f"{line.day}  {line.what}  {_signed(line.amount_paise)}  = {format_inr(line.balance_paise)}"
            for line in found.lines]
    if found.closing_paise > 0:
        out += ["", "*" + _("Now due: {amount}").format(amount=format_inr(found.closing_paise)) + "*"]
        if found.shop_upi:
            out.append(_("Pay by UPI to {upi}").format(upi=found.shop_upi))
    elif found.closing_paise < 0:
        out += ["", "*" + _("Paid in advance: {amount}").format(amount=format_inr(-found.closing_paise)) + "*"]
    else:
        out += ["", "*" + _("Nothing is due. Thank you!") + "*"]
    return "\n".join(out)
