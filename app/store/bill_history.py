"""Finding past bills: sales and credit notes by number, customer (name or phone), item and date.

Read only; the Bills tab and ``python -m app history`` show what it finds, newest first.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

__all__ = ["BillRow", "find_bills"]


@dataclass(frozen=True, kw_only=True)
class BillRow:
    id: int
    kind: str  # sale or return
    doc_type: str  # tax_invoice, bill_of_supply, cash_memo, credit_note ...
    number: str
    channel: str
    status: str
    business_date: str
    at: str  # UTC ISO time the bill was made
    customer: str
    customer_hi: str  # the khata customer's name in Hindi, if written
    total_paise: int
    lines: int
    methods: str  # ways it was paid (or refunded), comma-separated
    original_id: int | None  # the invoice a credit note returns goods against
    memo: bool  # a cash memo, covered by the day's consolidated invoice


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def find_bills(db: Database, *, text: str = "", date_from: str | None = None, date_to: str | None = None,
               limit: int = 500) -> list[BillRow]:
    """Sales and credit notes whose number, customer (name or phone) or any item (name, Hindi name,
    code or barcode) holds ``text``, made on business dates ``date_from``..``date_to`` (inclusive)."""
    where, params = ["o.status NOT IN ('draft', 'held')"], []
    if date_from:
        where.append("o.business_date >= ?")
        params.append(date_from)
    if date_to:
        where.append("o.business_date <= ?")
        params.append(date_to)
    words = text.strip()
    if words:
        pattern = _like(words)
        where.append(
            "(o.invoice_no LIKE ? ESCAPE '\\' OR CAST(o.id AS TEXT) = ? OR o.customer_name LIKE ? ESCAPE '\\'"
            " OR c.phone LIKE ? ESCAPE '\\' OR c.name_hi LIKE ? ESCAPE '\\'"
            " OR EXISTS (SELECT 1 FROM order_line l LEFT JOIN product p ON p.sku = l.sku WHERE l.order_id = o.id"
            "  AND (l.name LIKE ? ESCAPE '\\' OR l.sku LIKE ? ESCAPE '\\' OR p.name_hi LIKE ? ESCAPE '\\'"
            "  OR p.barcode = ?)))")
        params += [pattern, words, pattern, pattern, pattern, pattern, pattern, pattern, words]
    rows = db.execute(
        "SELECT o.id, o.kind, o.doc_type, coalesce(o.invoice_no, ''), o.channel, o.status, o.business_date,"
        " coalesce(o.completed_at, o.created_at), coalesce(nullif(o.customer_name, ''), c.name, ''), o.total_paise,"
        " (SELECT count(*) FROM order_line l WHERE l.order_id = o.id),"
        " (SELECT group_concat(DISTINCT p.method) FROM payment p WHERE p.order_id = o.id),"
        " o.original_order_id, coalesce(c.name_hi, ''),"
        " EXISTS (SELECT 1 FROM counter_receipt r WHERE r.order_id = o.id)"
        " FROM orders o LEFT JOIN customer c ON c.id = o.customer_id"
        f" WHERE {' AND '.join(where)} ORDER BY o.business_date DESC, o.id DESC LIMIT ?",
        (*params, limit)).fetchall()
    return [BillRow(id=r[0], kind=r[1], doc_type=r[2] or "", number=r[3], channel=r[4], status=r[5],
                    business_date=r[6] or "", at=r[7] or "", customer=r[8] or "", total_paise=r[9] or 0,
                    lines=r[10], methods=r[11] or "", original_id=r[12],
                    customer_hi=r[13], memo=bool(r[14])) for r in rows]


def bills_with_tax(db: Database, *, date_from: str | None = None, date_to: str | None = None) -> list[tuple]:
    """For the bills workbook, oldest first: (number, business date, completed or created at, kind, doc type,
    status, customer, customer GSTIN, taxable, CGST, SGST, IGST, cess, round off, total, ways paid)."""
    where, params = ["o.status NOT IN ('draft', 'held')"], []
    if date_from:
        where.append("o.business_date >= ?")
        params.append(date_from)
    if date_to:
        where.append("o.business_date <= ?")
        params.append(date_to)
    return db.execute(
        "SELECT coalesce(o.invoice_no, '#' || o.id), o.business_date, coalesce(o.completed_at, o.created_at),"
        " o.kind, o.doc_type, o.status, coalesce(nullif(o.customer_name, ''), c.name, ''), coalesce(o.customer_gstin,"
        " ''), o.taxable_paise, o.cgst_paise, o.sgst_paise, o.igst_paise, o.cess_paise, o.round_off_paise,"
        " o.total_paise, coalesce((SELECT group_concat(DISTINCT p.method) FROM payment p WHERE p.order_id = o.id), '')"
        f" FROM orders o LEFT JOIN customer c ON c.id = o.customer_id WHERE {' AND '.join(where)}"
        " ORDER BY o.business_date, o.id", params).fetchall()
