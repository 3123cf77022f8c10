"""Reading EAN-13 back for the tests: the GS1 tables written out here (not taken from app code), and a
small scanner that reads the bars off a picture the way a laser line does."""

from __future__ import annotations

from typing import Any

# GS1 General Specifications, figure 5.2.1.2.1-2, written out here rather than taken from the module
L_CODES = {"0001101": 0, "0011001": 1, "0010011": 2, "0111101": 3, "0100011": 4, "0110001": 5, "0101111": 6,
           "0111011": 7, "0110111": 8, "0001011": 9}
G_CODES = {"0100111": 0, "0110011": 1, "0011011": 2, "0100001": 3, "0011101": 4, "0111001": 5, "0000101": 6,
           "0010001": 7, "0001001": 8, "0010111": 9}
R_CODES = {"1110010": 0, "1100110": 1, "1101100": 2, "1000010": 3, "1011100": 4, "1001110": 5, "1010000": 6,
           "1000100": 7, "1001000": 8, "1110100": 9}
FIRST_DIGIT = {"LLLLLL": 0, "LLGLGG": 1, "LLGGLG": 2, "LLGGGL": 3, "LGLLGG": 4, "LGGLLG": 5, "LGGGLL": 6,
               "LGLGLG": 7, "LGLGGL": 8, "LGGLGL": 9}


def decode_ean13(bits: str) -> str:
    """Read 95 modules back to 13 digits, checking the guards and the check digit."""
    assert len(bits) == 95 and bits[:3] == "101" and bits[45:50] == "01010" and bits[92:] == "101"
    parity, digits = "", []
    for i in range(6):
        code = bits[3 + 7 * i:10 + 7 * i]
        if code in L_CODES:
            parity, digits = parity + "L", [*digits, L_CODES[code]]
        else:
            parity, digits = parity + "G", [*digits, G_CODES[code]]
    digits += [R_CODES[bits[50 + 7 * i:57 + 7 * i]] for i in range(6)]
    all13 = [FIRST_DIGIT[parity], *digits]
    total = sum(d * (3 if i % 2 else 1) for i, d in enumerate(all13[:12]))
    assert (10 - total % 10) % 10 == all13[12], "check digit"
    return "".join(map(str, all13))


def scan_ean13(image: Any) -> str:
    """Scan a horizontal line across the bars (the middle of the label's height range that holds them):
    runs of dark and light dots, each run a whole number of modules of the narrowest width."""
    for y in range(image.height() * 3 // 10, image.height() * 7 // 10):
        row = [image.pixelColor(x, y).lightness() < 128 for x in range(image.width())]
        if sum(row) < 30:
            continue
        first, last = row.index(True), len(row) - 1 - row[::-1].index(True)
        span = row[first:last + 1]
        module = (last - first + 1) / 95
        runs, bits = [], ""
        start = 0
        for i in range(1, len(span) + 1):
            if i == len(span) or span[i] != span[start]:
                runs.append((span[start], i - start))
                start = i
        for dark, width in runs:
            bits += ("1" if dark else "0") * max(1, round(width / module))
        if len(bits) == 95:
            try:
                return decode_ean13(bits)
            except (AssertionError, KeyError):
                continue
    raise AssertionError("no barcode could be read off the picture")
