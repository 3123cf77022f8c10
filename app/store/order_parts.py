"""Parts of orders sent in parts (tables ``order_part``, ``order_part_line``)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

__all__ = ["Part", "PartBooking", "bookings", "cancelled_bookings", "has_parts", "insert", "insert_booking",
           "mark_received", "move_booking_to_cancelled", "next_part_no", "parts", "received_units",
           "set_booking_status", "set_part_tracking", "travelling", "units_by_line"]


@dataclass(frozen=True)
class Part:
    order_id: int
    part_no: int
    kind: str
    carrier: str
    tracking: str
    reason: str
    created_at: str
    lines: dict[int, int]  # line_no -> qty_milli


def parts(db: Database, order_id: int) -> list[Part]:
    rows = db.execute("SELECT order_id, part_no, kind, carrier, tracking, reason, created_at FROM order_part"
                      " WHERE order_id = ? ORDER BY part_no", (order_id,)).fetchall()
    lines: dict[int, dict[int, int]] = {}
    for part_no, line_no, qty in db.execute("SELECT part_no, line_no, qty_milli FROM order_part_line"
                                            " WHERE order_id = ?", (order_id,)):
        lines.setdefault(part_no, {})[line_no] = qty
    return [Part(int(o), int(n), str(k), str(c), str(t), str(r), str(at), lines.get(int(n), {}))
            for o, n, k, c, t, r, at in rows]


def units_by_line(db: Database, order_id: int, kind: str | None = None) -> dict[int, int]:
    """qty_milli per order line already in parts (of one kind, or all)."""
    sql = ("SELECT l.line_no, SUM(l.qty_milli) FROM order_part_line l JOIN order_part p"
           " ON p.order_id = l.order_id AND p.part_no = l.part_no WHERE l.order_id = ?")
    args: tuple = (order_id,)
    if kind is not None:
        sql += " AND p.kind = ?"
        args = (order_id, kind)
    return {r[0]: r[1] for r in db.execute(sql + " GROUP BY l.line_no", args)}


def next_part_no(db: Database, order_id: int) -> int:
    return int(db.execute("SELECT COALESCE(MAX(part_no), 0) + 1 FROM order_part WHERE order_id = ?",
                          (order_id,)).fetchone()[0])


def insert(db: Database, *, order_id: int, kind: str, lines: dict[int, int], at: str, carrier: str = "",
           tracking: str = "", reason: str = "") -> int:
    """A new part (numbered after the last); returns its number. A cancelled part's units are kept on their order
    lines too (``order_line.cancelled_milli``) and their money on the order (``orders.cancelled_paise``), in the same
    transaction."""
    part_no = next_part_no(db, order_id)
    db.execute("INSERT INTO order_part (order_id, part_no, kind, carrier, tracking, reason, created_at)"
               " VALUES (?, ?, ?, ?, ?, ?, ?)", (order_id, part_no, kind, carrier, tracking, reason, at))
    for line_no, qty in lines.items():
        db.execute("INSERT INTO order_part_line (order_id, part_no, line_no, qty_milli) VALUES (?, ?, ?, ?)",
                   (order_id, part_no, line_no, qty))
        if kind == "cancelled":  # never sold: the sales figures count the line's units less these
            db.execute("UPDATE order_line SET cancelled_milli = cancelled_milli + ? WHERE order_id = ? AND line_no = ?",
                       (qty, order_id, line_no))
    if kind == "cancelled":  # and the order's total less their money
        db.execute("UPDATE orders SET cancelled_paise = (SELECT coalesce(sum(total_paise - sold_total_paise), 0)"
                   " FROM order_line WHERE order_id = ?) WHERE id = ?", (order_id, order_id))
    return part_no


@dataclass(frozen=True)
class PartBooking:
    """A part booked with the courier aggregator: its shipment, AWB, carrier and label."""

    shipment_id: str
    awb: str
    courier: str
    label_path: str = ""
    status: str = "booked"  # booked | in_transit | delivered | rto | rto_delivered
    received_at: str = ""  # a part that came back: when it was received in the shop ('' until then)
    damage: str = ""  # received back damaged: what was damaged (its units were written off then)


def insert_booking(db: Database, *, order_id: int, part_no: int, booking: PartBooking, at: str) -> None:
    db.execute("INSERT INTO courier_part (order_id, part_no, shipment_id, awb, courier, label_path, booked_at,"
               " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
               (order_id, part_no, booking.shipment_id, booking.awb, booking.courier, booking.label_path, at, at))


def bookings(db: Database, order_id: int) -> dict[int, PartBooking]:
    """The order's parts booked with the courier, by part number."""
    return {int(n): PartBooking(str(sid), str(awb), str(courier), str(label), str(status), str(received),
                                str(damage))
            for n, sid, awb, courier, label, status, received, damage in db.execute(
                "SELECT part_no, shipment_id, awb, courier, label_path, status, received_at, damage FROM courier_part"
                " WHERE order_id = ?", (order_id,))}


