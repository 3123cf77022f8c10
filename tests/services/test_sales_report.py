"""The Reports page's figures: sales by day, category and item, profit and margin, GST at each rate."""

from datetime import date, timedelta

import openpyxl
import pytest

from app.errors import InputError
from app.services import sales
from app.services.sales import PaymentIn, SaleLine
from app.services.sales_report import export_report, period_dates, sales_report


def _sell(ctx, sku: str, qty: int) -> int:
    lines = [SaleLine(sku=sku, qty_milli=qty * 1000)]
    quote = sales.quote_sale(ctx, lines=lines)
    sales.record_sale(ctx, lines=lines, payments=[PaymentIn(method="cash", amount_paise=quote.total_paise)])
    return quote.total_paise


def test_a_period_of_sales_by_day_category_item_and_rate(session, ctx, clock, make_product, tmp_path):
    db = session.store.db()
    category = db.execute("SELECT code FROM category ORDER BY code LIMIT 1").fetchone()[0]
    make_product("SALT1", price_paise=2800, mrp_paise=3000, cost_paise=2400, gst_rate_bp=500, category=category)
    make_product("MAGGI", price_paise=1400, mrp_paise=1400, cost_paise=1100, gst_rate_bp=1200)
    first_day = ctx.today()
    salt = _sell(ctx, "SALT1", 2)
    clock.advance(timedelta(days=2))
    maggi = _sell(ctx, "MAGGI", 3) + _sell(ctx, "MAGGI", 2)
    report = sales_report(session.store, first_day, first_day + timedelta(days=3))

    assert [d.day for d in report.days] == [(first_day + timedelta(days=k)).isoformat() for k in range(4)]
    assert [(d.bills, d.sales_paise) for d in report.days] == [(1, salt), (0, 0), (2, maggi), (0, 0)]
    assert report.bills == 3 and report.sales_paise == salt + maggi
    # prices include GST: before tax 5600/1.05 and 5600/1.12; cost is what the items cost when sold
    salt_taxable, maggi_taxable = report.days[0].taxable_paise, report.days[2].taxable_paise
    assert abs(salt_taxable - 5333) <= 1 and abs(maggi_taxable - 6250) <= 1
    assert (report.days[0].cost_paise, report.days[2].cost_paise) == (4800, 5500)
    assert report.profit_paise == salt_taxable - 4800 + maggi_taxable - 5500
    assert report.margin_pct == pytest.approx(100 * report.profit_paise / report.taxable_paise)

    assert [(c.key, c.sales_paise) for c in report.categories] == [("", maggi), (category, salt)]
    assert [(i.key, i.qty_milli) for i in report.items] == [("MAGGI", 5000), ("SALT1", 2000)]
    assert [(r.rate_bp, r.taxable_paise) for r in report.rates] == [(500, salt_taxable), (1200, maggi_taxable)]
    assert all(r.cgst_paise == r.sgst_paise and r.igst_paise == 0 for r in report.rates)  # sold within the state
    assert report.tax_paise == report.sales_paise - report.taxable_paise

    path = export_report(report, tmp_path / "report.xlsx")
    book = openpyxl.load_workbook(path, read_only=True)
    assert book.sheetnames == ["By day", "By category", "Top items", "GST by rate"]
    days = list(book["By day"].iter_rows(values_only=True))
    assert days[1][:3] == ("Day", "Bills", "Sales") and days[2][1:3] == (1, salt / 100) and len(days) == 6
    rates = list(book["GST by rate"].iter_rows(values_only=True))
    assert rates[2][0] == "5%" and rates[3][0] == "12%"


def test_named_periods_and_bad_ones():
    today = date(2026, 6, 15)
    assert period_dates("7d", today) == (date(2026, 6, 9), today)
    assert period_dates("last_month", today) == (date(2026, 5, 1), date(2026, 5, 31))
    assert period_dates("fy", date(2027, 2, 1)) == (date(2026, 4, 1), date(2027, 2, 1))
    with pytest.raises(InputError):
        sales_report(None, today, today - timedelta(days=1))
