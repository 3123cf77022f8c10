"""GSTR-2B read and matched with the shop's purchase bills: which supplier invoices give input tax credit.

GSTR-2B is the monthly statement the GST portal makes for the buyer from what the suppliers reported in
their GSTR-1. Credit is only due on what is in it, so at month end the accountant compares it with the
purchase bills in the books. The field names are GSTN's (``data.rtnprd``, ``docdata.b2b[].ctin``,
``inv[].inum/dt/txval/igst/cgst/sgst/cess``, ``docdata.cdnr[].nt[].ntnum/typ``; the suppliers' amendments in
``docdata.b2ba[].inv[]`` with the original ``oinum``/``oidt`` and ``docdata.cdnra[].nt[]`` with ``ontnum``/``ontdt``;
``itcavl`` and its reason ``rsn``); the sources are cited in ``docs/gst-returns.md``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from app.domain.gst import TaxSplit
from app.domain.gst_returns import Period, PurchaseBill
from app.errors import InputError
from app.i18n import _

__all__ = ["NO_CREDIT_REASONS", "TOLERANCE_PAISE", "InwardDoc", "Line", "Match", "Statement", "match",
           "normalise_number", "parse"]

# ``rsn``, why 2B gives no credit on a document (``itcavl`` "N"), as GSTN's GSTR-2B codes it
NO_CREDIT_REASONS = ("P", "C")  # P: place of supply and supplier's state the same, yours different; C: late return

TOLERANCE_PAISE = 100  # a difference of up to ₹1 in a figure is rounding, not a mismatch
HEADS = ("taxable", "igst", "cgst", "sgst", "cess")
_MAX_DOCS = 100_000  # far above any kirana's month; a bigger file is not a shop's 2B


def normalise_number(text: str) -> str:
    """An invoice number as compared: case, spaces, slashes and leading zeros do not count.

    Suppliers' billing software and the portal write the same bill as ``bt/077``, ``BT / 77`` or ``BT77``.
    """
    upper = str(text).upper()
    no_zeros = re.sub(r"(?<![0-9])0+(?=[0-9])", "", upper)  # leading zeros of every group of digits
    return re.sub(r"[\s/\\]+", "", no_zeros)


@dataclass(frozen=True, slots=True, kw_only=True)
class InwardDoc:
    """One supplier document in GSTR-2B: an invoice (``kind`` "I"), or a credit ("C") or debit ("D") note."""

    gstin: str
    supplier_name: str
    number: str
    day: date
    split: TaxSplit
    kind: str = "I"
    credit_available: bool = True  # ``itcavl`` "N": the portal says this invoice gives no credit (e.g. s.16(4))
    reason: str = ""  # ``rsn``: why no credit ("P" or "C", see NO_CREDIT_REASONS), as the portal says
    amends: str = ""  # an amendment (b2ba, cdnra): the number of the original invoice or note it replaces
    amends_day: date | None = None

    @property
    def key(self) -> tuple[str, str]:
        return self.gstin, normalise_number(self.number)


@dataclass(frozen=True, slots=True, kw_only=True)
class Statement:
    gstin: str
    fp: str  # MMYYYY, as ``Period.fp``
    invoices: tuple[InwardDoc, ...]
    notes: tuple[InwardDoc, ...]  # credit and debit notes, the amended ones (cdnra) with ``amends``
    amendments: tuple[InwardDoc, ...] = ()  # invoices the suppliers amended (b2ba)
    # credit not from a supplier's invoice: the ISD's documents (``isd``: kind "ISD", or "ISDC" for its credit notes,
    # ``itcelg`` "N" for none) and imports of goods by bill of entry (``impg``: kind "BOE", the IGST paid at customs)
    other_credit: tuple[InwardDoc, ...] = ()


def _fail(detail: str) -> InputError:
    return InputError(_("This file is not a GSTR-2B JSON from the GST portal ({detail}). Download it again: "
                        "Returns, GSTR-2B, Download, JSON.").format(detail=detail))


def _paise(value: object, where: str) -> int:
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise _fail(_("{where} has an amount that is not a number").format(where=where))
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise _fail(_("{where} has an amount that is not a number").format(where=where)) from None
    if not amount.is_finite() or abs(amount) >= Decimal(10) ** 12:
        raise _fail(_("{where} has an amount that is not a number").format(where=where))
    return int((amount * 100).quantize(Decimal(1)))


def _day(value: object, where: str) -> date:
    try:
        return datetime.strptime(str(value), "%d-%m-%Y").date()
    except ValueError:
        raise _fail(_("{where} has no date as dd-mm-yyyy").format(where=where)) from None


def _docs(suppliers: object, key: str, number_field: str) -> list[InwardDoc]:
    """The documents of one table: ``b2b``/``b2ba`` hold invoices (``inv``), ``cdnr``/``cdnra`` notes (``nt``)."""
    if suppliers is None:
        return []
    if not isinstance(suppliers, list):
        raise _fail(_("'{name}' is not a list").format(name=key))
    out: list[InwardDoc] = []
    for supplier in suppliers:
        if not isinstance(supplier, dict) or not isinstance(supplier.get("ctin"), str):
            raise _fail(_("a supplier without a GSTIN"))
        docs = supplier.get("inv" if key in ("b2b", "b2ba") else "nt") or []
        if not isinstance(docs, list):
            raise _fail(_("'{name}' is not a list").format(name=key))
        for doc in docs:
            number = doc.get(number_field) if isinstance(doc, dict) else None
            if not isinstance(number, str) or not number.strip():
                raise _fail(_("a document of {gstin} without a number").format(gstin=supplier["ctin"]))
            where = _("document {no} of {gstin}").format(no=number, gstin=supplier["ctin"])
            kind = "I" if key in ("b2b", "b2ba") else str(doc.get("typ", "C")).upper()
            original = doc.get("oinum" if key == "b2ba" else "ontnum") if key in ("b2ba", "cdnra") else ""
            if key in ("b2ba", "cdnra") and (not isinstance(original, str) or not original.strip()):
                raise _fail(_("{where} is an amendment without the original's number").format(where=where))
            original_day = doc.get("oidt" if key == "b2ba" else "ontdt") if original else None
            if kind not in ("I", "C", "D"):
                raise _fail(_("{where} is neither a credit nor a debit note").format(where=where))
            out.append(InwardDoc(
                gstin=supplier["ctin"].strip().upper(), supplier_name=str(supplier.get("trdnm") or ""),
                number=number.strip(), day=_day(doc.get("dt"), where), kind=kind,
                credit_available=str(doc.get("itcavl") or "Y").upper() != "N",
                reason=str(doc.get("rsn") or "").strip().upper()[:2],
                amends=str(original or "").strip(),
                amends_day=_day(original_day, where) if original_day else None,
                split=TaxSplit(_paise(doc.get("txval"), where), cgst_paise=_paise(doc.get("cgst"), where),
                               sgst_paise=_paise(doc.get("sgst"), where), igst_paise=_paise(doc.get("igst"), where),
                               cess_paise=_paise(doc.get("cess"), where))))
            if len(out) > _MAX_DOCS:
                raise _fail(_("too many documents"))
    return out


def _listed(value: object, key: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _fail(_("'{name}' is not a list").format(name=key))
    return value


def _split(doc: dict, where: str) -> TaxSplit:
    return TaxSplit(_paise(doc.get("txval"), where), cgst_paise=_paise(doc.get("cgst"), where),
                    sgst_paise=_paise(doc.get("sgst"), where), igst_paise=_paise(doc.get("igst"), where),
                    cess_paise=_paise(doc.get("cess"), where))


def _other_credit(docdata: dict) -> list[InwardDoc]:
    """The ISD's documents (``isd[].doclist[]``: ``doctyp`` ISD or ISDC, ``docnum``, ``docdt``, ``itcelg``, the tax by
    head) and the bills of entry of imported goods (``impg[]``: ``boenum``, ``boedt``, ``portcode``, ``txval``,
    ``igst``, ``cess``), as GSTN's GSTR-2B JSON names them."""
    out: list[InwardDoc] = []
    for isd in _listed(docdata.get("isd"), "isd"):
        if not isinstance(isd, dict) or not isinstance(isd.get("ctin"), str):
            raise _fail(_("a supplier without a GSTIN"))
        for doc in _listed(isd.get("doclist"), "isd"):
            number = doc.get("docnum") if isinstance(doc, dict) else None
            if not isinstance(number, str) or not number.strip():
                raise _fail(_("a document of {gstin} without a number").format(gstin=isd["ctin"]))
            where = _("document {no} of {gstin}").format(no=number, gstin=isd["ctin"])
            kind = "ISDC" if str(doc.get("doctyp") or "ISD").upper() == "ISDC" else "ISD"
            out.append(InwardDoc(gstin=isd["ctin"].strip().upper(), supplier_name=str(isd.get("trdnm") or ""),
                                 number=number.strip(), day=_day(doc.get("docdt"), where), kind=kind,
                                 credit_available=str(doc.get("itcelg") or "Y").upper() != "N",
                                 split=_split(doc, where)))
    for entry in _listed(docdata.get("impg"), "impg"):
        number = entry.get("boenum") if isinstance(entry, dict) else None
        if not isinstance(number, (str, int)) or not str(number).strip():
            raise _fail(_("a bill of entry without a number"))
        where = _("bill of entry {no}").format(no=number)
        out.append(InwardDoc(gstin="", supplier_name=str(entry.get("portcode") or ""), number=str(number).strip(),
                             day=_day(entry.get("boedt"), where), kind="BOE", split=_split(entry, where)))
    if len(out) > _MAX_DOCS:
        raise _fail(_("too many documents"))
    return out


