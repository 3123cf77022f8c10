"""A period's sales report: sales by day, by category and by item, gross profit and margin, and the GST
charged at each rate; the same as an XLSX workbook. Reads only (the Reports page, ``report sales``).

Profit is sales before tax less the cost of what was sold (the item's cost when it was sold); lines sold
without a known cost are counted and said, since they make the margin look better than it is. Goods taken
back are summed apart as credit notes, so the sales figures are the bills as they were issued.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from app.domain.gst import format_rate
from app.domain.money import format_inr
from app.domain.qty import format_qty
from app.errors import InputError
from app.i18n import _, language
from app.store import sales_reports
from app.store.earnings import profit_between

__all__ = ["PERIODS", "SalesReport", "check_period", "export_report", "period_dates", "sales_printable", "sales_report"]

MAX_DAYS = 3 * 366  # a report over more than three years is not what a shop means


@dataclass(frozen=True)
class DayRow:
    day: str
    bills: int
    sales_paise: int  # with tax
    taxable_paise: int
    cost_paise: int

    @property
    def profit_paise(self) -> int:
        return self.taxable_paise - self.cost_paise


@dataclass(frozen=True)
class GroupRow:
    key: str
    name: str
    sales_paise: int
    taxable_paise: int
    cost_paise: int
    qty_milli: int = 0
    unit: str = ""

    @property
    def profit_paise(self) -> int:
        return self.taxable_paise - self.cost_paise

    @property
    def margin_pct(self) -> float | None:
        return None if self.taxable_paise <= 0 else 100.0 * self.profit_paise / self.taxable_paise


@dataclass(frozen=True)
class RateRow:
    rate_bp: int
    taxable_paise: int
    cgst_paise: int
    sgst_paise: int
    igst_paise: int
    cess_paise: int

    @property
    def tax_paise(self) -> int:
        return self.cgst_paise + self.sgst_paise + self.igst_paise + self.cess_paise


@dataclass
class SalesReport:
    start_on: str
    end_on: str
    days: list[DayRow] = field(default_factory=list)  # every calendar day of the period, in order
    categories: list[GroupRow] = field(default_factory=list)
    items: list[GroupRow] = field(default_factory=list)
    rates: list[RateRow] = field(default_factory=list)
    lines_without_cost: int = 0
    credit_notes: int = 0
    credit_notes_paise: int = 0

    @property
    def bills(self) -> int:
        return sum(d.bills for d in self.days)

    @property
    def sales_paise(self) -> int:
        return sum(d.sales_paise for d in self.days)

    @property
    def taxable_paise(self) -> int:
        return sum(d.taxable_paise for d in self.days)

    @property
    def profit_paise(self) -> int:
        return sum(d.profit_paise for d in self.days)

    @property
    def margin_pct(self) -> float | None:
        taxable = self.taxable_paise
        return None if taxable <= 0 else 100.0 * self.profit_paise / taxable

    @property
    def tax_paise(self) -> int:
        return sum(r.tax_paise for r in self.rates)


def period_names() -> dict[str, str]:
    return {"today": _("Today"), "7d": _("Last 7 days"), "30d": _("Last 30 days"), "month": _("This month"),
            "last_month": _("Last month"), "fy": _("This financial year")}


PERIODS = ("today", "7d", "30d", "month", "last_month", "fy")


def period_dates(name: str, today: date) -> tuple[date, date]:
    """The first and last day of a named period ending today (a financial year starts on 1 April)."""
    if name == "today":
        return today, today
    if name == "7d":
        return today - timedelta(days=6), today
    if name == "30d":
        return today - timedelta(days=29), today
    if name == "month":
        return today.replace(day=1), today
    if name == "last_month":
        end = today.replace(day=1) - timedelta(days=1)
        return end.replace(day=1), end
    if name == "fy":
        year = today.year if today.month >= 4 else today.year - 1
        return date(year, 4, 1), today
    raise InputError(_("'{name}' is not a period.").format(name=name))


def check_period(start: date, end: date) -> None:
    if end < start:
        raise InputError(_("The period ends before it starts."), hint=_("Choose the first day, then the last."))
    if (end - start).days >= MAX_DAYS:
        raise InputError(_("Choose a period of at most three years."))


def sales_report(store: Any, start: date, end: date, *, top: int = 20) -> SalesReport:
    """The report for the days from ``start`` to ``end`` (both included)."""
    check_period(start, end)
    db = store.db()
    s, e = start.isoformat(), end.isoformat()
    found = {row[0]: DayRow(*row) for row in sales_reports.sales_by_day(db, s, e)}
    days = []
    for k in range((end - start).days + 1):
        day = (start + timedelta(days=k)).isoformat()
        days.append(found.get(day, DayRow(day, 0, 0, 0, 0)))
    hindi = language() == "hi"
    categories = [GroupRow(code, (name_hi if hindi and name_hi else name_en) or _("No category"), total, taxable,
                           cost)
                  for code, name_en, name_hi, total, taxable, cost in sales_reports.sales_by_category(db, s, e)]
    items = [GroupRow(sku, name, total, taxable, cost, qty, unit)
             for sku, name, unit, qty, total, taxable, cost in sales_reports.top_items(db, s, e, limit=top)]
    rates = [RateRow(*row) for row in sales_reports.gst_by_rate(db, s, e)]
    notes, notes_paise, _notes_taxable = sales_reports.credit_notes_between(db, s, e)
    _taxable, _cost, without_cost = profit_between(db, s, e)
    return SalesReport(s, e, days, categories, items, rates, without_cost, notes, notes_paise)


def _rupees(paise: int) -> float:
    return paise / 100


def export_report(report: SalesReport, path: Path) -> Path:
    """The report as an XLSX workbook: a sheet for days, categories, items and GST rates (rupees)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheets: list[tuple[str, list[str], list[list[Any]]]] = [
        (_("By day"), [_("Day"), _("Bills"), _("Sales"), _("Before tax"), _("Cost"), _("Profit")],
         [[d.day, d.bills, _rupees(d.sales_paise), _rupees(d.taxable_paise), _rupees(d.cost_paise),
           _rupees(d.profit_paise)] for d in report.days]),
        (_("By category"), [_("Category"), _("Sales"), _("Before tax"), _("Cost"), _("Profit"), _("Margin %")],
         [[c.name, _rupees(c.sales_paise), _rupees(c.taxable_paise), _rupees(c.cost_paise), _rupees(c.profit_paise),
           None if c.margin_pct is None else round(c.margin_pct, 1)] for c in report.categories]),
        (_("Top items"), [_("Item code"), _("Name"), _("Quantity"), _("Unit"), _("Sales"), _("Before tax"),
                          _("Profit"), _("Margin %")],
         [[i.key, i.name, i.qty_milli / 1000, i.unit, _rupees(i.sales_paise), _rupees(i.taxable_paise),
           _rupees(i.profit_paise), None if i.margin_pct is None else round(i.margin_pct, 1)] for i in report.items]),
        (_("GST by rate"), [_("GST rate"), _("Before tax"), _("CGST"), _("SGST"), _("IGST"), _("Cess"), _("Tax")],
         [[format_rate(r.rate_bp), _rupees(r.taxable_paise), _rupees(r.cgst_paise), _rupees(r.sgst_paise),
           _rupees(r.igst_paise), _rupees(r.cess_paise), _rupees(r.tax_paise)] for r in report.rates]),
    ]
    first = book.active
    for n, (title, headings, rows) in enumerate(sheets):
        sheet = first if n == 0 else book.create_sheet()
        sheet.title = title[:31]  # Excel's limit for a sheet name
        sheet.append([_("Sales report {start} to {end}").format(start=report.start_on, end=report.end_on)])
        sheet.append(headings)
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(row)
        for column, _heading in enumerate(headings):
            sheet.column_dimensions[chr(ord("A") + column)].width = 14 if column else 24
    book.save(path)
    return path


