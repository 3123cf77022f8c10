"""Courier shipments of orders (table ``courier_shipment``)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

__all__ = ["Shipment", "get", "insert", "set_status"]


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
