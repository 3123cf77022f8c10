import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.codes import check_barcode, check_gstin, check_phone, check_upi_id, complete_ean13
from app.domain.fy import doc_number, financial_year, fy_bounds
from app.domain.qty import format_qty, to_milli
from app.errors import InputError, InvalidCode, InvalidQuantity


def test_gs1_india_example_check_digit():
    # GS1 India's worked example: 890400021003 -> check digit 7
    assert complete_ean13("890400021003") == "8904000210037"
    assert check_barcode("8904000210037") == "8904000210037"


def test_wrong_check_digit_is_refused_in_shop_words():
    with pytest.raises(InvalidCode, match="wrong check digit"):
        check_barcode("8904000210038")
    with pytest.raises(InvalidCode, match="not a barcode"):
        check_barcode("89040ABC")


@given(st.text(alphabet="0123456789", min_size=12, max_size=12), st.integers(0, 9))
def test_every_twelve_digits_complete_to_a_valid_code_and_other_digits_fail(first12, wrong):
    code = complete_ean13(first12)
    assert check_barcode(code) == code
    if str(wrong) != code[-1]:
        with pytest.raises(InvalidCode):
            check_barcode(first12 + str(wrong))


def test_gstin_of_ladakh_a_state_newer_than_the_library():
    from stdnum import luhn

    first14 = "38AAPFU0939F1Z"
    code = first14 + luhn.calc_check_digit(first14, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    assert check_gstin(code) == code
    with pytest.raises(InvalidCode):
        check_gstin(first14 + ("A" if code[-1] != "A" else "B"))


def test_gstin():
    assert check_gstin("27aapfu0939f1zv") == "27AAPFU0939F1ZV"
    with pytest.raises(InvalidCode, match="not a valid GSTIN"):
        check_gstin("27AAPFU0939F1ZX")
    with pytest.raises(InvalidCode, match="another state"):
        check_gstin("27AAPFU0939F1ZV", state="29")


@pytest.mark.parametrize(("raw", "clean"), [("98765 43210", "9876543210"), ("+91-9876543210", "9876543210"),
                                           ("09876543210", "9876543210"), ("02025551234", "02025551234")])
def test_phone_numbers(raw, clean):
    assert check_phone(raw) == clean


@pytest.mark.parametrize("raw", ["12345", "5876543210", "abc", "+1 415 555 0100"])
def test_bad_phone_numbers(raw):
    with pytest.raises(InvalidCode):
        check_phone(raw)


def test_upi_id():
    assert check_upi_id("sharma.store@okhdfcbank") == "sharma.store@okhdfcbank"
    with pytest.raises(InvalidCode):
        check_upi_id("not a vpa")


def test_financial_years_and_document_numbers():
    from datetime import date

    assert financial_year(date(2025, 4, 1)) == "2025-26"
    assert financial_year(date(2026, 3, 31)) == "2025-26"
    assert fy_bounds("2025-26") == (date(2025, 4, 1), date(2026, 3, 31))
    assert doc_number("INV", "2025-26", 42) == "INV/2526/00042"
    assert len(doc_number("ABCDE", "2025-26", 99_999)) <= 16
    with pytest.raises(InputError):
        doc_number("ABCDE", "2025-26", 100_000)
    with pytest.raises(InputError):
        doc_number("in v", "2025-26", 1)


@pytest.mark.parametrize(("text", "unit", "entered", "milli"), [
    ("2", "pcs", None, 2000), ("0.5kg", "kg", None, 500), ("250g", "kg", None, 250), ("250", "kg", "g", 250),
    ("1 dozen", "pcs", None, 12_000), ("750ml", "l", None, 750),
])
def test_quantities(text, unit, entered, milli):
    assert to_milli(text, unit, entered_unit=entered) == milli


def test_bad_quantities():
    for text, unit in [("abc", "pcs"), ("2kg", "pcs"), ("0.0001", "kg"), ("1", "bags")]:
        with pytest.raises(InvalidQuantity):
            to_milli(text, unit)
    assert format_qty(250, "kg") == "0.25 kg" and format_qty(3000, "pcs") == "3 pcs"
