"""Checks before filing: what the portal would refuse or an officer would question, each with its bills.

Each check returns at most one :class:`Issue` listing every document it concerns, so the seller sees
"3 bills have an HSN code that is too short: INV/2627/00012, ..." rather than 3 separate warnings.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from app.domain.gst import GstRate
from app.domain.gst_returns import IssuedDoc, OutwardDoc, Period, PurchaseBill
from app.domain.gstr1 import series_of
from app.errors import AppError
from app.i18n import _

__all__ = [
    "ERROR", "INFO", "WARNING", "Issue", "bad_buyer_gstin", "bad_supplier_gstin", "hsn_problems", "numbering",
    "orphan_credit_notes", "rate_mismatches", "run_checks",
]

ERROR, WARNING, INFO = "error", "warning", "info"


@dataclass(frozen=True, slots=True)
class Issue:
    code: str
    severity: str
    message: str
    documents: tuple[str, ...]

    def as_dict(self) -> dict:
        return {"code": self.code, "severity": self.severity, "message": self.message,
                "documents": list(self.documents)}


def _issue(code: str, severity: str, message: str, documents, **values: object) -> Issue | None:
    docs = tuple(dict.fromkeys(documents))
    return Issue(code, severity, message.format(count=len(docs), **values), docs) if docs else None


def _label(doc: OutwardDoc) -> str:
    return doc.number or f"#{doc.order_id}"


def bad_buyer_gstin(docs: Sequence[OutwardDoc], valid_gstin: Callable[[str], bool]) -> Issue | None:
    return _issue("buyer_gstin", ERROR, _(
        "{count} bill(s) to a business have a GSTIN that fails its check: the buyer cannot claim the tax."),
        [_label(d) for d in docs if d.customer_gstin and not valid_gstin(d.customer_gstin)])


def hsn_problems(docs: Sequence[OutwardDoc], digits: int) -> list[Issue]:
    missing, short = [], []
    for doc in docs:
        for line in doc.lines:
            if not line.hsn:
                missing.append(_label(doc))
            elif len(line.hsn) < digits:
                short.append(_label(doc))
    return [i for i in (
        _issue("hsn_missing", ERROR, _("{count} bill(s) have an item without an HSN code."), missing),
        _issue("hsn_short", ERROR, _("{count} bill(s) have an HSN code shorter than {digits} digits."), short,
               digits=digits),
    ) if i]


def rate_mismatches(docs: Sequence[OutwardDoc], lookup: Callable[[str, date], GstRate]) -> list[Issue]:
    """Lines whose rate is not the dated table's rate for their HSN on the bill's date (a credit note is
    checked against its original bill's date, whose rate it must carry).

    An item with its own rate (loose dal, exempt where the pre-packaged one is at 5 %) is the seller's
    choice over the table: its bills are not listed, the item is, once, to be confirmed."""
    wrong, own = [], []
    for doc in docs:
        day = doc.original_day if doc.is_note and doc.original_day else doc.day
        for line in doc.lines:
            if not line.hsn:
                continue
            try:
                expected = lookup(line.hsn, day).rate_bp
            except AppError:  # no rate known for the code: the HSN checks speak for it
                continue
            if expected == line.rate_bp:
                continue
            if line.own_rate_bp is not None and line.own_rate_bp == line.rate_bp:
                own.append(line.name)
            else:
                wrong.append(_label(doc))
    return [i for i in (
        _issue("rate_mismatch", WARNING, _(
            "{count} bill(s) charge a GST rate that differs from the rate table on the bill's date."), wrong),
        _issue("own_rate", INFO, _(
            "{count} item(s) are billed at their own GST rate, not the rate table's: confirm each is right "
            "(loose goods are often exempt where packed ones are not)."), sorted(set(own))),
    ) if i]


def orphan_credit_notes(docs: Sequence[OutwardDoc]) -> Issue | None:
    return _issue("credit_note_original", ERROR, _(
        "{count} credit note(s) do not name the bill they correct."),
        [_label(d) for d in docs if d.is_note and (d.original_id is None or not d.original_number)])


def numbering(docs: Sequence[OutwardDoc], issued: Sequence[IssuedDoc], period: Period) -> list[Issue]:
    """Gaps and duplicates in each number series, within the period."""
    numbers = [d.number for d in docs if d.number and period.contains(d.day)]
    numbers += [i.number for i in issued if period.contains(i.day)]
    seen: dict[str, int] = defaultdict(int)
    by_series: dict[str, set[int]] = defaultdict(set)
    widths: dict[str, int] = {}
    for number in numbers:
        seen[number.upper()] += 1
        head, serial = series_of(number)
        if serial is not None:
            by_series[head].add(serial)
            widths[head] = len(number) - len(head)
    dups = [n for n, count in seen.items() if count > 1]
    gaps = []
    for head, serials in sorted(by_series.items()):
        low, high = min(serials), max(serials)
        width = widths[head]
        gaps += [f"{head}{n:0{width}d}" for n in range(low, high + 1) if n not in serials]
    return [i for i in (
        _issue("number_duplicate", ERROR, _("{count} document number(s) are used twice."), dups),
        _issue("number_gap", WARNING, _(
            "{count} number(s) are missing from a series: record them as cancelled or explain them."), gaps),
    ) if i]


def bad_supplier_gstin(bills: Sequence[PurchaseBill], valid_gstin: Callable[[str], bool]) -> Issue | None:
    return _issue("supplier_gstin", ERROR, _(
        "{count} purchase bill(s) have a supplier GSTIN that is missing or invalid: no input tax credit on them."),
        [f"{b.supplier_name} {b.number}" for b in bills if not (b.supplier_gstin and valid_gstin(b.supplier_gstin))])


def run_checks(*, period: Period, docs: Sequence[OutwardDoc], issued: Sequence[IssuedDoc],
               purchases: Sequence[PurchaseBill], digits: int, lookup: Callable[[str, date], GstRate],
               valid_gstin: Callable[[str], bool], collects_gst: bool = True) -> list[Issue]:
    """Every check, for the documents dated in ``period``."""
    live = [d for d in docs if period.contains(d.day) and not d.cancelled]
    bills = [b for b in purchases if period.contains(b.day)]
    found: list[Issue | None] = [bad_buyer_gstin(live, valid_gstin), orphan_credit_notes(live)]
    if collects_gst:
        found += hsn_problems(live, digits)
        found += rate_mismatches(live, lookup)
        found.append(bad_supplier_gstin(bills, valid_gstin))
    found += numbering(docs, issued, period)
    return [i for i in found if i]
