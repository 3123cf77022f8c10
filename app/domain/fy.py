"""Indian financial years (April to March) and document numbers (CGST Rule 46(b)).

An invoice number is at most 16 characters of letters, digits, '-' and '/', and unique within a
financial year: ``INV/2526/00042`` is invoice 42 of FY 2025-26.
"""

from __future__ import annotations

import re
from datetime import date

from app.errors import InputError
from app.i18n import _

__all__ = ["MAX_DOC_NO", "check_fy", "check_prefix", "doc_number", "financial_year", "fy_bounds"]

MAX_DOC_NO = 16
_PREFIX = re.compile(r"^[A-Z][A-Z0-9-]{0,4}$")


def financial_year(day: date) -> str:
    """date(2025, 4, 1) -> '2025-26'; date(2026, 3, 31) -> '2025-26'."""
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def fy_bounds(fy: str) -> tuple[date, date]:
    start = int(fy[:4])
    return date(start, 4, 1), date(start + 1, 3, 31)


def check_fy(fy: str) -> str:
    if not re.fullmatch(r"\d{4}-\d{2}", fy) or int(fy[5:]) != (int(fy[:4]) + 1) % 100:
        raise InputError(_("'{fy}' is not a financial year; write it like 2025-26.").format(fy=fy))
    return fy


def check_prefix(prefix: str) -> str:
    prefix = prefix.strip().upper()
    if not _PREFIX.match(prefix):
        raise InputError(_("'{prefix}' cannot start a bill number.").format(prefix=prefix),
                         hint=_("Use 1 to 5 capital letters or digits, starting with a letter, like INV."))
    return prefix


def doc_number(prefix: str, fy: str, serial: int) -> str:
    """Build a document number; refuses numbers the law does not allow (too long)."""
    head = f"{check_prefix(prefix)}/{fy[2:4]}{fy[5:7]}/"
    room = MAX_DOC_NO - len(head)
    text = f"{head}{serial:0{min(5, room)}d}"
    if len(text) > MAX_DOC_NO:
        raise InputError(_("Bill numbers for {fy} have run out; choose a shorter prefix.").format(fy=fy))
    return text
