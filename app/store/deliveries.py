"""The shop's own home-delivery orders: their delivery details beside the ``orders`` row, and the reads
the Orders page, the ``delivery`` command and the delivery run make."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

__all__ = ["CHANNEL", "DeliveryRow", "customer_language", "destination", "insert", "insert_order",
           "list_orders", "message_facts", "pay_by", "set_invoice", "set_rider", "set_status"]

CHANNEL = "delivery"  # the ``orders.channel`` of the shop's own delivery orders


@dataclass(frozen=True)
class DeliveryRow:
    order_id: int
    status: str
    customer: str
    phone: str
    address: str
    area: str
    pin: str
    pay_by: str
    deliver_on: str
    rider: str
    source: str
    total_paise: int
    paid_paise: int
    invoice_no: str
    note: str
    items: str
    created_at: str


def insert(db: Database, *, order_id: int, source: str, phone: str, address: str, area: str, pin: str, pay_by: str,
           deliver_on: str, language: str, at: str) -> None:
    db.execute("INSERT INTO delivery_order (order_id, source, customer_phone, address, area, pin, pay_by, deliver_on,"
               " language, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               (order_id, source, phone, address, area, pin, pay_by, deliver_on, language, at))


def set_rider(db: Database, order_id: int, rider: str) -> None:
    db.execute("UPDATE delivery_order SET rider = ? WHERE order_id = ?", (rider, order_id))


def set_invoice(db: Database, order_id: int, *, invoice_no: str, fy: str, business_date: str) -> None:
    db.execute("UPDATE orders SET invoice_no = ?, fy = ?, business_date = ? WHERE id = ? AND invoice_no IS NULL",
               (invoice_no, fy, business_date, order_id))


def list_orders(db: Database, *, day: str | None = None, statuses: tuple[str, ...] = (),
                limit: int = 200, lang: str = "en") -> list[DeliveryRow]:
    """Delivery orders, newest first; ``day`` keeps one run day, ``statuses`` some states; the items named in
    ``lang`` where the catalog has the name (the bill's English name otherwise)."""
    where, params = ["1 = 1"], []
    if day:
        where.append("d.deliver_on = ?")
        params.append(day)
    if statuses:
        where.append(f"o.status IN ({','.join('?' * len(statuses))})")
        params.extend(statuses)
    rows = db.execute(
        "SELECT o.id, o.status, o.customer_name, d.customer_phone, d.address, d.area, d.pin, d.pay_by, d.deliver_on,"
        " d.rider, d.source, o.total_paise, o.paid_paise, coalesce(o.invoice_no, ''), o.note,"
        " (SELECT group_concat(coalesce(CASE WHEN ? = 'hi' THEN nullif(p.name_hi, '') END, l.name) || ' × ' ||"
        "  (l.qty_milli / 1000.0), ', ') FROM order_line l LEFT JOIN product p ON p.sku = l.sku"
        "  WHERE l.order_id = o.id), o.created_at"
        " FROM delivery_order d JOIN orders o ON o.id = d.order_id"
        f" WHERE {' AND '.join(where)} ORDER BY o.id DESC LIMIT ?", (lang, *params, limit)).fetchall()
    return [DeliveryRow(*[*row[:15], _items(row[15]), row[16]]) for row in rows]


def _items(text: str | None) -> str:
    # SQLite prints 2.0 for whole quantities; a shopkeeper reads "2"
    return (text or "").replace(".0,", ",").removesuffix(".0")


def insert_order(db: Database, *, channel: str, doc_type: str, fy: str, customer_id: int | None, customer_name: str,
                 customer_gstin: str | None, place_of_supply: str, interstate: bool, bill, note: str, at: str,
                 business_date: str, actor: str) -> int:
    """The ``orders`` row of an order taken now and paid later (no invoice number yet, nothing paid)."""
    cursor = db.execute(
        "INSERT INTO orders (kind, channel, status, doc_type, fy, customer_id, customer_name, customer_gstin,"
        " place_of_supply, interstate, gross_paise, discount_paise, taxable_paise, cgst_paise, sgst_paise, igst_paise,"
        " cess_paise, round_off_paise, total_paise, paid_paise, note, created_at, business_date, actor)"
        " VALUES ('sale', ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)",
        (channel, doc_type, fy, customer_id, customer_name, customer_gstin, place_of_supply, int(interstate),
         bill.gross_paise, bill.discount_paise, *bill.split.parts(), bill.round_off_paise, bill.total_paise, note,
         at, business_date, actor))
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def set_status(db: Database, order_id: int, status: str, *, completed_at: str | None = None, note: str = "") -> None:
    db.execute("UPDATE orders SET status = ?, completed_at = coalesce(?, completed_at),"
               " note = CASE WHEN ? = '' THEN note WHEN note = '' THEN ? ELSE note || ' · ' || ? END WHERE id = ?",
               (status, completed_at, note, note, note, order_id))


def destination(db: Database, order_id: int) -> tuple[str, str] | None:
    """(PIN code, run day) of a delivery order."""
    row = db.execute("SELECT pin, deliver_on FROM delivery_order WHERE order_id = ?", (order_id,)).fetchone()
    return (row[0], row[1]) if row else None


def pay_by(db: Database, order_id: int) -> str:
    row = db.execute("SELECT pay_by FROM delivery_order WHERE order_id = ?", (order_id,)).fetchone()
    return row[0] if row else "cash"


def message_facts(db: Database, order_id: int) -> tuple | None:
    """What a home-delivery customer's message says: (name, amount due, phone, language, delivery day, rider,
    way of paying, courier, AWB); None when the order is not a delivery."""
    return db.execute(
        "SELECT o.customer_name, o.total_paise - o.paid_paise, d.customer_phone, d.language, d.deliver_on, d.rider,"
        " d.pay_by, s.courier, s.awb FROM orders o JOIN delivery_order d ON d.order_id = o.id"
        " LEFT JOIN courier_shipment s ON s.order_id = o.id WHERE o.id = ?", (order_id,)).fetchone()


def customer_language(db: Database, order_id: int) -> str | None:
    """The language the delivery's customer asked to be written in ('' or None when not said)."""
    row = db.execute("SELECT language FROM delivery_order WHERE order_id = ?", (order_id,)).fetchone()
    return row[0] if row else None
