"""Any report of the Reports page as an A4 PDF: its title, period and summary, then its tables (headings
repeated on each page by Qt's text layout), with the shipped fonts so Hindi and ₹ print as text.

Qt's own ``QTextDocument`` and ``QPdfWriter``: no PDF library to ship. Used by the page's "Save as PDF" and by
``python -m app report ... --pdf FILE``.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from app.services.report_tables import Printable, ReportTable, Rupees, cell_text
from app.ui.fonts import DEVANAGARI, LATIN, register_fonts

__all__ = ["report_html", "write_report_pdf"]

_STYLE = """
body { font-size: 9pt; }
h1 { font-size: 15pt; margin: 0; }
h2 { font-size: 12pt; margin-top: 10px; margin-bottom: 4px; }
p { margin: 2px 0; }
table { border-collapse: collapse; }
th { background: #e8eef4; font-weight: bold; padding: 3px; border: 1px solid #b8c4d0; }
td { padding: 2px 3px; border: 1px solid #d0d7de; }
td.n { text-align: right; }
tr.total td { font-weight: bold; background: #f3f6f9; }
"""


def _row(cells: list, *, total: bool = False) -> str:
    out = []
    for cell in cells:
        opening = '<td class="n">' if isinstance(cell, Rupees | int) else "<td>"
        out.append(f"{opening}{escape(cell_text(cell))}</td>")
    opening = '<tr class="total">' if total else "<tr>"
    return f"{opening}{''.join(out)}</tr>"


def _table(table: ReportTable) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in table.headings)
    rows = "".join(_row(r) for r in table.rows)
    if table.total is not None:
        rows += _row(table.total, total=True)
    return (f"<h2>{escape(table.title)}</h2><table width=\"100%\" cellspacing=\"0\">"
            f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")


def report_html(printable: Printable) -> str:
    parts = [f"<h1>{escape(printable.shop)}</h1>" if printable.shop else "",
             f"<h2>{escape(printable.title)} · {escape(printable.period)}</h2>"]
    parts += [f"<p>{escape(line)}</p>" for line in printable.lines]
    parts += [_table(t) for t in printable.tables]
    return f"<html><head><style>{_STYLE}</style></head><body>{''.join(parts)}</body></html>"


def write_report_pdf(printable: Printable, path: Path) -> Path:
    register_fonts()
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter)
    writer.setTitle(f"{printable.title} · {printable.period}")
    writer.setCreator("TAVYONIX")
    document = QTextDocument()
    font = QFont(LATIN)
    font.setFamilies([LATIN, DEVANAGARI])  # Hindi names and headings from the Devanagari face
    font.setPointSizeF(9)
    document.setDefaultFont(font)
    document.setHtml(report_html(printable))
    document.print_(writer)
    return path
