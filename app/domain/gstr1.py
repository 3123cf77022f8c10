"""GSTR-1 from the books, in the JSON shape the GST portal's offline tool imports and exports.

Sections (field names as in the portal's GSTR-1 JSON; sources in ``docs/gst-returns.md``):

- ``b2b``: tax invoices to registered buyers, by buyer GSTIN (``ctin``), one item per rate;
- ``b2cl``: inter-state invoices to unregistered buyers above the B2CL limit, by place of supply;
- ``b2cs``: every other sale to unregistered buyers (cash memos included), net of their credit notes,
  one row per (intra/inter, place of supply, rate);
- ``exp``: exports (Table 6A), ``WOPAY`` under an LUT and ``WPAY`` with IGST paid, every rate;
- ``cdnr``: credit and debit notes to registered buyers (``ntty`` C / D); ``cdnur``: those on B2CL and export
  invoices; a note on any other B2C invoice goes into ``b2cs`` (a debit note adds, a credit note takes off);
- ``nil``: lines at 0 % (the exemption list of Notification 10/2025-IGST(Rate)), by supply type;
- ``hsn``: the HSN summary (Table 12), split B2B / B2C since the 2025 change, one row per HSN, unit
  and rate, net of credit notes;
- ``doc_issue``: the documents issued (Table 13), per number series.

Amounts are rupees with two decimals (the portal's unit); dates are ``dd-mm-yyyy``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date

from app.domain.gst import TaxSplit
from app.domain.gst_returns import (
    DocLine,
    IssuedDoc,
    OutwardDoc,
    Period,
    b2cl_limit,
    counted,
    signed,
    sum_splits,
)

__all__ = [
    "DOC_CREDIT_NOTES", "DOC_INVOICES", "DOC_NAMES", "VERSION", "build", "classify", "is_b2cl", "portal_date",
    "rate_pct", "rupees", "series_of",
]

VERSION = "GST3.2.4"  # as in files the offline tool exported in 2025 (seen in public repositories)
DOC_INVOICES, DOC_DEBIT_NOTES, DOC_CREDIT_NOTES = 1, 4, 5  # Table 13's document numbers
DOC_NAMES = {DOC_INVOICES: "Invoices for outward supply", DOC_DEBIT_NOTES: "Debit Note",
             DOC_CREDIT_NOTES: "Credit Note"}


def rupees(paise: int) -> float:
    return round(paise / 100, 2)


def portal_date(day: date) -> str:
    return day.strftime("%d-%m-%Y")


def rate_pct(rate_bp: int) -> float:
    value = rate_bp / 100
    return int(value) if value == int(value) else value


def _tax(split: TaxSplit, *, interstate: bool) -> dict:
    if interstate:
        return {"txval": rupees(split.taxable_paise), "iamt": rupees(split.igst_paise),
                "csamt": rupees(split.cess_paise)}
    return {"txval": rupees(split.taxable_paise), "camt": rupees(split.cgst_paise),
            "samt": rupees(split.sgst_paise), "csamt": rupees(split.cess_paise)}


def _items(lines: Iterable[DocLine], interstate: bool) -> list[dict]:
    by_rate: dict[int, list[TaxSplit]] = defaultdict(list)
    for line in lines:
        if line.rate_bp:
            by_rate[line.rate_bp].append(line.split)
    return [{"num": n, "itm_det": {"rt": rate_pct(rate), **_tax(sum_splits(splits), interstate=interstate)}}
            for n, (rate, splits) in enumerate(sorted(by_rate.items()), start=1)]


def _taxed(doc: OutwardDoc) -> bool:
    return any(line.rate_bp for line in doc.lines)


def is_b2cl(doc: OutwardDoc) -> bool:
    """An inter-state invoice to an unregistered buyer above the limit in force on its date."""
    return not doc.b2b and doc.interstate and doc.total_paise > b2cl_limit(doc.day)


def _note_is_b2cl(note: OutwardDoc) -> bool:
    return (not note.b2b and note.interstate and note.original_day is not None
            and note.original_total_paise > b2cl_limit(note.original_day))


def classify(doc: OutwardDoc) -> str:
    """Which GSTR-1 table a document's taxed lines go to: b2b, b2cl, b2cs, exp, cdnr or cdnur."""
    if doc.is_export:  # every line of an export, 0 % ones too; a credit or debit note on one is a CDNUR
        return "cdnur" if doc.is_note else "exp"
    if doc.is_note:  # a debit note goes where a credit note on the same invoice would, adding instead
        if doc.b2b:
            return "cdnr"
        return "cdnur" if _note_is_b2cl(doc) else "b2cs"
    if doc.b2b:
        return "b2b"
    return "b2cl" if is_b2cl(doc) else "b2cs"


