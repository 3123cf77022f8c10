"""Rows of exports: the LUT of each financial year, the export terms of an invoice, its packages and proof."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlite_utils import Database

from app.domain.trade.lut import OpenExport
from app.domain.trade.terms import ExportTerms

__all__ = ["carriage", "export_mode", "export_order_id", "export_row", "export_rows", "insert_export", "insert_lut",
           "insert_packages", "latest_rate", "listed_on", "lut_for_fy", "luts", "open_exports", "packages",
           "set_carriage", "set_proof", "top_sellers", "zero_rate_order"]


def insert_lut(db: Database, *, fy: str, arn: str, filed_on: str, created_at: str, actor: str) -> int:
    return int(db.execute("INSERT INTO export_lut (fy, arn, filed_on, created_at, actor) VALUES (?, ?, ?, ?, ?)",
                          (fy, arn, filed_on, created_at, actor)).lastrowid)  # type: ignore[arg-type]


def lut_for_fy(db: Database, fy: str) -> tuple[int, str] | None:
    """(id, ARN) of the LUT furnished for ``fy``, if any."""
    row = db.execute("SELECT id, arn FROM export_lut WHERE fy = ?", (fy,)).fetchone()
    return (int(row[0]), str(row[1])) if row else None


def luts(db: Database) -> list[dict[str, Any]]:
    return [dict(zip(("id", "fy", "arn", "filed_on"), r, strict=True))
            for r in db.execute("SELECT id, fy, arn, filed_on FROM export_lut ORDER BY fy DESC")]


def zero_rate_order(db: Database, order_id: int) -> None:
    """An export under an LUT carries no tax: each line's whole amount becomes its taxable value."""
    db.execute("UPDATE order_line SET taxable_paise = total_paise, cgst_paise = 0, sgst_paise = 0, igst_paise = 0,"
               " cess_paise = 0 WHERE order_id = ?", (order_id,))
    db.execute("UPDATE orders SET taxable_paise = (SELECT sum(total_paise) FROM order_line WHERE order_id = ?),"
               " cgst_paise = 0, sgst_paise = 0, igst_paise = 0, cess_paise = 0 WHERE id = ?", (order_id, order_id))


def insert_export(db: Database, order_id: int, terms: ExportTerms, *, lut_id: int | None, created_at: str,
                  actor: str) -> None:
    db.execute(
        "INSERT INTO export_invoice (order_id, mode, lut_id, buyer_name, buyer_address, country, currency, fx_paise,"
        " incoterm, payment_terms, route, port_code, created_at, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
        " ?)",
        (order_id, terms.mode, lut_id, terms.buyer_name, terms.buyer_address, terms.country, terms.currency,
         terms.fx_paise, terms.incoterm, terms.payment_terms, terms.route, terms.port_code, created_at, actor))


