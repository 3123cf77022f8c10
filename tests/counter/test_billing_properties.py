"""Hypothesis: for any basket the counter can ring up, the invoice adds up.

- the invoice total is the sum of its lines plus the round-off, and the round-off is at most 50 paise;
- each line's taxable value plus its tax is the line's amount; CGST equals SGST inside the state,
  IGST carries it all across states;
- the total stays within half a rupee of the exact amount (plus half a paisa per line for the line
  amounts rounded to the paisa);
- what the sale saves (order, lines, stock) is exactly what the counter showed.
"""

from __future__ import annotations

from fractions import Fraction

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from app.domain.billing import LineInput, price_bill
from app.domain.pricing import line_amount
from app.services import counter
from app.services.sales import SaleLine, quote_sale
from app.store import orders as order_store
from app.store import stock as stock_store

RATES = (0, 25, 300, 500, 1200, 1800, 2800, 4000)


@st.composite
def baskets(draw):
    n = draw(st.integers(1, 8))
    lines, gross = [], []
    for _ in range(n):
        qty = draw(st.integers(1, 20)) * 1000 if draw(st.booleans()) else draw(st.integers(1, 25_000))
        price = draw(st.integers(1, 500_000))
        amount = line_amount(price, qty)
        discount = draw(st.integers(0, amount))
        lines.append(LineInput(qty_milli=qty, unit_price_paise=price, discount_paise=discount,
                               rate_bp=draw(st.sampled_from(RATES)), cess_bp=draw(st.sampled_from((0, 0, 100)))))
        gross.append(amount - discount)
    bill_discount = draw(st.integers(0, sum(gross)))
    return lines, bill_discount


@given(basket=baskets(), interstate=st.booleans(), collects=st.booleans())
def test_any_basket_adds_up(basket, interstate, collects):
    lines, bill_discount = basket
    bill = price_bill(lines, interstate=interstate, collects_gst=collects, bill_discount_paise=bill_discount)
    assert bill.total_paise == sum(line.total_paise for line in bill.lines) + bill.round_off_paise
    assert abs(bill.round_off_paise) <= 50 and bill.total_paise % 100 == 0
    for line in bill.lines:
        split = line.split
        assert split.taxable_paise + split.tax_paise == line.total_paise
        if interstate:
            assert split.cgst_paise == split.sgst_paise == 0
        else:
            assert split.cgst_paise == split.sgst_paise and split.igst_paise == 0
        if not collects:
            assert split.tax_paise == 0
    assert bill.split.taxable_paise + bill.tax_paise + bill.round_off_paise == bill.total_paise
    assert bill.discount_paise == sum(line.discount_paise for line in lines) + bill_discount
    exact = sum(Fraction(line.unit_price_paise * line.qty_milli, 1000) - line.discount_paise for line in lines)
    exact -= bill_discount
    assert abs(bill.total_paise - exact) <= 50 + Fraction(len(lines), 2)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(picks=st.lists(st.tuples(st.sampled_from(("SOAP", "RICE", "OIL", "MILK")), st.integers(1, 4000),
                                st.integers(0, 300)), min_size=1, max_size=6),
       bill_discount=st.integers(0, 2000))
def test_what_the_counter_shows_is_what_the_sale_saves(session, ctx, make_product, picks, bill_discount):
    if not stock_store.on_hand(session.store.db(), "SOAP") and not session.store.db().execute(
            "SELECT 1 FROM product WHERE sku = 'SOAP'").fetchone():
        make_product("SOAP", price_paise=4500, mrp_paise=5000, cost_paise=100, gst_rate_bp=1800, hsn_code="3401")
        make_product("RICE", price_paise=6000, mrp_paise=None, cost_paise=100, gst_rate_bp=500, unit="kg")
        make_product("OIL", price_paise=18_500, mrp_paise=19_900, cost_paise=100, gst_rate_bp=500, unit="l")
        make_product("MILK", price_paise=3200, mrp_paise=3200, cost_paise=100, gst_rate_bp=0)
    prices = {"SOAP": 4500, "RICE": 6000, "OIL": 18_500, "MILK": 3200}
    lines = []
    for sku, qty, percent in picks:  # discounts as a share (0-30 %) of the line, so never above it
        qty = qty if sku in ("RICE", "OIL") else max(1, qty // 1000) * 1000
        lines.append(SaleLine(sku=sku, qty_milli=qty,
                              discount_paise=line_amount(prices[sku], qty) * (percent % 31) // 100))
    after_lines = sum(line_amount(prices[x.sku], x.qty_milli) - x.discount_paise for x in lines)
    bill_discount = min(bill_discount, after_lines // 3)
    quote = quote_sale(ctx, lines=lines, bill_discount_paise=bill_discount)
    assume(quote.total_paise > 0)  # a bill that rounds to nothing cannot be paid (record_sale needs a payment)
    tender = counter.tender(quote.total_paise, cash_given_paise=quote.total_paise + 1000)
    before = {sku: stock_store.on_hand(session.store.db(), sku) for sku in ("SOAP", "RICE", "OIL", "MILK")}
    order_id = counter.complete_bill(ctx, None, lines=lines, payments=tender.payments,
                                     bill_discount_paise=bill_discount).id
    order = order_store.get(session.store.db(), order_id)
    assert order is not None
    assert order.total_paise == quote.total_paise
    assert (order.taxable_paise, order.cgst_paise, order.sgst_paise) == (
        quote.bill.split.taxable_paise, quote.bill.split.cgst_paise, quote.bill.split.sgst_paise)
    assert [line.total_paise for line in order.lines] == [line.total_paise for line in quote.bill.lines]
    assert order.total_paise == sum(line.total_paise for line in order.lines) + order.round_off_paise
    for sku in before:
        sold = sum(line.qty_milli for line in lines if line.sku == sku)
        assert stock_store.on_hand(session.store.db(), sku) == before[sku] - sold
