"""The Reports page's GST summary for any period: the input tax credit from the purchase bills beside the output
tax and what is left to pay, as GSTR-3B works them out, and the output tax charged at each rate on the bills.

The GSTR-3B figures come from the GST returns service itself (:func:`app.services.gst_returns.tax_between`), so
the report, the GST returns page and ``gst gstr3b`` show the same amounts for the same days. Reads only (the
Reports page's GST tab, ``report gst``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from app.domain.gst import TaxSplit, format_rate
from app.domain.gst_summary import Gstr3b, Heads
from app.domain.money import format_inr
from app.i18n import _, ngettext
from app.services import gst_returns
from app.services.report_tables import Printable, ReportTable, Rupees
from app.services.sales_report import RateRow, check_period
from app.store import sales_reports
from app.store import shop as shop_store

__all__ = ["GstReport", "gst_printable", "gst_report"]


@dataclass(frozen=True)
class GstReport:
    start: date
    end: date
    scheme: str  # regular, composition or unregistered ("" before the shop is set up)
    rates: list[RateRow]  # output tax at each rate, the bills as issued (as the sales report counts them)
    summary: Gstr3b | None  # GSTR-3B's figures; a regular shop only

    @property
    def output(self) -> Heads:
        """Output tax owed: the taxed sales net of credit notes and the IGST paid on exports."""
        if self.summary is None:
            return Heads()
        return Heads.of(self.summary.outward + self.summary.zero_rated)


def gst_report(store: Any, start: date, end: date, *, rates: list[RateRow] | None = None) -> GstReport:
    """The GST summary for the days from ``start`` to ``end``; ``rates`` when the sales report already read them."""
    check_period(start, end)
    if rates is None:
        rates = [RateRow(*row) for row in sales_reports.gst_by_rate(store.db(), start.isoformat(), end.isoformat())]
    profile = shop_store.get_profile(store.db())  # a shop not set up yet still gets the rest of its report
    scheme = profile.gst_scheme if profile is not None else ""
    summary = gst_returns.tax_between(store, start, end) if scheme == "regular" else None
    return GstReport(start, end, scheme, rates, summary)


def _heads_row(name: str, heads: Heads) -> list[Any]:
    return [name, Rupees(heads.igst), Rupees(heads.cgst), Rupees(heads.sgst), Rupees(heads.cess), Rupees(heads.total)]


def gst_printable(report: GstReport) -> Printable:
    """The summary as tables for the window, the PDF and the workbook (:mod:`app.services.report_tables`)."""
    rates = ReportTable(_("Output tax by rate (the bills as issued)"),
                        [_("GST rate"), _("Before tax"), _("CGST"), _("SGST"), _("IGST"), _("Cess"), _("Tax")],
                        [[format_rate(r.rate_bp), Rupees(r.taxable_paise), Rupees(r.cgst_paise), Rupees(r.sgst_paise),
                          Rupees(r.igst_paise), Rupees(r.cess_paise), Rupees(r.tax_paise)] for r in report.rates])
    if report.rates:
        rates.total = [_("Total"), *(Rupees(sum(getattr(r, f) for r in report.rates)) for f in (
            "taxable_paise", "cgst_paise", "sgst_paise", "igst_paise", "cess_paise", "tax_paise"))]
    period = (_("on {day}").format(day=report.start.strftime("%d-%m-%Y")) if report.start == report.end else
              _("{start} to {end}").format(start=report.start.strftime("%d-%m-%Y"),
                                           end=report.end.strftime("%d-%m-%Y")))
    summary = report.summary
    if summary is None:
        line = {"composition": _("A composition shop pays CMP-08 on its turnover and takes no input tax credit: see "
                                 "the GST returns page."),
                "": _("Set up the shop's GST details (Settings) to see its input tax credit and tax to pay.")}.get(
            report.scheme, _("A shop not registered for GST charges no GST and takes no input tax credit."))
        return Printable(_("GST summary"), period, [line], [rates])
    headline = ngettext(
        "Output tax {output} · input tax credit {itc} from {bills} purchase bill · to pay in cash {cash}",
        "Output tax {output} · input tax credit {itc} from {bills} purchase bills · to pay in cash {cash}",
        summary.itc_bills)
    lines = [headline.format(output=format_inr(report.output.total), itc=format_inr(summary.itc.total),
                             bills=summary.itc_bills, cash=format_inr(summary.cash_rupees.total))]
    if summary.credit_left.total:
        lines.append(_("Input tax credit left over, carried forward: {amount}.").format(
            amount=format_inr(summary.credit_left.total)))
    lines.append(_("As GSTR-3B works it out: output tax net of credit notes, input tax credit from purchase bills "
                   "with a valid supplier GSTIN, the tax to pay in whole rupees. The same figures as the GST returns "
                   "page for the same days."))
    rows = [_heads_row(_("Output tax (GSTR-3B 3.1a)"), Heads.of(summary.outward))]
    if summary.zero_rated != TaxSplit(0):
        rows.append(_heads_row(_("Exports, IGST paid (GSTR-3B 3.1b)"), Heads.of(summary.zero_rated)))
    rows += [_heads_row(_("Input tax credit (GSTR-3B 4A)"), summary.itc),
             _heads_row(_("Credit used"), summary.credit_used),
             _heads_row(_("To pay in cash"), summary.cash_rupees),
             _heads_row(_("Credit carried forward"), summary.credit_left)]
    heads = ReportTable(_("Output tax, input tax credit and tax to pay"),
                        ["", _("IGST"), _("CGST"), _("SGST"), _("Cess"), _("Total")], rows)
    return Printable(_("GST summary"), period, lines, [heads, rates])
