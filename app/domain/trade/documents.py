"""Export documents from one export order: the commercial invoice, the packing list, and the data a
courier's CSB-V or a postal bill of export (PBE) needs. Each is checked for every required field before
it is made: a missing IEC, HS code or package weight is a readable issue, never a blank on paper.

What each document must carry (sources in ``docs/trade.md``):

- commercial invoice: exporter with IEC and GSTIN, buyer and address, country of destination, country of
  origin, invoice number and date, HS code per line (6 digits at least: the international HS), quantity,
  price and amount in the invoice currency and in rupees at the stated rate, Incoterms, payment terms,
  and the Rule 46 endorsement (LUT with its ARN, or IGST paid);
- packing list: per package its contents, net and gross weight and dimensions, with the totals;
- CSB-V (courier) and postal bill of export: the invoice data plus the 8-digit ITC-HS code of each line
  (the customs tariff line), the AD code, the number of packages and gross weight, and the FOB value (the
  invoice value less the freight and insurance the seller paid, ``fob.py``); a postal parcel also says
  whether it needs CN22 or CN23.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from app.domain.trade.fob import Carriage, fob_paise, needs_carriage
from app.domain.trade.terms import CURRENCIES, endorsement, foreign_minor
from app.i18n import _

__all__ = [
    "DOCUMENTS", "DocIssue", "ExportDocs", "ExportLine", "Exporter", "PackageRow", "commercial_invoice",
    "issues", "packing_list", "shipping_data",
]

DOCUMENTS = ("invoice", "packing", "shipping")


@dataclass(frozen=True, slots=True, kw_only=True)
class Exporter:
    name: str
    address: str
    gstin: str
    iec: str
    ad_code: str
    state: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ExportLine:
    description: str
    hsn: str
    qty_milli: int
    unit: str
    amount_paise: int  # the line's value in rupees (taxable value + IGST when paid)
    taxable_paise: int
    igst_paise: int
    rate_bp: int


@dataclass(frozen=True, slots=True, kw_only=True)
class PackageRow:
    net_g: int
    gross_g: int
    length_mm: int
    width_mm: int
    height_mm: int
    contents: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class ExportDocs:
    """Everything the three documents print, read from the books in one place."""

    exporter: Exporter
    invoice_no: str
    day: date
    buyer_name: str
    buyer_address: str
    country: str
    country_name: str
    currency: str
    fx_paise: int
    incoterm: str
    payment_terms: str
    route: str
    mode: str
    lut_arn: str | None
    port_code: str
    lines: tuple[ExportLine, ...]
    packages: tuple[PackageRow, ...] = field(default=())
    origin: str = "India"
    round_off_paise: int = 0  # the invoice's round-off to whole rupees, if the shop rounds
    carriage: Carriage | None = None  # freight and insurance the seller paid (C- and D-terms)

    @property
    def total_paise(self) -> int:
        return sum(line.amount_paise for line in self.lines) + self.round_off_paise

    @property
    def fob_paise(self) -> int | None:
        """The FOB value: the invoice value less the seller's freight and insurance (None: not recorded yet)."""
        return fob_paise(self.total_paise, self.incoterm, self.carriage)

    @property
    def igst_paise(self) -> int:
        return sum(line.igst_paise for line in self.lines)

    def foreign(self, paise: int) -> str:
        """An amount in the invoice currency, with its minor digits: 'USD 118.90'."""
        digits = CURRENCIES.get(self.currency, 2)
        minor = foreign_minor(paise, self.fx_paise, self.currency)
        return f"{self.currency} {minor / 10 ** digits:,.{digits}f}"


@dataclass(frozen=True, slots=True)
class DocIssue:
    """A required field that is missing, for which documents, in the seller's words."""

    field: str
    documents: tuple[str, ...]
    message: str


