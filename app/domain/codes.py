"""Checks for the codes a shop deals in: barcodes (EAN/UPC), GSTIN, phone numbers and UPI ids."""

from __future__ import annotations

import re

from stdnum import ean, luhn
from stdnum.exceptions import ValidationError
from stdnum.in_ import gstin as stdnum_gstin
from stdnum.in_ import pan as stdnum_pan

from app.domain.gst import STATES, check_state
from app.errors import InvalidCode
from app.i18n import _

__all__ = ["check_barcode", "check_gstin", "check_phone", "check_upi_id", "complete_ean13"]


def check_barcode(code: str) -> str:
    """An EAN-13 (or EAN-8, UPC-A, GTIN-14) with a correct check digit; returns the digits."""
    digits = str(code).strip().replace(" ", "").replace("-", "")
    if not digits.isdigit() or len(digits) not in (8, 12, 13, 14):
        raise InvalidCode(_("'{code}' is not a barcode number.").format(code=code),
                          hint=_("A barcode has 13 digits (sometimes 8 or 12)."))
    if not ean.is_valid(digits):
        raise InvalidCode(_("The barcode {code} has a wrong check digit.").format(code=digits),
                          hint=_("Scan it again or type it carefully; the last digit does not match."))
    return digits


def complete_ean13(first12: str) -> str:
    """Append the GS1 check digit to twelve digits."""
    if not (len(first12) == 12 and first12.isdigit()):
        raise ValueError("need twelve digits")
    return first12 + ean.calc_check_digit(first12)


_GSTIN_FORMAT = re.compile(r"^[0-9]{2}[A-Z0-9]{10}[1-9A-Z]Z[0-9A-Z]$")
_GSTIN_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _gstin_newer_state(text: str) -> str:
    """python-stdnum's list of states stops at 37: run its same checks (format, PAN, Luhn mod 36) for a
    newer state code such as 38 (Ladakh)."""
    if len(text) != 15 or not _GSTIN_FORMAT.match(text):
        raise ValidationError()
    stdnum_pan.validate(text[2:12])
    luhn.validate(text, _GSTIN_ALPHABET)
    return text


def check_gstin(code: str, *, state: str | None = None) -> str:
    """A valid GSTIN (format and check character), optionally registered in ``state``."""
    text = str(code).strip().upper().replace(" ", "")
    try:
        if text[:2] in STATES and text[:2] not in stdnum_gstin._STATE_CODES:
            valid = _gstin_newer_state(text)
        else:
            valid = stdnum_gstin.validate(text)
    except ValidationError:
        raise InvalidCode(
            _("'{code}' is not a valid GSTIN.").format(code=code),
            hint=_("A GSTIN has 15 characters, like 27AAPFU0939F1ZV; check for a typing mistake."),
        ) from None
    check_state(valid[:2])
    if state is not None and valid[:2] != state:
        raise InvalidCode(_("GSTIN {code} belongs to another state ({state}).").format(code=valid, state=valid[:2]))
    return valid


def check_phone(number: str) -> str:
    """An Indian phone number, returned as 10 digits (mobile) or 0 + STD code + number (landline)."""
    digits = re.sub(r"[\s\-()]", "", str(number))
    if digits.startswith("+91"):
        digits = digits[3:]
    elif digits.startswith("91") and len(digits) == 12:
        digits = digits[2:]
    if digits.isdigit() and len(digits) == 11 and digits.startswith("0") and digits[1] in "6789":
        digits = digits[1:]
    if digits.isdigit() and (
        (len(digits) == 10 and digits[0] in "6789") or (len(digits) == 11 and digits.startswith("0"))
    ):
        return digits
    raise InvalidCode(_("'{number}' is not a phone number.").format(number=number),
                      hint=_("Type the 10-digit mobile number, like 98765 43210."))


_UPI = re.compile(r"^[A-Za-z0-9.\-_]{2,256}@[A-Za-z][A-Za-z0-9.\-]{1,64}$")


def check_upi_id(vpa: str) -> str:
    text = str(vpa).strip()
    if not _UPI.match(text):
        raise InvalidCode(_("'{vpa}' is not a UPI id.").format(vpa=vpa),
                          hint=_("A UPI id looks like sharmastore@okhdfcbank."))
    return text