def set_booking_status(db: Database, order_id: int, part_no: int, status: str, at: str) -> None:
    db.execute("UPDATE courier_part SET status = ?, updated_at = ? WHERE order_id = ? AND part_no = ?",
               (status, at, order_id, part_no))


def travelling(db: Database) -> list[int]:
    """Orders with a part booked with the courier and not yet delivered or back at the shop."""
    return [int(r[0]) for r in db.execute("SELECT DISTINCT order_id FROM courier_part WHERE status NOT IN"
                                          " ('delivered', 'rto_delivered') ORDER BY order_id")]


def move_booking_to_cancelled(db: Database, order_id: int, part_no: int, *, reason: str, at: str) -> PartBooking | None:
    """The part's live booking leaves ``courier_part`` for ``courier_part_cancelled`` (the courier confirmed the
    cancellation); None when the part has no live booking (cancelled already)."""
    booked = bookings(db, order_id).get(part_no)
    if booked is None:
        return None
    db.execute("INSERT INTO courier_part_cancelled (awb, order_id, part_no, shipment_id, courier, label_path,"
               " booked_at, cancelled_at, reason) SELECT awb, order_id, part_no, shipment_id, courier, label_path,"
               " booked_at, ?, ? FROM courier_part WHERE order_id = ? AND part_no = ?", (at, reason, order_id, part_no))
    db.execute("DELETE FROM courier_part WHERE order_id = ? AND part_no = ?", (order_id, part_no))
    return booked


def cancelled_bookings(db: Database, order_id: int, part_no: int) -> list[tuple[str, str]]:
    """(AWB, reason) of the part's bookings cancelled at the courier, oldest first."""
    return [(str(awb), str(reason)) for awb, reason in db.execute(
        "SELECT awb, reason FROM courier_part_cancelled WHERE order_id = ? AND part_no = ? ORDER BY cancelled_at,"
        " rowid", (order_id, part_no))]


def set_part_tracking(db: Database, order_id: int, part_no: int, *, carrier: str, tracking: str) -> None:
    """The part now travels with another booking: its carrier and tracking number."""
    db.execute("UPDATE order_part SET carrier = ?, tracking = ? WHERE order_id = ? AND part_no = ?",
               (carrier, tracking, order_id, part_no))


def mark_received(db: Database, order_id: int, part_no: int, at: str, *, damage: str = "") -> bool:
    """The part that came back is in the shop (``damage``: what was damaged, if it was); False when it was
    received already (nothing changes)."""
    return db.execute("UPDATE courier_part SET received_at = ?, updated_at = ?, damage = ? WHERE order_id = ?"
                      " AND part_no = ? AND received_at = ''", (at, at, damage, order_id, part_no)).rowcount == 1


def received_units(db: Database, order_id: int) -> dict[int, int]:
    """qty_milli per order line in parts that came back and were received in the shop (their stock is back)."""
    return {r[0]: r[1] for r in db.execute(
        "SELECT l.line_no, SUM(l.qty_milli) FROM order_part_line l JOIN courier_part c ON c.order_id = l.order_id"
        " AND c.part_no = l.part_no WHERE l.order_id = ? AND c.received_at != '' GROUP BY l.line_no", (order_id,))}


def has_parts(db: Database, order_id: int) -> bool:
    return db.execute("SELECT 1 FROM order_part WHERE order_id = ? LIMIT 1", (order_id,)).fetchone() is not None