def issues(doc: ExportDocs) -> list[DocIssue]:
    """Every missing required field; a document is made only when none of its issues remain."""
    found: list[DocIssue] = []
    all_docs = DOCUMENTS

    def need(ok: bool, name: str, docs: tuple[str, ...], message: str) -> None:
        if not ok:
            found.append(DocIssue(name, docs, message))

    x = doc.exporter
    need(bool(x.iec), "iec", all_docs, _("The shop's IEC is not set (Settings: trade.iec)."))
    need(bool(x.gstin), "gstin", all_docs, _("The shop has no GSTIN."))
    need(bool(x.name and x.address), "exporter", all_docs, _("The shop's name and address are not set."))
    need(bool(x.ad_code), "ad_code", ("shipping",),
         _("The bank's AD code is not set (Settings: trade.ad_code); customs needs it for the export."))
    need(bool(doc.buyer_name and doc.buyer_address), "buyer", all_docs, _("The buyer's name and address are missing."))
    need(len(doc.country) == 2, "country", all_docs, _("The country of destination is missing."))
    need(bool(doc.incoterm), "incoterm", ("invoice",), _("The Incoterm is missing."))
    need(bool(doc.payment_terms), "payment_terms", ("invoice",), _("The payment terms are missing."))
    need(doc.fx_paise > 0 and bool(doc.currency), "currency", ("invoice", "shipping"),
         _("The currency and its exchange rate are missing."))
    need(doc.mode != "lut" or bool(doc.lut_arn), "lut_arn", ("invoice", "shipping"),
         _("The invoice is under an LUT but no LUT ARN is recorded for its year."))
    need(bool(doc.lines), "lines", all_docs, _("The invoice has no lines."))
    for line in doc.lines:
        digits = len(line.hsn or "")
        need(digits >= 6, f"hsn:{line.description}", ("invoice", "shipping"),
             _("{item}: the HS code '{hsn}' is too short; an export invoice needs 6 digits at least.").format(
                 item=line.description, hsn=line.hsn or "-"))
        need(digits < 6 or digits == 8, f"itchs:{line.description}", ("shipping",),
             _("{item}: customs needs the 8-digit ITC-HS code, not '{hsn}'.").format(item=line.description,
                                                                                     hsn=line.hsn))
    need(not needs_carriage(doc.incoterm) or doc.carriage is not None, "carriage", ("invoice", "shipping"),
         _("Under {term} the price includes the freight: record the freight and insurance paid, for the FOB "
           "value.").format(term=doc.incoterm))
    need(bool(doc.packages), "packages", ("packing", "shipping"),
         _("No packages are recorded: give each package's net and gross weight and its size."))
    return found


def _qty(line: ExportLine) -> str:
    value = line.qty_milli / 1000
    return f"{value:g} {line.unit}"


def _rupees(paise: int) -> str:
    return f"INR {paise / 100:,.2f}"


def _rate(fx_paise: int, currency: str) -> str:
    return f"1 {currency} = INR {fx_paise / 100:,.2f}"


def _fob_rows(doc: ExportDocs) -> list[tuple[str, str]]:
    """Freight and insurance (when the seller paid them) and the FOB value, in the currency and in rupees."""
    fob = doc.fob_paise
    if fob is None:
        return []
    rows = []
    if doc.carriage is not None and needs_carriage(doc.incoterm):
        rows += [(_("Less freight"), f"{doc.foreign(doc.carriage.freight_paise)} "
                                     f"({_rupees(doc.carriage.freight_paise)})"),
                 (_("Less insurance"), f"{doc.foreign(doc.carriage.insurance_paise)} "
                                       f"({_rupees(doc.carriage.insurance_paise)})")]
    return [*rows, (_("FOB value"), f"{doc.foreign(fob)} ({_rupees(fob)})")]


def commercial_invoice(doc: ExportDocs) -> dict:
    """The commercial invoice as header fields and a line table (labels in the seller's language)."""
    x = doc.exporter
    header = [
        (_("Exporter"), f"{x.name}, {x.address}"), ("GSTIN", x.gstin), ("IEC", x.iec),
        (_("Invoice"), f"{doc.invoice_no} / {doc.day.strftime('%d-%m-%Y')}"),
        (_("Buyer"), f"{doc.buyer_name}, {doc.buyer_address}"),
        (_("Country of destination"), f"{doc.country_name} ({doc.country})"),
        (_("Country of origin"), doc.origin),
        ("Incoterms 2020", doc.incoterm), (_("Payment terms"), doc.payment_terms),
        (_("Currency and rate"), f"{doc.currency}; {_rate(doc.fx_paise, doc.currency)}"),
        (_("Place of supply"), "96 - Other Country"),
    ]
    rows = [[line.description, line.hsn, _qty(line), doc.foreign(line.amount_paise), _rupees(line.amount_paise),
             f"{line.rate_bp / 100:g}%", _rupees(line.igst_paise)] for line in doc.lines]
    totals = [(_("Round off"), _rupees(doc.round_off_paise))] if doc.round_off_paise else []
    totals += [(_("Total"), f"{doc.foreign(doc.total_paise)} ({_rupees(doc.total_paise)})"),
              ("IGST", _rupees(doc.igst_paise))]
    totals += _fob_rows(doc)
    return {"title": _("Commercial invoice"), "header": header,
            "columns": [_("Description"), _("HS code"), _("Quantity"), _("Amount ({currency})").format(
                currency=doc.currency), _("Amount (INR)"), _("IGST rate"), "IGST"],
            "rows": rows, "totals": totals, "endorsement": endorsement(doc.mode, doc.lut_arn)}


