"""Courier shipments of orders (table ``courier_shipment``)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

__all__ = ["Cancelled", "Rebook", "Shipment", "cancelled", "get", "insert", "move_to_cancelled", "rebook",
           "rebooks_with", "set_rebook", "set_status", "start_rebook"]


@dataclass(frozen=True)
class Shipment:
    order_id: int
    shipment_id: str
    awb: str
    courier: str
    label_path: str
    status: str
    booked_at: str
    updated_at: str


def get(db: Database, order_id: int) -> Shipment | None:
    row = db.execute("SELECT order_id, shipment_id, awb, courier, label_path, status, booked_at, updated_at"
                     " FROM courier_shipment WHERE order_id = ?", (order_id,)).fetchone()
    return Shipment(*row) if row else None


def insert(db: Database, *, order_id: int, shipment_id: str, awb: str, courier: str, label_path: str, at: str) -> None:
    db.execute("INSERT INTO courier_shipment (order_id, shipment_id, awb, courier, label_path, booked_at, updated_at)"
               " VALUES (?, ?, ?, ?, ?, ?, ?)", (order_id, shipment_id, awb, courier, label_path, at, at))


def set_status(db: Database, order_id: int, status: str, at: str) -> None:
    db.execute("UPDATE courier_shipment SET status = ?, updated_at = ? WHERE order_id = ?", (status, at, order_id))


@dataclass(frozen=True)
class Cancelled:
    awb: str
    order_id: int
    shipment_id: str
    courier: str
    label_path: str
    booked_at: str
    cancelled_at: str
    reason: str


def move_to_cancelled(db: Database, order_id: int, *, reason: str, at: str) -> Shipment | None:
    """The live booking leaves ``courier_shipment`` for ``courier_cancelled``; returns it (None if none)."""
    live = get(db, order_id)
    if live is None:
        return None
    db.execute("INSERT OR IGNORE INTO courier_cancelled (awb, order_id, shipment_id, courier, label_path, booked_at,"
               " cancelled_at, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
               (live.awb, order_id, live.shipment_id, live.courier, live.label_path, live.booked_at, at, reason))
    db.execute("DELETE FROM courier_shipment WHERE order_id = ?", (order_id,))
    return live


def cancelled(db: Database, order_id: int) -> list[Cancelled]:
    """The order's cancelled bookings, oldest first."""
    return [Cancelled(*r) for r in db.execute(
        "SELECT awb, order_id, shipment_id, courier, label_path, booked_at, cancelled_at, reason"
        " FROM courier_cancelled WHERE order_id = ? ORDER BY cancelled_at, awb", (order_id,))]


@dataclass(frozen=True)
class Rebook:
    order_id: int
    decision_id: int | None
    courier_id: int | None
    carrier: str
    cost_paise: int
    status: str
    note: str
    created_at: str
    updated_at: str
    part_no: int | None = None  # a part booked on its own; None: the order's own parcel


_REBOOK = "order_id, decision_id, courier_id, carrier, cost_paise, status, note, created_at, updated_at, part_no"


def rebook(db: Database, order_id: int, part_no: int | None = None) -> Rebook | None:
    """The agent's re-booking of the order's own parcel (``part_no`` None) or of a part booked on its own."""
    row = db.execute(f"SELECT {_REBOOK} FROM courier_rebook WHERE order_id = ? AND parcel = ?",
                     (order_id, part_no or 0)).fetchone()
    return Rebook(*row) if row else None


def rebooks_with(db: Database, *statuses: str) -> list[Rebook]:
    marks = ",".join("?" * len(statuses))
    return [Rebook(*r) for r in db.execute(
        f"SELECT {_REBOOK} FROM courier_rebook WHERE status IN ({marks}) ORDER BY order_id, parcel", statuses)]


def start_rebook(db: Database, row: Rebook) -> None:
    db.execute(f"INSERT INTO courier_rebook ({_REBOOK}, parcel) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               (row.order_id, row.decision_id, row.courier_id, row.carrier, row.cost_paise, row.status, row.note,
                row.created_at, row.updated_at, row.part_no, row.part_no or 0))


def set_rebook(db: Database, order_id: int, status: str, at: str, *, note: str | None = None,
               part_no: int | None = None) -> None:
    db.execute("UPDATE courier_rebook SET status = ?, updated_at = ?, note = COALESCE(?, note) WHERE order_id = ?"
               " AND parcel = ?", (status, at, note, order_id, part_no or 0))
