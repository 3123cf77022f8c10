"""ONDC, through a seller platform's REST API.

An ONDC seller node (BPP) must answer the network within its ``ttl`` (at most PT30S for search,
select, init, confirm, status, cancel ...), which an often-offline counter PC cannot promise. So the
desktop does not speak Beckn: it feeds an always-online seller app (for example the reference
``ONDC-Official/seller-app``, or a hosted Seller Network Participant) through that app's REST API,
which answers the network from the cloud with the catalogue and stock we last sent.

Operations covered (the seller platform's API, base ``/api/v1``, bearer API key):

- ``listing.quantity``: ``POST inventory/batch`` (up to 100); absolute, capped per channel; per-item results.
- ``listing.price`` / ``listing.content``: ``PUT items/{sku}`` (state).
- ``order.accept`` / ``order.ship`` / ``order.cancel``: ``POST orders/{id}/status`` with an
  ``Idempotency-Key`` (the platform keeps keys 24 h).
- pull: ``GET orders?updated_after=...&cursor=...``; ONDC order states are mapped to ours, and an
  unknown state is kept as it is, never guessed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar
from urllib.parse import quote

from app.domain.money import from_wire, to_wire
from app.i18n import _
from app.sync.errors import Rejected
from app.sync.marketplaces.base import (
    Adapter,
    Change,
    Limit,
    OrdersPage,
    Outcome,
    RemoteLine,
    RemoteOrder,
    iso_z,
    rejected_outcome,
)

API = "/api/v1"
STATE = {"Created": "pending", "Accepted": "accepted", "In-progress": "packed", "Packed": "packed",
         "Order-picked-up": "shipped", "Out-for-delivery": "shipped", "Completed": "delivered",
         "Delivered": "delivered", "Cancelled": "cancelled"}
COMMAND_STATE = {"order.accept": "Accepted", "order.ship": "Order-picked-up", "order.cancel": "Cancelled"}
FLOW = ["Created", "Accepted", "In-progress", "Packed", "Order-picked-up", "Out-for-delivery", "Completed"]


class OndcAdapter(Adapter):
    name = "ondc"
    covers: ClassVar[dict[str, str]] = {
        "listing.quantity": "inventory/batch", "listing.price": "PUT items/{sku}", "listing.content": "PUT items/{sku}",
        "order.accept": "orders/{id}/status", "order.ship": "orders/{id}/status", "order.cancel": "orders/{id}/status"}
    limits: ClassVar[dict[str, Limit]] = {"api": Limit(20, 40)}
    dedupes_commands = True
    batch_size = 100

    def auth_headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.secret('api_key')}"}

    def send(self, changes: Sequence[Change]) -> list[Outcome]:
        if not changes or changes[0].op != "listing.quantity":
            return [self.send_one(c) for c in changes]
        items = [{"sku": c.payload.get("remote_sku") or c.payload["sku"], "quantity": int(c.payload["quantity"]),
                  "version": c.row.created_seq} for c in changes]
        try:
            reply = self.call("POST", f"{API}/inventory/batch", json_body={"items": items}, bucket="api")
        except Rejected as exc:
            return [rejected_outcome(exc) for _c in changes]
        results = {r.get("sku"): r for r in (reply.data or {}).get("results", [])}
        outcomes = []
        for item in items:
            result = results.get(item["sku"])
            if result is None:
                outcomes.append(Outcome("retry", message="no result for this item"))
            elif result.get("status") == "ok":
                outcomes.append(Outcome("applied", remote_value=item["quantity"]))
            else:
                outcomes.append(Outcome("failed", message=str(result.get("message") or result.get("status"))))
        return outcomes

    def send_one(self, change: Change) -> Outcome:
        payload, op = change.payload, change.op
        try:
            if op in ("listing.price", "listing.content"):
                sku = payload.get("remote_sku") or payload["sku"]
                body: dict[str, Any] = ({"price": to_wire(payload["price_paise"]),
                                         "maximum_price": to_wire(payload["mrp_paise"] or payload["price_paise"])}
                                        if op == "listing.price" else
                                        {"name": payload["title"], "name_hi": payload.get("title_hi") or "",
                                         "brand": payload.get("brand") or "", "hsn": payload.get("hsn_code") or "",
                                         "active": bool(payload.get("active", True))})
                body["version"] = change.row.created_seq
                self.call("PUT", f"{API}/items/{quote(sku, safe='')}", json_body=body, bucket="api")
            else:
                self.call("POST", f"{API}/orders/{quote(payload['remote_id'], safe='')}/status", bucket="api",
                          json_body={"state": COMMAND_STATE[op], "tracking": payload.get("tracking"),
                                     "reason": payload.get("reason")},
                          headers={"Idempotency-Key": change.row.idem_key})
        except Rejected as exc:
            return rejected_outcome(exc)
        return Outcome("applied")

    def read_back(self, change: Change) -> Outcome:
        if change.op.startswith("listing."):
            return Outcome("not_applied")
        reply = self.call("GET", f"{API}/orders/{quote(change.payload['remote_id'], safe='')}", bucket="api")
        state = (reply.data or {}).get("state")
        want = COMMAND_STATE[change.op]
        if state == want or (state in FLOW and want in FLOW and FLOW.index(state) > FLOW.index(want)):
            return Outcome("applied")
        if state == "Cancelled":
            return Outcome("failed", message=_("The buyer cancelled this order on ONDC."))
        return Outcome("not_applied")

    def pull_orders(self, since: str, page_token: str | None) -> OrdersPage:
        params = {"updated_after": since, "limit": 50}
        if page_token:
            params["cursor"] = page_token
        try:
            reply = self.call("GET", f"{API}/orders", params=params, bucket="api")
        except Rejected as exc:
            if page_token and exc.code == "cursor_expired":
                return OrdersPage((), None, token_expired=True)
            raise
        data = reply.data or {}
        orders = []
        for raw in data.get("orders", []):
            lines = tuple(RemoteLine(str(li["id"]), str(li.get("sku") or ""), int(li.get("quantity") or 0),
                                     from_wire(li.get("price", "0")))
                          for li in raw.get("items", []) if li.get("quantity"))
            orders.append(RemoteOrder(str(raw["id"]), iso_z(raw["updated_at"]), STATE.get(raw.get("state", ""),
                                                                                          "unknown"),
                                      lines, customer_name=(raw.get("billing") or {}).get("name", ""),
                                      place_of_supply=raw.get("state_code"), raw=raw))
        return OrdersPage(tuple(orders), data.get("next_cursor") or None)
