"""Barcode labels in a label printer's own command language, for printers used without a Windows driver (sent
raw to a network port, a shared printer or a file): TSPL (TSC, TVS, Xprinter, most low-cost Indian label
printers) and ZPL II (Zebra and its clones).

One 50 x 25 mm label an item, as on the PDF roll layout: the item's name, the EAN-13 bars with their digits,
and the MRP (and our price when lower). The printer draws the bars and works out the check digit itself from
the first 12 digits. Printer fonts have Latin letters only: the English name is used, ``₹`` is written
``Rs.``, and letters outside ASCII are dropped (the PDF path keeps Hindi).

Layout at 203 dpi (8 dots a millimetre; 300 dpi printers scale with ``dpi``): the name on top, the bars with
2-dot modules (95 modules = 190 dots, 24 mm, within GS1's 80-200% of nominal) centred, the MRP at the
bottom. Written from the TSPL/TSPL2 programming manual (TSC) and the ZPL II programming guide (Zebra); no
real printer was at hand to check the print.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.domain.ean13 import ean13_digits
from app.domain.money import format_inr

__all__ = ["LANGUAGES", "LabelLine", "label_commands", "tspl", "zpl"]

LANGUAGES = ("tspl", "zpl")
WIDTH_MM, HEIGHT_MM, GAP_MM = 50, 25, 2
MODULE_DOTS = 2  # at 203 dpi
NAME_CHARS = 30  # what fits across 50 mm in the printers' 22-dot font


@dataclass(frozen=True)
class LabelLine:
    name: str
    barcode: str  # EAN-13 (or 12 digits)
    mrp_paise: int | None
    price_paise: int
    copies: int = 1


def _ascii(text: str, limit: int = NAME_CHARS) -> str:
    """Printable ASCII only, no characters the languages treat as commands (``"`` in TSPL, ``^`` ``~`` in ZPL)."""
    clean = "".join(ch for ch in text if " " <= ch <= "~" and ch not in '"^~\\')
    return " ".join(clean.split())[:limit]


def _rupees(paise: int) -> str:
    return format_inr(paise, symbol=False)


def _price_text(line: LabelLine) -> str:
    if line.mrp_paise is None:
        return f"Rs.{_rupees(line.price_paise)}"
    text = f"MRP Rs.{_rupees(line.mrp_paise)} incl. of all taxes"
    if line.price_paise < line.mrp_paise:
        text = f"MRP Rs.{_rupees(line.mrp_paise)}  Our price Rs.{_rupees(line.price_paise)}"
    return text[:40]


def _geometry(dpi: int) -> dict[str, int]:
    k = dpi / 203
    dots = round(8 * k)  # a millimetre
    module = max(1, round(MODULE_DOTS * k))
    width, height = WIDTH_MM * dots, HEIGHT_MM * dots
    bars = 95 * module
    return {"width": width, "height": height, "module": module, "margin": 2 * dots,
            "bars_x": (width - bars) // 2, "bars_y": round(38 * k), "bars_h": round(90 * k),
            "font": round(22 * k), "price_y": height - round(34 * k), "name_y": round(10 * k)}


def tspl(lines: Iterable[LabelLine], *, dpi: int = 203) -> str:
    g = _geometry(dpi)
    out = [f"SIZE {WIDTH_MM} mm, {HEIGHT_MM} mm", f"GAP {GAP_MM} mm, 0 mm", "DIRECTION 1", "REFERENCE 0,0"]
    for line in lines:
        digits = ean13_digits(line.barcode)[:12]
        out += ["CLS",
                f'TEXT {g["margin"]},{g["name_y"]},"2",0,1,1,"{_ascii(line.name)}"',
                f'BARCODE {g["bars_x"]},{g["bars_y"]},"EAN13",{g["bars_h"]},1,0,{g["module"]},{g["module"]},"{digits}"',
                f'TEXT {g["margin"]},{g["price_y"]},"2",0,1,1,"{_ascii(_price_text(line), 40)}"',
                f"PRINT 1,{line.copies}"]
    return "\r\n".join(out) + "\r\n"


def zpl(lines: Iterable[LabelLine], *, dpi: int = 203) -> str:
    g = _geometry(dpi)
    out = []
    for line in lines:
        digits = ean13_digits(line.barcode)[:12]
        font = g["font"]
        out.append("\n".join([
            "^XA", f"^PW{g['width']}", f"^LL{g['height']}", "^LH0,0",
            f"^FO{g['margin']},{g['name_y']}^A0N,{font},{font}^FD{_ascii(line.name)}^FS",
            f"^FO{g['bars_x']},{g['bars_y']}^BY{g['module']}^BEN,{g['bars_h']},Y,N^FD{digits}^FS",
            f"^FO{g['margin']},{g['price_y']}^A0N,{font},{font}^FD{_ascii(_price_text(line), 40)}^FS",
            f"^PQ{line.copies}", "^XZ"]))
    return "\n".join(out) + "\n"


def label_commands(language: str, lines: Iterable[LabelLine], *, dpi: int = 203) -> bytes:
    """The job for a printer speaking ``language`` ("tspl" or "zpl"), as the bytes to send it."""
    if language == "tspl":
        return tspl(lines, dpi=dpi).encode("ascii")
    if language == "zpl":
        return zpl(lines, dpi=dpi).encode("ascii")
    raise ValueError(f"unknown label printer language {language!r}")
