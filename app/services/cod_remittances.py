"""Cash on delivery collected by the courier, reconciled against its remittance report.

A home-delivery order sent by courier is paid to the courier at the door; the courier pays the shop later
(its COD remittance, by bank transfer, listed by AWB). The report — fetched from the aggregator's API, or a
CSV file the seller downloads from its panel and imports — is matched parcel by parcel: **remitted** (the
whole amount), **short** (less than the order's amount), **missing** (delivered more than ``days`` days ago
and not in any report), or **waiting** (delivered recently). Each remittance becomes one payment on its order
(method ``bank``, the report's reference) in the same transaction as its ``cod_remittance`` row, whose key is
the AWB: a report imported twice, or a file and the API listing the same parcel, records the money once.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import timedelta

from app.domain.clock import from_iso
from app.domain.money import format_inr
from app.errors import InputError
from app.i18n import _
from app.services import sales
from app.services.context import SELLER, Origin, ServiceContext
from app.store import cod_remittances as store
from app.store import orders as order_store

__all__ = ["REMIT_DAYS", "CodRow", "Recorded", "Remittance", "parse_csv", "record", "report", "state_label",
           "summary"]

REMIT_DAYS = 9  # aggregators pay COD on a weekly cycle a few days after delivery (illustrative default)


@dataclass(frozen=True)
class Remittance:
    """One line of the courier's report: the parcel, what was paid for it, when, the bank reference."""

    awb: str
    amount_paise: int
    remitted_on: str = ""
    reference: str = ""


@dataclass(frozen=True)
class CodRow:
    order_id: int
    awb: str
    courier: str
    customer: str
    due_paise: int  # the order's amount, collected at the door by the courier
    remitted_paise: int
    state: str  # remitted | short | missing | waiting
    delivered_at: str
    remitted_on: str
    reference: str


@dataclass(frozen=True)
class Recorded:
    matched: int  # remittances recorded now
    already: int  # already in the books (not recorded again)
    unknown: list[str]  # AWBs in the report that are not delivered COD parcels of this shop


def state_label(state: str) -> str:
    return {"remitted": _("remitted"), "short": _("short"), "missing": _("missing"),
            "waiting": _("waiting")}.get(state, state)


def report(ctx: ServiceContext, *, days: int = REMIT_DAYS) -> list[CodRow]:
    """Every delivered COD parcel with where its money stands."""
    now = ctx.now()
    out = []
    for p in store.cod_parcels(ctx.store.db()):
        if p.remitted_paise is not None:
            state = "remitted" if p.remitted_paise >= p.total_paise else "short"
        else:
            state = "missing" if now - from_iso(p.delivered_at) > timedelta(days=days) else "waiting"
        out.append(CodRow(p.order_id, p.awb, p.courier, p.customer, p.total_paise, p.remitted_paise or 0, state,
                          p.delivered_at, p.remitted_on, p.reference))
    return out


def record(ctx: ServiceContext, lines: list[Remittance], *, source: str, origin: Origin = SELLER) -> Recorded:
    """Match the report's lines to delivered COD parcels and put the money in the books, once each."""
    matched, already, unknown = 0, 0, []
    now = ctx.now_iso()
    cod = {p.awb: p for p in store.cod_parcels(ctx.store.db())}
    for line in lines:
        parcel = cod.get(line.awb)
        if parcel is None:
            unknown.append(line.awb)
            continue
        with ctx.store.write() as db:
            if store.remitted(db, line.awb):
                already += 1
                continue
            due = parcel.total_paise - parcel.paid_paise  # what the books still wait for on this order
            amount = min(line.amount_paise, due)
            payment_id = None
            if amount > 0:
                sales.record_order_payment(ctx, parcel.order_id, sales.PaymentIn(
                    method="bank", amount_paise=amount, reference=line.reference or f"COD {line.awb}"), origin=origin)
                payment_id = order_store.last_payment_id(db, parcel.order_id)
            store.insert(db, awb=line.awb, order_id=parcel.order_id, amount_paise=line.amount_paise,
                         remitted_on=line.remitted_on, reference=line.reference, source=source,
                         payment_id=payment_id, at=now)
            matched += 1
    return Recorded(matched, already, unknown)


def parse_csv(text: str) -> list[Remittance]:
    """The courier panel's remittance file: a header row naming the AWB and the amount in rupees (the date and
    the UTR / reference are read when present); other columns are ignored."""
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    if not rows:
        raise InputError(_("The file has no remittance rows."))
    names = {k.strip().lower(): k for k in rows[0] if k}

    def column(*wanted: str) -> str | None:
        return next((names[w] for w in wanted if w in names), None)

    awb, amount = column("awb", "awb code", "awb no", "awb number"), column("amount", "cod amount",
                                                                           "remitted amount", "cod")
    if awb is None or amount is None:
        raise InputError(_("The file needs an AWB column and an amount column (in rupees)."))
    date, ref = column("date", "remitted on", "remittance date"), column("utr", "reference", "utr no", "crf id")
    out = []
    for n, row in enumerate(rows, start=2):
        try:
            rupees = float(str(row[amount]).replace(",", "").replace("₹", "").strip())
        except ValueError:
            raise InputError(_("Row {n}: '{value}' is not an amount.").format(n=n, value=row[amount])) from None
        out.append(Remittance(str(row[awb]).strip(), round(rupees * 100), str(row.get(date) or "").strip()
                              if date else "", str(row.get(ref) or "").strip() if ref else ""))
    return out


def summary(rows: list[CodRow]) -> str:
    """One line: how many parcels in each state and the money still owed by the courier."""
    owed = sum(r.due_paise - r.remitted_paise for r in rows if r.state in ("short", "missing"))
    counts = {s: sum(1 for r in rows if r.state == s) for s in ("remitted", "short", "missing", "waiting")}
    return _("{remitted} remitted, {short} short, {missing} missing, {waiting} waiting; the courier owes "
             "{owed}.").format(owed=format_inr(owed), **counts)
