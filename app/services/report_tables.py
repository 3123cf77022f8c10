"""A report as titled tables, ready to print or save: one shape for every report of the Reports page, so one
PDF writer (``app.ui.reports.pdf``) and one workbook writer serve them all.

A cell is text, a whole number, or :class:`Rupees` (paise): the PDF shows rupees as ``₹1,234.50`` and the
workbook keeps them as numbers in rupees, so Excel can add them up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.domain.money import format_inr

__all__ = ["Cell", "Printable", "ReportTable", "Rupees", "cell_text", "write_workbook"]


@dataclass(frozen=True)
class Rupees:
    paise: int


Cell = str | int | Rupees


@dataclass
class ReportTable:
    title: str
    headings: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    total: list[Cell] | None = None  # a last line in bold, when the columns add up
    stretch: int = 0  # the column that takes the room left (a name, a party)


@dataclass
class Printable:
    title: str  # e.g. "Day book"
    period: str  # e.g. "01-12-2026 to 05-12-2026" or "on 05-12-2026"
    lines: list[str] = field(default_factory=list)  # the summary above the tables
    tables: list[ReportTable] = field(default_factory=list)
    shop: str = ""


def cell_text(cell: Cell) -> str:
    if isinstance(cell, Rupees):
        return format_inr(cell.paise)
    return str(cell)


def _value(cell: Cell) -> Any:
    return cell.paise / 100 if isinstance(cell, Rupees) else cell


def write_workbook(printable: Printable, path: Path) -> Path:
    """One sheet a table (openpyxl, write-only), the report's title and period on top of each."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    used: set[str] = set()
    for table in printable.tables:
        name = "".join(ch for ch in table.title if ch not in "[]:*?/\\")[:31] or "Sheet"
        while name in used:
            name = name[:28] + f"~{len(used)}"
        used.add(name)
        sheet = book.create_sheet(name)
        sheet.append([f"{printable.title} · {printable.period}"])
        sheet.append(list(table.headings))
        for row in table.rows:
            sheet.append([_value(c) for c in row])
        if table.total is not None:
            sheet.append([_value(c) for c in table.total])
    if not printable.tables:
        book.create_sheet("Report").append([printable.title, printable.period])
    book.save(path)
    return path