def insert_packages(db: Database, order_id: int, rows: list[tuple[int, int, int, int, int, str]]) -> None:
    """Replace the order's packages: (net g, gross g, length mm, width mm, height mm, contents) each."""
    db.execute("DELETE FROM export_package WHERE order_id = ?", (order_id,))
    db.conn.executemany(
        "INSERT INTO export_package (order_id, package_no, net_g, gross_g, length_mm, width_mm, height_mm, contents)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [(order_id, n, *row) for n, row in enumerate(rows, start=1)])


def packages(db: Database, order_id: int) -> list[tuple[int, int, int, int, int, str]]:
    return [tuple(r) for r in db.execute(  # type: ignore[misc]
        "SELECT net_g, gross_g, length_mm, width_mm, height_mm, contents FROM export_package WHERE order_id = ?"
        " ORDER BY package_no", (order_id,))]


def set_carriage(db: Database, order_id: int, *, freight_paise: int, insurance_paise: int, at: str,
                 actor: str) -> None:
    """Record (or replace) the freight and insurance the seller paid for an export."""
    db.execute("INSERT INTO export_carriage (order_id, freight_paise, insurance_paise, recorded_at, actor)"
               " VALUES (?, ?, ?, ?, ?) ON CONFLICT(order_id) DO UPDATE SET freight_paise = excluded.freight_paise,"
               " insurance_paise = excluded.insurance_paise, recorded_at = excluded.recorded_at,"
               " actor = excluded.actor",
               (order_id, freight_paise, insurance_paise, at, actor))


def latest_rate(db: Database, currency: str) -> int | None:
    """The exchange rate (paise per unit) of the shop's latest export invoice or order in ``currency``, if any."""
    row = db.execute(
        "SELECT fx_paise FROM (SELECT fx_paise, created_at FROM export_invoice WHERE currency = ?"
        " UNION ALL SELECT fx_paise, created_at FROM export_order WHERE currency = ?) ORDER BY created_at DESC LIMIT 1",
        (currency, currency)).fetchone()
    return int(row[0]) if row else None


def carriage(db: Database, order_id: int) -> tuple[int, int] | None:
    """(freight, insurance) in paise recorded for an export, or None."""
    row = db.execute("SELECT freight_paise, insurance_paise FROM export_carriage WHERE order_id = ?",
                     (order_id,)).fetchone()
    return (int(row[0]), int(row[1])) if row else None


_EXPORT_COLUMNS = ("order_id", "mode", "lut_arn", "lut_fy", "buyer_name", "buyer_address", "country", "currency",
                   "fx_paise", "incoterm", "payment_terms", "route", "port_code", "proof_kind", "proof_no",
                   "proof_on", "invoice_no", "business_date", "total_paise", "igst_paise", "status")
_EXPORT_SELECT = (
    "SELECT x.order_id, x.mode, l.arn, l.fy, x.buyer_name, x.buyer_address, x.country, x.currency, x.fx_paise,"
    " x.incoterm, x.payment_terms, x.route, x.port_code, x.proof_kind, x.proof_no, x.proof_on, o.invoice_no,"
    " o.business_date, o.total_paise, o.igst_paise, o.status FROM export_invoice x JOIN orders o ON o.id = x.order_id"
    " LEFT JOIN export_lut l ON l.id = x.lut_id")


def export_row(db: Database, order_id: int) -> dict[str, Any] | None:
    row = db.execute(_EXPORT_SELECT + " WHERE x.order_id = ?", (order_id,)).fetchone()
    return dict(zip(_EXPORT_COLUMNS, row, strict=True)) if row else None


def export_rows(db: Database) -> list[dict[str, Any]]:
    return [dict(zip(_EXPORT_COLUMNS, r, strict=True))
            for r in db.execute(_EXPORT_SELECT + " ORDER BY o.business_date DESC, x.order_id DESC")]


def set_proof(db: Database, order_id: int, *, kind: str, number: str, on: str, port_code: str, at: str) -> None:
    db.execute("UPDATE export_invoice SET proof_kind = ?, proof_no = ?, proof_on = ?, proof_at = ?,"
               " port_code = CASE WHEN ? = '' THEN port_code ELSE ? END WHERE order_id = ?",
               (kind, number, on, at, port_code, port_code, order_id))


def top_sellers(db: Database, since: str, limit: int) -> list[str]:
    """The active items that brought in the most since ``since`` (a business date), best first."""
    # CROSS JOIN keeps the orders first, found by their date's index: left to choose, SQLite walked every sale line
    # of the shop's history by item (0.5-0.9 s for a year of a big shop's sales, on the Trade page's first show)
    return [r[0] for r in db.execute(
        "SELECT l.sku FROM orders o CROSS JOIN order_line l ON l.order_id = o.id JOIN product p ON p.sku = l.sku"
        " WHERE o.kind = 'sale' AND o.status != 'cancelled' AND o.business_date >= ? AND p.active = 1"
        " GROUP BY l.sku ORDER BY sum(l.total_paise) DESC, l.sku LIMIT ?", (since, limit))]


def open_exports(db: Database) -> list[OpenExport]:
    """Every export invoice under an LUT that is not cancelled, with what the IGST on it would be at its rates."""
    rows = db.execute(
        "SELECT o.id, o.invoice_no, o.business_date, x.proof_no, x.proof_on,"
        " (SELECT coalesce(sum((l.total_paise * l.gst_rate_bp + 5000) / 10000), 0) FROM order_line l"
        "  WHERE l.order_id = o.id)"
        " FROM export_invoice x JOIN orders o ON o.id = x.order_id"
        " WHERE x.mode = 'lut' AND o.status != 'cancelled' ORDER BY o.business_date, o.id").fetchall()
    return [OpenExport(order_id=r[0], invoice_no=r[1], invoice_day=date.fromisoformat(r[2]), igst_due_paise=r[5],
                       proof_no=r[3], proof_on=date.fromisoformat(r[4]) if r[4] else None) for r in rows]


def listed_on(db: Database, channels: list[str], skus: list[str]) -> list[str]:
    """Which of ``skus`` have an active listing on any of ``channels`` (in the order given). The listings are read
    by channel, not by item: the pricing agent asks about every item of a 100,000-item shop at once."""
    if not channels or not skus:
        return []
    on = ",".join("?" * len(channels))
    found = {r[0] for r in db.execute(f"SELECT DISTINCT sku FROM channel_listing WHERE status = 'active'"
                                      f" AND channel IN ({on})", tuple(channels))}
    return [sku for sku in skus if sku in found]


def export_mode(db: Database, order_id: int) -> str | None:
    """How an export invoice was made ('lut', 'igst'), None for an order that is no export (or before exports)."""
    if not db["export_invoice"].exists():
        return None
    row = db.execute("SELECT mode FROM export_invoice WHERE order_id = ?", (order_id,)).fetchone()
    return None if row is None else row[0]


def export_order_id(db: Database, ref: str) -> int | None:
    """The export invoice's order, by its invoice number or its order number."""
    row = db.execute("SELECT o.id FROM orders o JOIN export_invoice x ON x.order_id = o.id"
                     " WHERE o.invoice_no = ? OR CAST(o.id AS TEXT) = ?", (ref.strip().upper(), ref.strip())
                     ).fetchone()
    return None if row is None else row[0]