def parse(document: object) -> Statement:
    """Read the portal's GSTR-2B JSON (the whole download, or its ``data`` part); a clear refusal otherwise."""
    data = document.get("data", document) if isinstance(document, dict) else None
    if not isinstance(data, dict) or not isinstance(data.get("docdata"), dict):
        raise _fail(_("it has no 'docdata' part"))
    fp = str(data.get("rtnprd") or "")
    if not re.fullmatch(r"(0[1-9]|1[0-2])[0-9]{4}", fp):
        raise _fail(_("it names no month"))
    docdata = data["docdata"]
    return Statement(gstin=str(data.get("gstin") or "").strip().upper(), fp=fp,
                     invoices=tuple(_docs(docdata.get("b2b"), "b2b", "inum")),
                     notes=tuple(_docs(docdata.get("cdnr"), "cdnr", "ntnum") + _docs(docdata.get("cdnra"), "cdnra",
                                                                                      "ntnum")),
                     amendments=tuple(_docs(docdata.get("b2ba"), "b2ba", "inum")),
                     other_credit=tuple(_other_credit(docdata)))


@dataclass(frozen=True, slots=True, kw_only=True)
class Line:
    """One row of the match: a bill in the books, its 2B document, or both."""

    gstin: str
    supplier_name: str
    number: str
    day: date
    books: TaxSplit | None
    gstr2b: TaxSplit | None
    differences: tuple[str, ...] = ()  # the heads that differ by more than ₹1
    booked_on: date | None = None  # a 2B invoice the books hold in another month
    credit_available: bool = True  # False where 2B marks the invoice ``itcavl`` "N"
    reason: str = ""  # ``rsn``, why 2B gives no credit
    amends: str = ""  # an amended invoice (b2ba): the original number

    def as_dict(self) -> dict:
        def split(s: TaxSplit | None) -> dict | None:
            return None if s is None else {f"{h}_paise": getattr(s, f"{h}_paise") for h in HEADS}
        return {"gstin": self.gstin, "supplier_name": self.supplier_name, "number": self.number,
                "date": self.day.isoformat(), "books": split(self.books), "gstr2b": split(self.gstr2b),
                "differences": list(self.differences),
                "booked_on": self.booked_on.isoformat() if self.booked_on else None,
                "credit_available": self.credit_available, "reason": self.reason, "amends": self.amends}


