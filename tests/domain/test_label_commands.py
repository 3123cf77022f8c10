"""Labels in a label printer's own language (TSPL, ZPL): read back field by field, every element on the label,
the bars' digits the item's, nothing in a name that the printer would take for a command."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.label_commands import LabelLine, label_commands, tspl, zpl

SALT = LabelLine("Tata Salt 1 kg", "8904000210037", 3000, 2800, copies=3)
DAL = LabelLine('Toor Dal "Premium" ^1 kg~', "890105800029", None, 14000)  # 12 digits, no MRP


def _tspl_fields(text: str) -> list[tuple[str, list[str]]]:
    out = []
    for line in text.split("\r\n"):
        if line:
            command, _sep, rest = line.partition(" ")
            out.append((command, re.findall(r'"[^"]*"|[^,]+', rest)))
    return out


@pytest.mark.parametrize("dpi", [203, 300])
def test_tspl_draws_name_bars_and_price_inside_the_label(dpi):
    text = tspl([SALT, DAL], dpi=dpi)
    fields = _tspl_fields(text)
    dots = 8 if dpi == 203 else 12
    width, height = 50 * dots, 25 * dots
    assert fields[0] == ("SIZE", ["50 mm", " 25 mm"])
    barcodes = [f for c, f in fields if c == "BARCODE"]
    assert [b[-1] for b in barcodes] == ['"890400021003"', '"890105800029"']  # the printer adds the check digit
    for b in barcodes:
        x, y, kind, bar_h, _readable, _rotate, narrow, _wide = b[:8]
        assert kind == '"EAN13"' and int(x) + 95 * int(narrow) <= width and int(y) + int(bar_h) < height
        assert int(x) >= 11 * int(narrow)  # the quiet zone on the left
    texts = [f for c, f in fields if c == "TEXT"]
    assert texts[0][-1] == '"Tata Salt 1 kg"' and texts[1][-1] == '"MRP Rs.30.00 Our price Rs.28.00"'
    assert texts[2][-1] == '"Toor Dal Premium 1 kg"' and texts[3][-1] == '"Rs.140.00"'
    assert all(0 <= int(t[0]) < width and 0 <= int(t[1]) < height - 20 for t in texts)
    assert [f for c, f in fields if c == "PRINT"] == [["1", "3"], ["1", "1"]]


def test_zpl_is_one_format_a_label_with_its_copies():
    text = zpl([SALT, DAL])
    formats = re.findall(r"\^XA(.*?)\^XZ", text, re.S)
    assert len(formats) == 2
    first = formats[0]
    assert "^PW400" in first and "^LL200" in first and "^PQ3" in first and "^PQ1" in formats[1]
    bar = re.search(r"\^FO(\d+),(\d+)\^BY(\d+)\^BEN,(\d+),Y,N\^FD(\d+)\^FS", first)
    assert bar is not None and bar.group(5) == "890400021003"
    x, module = int(bar.group(1)), int(bar.group(3))
    assert 11 * module <= x and x + 95 * module <= 400 - 7 * module
    assert re.findall(r"\^FD([^^]*)\^FS", formats[1])[::2] == ["Toor Dal Premium 1 kg", "Rs.140.00"]


@given(st.text(max_size=60))
def test_no_name_can_break_out_of_its_field(name):
    line = LabelLine(name, "8904000210037", 3000, 3000)
    for language in ("tspl", "zpl"):
        job = label_commands(language, [line]).decode("ascii")  # printers' fonts: ASCII only
        if language == "tspl":
            assert len(re.findall(r'"', job.split("\r\n")[5])) == 4  # TEXT x,y,"font",...,"name": two strings
        else:
            assert job.count("^XA") == 1 and job.count("^FD") == 3 and job.count("~") == 0