def sales_printable(report: SalesReport) -> Any:
    """The report as tables for the PDF (:mod:`app.services.report_tables`)."""
    from app.services.report_tables import Printable, ReportTable, Rupees

    def pct(value: float | None) -> str:
        return "—" if value is None else f"{value:.1f}%"

    lines = [_("Sales {sales} in {bills} bills · before tax {taxable} · profit {profit} (margin {margin}) · GST {tax}")
             .format(sales=format_inr(report.sales_paise), bills=report.bills,
                     taxable=format_inr(report.taxable_paise), profit=format_inr(report.profit_paise),
                     margin=pct(report.margin_pct), tax=format_inr(report.tax_paise))]
    if report.credit_notes:
        lines.append(_("Goods taken back: {n} credit notes, {amount} (not taken off the figures above).").format(
            n=report.credit_notes, amount=format_inr(report.credit_notes_paise)))
    days = ReportTable(_("By day"), [_("Day"), _("Bills"), _("Sales"), _("Before tax"), _("Profit")],
                       [[date.fromisoformat(d.day).strftime("%d-%m-%Y"), d.bills, Rupees(d.sales_paise),
                         Rupees(d.taxable_paise), Rupees(d.profit_paise)] for d in report.days if d.bills],
                       total=[_("Total"), report.bills, Rupees(report.sales_paise), Rupees(report.taxable_paise),
                              Rupees(report.profit_paise)])
    categories = ReportTable(_("By category"), [_("Category"), _("Sales"), _("Profit"), _("Margin %")],
                             [[c.name, Rupees(c.sales_paise), Rupees(c.profit_paise), pct(c.margin_pct)]
                              for c in report.categories])
    items = ReportTable(_("Top items"), [_("Item"), _("Quantity"), _("Sales"), _("Profit"), _("Margin %")],
                        [[i.name, format_qty(i.qty_milli, i.unit), Rupees(i.sales_paise), Rupees(i.profit_paise),
                          pct(i.margin_pct)] for i in report.items])
    rates = ReportTable(_("GST by rate"), [_("GST rate"), _("Before tax"), _("CGST"), _("SGST"), _("IGST"), _("Cess"),
                                           _("Tax")],
                        [[format_rate(r.rate_bp), Rupees(r.taxable_paise), Rupees(r.cgst_paise), Rupees(r.sgst_paise),
                          Rupees(r.igst_paise), Rupees(r.cess_paise), Rupees(r.tax_paise)] for r in report.rates])
    start, end = date.fromisoformat(report.start_on), date.fromisoformat(report.end_on)
    return Printable(_("Sales report"), _("{start} to {end}").format(start=start.strftime("%d-%m-%Y"),
                                                                       end=end.strftime("%d-%m-%Y")),
                     lines, [days, categories, items, rates])