def _invoice(doc: OutwardDoc) -> dict:
    return {"inum": doc.number, "idt": portal_date(doc.day), "val": rupees(doc.total_paise),
            "pos": doc.place_of_supply, "rchrg": "N", "inv_typ": "R", "itms": _items(doc.lines, doc.interstate)}


def _note(doc: OutwardDoc) -> dict:
    return {"ntty": "D" if doc.is_debit_note else "C", "nt_num": doc.number, "nt_dt": portal_date(doc.day),
            "val": rupees(doc.total_paise),
            "pos": doc.place_of_supply, "rchrg": "N", "inv_typ": "R", "itms": _items(doc.lines, doc.interstate)}


def _b2b(docs: Sequence[OutwardDoc], kind: str) -> list[dict]:
    by_buyer: dict[str, list[dict]] = defaultdict(list)
    for doc in docs:
        if classify(doc) == kind and _taxed(doc):
            by_buyer[str(doc.customer_gstin)].append(_invoice(doc) if kind == "b2b" else _note(doc))
    key = "inv" if kind == "b2b" else "nt"
    return [{"ctin": ctin, key: rows} for ctin, rows in sorted(by_buyer.items())]


def _b2cl(docs: Sequence[OutwardDoc]) -> list[dict]:
    by_pos: dict[str, list[dict]] = defaultdict(list)
    for doc in docs:
        if classify(doc) == "b2cl" and _taxed(doc):
            inv = _invoice(doc)
            by_pos[doc.place_of_supply].append({k: inv[k] for k in ("inum", "idt", "val", "itms")})
    return [{"pos": pos, "inv": rows} for pos, rows in sorted(by_pos.items())]


def _cdnur(docs: Sequence[OutwardDoc]) -> list[dict]:
    out = []
    for doc in docs:
        if classify(doc) == "cdnur" and (_taxed(doc) or doc.is_export):
            note = _note(doc)
            if doc.is_export:  # on an export invoice: EXPWP / EXPWOP, with every rate (0 % under an LUT too)
                note["itms"] = _export_items(doc)
                out.append({"typ": {"WPAY": "EXPWP", "WOPAY": "EXPWOP"}[doc.export_type],
                            **{k: note[k] for k in ("ntty", "nt_num", "nt_dt", "val", "itms")}})
                continue
            out.append({"typ": "B2CL", **{k: note[k] for k in ("ntty", "nt_num", "nt_dt", "val", "pos", "itms")}})
    return out


def _export_items(doc: OutwardDoc) -> list[dict]:
    """One item per rate of the goods; under an LUT the IGST is 0 and the rate is the goods' own rate."""
    by_rate: dict[int, list[TaxSplit]] = defaultdict(list)
    for line in doc.lines:
        by_rate[line.rate_bp].append(line.split)
    out = []
    for n, (rate, splits) in enumerate(sorted(by_rate.items()), start=1):
        total = sum_splits(splits)
        out.append({"num": n, "itm_det": {"rt": rate_pct(rate), "txval": rupees(total.taxable_paise),
                                          "iamt": rupees(total.igst_paise), "csamt": rupees(total.cess_paise)}})
    return out


def _exp(docs: Sequence[OutwardDoc]) -> list[dict]:
    """Table 6A: exports, grouped WPAY (IGST paid) / WOPAY (under an LUT), with the shipping bill if known."""
    by_type: dict[str, list[dict]] = defaultdict(list)
    for doc in docs:
        if classify(doc) != "exp":
            continue
        inv = {"inum": doc.number, "idt": portal_date(doc.day), "val": rupees(doc.total_paise)}
        if doc.shipping_bill:
            port, number, day = doc.shipping_bill
            inv.update({"sbpcode": port, "sbnum": number, "sbdt": portal_date(day)})
        inv["itms"] = [item["itm_det"] for item in _export_items(doc)]
        by_type[doc.export_type].append(inv)
    return [{"exp_typ": kind, "inv": rows} for kind, rows in sorted(by_type.items())]


def _b2cs(docs: Sequence[OutwardDoc]) -> list[dict]:
    rows: dict[tuple[bool, str, int], list[TaxSplit]] = defaultdict(list)
    for doc in docs:
        if classify(doc) != "b2cs":
            continue
        for line in doc.lines:
            if line.rate_bp:
                rows[(doc.interstate, doc.place_of_supply, line.rate_bp)].append(signed(doc, line.split))
    out = []
    for (inter, pos, rate), splits in sorted(rows.items()):
        total = sum_splits(splits)
        out.append({"sply_ty": "INTER" if inter else "INTRA", "pos": pos, "typ": "OE", "rt": rate_pct(rate),
                    **_tax(total, interstate=inter)})
    return out


