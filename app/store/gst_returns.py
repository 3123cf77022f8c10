"""Reads of the books for GST returns (orders, credit notes, day invoices, purchase bills) and the
rows of purchase bills and sent reminders."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlite_utils import Database

from app.domain.gst import TaxSplit
from app.domain.gst_returns import DocLine, IssuedDoc, OutwardDoc, PurchaseBill, sum_splits

__all__ = ["books_mark", "day_invoices", "debit_note", "debit_note_docs", "debit_note_rows", "insert_debit_note",
           "insert_purchase_bill", "mark_reminder_sent", "outward_docs", "purchase_bill_exists", "purchase_bills",
           "sent_reminders"]

# Orders that are bills: counted once completed or handed to a marketplace; drafts and held bills are not
_NOT_BILLS = ("draft", "held")


def outward_docs(db: Database, start: date, end: date) -> list[OutwardDoc]:
    """Sales, credit notes and debit notes dated from ``start`` to ``end`` (business dates), with their lines."""
    notes = debit_note_docs(db, start, end)
    docs = _order_docs(db, start, end)
    return sorted(docs + notes, key=lambda d: d.day) if notes else docs


def _order_docs(db: Database, start: date, end: date) -> list[OutwardDoc]:
    orders = db.execute(
        "SELECT o.id, o.kind, o.doc_type, coalesce(o.invoice_no, ''), o.business_date, o.status, o.customer_name,"
        " o.customer_gstin, o.place_of_supply, o.interstate, o.total_paise, o.original_order_id,"
        " coalesce(orig.invoice_no, ''), orig.business_date, coalesce(orig.total_paise, 0),"
        " coalesce(x.mode, ''), x.port_code, x.proof_no, x.proof_on"
        " FROM orders o LEFT JOIN orders orig ON orig.id = o.original_order_id"
        " LEFT JOIN export_invoice x ON x.order_id = coalesce(o.original_order_id, o.id)"
        " WHERE o.business_date BETWEEN ? AND ? AND o.status NOT IN (?, ?) ORDER BY o.business_date, o.id",
        (start.isoformat(), end.isoformat(), *_NOT_BILLS)).fetchall()
    if not orders:
        return []
    lines: dict[int, list[DocLine]] = defaultdict(list)
    for row in db.execute(
            "SELECT l.order_id, l.hsn_code, l.name, l.unit, l.qty_milli, l.gst_rate_bp, l.cess_bp, l.taxable_paise,"
            " l.cgst_paise, l.sgst_paise, l.igst_paise, l.cess_paise, p.gst_rate_bp FROM order_line l"
            " JOIN orders o ON o.id = l.order_id LEFT JOIN product p ON p.sku = l.sku"
            " WHERE o.business_date BETWEEN ? AND ? ORDER BY l.order_id, l.line_no",
            (start.isoformat(), end.isoformat())):
        lines[row[0]].append(DocLine(hsn=row[1], name=row[2], unit=row[3], qty_milli=row[4], rate_bp=row[5],
                                     cess_bp=row[6], split=TaxSplit(*row[7:12]), own_rate_bp=row[12]))
    return [OutwardDoc(order_id=r[0], kind=r[1], doc_type=r[2], number=r[3], day=date.fromisoformat(r[4]),
                       status=r[5], customer_name=r[6], customer_gstin=r[7] or None, place_of_supply=r[8],
                       interstate=bool(r[9]), total_paise=r[10], lines=tuple(lines.get(r[0], ())),
                       original_id=r[11], original_number=r[12],
                       original_day=date.fromisoformat(r[13]) if r[13] else None, original_total_paise=r[14],
                       export_mode=r[15], shipping_bill=_shipping_bill(r[16], r[17], r[18]))
            for r in orders]


def debit_note_docs(db: Database, start: date, end: date) -> list[OutwardDoc]:
    """Debit notes dated from ``start`` to ``end``, as documents: the buyer, place of supply and export terms are
    their original invoice's (absent in a shop file without the table)."""
    if not db["debit_note"].exists():
        return []
    lines: dict[int, list[DocLine]] = defaultdict(list)
    for row in db.execute(
            "SELECT l.note_id, l.hsn_code, l.name, l.unit, l.gst_rate_bp, l.cess_bp, l.taxable_paise, l.cgst_paise,"
            " l.sgst_paise, l.igst_paise, l.cess_paise FROM debit_note_line l JOIN debit_note n ON n.id = l.note_id"
            " WHERE n.business_date BETWEEN ? AND ? ORDER BY l.note_id, l.line_no",
            (start.isoformat(), end.isoformat())):
        # a price rise moves no goods: the HSN summary counts its value, not a quantity
        lines[row[0]].append(DocLine(hsn=row[1], name=row[2], unit=row[3], qty_milli=0, rate_bp=row[4],
                                     cess_bp=row[5], split=TaxSplit(*row[6:11])))
    return [OutwardDoc(order_id=-r[0], kind="debit", doc_type="debit_note", number=r[1],
                       day=date.fromisoformat(r[2]), status="completed", customer_name=r[3],
                       customer_gstin=r[4] or None, place_of_supply=r[5], interstate=bool(r[6]), total_paise=r[7],
                       lines=tuple(lines.get(r[0], ())), original_id=r[8], original_number=r[9] or "",
                       original_day=date.fromisoformat(r[10]) if r[10] else None, original_total_paise=r[11] or 0,
                       export_mode=r[12], shipping_bill=_shipping_bill(r[13], r[14], r[15]))
            for r in db.execute(
                "SELECT n.id, n.note_no, n.business_date, o.customer_name, o.customer_gstin, o.place_of_supply,"
                " o.interstate, n.total_paise, n.original_order_id, o.invoice_no, o.business_date, o.total_paise,"
                " coalesce(x.mode, ''), x.port_code, x.proof_no, x.proof_on"
                " FROM debit_note n JOIN orders o ON o.id = n.original_order_id"
                " LEFT JOIN export_invoice x ON x.order_id = o.id"
                " WHERE n.business_date BETWEEN ? AND ? ORDER BY n.business_date, n.id",
                (start.isoformat(), end.isoformat()))]


