"""EAN-13 as bars: the 95 modules a scanner reads, and the digits printed under them.

GS1 General Specifications §5.2.1: a start guard 101, six digits in sets A/B chosen by the first digit,
a centre guard 01010, six digits in set C, an end guard 101. Twelve digits get their check digit added;
thirteen must carry the right one.
"""

from __future__ import annotations

from app.domain.codes import check_barcode, complete_ean13
from app.errors import InvalidCode
from app.i18n import _

__all__ = ["PARITY", "SET_A", "SET_B", "SET_C", "ean13_digits", "ean13_modules"]

SET_A = ("0001101", "0011001", "0010011", "0111101", "0100011", "0110001", "0101111", "0111011", "0110111",
         "0001011")
SET_C = tuple("".join("1" if bit == "0" else "0" for bit in code) for code in SET_A)  # set A inverted
SET_B = tuple(code[::-1] for code in SET_C)  # set C mirrored
PARITY = ("AAAAAA", "AABABB", "AABBAB", "AABBBA", "ABAABB", "ABBAAB", "ABBBAA", "ABABAB", "ABABBA", "ABBABA")
START, CENTRE, END = "101", "01010", "101"


def ean13_digits(code: str) -> str:
    """The thirteen digits of ``code``: twelve get their check digit, thirteen are checked."""
    digits = str(code).strip().replace(" ", "").replace("-", "")
    if len(digits) == 12 and digits.isdigit():
        return complete_ean13(digits)
    if len(digits) != 13:
        raise InvalidCode(_("'{code}' cannot be printed as an EAN-13 barcode.").format(code=code),
                          hint=_("Labels need a 13-digit barcode (or 12 digits, the last is worked out)."))
    return check_barcode(digits)


def ean13_modules(code: str) -> str:
    """The 95 modules, ``1`` a dark bar and ``0`` a space, left to right."""
    digits = ean13_digits(code)
    parity = PARITY[int(digits[0])]
    left = "".join((SET_A if side == "A" else SET_B)[int(d)] for side, d in zip(parity, digits[1:7], strict=True))
    right = "".join(SET_C[int(d)] for d in digits[7:])
    return START + left + CENTRE + right + END
