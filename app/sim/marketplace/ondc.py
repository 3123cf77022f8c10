"""An ONDC seller platform in the simulator: catalogue, asynchronous acceptance and order states."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

from app.sim.marketplace.core import SimOrder, Simulator
from app.sim.marketplace.http import Handler, Request, Response, paise, rupees

__all__ = ["ONDC_STATE", "Ondc"]

ONDC_STATE = {"pending": "Created", "accepted": "Accepted", "packed": "Packed", "shipped": "Order-picked-up",
              "delivered": "Completed", "cancelled": "Cancelled"}


class Ondc:
    market = "ondc"

    def __init__(self, sim: Simulator) -> None:
        self.sim = sim

    def route(self, req: Request) -> tuple[str, Handler] | None:
        p = req.path.removeprefix("/api/v1")
        if p == req.path:
            return None
        if p == "/inventory/batch" and req.method == "POST":
            return "inventory_batch", self.inventory
        m = re.fullmatch(r"/items/([^/]+)", p)
        if m and req.method == "PUT":
            return "item_put", lambda r: self.put_item(r, unquote(m.group(1)))
        if p == "/orders" and req.method == "GET":
            return "orders_list", self.list_orders
        m = re.fullmatch(r"/orders/([^/]+)(/status)?", p)
        if m:
            oid = unquote(m.group(1))
            if m.group(2) and req.method == "POST":
                return "order_status", lambda r: self.order_status(r, oid)
            return "order_get", lambda r: self.get_order(r, oid)
        return None

    def guard(self, req: Request, op: str) -> Response | None:
        if req.headers.get("authorization") != f"Bearer {self.sim.credentials['ondc']}":
            return Response(401, {"code": "unauthorized", "message": "Invalid API key"})
        if not self.sim.allow("ondc", 20, 40):
            return Response(429, {"code": "rate_limited", "message": "Slow down"}, {"Retry-After": "1"})
        return None

    def inventory(self, req: Request) -> Response:
        results = []
        for item in (req.body or {}).get("items", []):
            listing = self.sim.listings["ondc"].get(item.get("sku", ""))
            if listing is None:
                results.append({"sku": item.get("sku"), "status": "error", "message": "unknown item"})
                continue
            with self.sim.lock:
                listing.quantity = int(item["quantity"])
            self.sim.record("ondc", "inventory", listing.sku)
            results.append({"sku": listing.sku, "status": "ok"})
        return Response(200, {"results": results})

    def put_item(self, req: Request, sku: str) -> Response:
        body = req.body or {}
        values: dict[str, Any] = {}
        if "price" in body:
            values["price_paise"] = paise(body["price"])
        if "name" in body:
            values["title"] = body["name"]
        self.sim.ensure_listing("ondc", sku, **values)
        self.sim.record("ondc", "item_put", sku)
        return Response(200, {"sku": sku, "status": "ok"})

    def order_json(self, o: SimOrder) -> dict[str, Any]:
        return {"id": o.id, "state": ONDC_STATE[o.status], "updated_at": o.updated_at, "state_code": "27",
                "billing": {"name": "Buyer"},
                "items": [{"id": line["line_id"], "sku": line["sku"], "quantity": line["qty"],
                           "price": rupees(line["price_paise"])} for line in o.lines]}

    def list_orders(self, req: Request) -> Response:
        cursor = req.q("cursor")
        if cursor:
            state = self.sim.page_state(cursor)
            if state is None:
                return Response(400, {"code": "cursor_expired", "message": "The cursor expired"})
            since, offset = state["since"], state["offset"]
        else:
            since, offset = req.q("updated_after") or "1970-01-01T00:00:00.000Z", 0
        limit = int(req.q("limit", "50") or 50)
        found = self.sim.orders_since("ondc", since)
        page = found[offset:offset + limit]
        nxt = self.sim.new_page_token({"since": since, "offset": offset + limit}) if offset + limit < len(found) \
            else None
        return Response(200, {"orders": [self.order_json(o) for o in page], "next_cursor": nxt})

    def get_order(self, req: Request, oid: str) -> Response:
        o = self.sim.orders["ondc"].get(oid)
        if o is None:
            return Response(404, {"code": "not_found", "message": "No such order"})
        return Response(200, self.order_json(o))

    def order_status(self, req: Request, oid: str) -> Response:
        key = req.headers.get("idempotency-key")
        if not key:
            return Response(400, {"code": "idempotency_key_required", "message": "Idempotency-Key header is required"})
        state = (req.body or {}).get("state")
        wanted = {v: k for k, v in ONDC_STATE.items()}.get(state or "")

        def run() -> Response:
            o = self.sim.orders["ondc"].get(oid)
            if o is None or wanted is None:
                return Response(400, {"code": "invalid", "message": "unknown order or state"})
            self.sim.set_order_status("ondc", oid, wanted)
            o.tracking = str((req.body or {}).get("tracking") or o.tracking)
            self.sim.record("ondc", f"status_{state}", oid)
            return Response(200, self.order_json(o))

        result, _replayed = self.sim.idempotent("ondc", key, {"oid": oid, **(req.body or {})}, run)
        if result == ("mismatch", None):
            return Response(422, {"code": "idempotency_conflict", "message": "Key reused with different parameters"})
        return result