def packing_list(doc: ExportDocs) -> dict:
    net = sum(p.net_g for p in doc.packages)
    gross = sum(p.gross_g for p in doc.packages)
    rows = [[str(n), p.contents or ", ".join(line.description for line in doc.lines), f"{p.net_g / 1000:.3f}",
             f"{p.gross_g / 1000:.3f}", f"{p.length_mm / 10:g} x {p.width_mm / 10:g} x {p.height_mm / 10:g}"]
            for n, p in enumerate(doc.packages, start=1)]
    header = [(_("Exporter"), f"{doc.exporter.name}, {doc.exporter.address}"), ("IEC", doc.exporter.iec),
              (_("Invoice"), f"{doc.invoice_no} / {doc.day.strftime('%d-%m-%Y')}"),
              (_("Buyer"), f"{doc.buyer_name}, {doc.buyer_address}"),
              (_("Country of destination"), f"{doc.country_name} ({doc.country})")]
    return {"title": _("Packing list"), "header": header,
            "columns": [_("Package"), _("Contents"), _("Net kg"), _("Gross kg"), _("Size (cm)")], "rows": rows,
            "totals": [(_("Packages"), str(len(doc.packages))), (_("Net weight"), f"{net / 1000:.3f} kg"),
                       (_("Gross weight"), f"{gross / 1000:.3f} kg")]}


def shipping_data(doc: ExportDocs) -> dict:
    """The fields a courier's CSB-V or a postal bill of export asks for, in one table to copy from."""
    # Postal Export (Electronic Declaration and Processing) Regulations, 2022: PBE-III for e-commerce, PBE-IV otherwise
    kind = {"courier": "CSB-V", "postal": _("Postal bill of export (PBE-III if sold online, PBE-IV otherwise)"),
            "cargo": _("Shipping bill")}[doc.route]
    net = sum(p.net_g for p in doc.packages)
    gross = sum(p.gross_g for p in doc.packages)
    header = [
        (_("Form"), kind), ("IEC", doc.exporter.iec), ("GSTIN", doc.exporter.gstin),
        (_("AD code"), doc.exporter.ad_code),
        (_("State of origin"), doc.exporter.state),
        (_("Invoice"), f"{doc.invoice_no} / {doc.day.strftime('%d-%m-%Y')}"),
        (_("Consignee"), f"{doc.buyer_name}, {doc.buyer_address}"),
        (_("Country of destination"), f"{doc.country_name} ({doc.country})"),
        (_("Invoice value"), f"{doc.foreign(doc.total_paise)} ({_rupees(doc.total_paise)})"),
        *_fob_rows(doc),
        (_("Total taxable value"), _rupees(sum(line.amount_paise - line.igst_paise for line in doc.lines))),
        (_("Exchange rate"), _rate(doc.fx_paise, doc.currency)), ("Incoterms", doc.incoterm),
        (_("Tax"), _("under LUT {arn}, no IGST").format(arn=doc.lut_arn) if doc.mode == "lut"
         else _("IGST paid {amount}").format(amount=_rupees(doc.igst_paise))),
        (_("Packages"), str(len(doc.packages))), (_("Gross weight"), f"{gross / 1000:.3f} kg"),
        (_("Net weight"), f"{net / 1000:.3f} kg"),
    ]
    if doc.route == "postal":  # UPU: CN22 up to 300 SDR, CN23 above (the SDR's rupee value moves daily)
        header.append((_("Customs declaration"), _("CN22 up to 300 SDR, CN23 above")))
    rows = [[line.hsn, line.description, _qty(line), doc.foreign(line.amount_paise), _rupees(line.amount_paise)]
            for line in doc.lines]
    return {"title": _("Data for the {form}").format(form=kind), "header": header,
            "columns": [_("ITC-HS"), _("Description"), _("Quantity"), _("Value ({currency})").format(
                currency=doc.currency), _("Value (INR)")], "rows": rows, "totals": []}
