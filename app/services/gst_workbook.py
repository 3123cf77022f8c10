"""GSTR-1 (and the period's GSTR-3B figures and checks) as an XLSX workbook an accountant can read.

One sheet per GSTR-1 table, with the column names of the GST offline tool's Excel template, then a
GSTR-3B sheet and a Checks sheet. Written with openpyxl (no formulas: every figure is a value the
app computed, so the sheet and the JSON agree).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from app.domain.gst import OTHER_COUNTRY, PLACES_OF_SUPPLY
from app.i18n import _
from app.services.gst_returns import Prepared

__all__ = ["TAX", "write_workbook"]


def _pos(code: str) -> str:
    return f"{code}-{PLACES_OF_SUPPLY.get(code, '')}"


def _sheet(book: Workbook, title: str, headers: list[str], rows: list[list]) -> None:
    sheet = book.create_sheet(title)
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for column, header in zip(sheet.columns, headers, strict=False):
        width = max([len(str(header))] + [len(str(c.value or "")) for c in column])
        sheet.column_dimensions[column[0].column_letter].width = min(width + 2, 40)


def _item_rows(prefix: list, items: list[dict]) -> list[list]:
    return [[*prefix, i["itm_det"]["rt"], i["itm_det"]["txval"], i["itm_det"].get("iamt", 0),
             i["itm_det"].get("camt", 0), i["itm_det"].get("samt", 0), i["itm_det"].get("csamt", 0)]
            for i in items]


TAX = ["Rate", "Taxable Value", "Integrated Tax", "Central Tax", "State/UT Tax", "Cess Amount"]


def write_workbook(prepared: Prepared, path: Path) -> Path:
    doc = prepared.gstr1()
    book = Workbook()
    book.remove(book.active)
    _sheet(book, "b2b", ["GSTIN/UIN of Recipient", "Invoice Number", "Invoice date", "Invoice Value",
                         "Place Of Supply", "Reverse Charge", "Invoice Type", *TAX],
           [row for buyer in doc.get("b2b", []) for inv in buyer["inv"] for row in _item_rows(
               [buyer["ctin"], inv["inum"], inv["idt"], inv["val"], _pos(inv["pos"]), inv["rchrg"], "Regular B2B"],
               inv["itms"])])
    _sheet(book, "b2cl", ["Invoice Number", "Invoice date", "Invoice Value", "Place Of Supply", *TAX],
           [row for group in doc.get("b2cl", []) for inv in group["inv"] for row in _item_rows(
               [inv["inum"], inv["idt"], inv["val"], _pos(group["pos"])], inv["itms"])])
    _sheet(book, "b2cs", ["Type", "Place Of Supply", *TAX],
           [[r["typ"], _pos(r["pos"]), r["rt"], r["txval"], r.get("iamt", 0), r.get("camt", 0), r.get("samt", 0),
             r.get("csamt", 0)] for r in doc.get("b2cs", [])])
    _sheet(book, "exp", ["Export Type", "Invoice Number", "Invoice date", "Invoice Value", "Port Code",
                         "Shipping Bill Number", "Shipping Bill Date", "Rate", "Taxable Value", "Integrated Tax",
                         "Cess Amount"],
           [[group["exp_typ"], inv["inum"], inv["idt"], inv["val"], inv.get("sbpcode", ""), inv.get("sbnum", ""),
             inv.get("sbdt", ""), i["rt"], i["txval"], i["iamt"], i.get("csamt", 0)]
            for group in doc.get("exp", []) for inv in group["inv"] for i in inv["itms"]])
    _sheet(book, "cdnr", ["GSTIN/UIN of Recipient", "Note Number", "Note Date", "Note Type", "Place Of Supply",
                          "Note Value", *TAX],
           [row for buyer in doc.get("cdnr", []) for nt in buyer["nt"] for row in _item_rows(
               [buyer["ctin"], nt["nt_num"], nt["nt_dt"], nt["ntty"], _pos(nt["pos"]), nt["val"]], nt["itms"])])
    _sheet(book, "cdnur", ["UR Type", "Note Number", "Note Date", "Note Type", "Place Of Supply", "Note Value",
                           *TAX],
           [row for nt in doc.get("cdnur", []) for row in _item_rows(
               [nt["typ"], nt["nt_num"], nt["nt_dt"], nt["ntty"], _pos(nt.get("pos", OTHER_COUNTRY)), nt["val"]],
               nt["itms"])])
    _sheet(book, "exemp", ["Description", "Nil Rated Supplies", "Exempted (other than nil rated/non GST supply)",
                           "Non-GST supplies"],
           [[r["sply_ty"], r["nil_amt"], r["expt_amt"], r["ngsup_amt"]] for r in doc.get("nil", {}).get("inv", [])])
    for table in ("hsn_b2b", "hsn_b2c"):
        _sheet(book, table, ["HSN", "Description", "UQC", "Total Quantity", "Rate", "Taxable Value",
                             "Integrated Tax Amount", "Central Tax Amount", "State/UT Tax Amount", "Cess Amount"],
               [[r["hsn_sc"], r["desc"], r["uqc"], r["qty"], r["rt"], r["txval"], r["iamt"], r["camt"], r["samt"],
                 r["csamt"]] for r in doc.get("hsn", {}).get(table, [])])
    _sheet(book, "docs", ["Nature of Document", "Sr. No. From", "Sr. No. To", "Total Number", "Cancelled"],
           [[d["doc_typ"], r["from"], r["to"], r["totnum"], r["cancel"]]
            for d in doc.get("doc_issue", {}).get("doc_det", []) for r in d["docs"]])
    summary = prepared.gstr3b()
    heads = [("IGST", "igst"), ("CGST", "cgst"), ("SGST", "sgst"), ("Cess", "cess")]
    _sheet(book, "GSTR-3B", [_("Figure"), *[h for h, _k in heads]], [
        [_("3.1(a) Output tax")] + [getattr(summary.outward, f"{k}_paise") / 100 for _h, k in heads],
        [_("3.1(b) Zero-rated (exports)")] + [getattr(summary.zero_rated, f"{k}_paise") / 100 for _h, k in heads],
        [_("4(A)(5) Input tax credit")] + [getattr(summary.itc, k) / 100 for _h, k in heads],
        [_("Credit used")] + [getattr(summary.credit_used, k) / 100 for _h, k in heads],
        [_("To pay in cash (rupees)")] + [getattr(summary.cash_rupees, k) // 100 for _h, k in heads],
        [_("Credit carried forward")] + [getattr(summary.credit_left, k) / 100 for _h, k in heads],
    ])
    _sheet(book, "Checks", [_("Problem"), _("Bills or items")],
           [[issue.message, ", ".join(issue.documents)] for issue in prepared.issues])
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path
