"""The Reports page's GST summary (``app.services.gst_report``, ``report gst``): input tax credit from the purchase
bills beside the output tax and the tax to pay, the same figures as the GST returns page and ``gst gstr3b`` for the
same days, and figures worked out by hand from the bills for days that are not a return period."""

from __future__ import annotations

import json
from datetime import date

import pytest

from app.domain.gst_returns import parse_period
from app.domain.gst_summary import Heads
from app.main import run
from app.services import gst_report, gst_returns, sales_report
from app.services.report_tables import Rupees


def _figures(summary) -> tuple:
    return (summary.outward, summary.zero_rated, summary.nil_exempt_paise, summary.by_rate, summary.itc,
            summary.itc_bills, summary.credit_used, summary.cash, summary.credit_left)


@pytest.mark.parametrize("label", ["2026-07", "2026-08", "2026-09", "2026-Q3"])
def test_the_summary_is_the_gst_returns_pages_gstr3b_for_a_return_period(session, books, label):
    period = parse_period(label)
    report = gst_report.gst_report(session.store, period.start, period.end)
    expected = gst_returns.prepare(session.store, period).gstr3b()
    assert report.scheme == "regular" and report.summary is not None
    assert _figures(report.summary) == _figures(expected)
    assert report.summary.itc.total > 0 and report.output.total > 0


def test_days_that_are_not_a_return_period_count_the_bills_in_them(session, books):
    # 1-10 August: Pune Wholesale's PW-1 (1 Aug, CGST+SGST ₹250.01 as the bill states it) and Bharat Traders'
    # BT/8/1 (10 Aug, Karnataka: IGST 5 % of ₹8,000 + 18 % of ₹2,000 = ₹760); nothing else was bought
    report = gst_report.gst_report(session.store, date(2026, 8, 1), date(2026, 8, 10))
    summary = report.summary
    assert summary is not None and summary.itc_bills == 2
    assert summary.itc == Heads(igst=760_00, cgst=250_01 - 250_01 // 2, sgst=250_01 // 2)
    # September: Ravi Agencies' RA-77 has a GSTIN that fails its check, so only BT/9/1 gives credit
    september = gst_report.gst_report(session.store, date(2026, 9, 1), date(2026, 9, 30)).summary
    assert september is not None and september.itc_bills == 1 and september.itc.total == 760_00
    # what is paid in cash is the output tax less the credit used, head by head (before rounding to rupees)
    output = report.output
    for head in ("igst", "cgst", "sgst", "cess"):
        assert getattr(summary.cash, head) == getattr(output, head) - getattr(summary.credit_used, head)


def test_the_printable_shows_input_output_and_to_pay_and_the_rates_of_the_sales_report(session, books):
    start, end = date(2026, 8, 1), date(2026, 8, 31)
    report = gst_report.gst_report(session.store, start, end)
    printable = gst_report.gst_printable(report)
    summary = report.summary
    assert summary is not None and printable.title == "GST summary" and printable.period == "01-08-2026 to 31-08-2026"
    first = printable.lines[0]
    assert "input tax credit ₹" in first and f"from {summary.itc_bills} purchase bills" in first
    heads, rates = printable.tables
    by_name = {row[0]: row for row in heads.rows}
    assert by_name["Input tax credit (GSTR-3B 4A)"][5] == Rupees(summary.itc.total)
    assert by_name["To pay in cash"][5] == Rupees(summary.cash_rupees.total)
    sales = sales_report.sales_report(session.store, start, end)
    assert [row[-1] for row in rates.rows] == [Rupees(r.tax_paise) for r in sales.rates]
    assert rates.total is not None and rates.total[-1] == Rupees(sales.tax_paise)


def test_a_composition_shop_is_told_why_it_has_no_credit(session, ctx, books):
    from app.services import shop

    shop.update_shop(ctx, gst_scheme="composition")
    report = gst_report.gst_report(session.store, date(2026, 8, 1), date(2026, 8, 31))
    assert report.summary is None and report.rates
    assert "CMP-08" in gst_report.gst_printable(report).lines[0]


def test_report_gst_at_the_command_line_matches_gst_gstr3b(data, session, books, capsys):
    def cli(*argv: str) -> str:
        code = run(["--data-dir", str(data.root), "--shop", "test", *argv])
        out = capsys.readouterr().out
        assert code == 0, out
        return out

    returns = json.loads(cli("gst", "gstr3b", "--period", "2026-08", "--json"))
    report = json.loads(cli("report", "gst", "--from", "2026-08-01", "--to", "2026-08-31", "--json"))
    assert report["scheme"] == "regular"
    for key in ("3.1a_outward_taxable", "4A5_itc", "itc_bills", "credit_used", "cash_payable_rupees",
                "credit_carried_forward"):
        assert report["gstr3b"][key] == returns[key], key
    text = cli("report", "gst", "--from", "2026-08-01", "--to", "2026-08-31")
    assert "GST summary" in text and "Input tax credit (GSTR-3B 4A)" in text and "To pay in cash" in text