def _nil(docs: Sequence[OutwardDoc]) -> dict:
    """0 % lines, as exempt supplies, by inter/intra-state and B2B/B2C."""
    sums: dict[str, int] = defaultdict(int)
    for doc in docs:
        if doc.is_export:
            continue
        kind = ("INTRB2B" if doc.interstate else "INTRAB2B") if doc.b2b else (
            "INTRB2C" if doc.interstate else "INTRAB2C")
        for line in doc.lines:
            if not line.rate_bp:
                sums[kind] += signed(doc, line.split).taxable_paise
    return {"inv": [{"sply_ty": kind, "nil_amt": 0, "expt_amt": rupees(value), "ngsup_amt": 0}
                    for kind, value in sorted(sums.items())]}


def _hsn(docs: Sequence[OutwardDoc]) -> dict:
    tables: dict[str, dict[tuple[str, str, int], list]] = {"hsn_b2b": {}, "hsn_b2c": {}}
    for doc in docs:
        table = tables["hsn_b2b" if doc.b2b else "hsn_b2c"]
        sign = -1 if doc.is_credit_note else 1
        for line in doc.lines:
            key = (line.hsn, line.uqc, line.rate_bp)
            row = table.setdefault(key, [line.name, 0, []])
            row[1] += sign * line.qty_milli
            row[2].append(signed(doc, line.split))
    out = {}
    for name, table in tables.items():
        out[name] = [
            {"num": n, "hsn_sc": hsn, "desc": desc[:30], "uqc": uqc, "qty": round(qty / 1000, 2),
             "rt": rate_pct(rate), **_all_heads(sum_splits(splits))}
            for n, ((hsn, uqc, rate), (desc, qty, splits)) in enumerate(sorted(table.items()), start=1)]
    return out


def _all_heads(split: TaxSplit) -> dict:
    return {"txval": rupees(split.taxable_paise), "iamt": rupees(split.igst_paise),
            "camt": rupees(split.cgst_paise), "samt": rupees(split.sgst_paise), "csamt": rupees(split.cess_paise)}


def series_of(number: str) -> tuple[str, int | None]:
    """'INV/2627/00042' -> ('INV/2627/', 42); a number without a trailing serial has none."""
    head = number.rstrip("0123456789")
    tail = number[len(head):]
    return head, int(tail) if tail else None


def _doc_issue(docs: Sequence[OutwardDoc], issued: Sequence[IssuedDoc]) -> dict:
    groups: dict[int, dict[str, list[tuple[str, bool]]]] = {DOC_INVOICES: defaultdict(list),
                                                            DOC_DEBIT_NOTES: defaultdict(list),
                                                            DOC_CREDIT_NOTES: defaultdict(list)}
    for doc in docs:
        if not doc.number or doc.doc_type == "none":
            continue
        kind = DOC_CREDIT_NOTES if doc.is_credit_note else DOC_DEBIT_NOTES if doc.is_debit_note else DOC_INVOICES
        groups[kind][series_of(doc.number)[0]].append((doc.number, doc.cancelled))
    for day_invoice in issued:
        groups[DOC_INVOICES][series_of(day_invoice.number)[0]].append((day_invoice.number, False))
    details = []
    for kind, by_series in groups.items():
        if not by_series:
            continue
        rows = []
        for n, (_head, numbers) in enumerate(sorted(by_series.items()), start=1):
            ordered = sorted(numbers, key=lambda item: (series_of(item[0])[1] or 0, item[0]))
            cancelled = sum(1 for _num, was_cancelled in numbers if was_cancelled)
            rows.append({"num": n, "from": ordered[0][0], "to": ordered[-1][0], "totnum": len(numbers),
                         "cancel": cancelled, "net_issue": len(numbers) - cancelled})
        details.append({"doc_num": kind, "doc_typ": DOC_NAMES[kind], "docs": rows})
    return {"doc_det": details}


def build(*, gstin: str, period: Period, docs: Sequence[OutwardDoc], issued: Sequence[IssuedDoc] = ()) -> dict:
    """The GSTR-1 JSON for ``period``; ``docs`` are every order and credit note dated in it."""
    live = [d for d in counted(docs) if period.contains(d.day)]
    result: dict = {"gstin": gstin, "fp": period.fp, "version": VERSION, "hash": "hash"}
    sections = {"b2b": _b2b(live, "b2b"), "b2cl": _b2cl(live), "b2cs": _b2cs(live),
                "exp": _exp(live), "cdnr": _b2b(live, "cdnr"), "cdnur": _cdnur(live)}
    result.update({name: rows for name, rows in sections.items() if rows})
    nil = _nil(live)
    if nil["inv"]:
        result["nil"] = nil
    hsn = _hsn(live)
    if hsn["hsn_b2b"] or hsn["hsn_b2c"]:
        result["hsn"] = {k: v for k, v in hsn.items() if v}
    doc_issue = _doc_issue([d for d in docs if period.contains(d.day)],
                           [i for i in issued if period.contains(i.day)])
    if doc_issue["doc_det"]:
        result["doc_issue"] = doc_issue
    return result