@dataclass(frozen=True, kw_only=True)
class Match:
    period: Period
    matched: tuple[Line, ...] = ()
    differing: tuple[Line, ...] = ()
    only_in_2b: tuple[Line, ...] = ()
    only_in_books: tuple[Line, ...] = ()
    notes: tuple[InwardDoc, ...] = field(default=())
    amended: tuple[Line, ...] = ()  # the suppliers' amended invoices (b2ba), each with the bill it amends, if found
    other_credit: tuple[InwardDoc, ...] = ()  # the ISD's documents and the imports' bills of entry, listed

    @property
    def credit_at_risk_paise(self) -> int:
        """The tax on bills in the books that the suppliers have not reported: no credit until they do."""
        return sum(line.books.total_paise - line.books.taxable_paise for line in self.only_in_books if line.books)

    def as_dict(self) -> dict:
        return {"period": self.period.label, "fp": self.period.fp, "credit_at_risk_paise": self.credit_at_risk_paise,
                **{name: [line.as_dict() for line in getattr(self, name)]
                   for name in ("matched", "differing", "only_in_2b", "only_in_books", "amended")},
                "notes": [{"gstin": n.gstin, "number": n.number, "type": n.kind, "date": n.day.isoformat(),
                           "tax_paise": n.split.total_paise - n.split.taxable_paise, "amends": n.amends,
                           "credit_available": n.credit_available, "reason": n.reason} for n in self.notes],
                "other_credit": [{"gstin": d.gstin, "name": d.supplier_name, "number": d.number, "type": d.kind,
                                  "date": d.day.isoformat(), "tax_paise": d.split.total_paise - d.split.taxable_paise,
                                  "credit_available": d.credit_available} for d in self.other_credit]}


