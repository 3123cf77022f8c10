"""What the counter's command line means, without Qt: its mode, its prompt, and how typed text reads.

The counter has one text box. Its mode says what the typing means: an item (name in English, Hindi or
romanised Hindi, code or barcode, ``3*atta`` for three), the quantity, rate or discount of the chosen
line, the bill discount, the customer, or a held bill to recall. :class:`Command` keeps the mode and
turns text into numbers (paise, milli-units) or a search; the page (``app.ui.pages.counter``) shows the
prompt and acts on what it returns. No PySide6 here, so it is tested without a display.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.domain.money import parse_inr
from app.domain.qty import to_milli
from app.errors import InputError
from app.i18n import _

__all__ = ["LINE_MODES", "MODES", "Command", "Search", "Times", "split_times"]

MODES = ("item", "qty", "rate", "discount", "bill_discount", "customer", "recall")
LINE_MODES = ("qty", "rate", "discount")  # they act on the chosen line of the bill
_TIMES = re.compile(r"^\s*(?P<qty>[0-9.]+\s*[a-zA-Z]*)\s*\*\s*(?P<rest>.+)$")  # "3*atta", "250g*chini"


@dataclass(frozen=True)
class Times:
    """``3*atta``: the quantity text (``3``, ``250g``) and what names the item (``atta``)."""

    qty: str | None
    rest: str

    def qty_milli(self, unit: str) -> int | None:
        return to_milli(self.qty.replace(" ", ""), unit) if self.qty else None


def split_times(text: str) -> Times:
    found = _TIMES.match(text)
    if found:
        return Times(qty=found["qty"], rest=found["rest"].strip())
    return Times(qty=None, rest=text.strip())


@dataclass(frozen=True)
class Search:
    """What to look up while the seller types: ``products`` or ``customers`` matching ``text``."""

    kind: str
    text: str


class Command:
    """The command line's mode and the meaning of what is typed in it."""

    def __init__(self) -> None:
        self.mode = "item"

    def set_mode(self, mode: str) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown command mode {mode!r}")
        self.mode = mode

    def line_mode(self, mode: str, *, has_line: bool) -> None:
        """Switch to a mode that edits the chosen line; refused when no line is chosen."""
        if not has_line:
            raise InputError(_("Choose a line first (arrow keys)."))
        self.set_mode(mode)

    def prompt(self, name: str = "") -> str:
        """The words above the box; ``name`` is the chosen line's item."""
        mode = self.mode
        if mode == "item":
            return _("Scan, or type an item's name, code or barcode (3*atta for three):")
        if mode == "qty":
            return _("Quantity of {name} (like 2, 0.5 kg or 250 g):").format(name=name)
        if mode == "rate":
            return _("Rate of {name} in ₹ (up to the MRP):").format(name=name)
        if mode == "discount":
            return _("Discount on {name}, in ₹ or % (like 5 or 10%):").format(name=name)
        if mode == "bill_discount":
            return _("Discount on the whole bill, in ₹ or % (like 20 or 5%):")
        if mode == "customer":
            return _("Customer: type a name or phone number; Enter on an empty box for a walk-in:")
        return _("Held bills: choose one and press Enter:")

    def search(self, text: str) -> Search | None:
        """What to look up for ``text`` typed so far (None: nothing, hide the results)."""
        if self.mode == "item":
            query = split_times(text).rest if _TIMES.match(text) else text
            return Search("products", query) if query.strip() else None
        if self.mode == "customer":
            return Search("customers", text.strip())
        return None

    @staticmethod
    def quantity(text: str, unit: str) -> int:
        """``2``, ``0.5 kg``, ``250 g`` in milli-units of ``unit``."""
        return to_milli(text.replace(" ", ""), unit)

    @staticmethod
    def rate(text: str) -> int:
        return parse_inr(text)

    @staticmethod
    def discount(text: str, amount_paise: int) -> int:
        """``5`` (rupees) or ``10%`` of ``amount_paise``, in paise; empty is no discount."""
        text = text.strip()
        if text.endswith("%"):
            percent = float(text[:-1].strip() or 0)
            if not 0 <= percent <= 100:
                raise InputError(_("A discount is between 0% and 100%."))
            return round(amount_paise * percent / 100)
        return parse_inr(text) if text else 0
