"""EAN-13 bars as a scanner reads them, and where labels go on a sheet."""

import pytest
from ean13_scan import decode_ean13
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.ean13 import ean13_digits, ean13_modules
from app.domain.label_sheets import LAYOUTS, label_pages
from app.errors import InvalidCode


@pytest.mark.parametrize("code", ["8904000210037", "8901058000290", "5901234123457", "0012345678905",
                                  "4006381333931"])
def test_the_bars_match_the_gs1_tables_and_python_barcode(code):
    import barcode  # python-barcode (comes with python-escpos): an independent encoder

    bits = ean13_modules(code)
    assert decode_ean13(bits) == code
    assert bits == barcode.get("ean13", code[:12]).build()[0]


@settings(max_examples=200)
@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_any_twelve_digits_encode_and_decode_with_their_check_digit(first12):
    digits = ean13_digits(first12)
    assert digits[:12] == first12 and decode_ean13(ean13_modules(first12)) == digits


def test_a_wrong_check_digit_or_length_is_refused():
    with pytest.raises(InvalidCode, match="check digit"):
        ean13_modules("8904000210038")
    with pytest.raises(InvalidCode, match="EAN-13"):
        ean13_modules("12345678")


@pytest.mark.parametrize(("key", "per_page"), [("a4-65", 65), ("a4-24", 24), ("roll-50x25", 1)])
def test_every_label_is_on_the_page_and_none_overlap(key, per_page):
    layout = LAYOUTS[key]
    assert layout.per_page == per_page
    boxes = [layout.position(i) for i in range(per_page)]
    for x, y, w, h in boxes:
        assert x >= 0 and x + w <= layout.page_w + 1e-9 and y >= 0 and y + h <= layout.page_h + 1e-9
    for i, (x1, y1, w1, h1) in enumerate(boxes):
        for x2, y2, w2, h2 in boxes[i + 1:]:
            assert x1 + w1 <= x2 + 1e-9 or x2 + w2 <= x1 + 1e-9 or y1 + h1 <= y2 + 1e-9 or y2 + h2 <= y1 + 1e-9


def test_labels_fill_sheets_in_order_after_the_places_already_used():
    a4 = LAYOUTS["a4-65"]
    assert [len(p) for p in label_pages(70, a4)] == [65, 5]
    assert [len(p) for p in label_pages(65, a4)] == [65]
    pages = label_pages(10, a4, skip=60)  # a part-used sheet: five places left on it
    assert [len(p) for p in pages] == [5, 5] and pages[0][0] == 60 and pages[1][0] == 0
    assert [len(p) for p in label_pages(25, LAYOUTS["a4-24"])] == [24, 1]
    assert len(label_pages(6, LAYOUTS["roll-50x25"], skip=3)) == 6  # a roll has no used places
