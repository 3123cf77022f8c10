"""Reading an item list from a CSV or XLSX file into plain text cells, with the line number of each row.

A shop's item list comes from Excel, Vyapar, Tally or Marg. Every cell is read as text here (numbers
as Excel shows them, without a trailing ``.0``); what the text means is decided by ``item_import``.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from xml.etree import ElementTree

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


def _heading_row(raw: list[tuple[int, list[str]]]) -> int:
    """Tally and Marg put the shop's name, the report's title and its dates above the headings: the
    headings are the first row (of the first 20) filled at least half as wide as the widest of them."""
    filled = [sum(1 for c in cells if c.strip()) for _line, cells in raw[:20]]
    widest = max(filled)
    return next(i for i, n in enumerate(filled) if n >= max(2, widest // 2)) if widest >= 2 else 0


def _finish(name: str, raw: list[tuple[int, list[str]]]) -> ItemTable:
    raw = [(line, cells) for line, cells in raw if any(c.strip() for c in cells)]
    if not raw:
        raise InputError(_("The file {name} has no rows.").format(name=name))
    raw = raw[_heading_row(raw):]
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


_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _column(ref: str) -> int:
    n = 0
    for ch in ref:
        if not ch.isalpha():
            break
        n = n * 26 + ord(ch.upper()) - 64
    return n - 1


def _number_text(text: str) -> str:
    try:
        value = float(text)
    except ValueError:
        return text
    return _cell_text(value)


def _first_sheet(book: zipfile.ZipFile) -> str:
    workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
    sheet = workbook.find(f"{_NS}sheets/{_NS}sheet")
    if sheet is None:
        raise KeyError("no sheet")
    rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    target = next(r.get("Target", "") for r in rels if r.get("Id") == sheet.get(_REL))
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def _shared_strings(book: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in book.namelist():
        return []
    strings: list[str] = []
    with book.open("xl/sharedStrings.xml") as f:
        for _event, element in ElementTree.iterparse(f):
            if element.tag == f"{_NS}si":  # plain text, or rich-text runs; phonetic hints (rPh) left out
                runs = [element.find(f"{_NS}t")] if element.find(f"{_NS}t") is not None else \
                    [r.find(f"{_NS}t") for r in element.findall(f"{_NS}r")]
                strings.append("".join(t.text or "" for t in runs if t is not None))
                element.clear()
    return strings


def _read_sheet_xml(path: Path) -> list[tuple[int, list[str]]]:
    """The first sheet's cells as Excel shows them, streamed from the XML (several times quicker than
    openpyxl on a 100,000-row list). Dates come as Excel's day numbers; item lists have none we use."""
    with zipfile.ZipFile(path) as book:
        shared = _shared_strings(book)
        raw: list[tuple[int, list[str]]] = []
        with book.open(_first_sheet(book)) as f:
            for _event, element in ElementTree.iterparse(f):
                if element.tag != f"{_NS}row":
                    continue
                cells: list[str] = []
                for c in element.iter(f"{_NS}c"):
                    index = _column(c.get("r", "")) if c.get("r") else len(cells)
                    kind, v = c.get("t"), c.find(f"{_NS}v")
                    text = v.text or "" if v is not None else ""
                    if kind == "s":
                        text = shared[int(text)] if text else ""
                    elif kind == "inlineStr":
                        text = "".join(t.text or "" for t in c.iter(f"{_NS}t"))
                    elif kind == "b":
                        text = "yes" if text == "1" else "no"
                    elif kind not in ("str", "e") and text:
                        text = _number_text(text)
                    cells.extend([""] * (index - len(cells)))
                    cells.append(text.strip())
                raw.append((int(element.get("r") or len(raw) + 1), cells))
                element.clear()
    return raw


def _read_openpyxl(path: Path) -> list[tuple[int, list[str]]]:
    import openpyxl  # only loaded when a workbook is opened

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return [(index, [_cell_text(v) for v in values])
                for index, values in enumerate(book.worksheets[0].iter_rows(values_only=True), start=1)]
    finally:
        book.close()


def read_xlsx(path: Path) -> ItemTable:
    """The first sheet of an Excel workbook; a workbook the quick reader does not follow goes to openpyxl."""
    try:
        return _finish(path.name, _read_sheet_xml(path))
    except (KeyError, StopIteration, IndexError, ValueError, ElementTree.ParseError, zipfile.BadZipFile):
        pass
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        return _finish(path.name, _read_openpyxl(path))
    except (InvalidFileException, OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise InputError(_("{name} could not be read as an Excel file.").format(name=path.name),
                         hint=_("Save it again from Excel as .xlsx, or as .csv.")) from exc


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