def _differences(books: TaxSplit, portal: TaxSplit) -> tuple[str, ...]:
    return tuple(h for h in HEADS if abs(getattr(books, f"{h}_paise") - getattr(portal, f"{h}_paise"))
                 > TOLERANCE_PAISE)


def match(period: Period, statement: Statement, bills: Sequence[PurchaseBill],
          earlier: Sequence[PurchaseBill] = ()) -> Match:
    """Compare a month's GSTR-2B with the purchase bills dated in that month.

    ``earlier`` are bills of other months: a 2B invoice found there is still "not in this month's books",
    but the row says when it was booked (suppliers often report a late bill in the next month's GSTR-1).
    """
    waiting: dict[tuple[str, str], list[PurchaseBill]] = defaultdict(list)
    for bill in bills:
        waiting[((bill.supplier_gstin or "").upper(), normalise_number(bill.number))].append(bill)
    elsewhere = {((b.supplier_gstin or "").upper(), normalise_number(b.number)): b.day for b in earlier}
    matched: list[Line] = []
    differing: list[Line] = []
    only_2b: list[Line] = []
    for doc in statement.invoices:
        found = waiting.get(doc.key)
        if not found:
            only_2b.append(Line(gstin=doc.gstin, supplier_name=doc.supplier_name, number=doc.number, day=doc.day,
                                books=None, gstr2b=doc.split, booked_on=elsewhere.get(doc.key),
                                credit_available=doc.credit_available, reason=doc.reason))
            continue
        bill = found.pop(0)
        line = Line(gstin=doc.gstin, supplier_name=bill.supplier_name, number=bill.number, day=bill.day,
                    books=bill.split, gstr2b=doc.split, differences=_differences(bill.split, doc.split),
                    credit_available=doc.credit_available, reason=doc.reason)
        (differing if line.differences else matched).append(line)
    amended = _amended(period, statement, waiting, [*earlier, *bills])
    only_books = [Line(gstin=(b.supplier_gstin or ""), supplier_name=b.supplier_name, number=b.number, day=b.day,
                       books=b.split, gstr2b=None)
                  for left in waiting.values() for b in left]
    only_books.sort(key=lambda line: (line.day, line.number))
    return Match(period=period, matched=tuple(matched), differing=tuple(differing), only_in_2b=tuple(only_2b),
                 only_in_books=tuple(only_books), notes=statement.notes, amended=tuple(amended),
                 other_credit=statement.other_credit)


def _amended(period: Period, statement: Statement, waiting: dict[tuple[str, str], list[PurchaseBill]],
             every: Sequence[PurchaseBill]) -> list[Line]:
    """Each amended invoice (b2ba) with the bill it amends: found by its new number, then by the original's, first
    among this month's bills not yet matched (taken, so they are not "not in 2B"), then in any month's books."""
    anywhere = {((b.supplier_gstin or "").upper(), normalise_number(b.number)): b for b in every}
    out = []
    for doc in statement.amendments:
        keys = [doc.key, (doc.gstin, normalise_number(doc.amends))]
        bill = next((waiting[k].pop(0) for k in keys if waiting.get(k)), None)
        if bill is None:
            bill = next((anywhere[k] for k in keys if k in anywhere), None)
        out.append(Line(
            gstin=doc.gstin, supplier_name=bill.supplier_name if bill else doc.supplier_name, number=doc.number,
            day=doc.day, books=bill.split if bill else None, gstr2b=doc.split,
            differences=_differences(bill.split, doc.split) if bill else (),
            booked_on=bill.day if bill is not None and not period.contains(bill.day) else None,
            credit_available=doc.credit_available, reason=doc.reason, amends=doc.amends))
    return out
