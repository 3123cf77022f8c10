"""Export documents of one export order, read from the books: checked for every required field, and written
as an XLSX workbook (the PDF is painted by ``app.ui.printing.export_pdf``). See docs/trade.md."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from app import config
from app.domain.gst import STATES
from app.domain.trade import documents
from app.domain.trade.documents import DocIssue, ExportDocs, Exporter, ExportLine, PackageRow
from app.domain.trade.fob import Carriage
from app.domain.trade.terms import COUNTRY_NAMES
from app.errors import InputError, NotFound
from app.i18n import _
from app.services import settings as settings_service
from app.services.shop import profile as shop_profile
from app.store import catalog as catalog_store
from app.store import exports as export_store
from app.store import orders as order_store
from app.store.db import Store

__all__ = ["BUILDERS", "check", "read", "ready", "write_xlsx"]

BUILDERS = {"invoice": documents.commercial_invoice, "packing": documents.packing_list,
            "shipping": documents.shipping_data}


def read(store: Store, order_id: int) -> ExportDocs:
    """The export order as its documents see it."""
    db = store.db()
    row = export_store.export_row(db, order_id)
    order = order_store.get(db, order_id)
    if row is None or order is None:
        raise NotFound(_("Order {id} is not an export invoice.").format(id=order_id))
    profile = shop_profile(store)
    address = ", ".join(part for part in (profile.address, profile.city, profile.pincode) if part)
    exporter = Exporter(name=profile.legal_name or profile.name, address=address, gstin=profile.gstin or "",
                        iec=settings_service.get(store, config.TRADE_IEC).strip().upper(),
                        ad_code=settings_service.get(store, config.TRADE_AD_CODE).strip(),
                        state=STATES.get(profile.state_code, profile.state_code))
    current = catalog_store.get_many(db, sorted({line.sku for line in order.lines}))
    lines = tuple(ExportLine(description=line.name, hsn=_hs_code(line.hsn_code or "", current.get(line.sku)),
                             qty_milli=line.qty_milli, unit=line.unit,
                             amount_paise=line.total_paise, taxable_paise=line.taxable_paise,
                             igst_paise=line.igst_paise, rate_bp=line.gst_rate_bp) for line in order.lines)
    packages = tuple(PackageRow(net_g=p[0], gross_g=p[1], length_mm=p[2], width_mm=p[3], height_mm=p[4],
                                contents=p[5]) for p in export_store.packages(db, order_id))
    return ExportDocs(exporter=exporter, invoice_no=row["invoice_no"], day=date.fromisoformat(row["business_date"]),
                      buyer_name=row["buyer_name"], buyer_address=row["buyer_address"], country=row["country"],
                      country_name=COUNTRY_NAMES.get(row["country"], row["country"]), currency=row["currency"],
                      fx_paise=row["fx_paise"], incoterm=row["incoterm"], payment_terms=row["payment_terms"],
                      route=row["route"], mode=row["mode"], lut_arn=row["lut_arn"], port_code=row["port_code"],
                      lines=lines, packages=packages, round_off_paise=order.round_off_paise,
                      carriage=_carriage(export_store.carriage(db, order_id)))


def _carriage(row: tuple[int, int] | None) -> Carriage | None:
    return Carriage(freight_paise=row[0], insurance_paise=row[1]) if row else None


def _hs_code(on_line: str, product) -> str:
    """The invoice line's HSN, or the item's longer code that begins with it (the seller may add the 8-digit
    customs code to an item after selling it: GST returns need 4 or 6 digits, customs 8)."""
    longer = (product.hsn_code or "") if product is not None else ""
    return longer if len(longer) > len(on_line) and longer.startswith(on_line) else on_line


def check(docs: ExportDocs, which: tuple[str, ...] = documents.DOCUMENTS) -> list[DocIssue]:
    """The missing fields that stop any of ``which`` documents."""
    return [issue for issue in documents.issues(docs) if set(issue.documents) & set(which)]


def ready(docs: ExportDocs, which: tuple[str, ...] = documents.DOCUMENTS) -> list[dict]:
    """The documents, built; refuses (naming every missing field) if any of them lacks a required field."""
    missing = check(docs, which)
    if missing:
        raise InputError(_("The export documents cannot be made yet:") + "\n" + "\n".join(
            f"- {issue.message}" for issue in missing))
    return [BUILDERS[name](docs) for name in which]


def write_xlsx(docs: ExportDocs, path: Path, which: tuple[str, ...] = documents.DOCUMENTS) -> Path:
    """One sheet per document: the header fields, the line table, the totals, the endorsement."""
    built = ready(docs, which)
    book = Workbook()
    book.remove(book.active)
    for name, table in zip(which, built, strict=True):
        sheet = book.create_sheet(name)
        sheet.append([table["title"]])
        sheet["A1"].font = Font(bold=True, size=14)
        for label, value in table["header"]:
            sheet.append([label, value])
        sheet.append([])
        sheet.append(table["columns"])
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        for row in table["rows"]:
            sheet.append(row)
        for label, value in table["totals"]:
            sheet.append([label, value])
        if table.get("endorsement"):
            sheet.append([])
            sheet.append([table["endorsement"]])
        for column in sheet.columns:
            width = max(len(str(c.value or "")) for c in column)
            sheet.column_dimensions[column[0].column_letter].width = min(width + 2, 48)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path
