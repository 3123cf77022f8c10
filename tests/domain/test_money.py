import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.money import div_round, format_inr, group_indian, parse_inr, round_half_up
from app.errors import InvalidAmount


@pytest.mark.parametrize(("paise", "text"), [
    (0, "₹0.00"), (5, "₹0.05"), (100, "₹1.00"), (99_999, "₹999.99"), (100_000, "₹1,000.00"),
    (12_345_650, "₹1,23,456.50"), (1_234_567_800, "₹1,23,45,678.00"), (-250_075, "-₹2,500.75"),
])
def test_indian_grouping(paise, text):
    assert format_inr(paise) == text


def test_grouping_without_symbol():
    assert format_inr(12_345_650, symbol=False) == "1,23,456.50"
    assert group_indian("100000000") == "10,00,00,000"


@pytest.mark.parametrize(("text", "paise"), [
    ("245", 24_500), ("245.5", 24_550), ("245.50", 24_550), ("₹1,23,456.50", 12_345_650), ("Rs. 20", 2000),
    ("rs 20/-", 2000), ("INR 1,234.00", 123_400), ("-₹5.25", -525), ("₹ 0.05", 5), ("1,000", 100_000),
    ("१२०", 12_000),  # Devanagari digits, as some shopkeepers type them
])
def test_parse_what_people_type(text, paise):
    assert parse_inr(text) == paise


@pytest.mark.parametrize("text", ["", "abc", "12.345", "1,2,3", "₹", "--5", "5..0", "1e5"])
def test_parse_refuses_nonsense_with_a_message(text):
    with pytest.raises(InvalidAmount) as info:
        parse_inr(text)
    assert "amount" in str(info.value)


@given(st.integers(min_value=-10**13, max_value=10**13))
def test_money_formatting_round_trips(paise):
    """Any amount formatted with Indian grouping reads back to exactly the same paise."""
    assert parse_inr(format_inr(paise)) == paise
    assert parse_inr(format_inr(paise, symbol=False)) == paise


@given(st.integers(min_value=-10**9, max_value=10**9), st.integers(min_value=1, max_value=10**6))
def test_div_round_is_half_away_from_zero(numerator, denominator):
    from fractions import Fraction

    exact = Fraction(numerator, denominator)
    result = div_round(numerator, denominator)
    assert abs(result - exact) <= Fraction(1, 2)
    if abs(result - exact) == Fraction(1, 2):
        assert abs(result) > abs(exact)
    assert round_half_up(exact) == result
