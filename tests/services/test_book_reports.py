"""The Reports page's books against the shop's own records: sales by the hour in shop time, the day book's
money in and out, stock value and slow movers, khata ageing with payments settling the oldest debt first."""

from __future__ import annotations

from datetime import timedelta

from app.domain.clock import IST
from app.services import book_reports as books
from app.services import khata, sales
from app.services.report_tables import write_workbook
from app.services.returns import ReturnLine, record_return
from app.services.sales import PaymentIn, SaleLine


def _sell(ctx, sku: str, units: int, *, way: str = "cash", customer_id: int | None = None) -> tuple[int, int]:
    lines = [SaleLine(sku=sku, qty_milli=units * 1000)]
    total = sales.quote_sale(ctx, lines=lines).total_paise
    order = sales.record_sale(ctx, lines=lines, payments=[PaymentIn(method=way, amount_paise=total)],
                              customer_id=customer_id, confirmed=True).id
    return order, total


def test_khata_ageing_splits_what_is_owed_by_the_age_of_the_unpaid_credit(session, ctx, clock, make_product):
    make_product("TEA")  # ₹28 a unit
    ramesh = khata.create_customer(ctx, name="Ramesh", phone="9876543210", credit_limit_paise=10_000_000).id
    sita = khata.create_customer(ctx, name="Sita", credit_limit_paise=10_000_000).id
    _sell(ctx, "TEA", 10, way="khata", customer_id=ramesh)  # ₹280, day 0
    clock.advance(timedelta(days=40))
    _sell(ctx, "TEA", 5, way="khata", customer_id=ramesh)  # ₹140, day 40
    _sell(ctx, "TEA", 1, way="khata", customer_id=sita)  # ₹28, day 40
    clock.advance(timedelta(days=30))
    khata.receive_payment(ctx, ramesh, 10_000)  # ₹100 off the oldest: ₹180 of day 0 left
    clock.advance(timedelta(days=25))  # today is day 95

    report = books.khata_ageing(session.store, ctx.today(), IST)
    assert [r.name for r in report.rows] == ["Ramesh", "Sita"]  # the oldest debt first
    first, second = report.rows
    assert first.owed_paise == 32_000 and first.buckets == (0, 14_000, 0, 18_000) and first.oldest_days == 95
    assert second.buckets == (0, 2_800, 0, 0) and second.oldest_days == 55
    assert report.owed_paise == 34_800 and report.buckets == (0, 16_800, 0, 18_000)
    printable = books.khata_printable(report)
    assert printable.tables[0].rows[0][:3] == ["Ramesh", "9876543210", books.Rupees(32_000)]


def test_day_book_and_hours_follow_the_days_bills_and_payments(session, ctx, clock, make_product, tmp_path):
    make_product("TEA")
    ramesh = khata.create_customer(ctx, name="Ramesh", credit_limit_paise=10_000_000).id
    today = ctx.today()  # 10:00 in the shop
    cash_order, cash_total = _sell(ctx, "TEA", 3)
    clock.advance(timedelta(minutes=20))
    record_return(ctx, cash_order, lines=[ReturnLine(line_no=1, qty_milli=1000)])  # ₹28 back in cash
    clock.advance(timedelta(hours=9))  # 19:20
    _order, credit_total = _sell(ctx, "TEA", 2, way="khata", customer_id=ramesh)
    clock.advance(timedelta(minutes=5))
    khata.receive_payment(ctx, ramesh, 2_000, method="upi", reference="UPI123")

    book = books.day_book(session.store, today, today, IST)
    assert [e.kind for e in book.entries] == ["sale", "return", "sale", "collection"]
    assert [e.at[-5:] for e in book.entries] == ["10:00", "10:20", "19:20", "19:25"]
    assert book.money_in_paise == cash_total + 2_000
    assert book.money_out_paise == 2_800
    assert book.khata_added_paise == credit_total and book.khata_paid_paise == 2_000
    assert book.entries[-1].number == "UPI123" and book.entries[-1].party == "Ramesh"
    assert books.day_book(session.store, today + timedelta(days=1), today + timedelta(days=1), IST).entries == []

    hours = books.sales_by_hour(session.store, today, today, IST)
    assert [h.hour for h in hours] == list(range(10, 20))
    assert (hours[0].bills, hours[0].sales_paise) == (1, cash_total)
    assert (hours[-1].bills, hours[-1].sales_paise) == (1, credit_total)
    assert sum(h.bills for h in hours[1:-1]) == 0

    path = write_workbook(books.day_book_printable(book), tmp_path / "book.xlsx")
    import openpyxl

    sheet = openpyxl.load_workbook(path, read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "When" and rows[2][4] == cash_total / 100 and rows[-1][5] == (cash_total + 2_000) / 100


def test_stock_value_and_the_items_that_did_not_sell(session, ctx, clock, make_product):
    make_product("TEA", cost_paise=2_400, price_paise=2_800)  # 50 on hand
    make_product("RICE", cost_paise=5_000, price_paise=6_000, mrp_paise=6_500, opening_stock_milli=20_000)
    make_product("SOAP", cost_paise=1_000, price_paise=1_500, mrp_paise=1_600, opening_stock_milli=5_000)
    make_product("NONE", opening_stock_milli=0)
    _sell(ctx, "TEA", 10)
    clock.advance(timedelta(days=10))
    _sell(ctx, "SOAP", 1)
    today = ctx.today()

    week = books.stock_value(session.store, today - timedelta(days=6), today, today)
    assert week.items == 3  # NONE has nothing on the shelf
    assert week.cost_value_paise == 40 * 2_400 + 20 * 5_000 + 4 * 1_000
    assert week.price_value_paise == 40 * 2_800 + 20 * 6_000 + 4 * 1_500
    assert [r.sku for r in week.slow] == ["RICE", "TEA"]  # nothing sold this week, dearest stock first
    tea = week.slow[1]
    assert tea.last_sold_on == (today - timedelta(days=10)).isoformat() and week.days_since(tea) == 10
    assert week.days_since(week.slow[0]) is None  # never sold
    assert week.slow_value_paise == 20 * 5_000 + 40 * 2_400
    month = books.stock_value(session.store, today - timedelta(days=29), today, today)
    assert [r.sku for r in month.slow] == ["RICE"]
