"""A WhatsApp message that could not be sent becomes a task for the seller, never a silent loss: a customer's
order update raises the same "tell them yourself" alert the Home delivery tab lists (with *Told them*), a
purchase order an alert naming the supplier and the order. Called by the worker in the transaction that
marks the row failed."""

from __future__ import annotations

from app.i18n import _
from app.services import alerts
from app.services.context import SYSTEM, ServiceContext
from app.store.outbox import OutboxRow

__all__ = ["raise_task"]

CUSTOMER_OP, SUPPLIER_OP = "customer.message", "purchase_order.send"


def raise_task(ctx: ServiceContext, row: OutboxRow, payload: dict, why: str) -> None:
    """The row ``row`` failed for good with ``why``: put it in front of the seller."""
    name = str(payload.get("supplier") or payload.get("to") or "?")
    if row.op == CUSTOMER_OP:
        order_id = payload.get("order_id") or str(payload.get("po_no", "")).lstrip("#")
        alerts.raise_alert(ctx, kind="customer_message", subject=f"order:{order_id}", severity="warning",
                           message=_("Tell {name} yourself (order {id}): {why}. The message: {text}").format(
                               name=name, id=order_id, why=why, text=payload.get("text", "")),
                           data={"order_id": order_id}, origin=SYSTEM)
    elif row.op == SUPPLIER_OP:
        po_no = str(payload.get("po_no", "?"))
        alerts.raise_alert(ctx, kind="supplier_message", subject=f"po:{po_no}", severity="warning",
                           message=_("Purchase order {po_no} did not reach {name}: {why}").format(
                               po_no=po_no, name=name, why=why), data={"po_no": po_no}, origin=SYSTEM)
