"""The operations agent's work on each order (table ``fulfilment_task``)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

__all__ = ["OPEN_ORDER_STATES", "Task", "get", "insert", "open_orders_unplanned", "set_status", "shipments_in",
           "with_status"]

OPEN_ORDER_STATES = ("pending", "accepted", "packed")
_COLUMNS = ("order_id, decision_id, method, courier_id, carrier, cost_paise, hand_over_by, status, note,"
            " pickup_alerted, created_at, updated_at")


@dataclass(frozen=True)
class Task:
    order_id: int
    decision_id: int | None
    method: str
    courier_id: int | None
    carrier: str
    cost_paise: int
    hand_over_by: str
    status: str
    note: str
    pickup_alerted: int
    created_at: str
    updated_at: str


def get(db: Database, order_id: int) -> Task | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM fulfilment_task WHERE order_id = ?", (order_id,)).fetchone()
    return Task(*row) if row else None


def with_status(db: Database, *statuses: str) -> list[Task]:
    marks = ",".join("?" * len(statuses))
    return [Task(*r) for r in db.execute(
        f"SELECT {_COLUMNS} FROM fulfilment_task WHERE status IN ({marks}) ORDER BY hand_over_by, order_id", statuses)]


def open_orders_unplanned(db: Database, *, limit: int = 50) -> list[int]:
    """Open orders to deliver (marketplace or the shop's own) the agent has not planned yet, oldest first."""
    marks = ",".join("?" * len(OPEN_ORDER_STATES))
    return [r[0] for r in db.execute(
        f"SELECT o.id FROM orders o WHERE o.status IN ({marks}) AND o.channel <> 'counter'"
        " AND (o.remote_id IS NOT NULL OR o.channel = 'delivery')"
        " AND NOT EXISTS (SELECT 1 FROM fulfilment_task t WHERE t.order_id = o.id)"
        " AND NOT EXISTS (SELECT 1 FROM courier_shipment s WHERE s.order_id = o.id)"
        " ORDER BY o.id LIMIT ?", (*OPEN_ORDER_STATES, limit))]


def insert(db: Database, task: Task) -> None:
    db.execute(f"INSERT INTO fulfilment_task ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               (task.order_id, task.decision_id, task.method, task.courier_id, task.carrier, task.cost_paise,
                task.hand_over_by, task.status, task.note, task.pickup_alerted, task.created_at, task.updated_at))


def set_status(db: Database, order_id: int, status: str, at: str, *, note: str | None = None,
               pickup_alerted: int | None = None) -> None:
    db.execute("UPDATE fulfilment_task SET status = ?, updated_at = ?, note = COALESCE(?, note),"
               " pickup_alerted = COALESCE(?, pickup_alerted) WHERE order_id = ?",
               (status, at, note, pickup_alerted, order_id))


def shipments_in(db: Database, statuses: tuple[str, ...]) -> list[tuple[int, str]]:
    """(order id, shipment status) of the courier parcels in these states, oldest booking first."""
    marks = ",".join("?" * len(statuses))
    return [(r[0], r[1]) for r in db.execute(
        f"SELECT order_id, status FROM courier_shipment WHERE status IN ({marks}) ORDER BY booked_at", statuses)]
