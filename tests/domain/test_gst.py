from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain import gst
from app.domain.billing import LineInput, price_bill, share_out
from app.errors import InvalidCode, NotFound

RATES = st.sampled_from([0, 25, 150, 300, 500, 1200, 1800, 2800, 4000])


def test_split_intra_state_example():
    split = gst.split_inclusive(10_500, 500, interstate=False)
    assert (split.taxable_paise, split.cgst_paise, split.sgst_paise, split.igst_paise) == (10_000, 250, 250, 0)


def test_split_inter_state_example():
    split = gst.split_inclusive(11_800, 1800, interstate=True)
    assert (split.taxable_paise, split.igst_paise, split.cgst_paise) == (10_000, 1_800, 0)


def test_zero_rated_item_has_no_tax():
    split = gst.split_inclusive(2_800, 0, interstate=False)
    assert split.tax_paise == 0 and split.taxable_paise == 2_800


@given(st.integers(min_value=-10**9, max_value=10**9), RATES, st.booleans(), st.sampled_from([0, 0, 1200]))
def test_gst_parts_add_up_to_the_tax(amount, rate, interstate, cess):
    """The taxable value plus every tax part is the amount; CGST equals SGST; each part is within a
    paisa of the exact share."""
    split = gst.split_inclusive(amount, rate, interstate=interstate, cess_bp=cess)
    assert split.taxable_paise + split.cgst_paise + split.sgst_paise + split.igst_paise + split.cess_paise == amount
    assert split.tax_paise == split.cgst_paise + split.sgst_paise + split.igst_paise + split.cess_paise
    exact_taxable = Fraction(amount * 10_000, 10_000 + rate + cess)
    if interstate:
        assert split.cgst_paise == split.sgst_paise == 0
        assert abs(split.igst_paise - exact_taxable * rate / 10_000) <= Fraction(1, 2)
    else:
        assert split.igst_paise == 0 and split.cgst_paise == split.sgst_paise
        assert abs(split.cgst_paise - exact_taxable * rate / 20_000) <= Fraction(1, 2)
    assert abs(split.taxable_paise - exact_taxable) <= 2


@given(st.lists(st.tuples(st.integers(1, 50_000), st.integers(1, 20_000), RATES), min_size=1, max_size=15),
       st.booleans(), st.booleans())
def test_bill_total_is_the_sum_of_its_lines(lines, interstate, round_to_rupee):
    inputs = [LineInput(qty_milli=q, unit_price_paise=p, rate_bp=r) for q, p, r in lines]
    bill = price_bill(inputs, interstate=interstate, collects_gst=True, round_to_rupee=round_to_rupee)
    assert bill.total_paise == sum(line.total_paise for line in bill.lines) + bill.round_off_paise
    assert bill.split.taxable_paise + bill.tax_paise + bill.round_off_paise == bill.total_paise
    assert -50 <= bill.round_off_paise <= 50
    if round_to_rupee:
        assert bill.total_paise % 100 == 0


@given(st.integers(0, 10**7), st.lists(st.integers(0, 10**6), min_size=1, max_size=20))
def test_bill_discount_is_shared_out_exactly(amount, weights):
    if sum(weights) == 0:
        assert share_out(amount, weights) == [0] * len(weights)
        return
    parts = share_out(amount, weights)
    assert sum(parts) == amount
    assert all(p >= 0 for p in parts)
    total = sum(weights)
    assert all(abs(p - Fraction(amount * w, total)) < 1 for p, w in zip(parts, weights, strict=True))


def test_round_off_bounds():
    assert gst.round_off(12_349) == -49
    assert gst.round_off(12_350) == 50
    assert gst.round_off(12_300) == 0


RATE_TABLE = [
    gst.GstRate("1905", 1800, 0, date(2017, 7, 1)),
    gst.GstRate("1905", 500, 0, date(2025, 9, 22)),
    gst.GstRate("19059010", 0, 0, date(2017, 7, 1)),
    gst.GstRate("19", 1200, 0, date(2017, 7, 1)),
]


@pytest.mark.parametrize(("hsn", "day", "rate"), [
    ("19053100", date(2025, 9, 21), 1800),  # biscuits, the day before GST 2.0
    ("19053100", date(2025, 9, 22), 500),   # and from the day it took effect
    ("19059010", date(2025, 1, 1), 0),      # plain bread: the longer prefix wins
    ("1901", date(2025, 1, 1), 1200),
])
def test_rate_by_longest_prefix_and_date(hsn, day, rate):
    assert gst.find_rate(RATE_TABLE, hsn, day).rate_bp == rate


def test_unknown_hsn_is_a_clear_error():
    with pytest.raises(NotFound, match="No GST rate"):
        gst.find_rate(RATE_TABLE, "3401", date(2026, 1, 1))


def test_states_and_codes():
    assert gst.state_tax_name("04") == "UTGST" and gst.state_tax_name("27") == "SGST"
    assert gst.is_interstate("27", "29") and not gst.is_interstate("27", "27")
    assert gst.format_rate(500) == "5%" and gst.format_rate(25) == "0.25%"
    assert gst.format_rate(Fraction(25, 2)) == "0.125%"
    with pytest.raises(InvalidCode):
        gst.check_state("99")
    with pytest.raises(InvalidCode):
        gst.check_hsn("123")
