"""Reading an item list from a CSV or XLSX file into plain text cells, with the line number of each row.

A shop's item list comes from Excel, Vyapar, Tally or Marg. Every cell is read as text here (numbers
as Excel shows them, without a trailing ``.0``); what the text means is decided by ``item_import``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from app.errors import InputError
from app.i18n import _


@dataclass(frozen=True)
class ItemTable:
    """The header row and the data rows of a file; ``lines[i]`` is the file's line (or sheet row) of
    ``rows[i]``, so a refusal can say where to look."""

    name: str
    headers: list[str]
    rows: list[list[str]]
    lines: list[int]


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()[:10]
    return str(value).strip()


def _finish(name: str, raw: list[tuple[int, list[str]]]) -> ItemTable:
    raw = [(line, cells) for line, cells in raw if any(c.strip() for c in cells)]
    if not raw:
        raise InputError(_("The file {name} has no rows.").format(name=name))
    _header_line, headers = raw[0]
    headers = [h.strip() for h in headers]
    while headers and not headers[-1]:
        headers.pop()
    if not any(headers):
        raise InputError(_("The first row of {name} should name the columns.").format(name=name))
    width = len(headers)
    rows = [(cells + [""] * width)[:width] for _line, cells in raw[1:]]
    return ItemTable(name=name, headers=headers, rows=rows, lines=[line for line, _cells in raw[1:]])


def read_csv(data: bytes, name: str = "items.csv") -> ItemTable:
    for encoding in ("utf-8-sig", "cp1252"):  # Excel on Windows saves "CSV" in the ANSI code page
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        raise InputError(_("The file {name} is not text.").format(name=name))
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    raw = [(reader.line_num, [c.strip() for c in cells]) for cells in reader]
    return _finish(name, raw)


def read_xlsx(path: Path) -> ItemTable:
    """The first sheet of an Excel workbook (read-only, so a 100,000-row sheet streams)."""
    import openpyxl  # only loaded when a workbook is opened
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError) as exc:
        raise InputError(_("{name} could not be read as an Excel file.").format(name=path.name),
                         hint=_("Save it again from Excel as .xlsx, or as .csv.")) from exc
    try:
        sheet = book.worksheets[0]
        raw = [(index, [_cell_text(v) for v in values])
               for index, values in enumerate(sheet.iter_rows(values_only=True), start=1)]
    finally:
        book.close()
    return _finish(path.name, raw)


def read_item_file(path: Path | str) -> ItemTable:
    path = Path(path)
    if not path.is_file():
        raise InputError(_("There is no file {path}.").format(path=path))
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path)
    if suffix in (".csv", ".txt", ".tsv"):
        return read_csv(path.read_bytes(), path.name)
    raise InputError(_("{name} is not a CSV or Excel (.xlsx) file.").format(name=path.name),
                     hint=_("Save the item list from Excel as .xlsx or .csv."))