def debit_note(db: Database, note_id: int) -> dict | None:
    """One debit note with its lines, for printing (``None`` when there is no such note)."""
    if not db["debit_note"].exists():
        return None
    row = db.execute("SELECT id, note_no, business_date, original_order_id, reason, total_paise FROM debit_note"
                     " WHERE id = ?", (note_id,)).fetchone()
    if row is None:
        return None
    keys = ("line_no", "sku", "hsn_code", "name", "unit", "gst_rate_bp", "cess_bp", "taxable_paise", "cgst_paise",
            "sgst_paise", "igst_paise", "cess_paise")
    lines = [dict(zip(keys, r, strict=True)) for r in db.execute(
        f"SELECT {', '.join(keys)} FROM debit_note_line WHERE note_id = ? ORDER BY line_no", (note_id,))]
    return {**dict(zip(("id", "note_no", "business_date", "original_order_id", "reason", "total_paise"), row,
                       strict=True)), "lines": lines}


def insert_debit_note(db: Database, *, note_no: str, fy: str, business_date: str, original_order_id: int,
                      reason: str, lines: list[tuple[int, str, str, str, str, int, int, TaxSplit]], created_at: str,
                      actor: str) -> int:
    """A debit note and its lines: (invoice line no, sku, hsn, name, unit, rate bp, cess bp, split)."""
    total = sum(split.total_paise for *_head, split in lines)
    note_id = db.execute(
        "INSERT INTO debit_note (note_no, fy, business_date, original_order_id, reason, total_paise, created_at,"
        " actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (note_no, fy, business_date, original_order_id, reason, total, created_at, actor)).lastrowid
    for line_no, sku, hsn, name, unit, rate, cess, s in lines:
        db.execute("INSERT INTO debit_note_line (note_id, line_no, sku, hsn_code, name, unit, gst_rate_bp, cess_bp,"
                   " taxable_paise, cgst_paise, sgst_paise, igst_paise, cess_paise)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (note_id, line_no, sku, hsn, name, unit, rate, cess, s.taxable_paise, s.cgst_paise, s.sgst_paise,
                    s.igst_paise, s.cess_paise))
    return int(note_id)  # type: ignore[arg-type]  # an INSERT always sets lastrowid


def _shipping_bill(port: str | None, number: str | None, day: str | None) -> tuple[str, str, date] | None:
    """GSTR-1's shipping bill: a 6-character port code, a number of up to 7 digits and a date (a courier's
    own reference that is not such a number is left out; the portal takes the invoice without it)."""
    if port and len(port) == 6 and number and number.isdigit() and len(number) <= 7 and day:
        return port, number, date.fromisoformat(day)
    return None


def day_invoices(db: Database, start: date, end: date) -> list[IssuedDoc]:
    """The day-end consolidated tax invoices (absent in a shop file without the counter tables)."""
    if not db["counter_day_invoice"].exists():
        return []
    return [IssuedDoc(number=r[0], day=date.fromisoformat(r[1])) for r in db.execute(
        "SELECT invoice_no, business_date FROM counter_day_invoice WHERE business_date BETWEEN ? AND ?"
        " ORDER BY business_date, id", (start.isoformat(), end.isoformat()))]


def purchase_bills(db: Database, start: date, end: date) -> list[PurchaseBill]:
    parts: dict[int, list[tuple[int, TaxSplit]]] = defaultdict(list)
    for row in db.execute(
            "SELECT l.bill_id, l.rate_bp, l.taxable_paise, l.cgst_paise, l.sgst_paise, l.igst_paise, l.cess_paise"
            " FROM purchase_bill_line l JOIN purchase_bill b ON b.id = l.bill_id"
            " WHERE b.bill_date BETWEEN ? AND ? ORDER BY l.bill_id, l.rate_bp", (start.isoformat(), end.isoformat())):
        parts[row[0]].append((row[1], TaxSplit(*row[2:7])))
    return [PurchaseBill(bill_id=r[0], supplier_name=r[1], supplier_gstin=r[2] or None, number=r[3],
                         day=date.fromisoformat(r[4]), split=sum_splits(s for _rate, s in parts[r[0]]),
                         rate_splits=tuple(parts[r[0]]))
            for r in db.execute(
                "SELECT id, supplier_name, supplier_gstin, bill_no, bill_date FROM purchase_bill"
                " WHERE bill_date BETWEEN ? AND ? ORDER BY bill_date, id", (start.isoformat(), end.isoformat()))]


def insert_purchase_bill(db: Database, *, supplier_id: int | None, supplier_name: str, supplier_gstin: str | None,
                         bill_no: str, bill_date: str, interstate: bool, total_paise: int,
                         lines: list[tuple[int, TaxSplit]], created_at: str, actor: str) -> int:
    bill_id = db.execute(
        "INSERT INTO purchase_bill (supplier_id, supplier_name, supplier_gstin, bill_no, bill_date, interstate,"
        " total_paise, created_at, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (supplier_id, supplier_name, supplier_gstin, bill_no, bill_date, int(interstate), total_paise,
         created_at, actor)).lastrowid
    for rate, s in lines:
        db.execute("INSERT INTO purchase_bill_line (bill_id, rate_bp, taxable_paise, cgst_paise, sgst_paise,"
                   " igst_paise, cess_paise) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   (bill_id, rate, s.taxable_paise, s.cgst_paise, s.sgst_paise, s.igst_paise, s.cess_paise))
    return int(bill_id)  # type: ignore[arg-type]  # an INSERT always sets lastrowid


def purchase_bill_exists(db: Database, supplier_name: str, bill_no: str, bill_date: str) -> bool:
    return db.execute("SELECT 1 FROM purchase_bill WHERE supplier_name = ? AND bill_no = ? AND bill_date = ?",
                      (supplier_name, bill_no, bill_date)).fetchone() is not None


def sent_reminders(db: Database) -> frozenset[str]:
    return frozenset(r[0] for r in db.execute("SELECT key FROM gst_reminder"))


def mark_reminder_sent(db: Database, key: str, due_on: str, sent_at: str) -> bool:
    """Record a reminder as sent; False if it already was (so it is never sent twice)."""
    return db.execute("INSERT OR IGNORE INTO gst_reminder (key, due_on, sent_at) VALUES (?, ?, ?)",
                      (key, due_on, sent_at)).rowcount == 1


def debit_note_rows(db: Database) -> list[tuple]:
    """(id, number, date, invoice number, buyer, reason, total) of every debit note, newest first."""
    if not db["debit_note"].exists():
        return []
    return db.execute(
        "SELECT n.id, n.note_no, n.business_date, o.invoice_no, o.customer_name, n.reason, n.total_paise"
        " FROM debit_note n JOIN orders o ON o.id = n.original_order_id ORDER BY n.id DESC").fetchall()


def books_mark(db: Database) -> tuple:
    """(newest event, newest order, purchase bills): changes whenever anything the tax summaries read changes."""
    return tuple(db.execute(
        "SELECT (SELECT max(id) FROM event), (SELECT max(id) FROM orders), (SELECT count(*) FROM purchase_bill)"
    ).fetchone())
