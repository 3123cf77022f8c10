"""WooCommerce REST API v3 (``/wp-json/wc/v3``), consumer key and secret over HTTPS basic auth.

Operations covered:

- ``listing.price`` / ``listing.quantity`` / ``listing.content``: ``POST products/batch`` (``update[]``,
  up to 100). Absolute values only (Woo has no delta), so quantities are capped per channel; per-item
  errors map back to their own rows, and successes are never resent.
- ``order.accept`` / ``order.ship`` / ``order.cancel``: ``PUT orders/{id}`` with status processing /
  completed / cancelled. Key-less commands: read back with ``GET orders/{id}`` before any resend.
- pull: ``GET orders?modified_after=...&orderby=modified&order=asc&page=N``. Page numbers shift when
  orders change mid-pull, so the inbound pass re-reads a window in which something changed.

Product ids are looked up once by SKU (``GET products?sku=``) and kept in ``remote_ref``. Woo can
answer 400 while having applied the change (woocommerce#28095), so a refused command is read back.
No rate limit is documented (it depends on the host), so 429/503 are handled generically.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

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

API = "/wp-json/wc/v3"
STATUS = {"pending": "pending", "on-hold": "pending", "processing": "accepted", "completed": "shipped",
          "cancelled": "cancelled", "refunded": "cancelled", "failed": "cancelled"}
COMMAND_STATUS = {"order.accept": "processing", "order.ship": "completed", "order.cancel": "cancelled",
                  "order.tracking": "completed"}  # a new tracking number: the order stays completed


class WooAdapter(Adapter):
    name = "woocommerce"
    covers: ClassVar[dict[str, str]] = {
        "listing.price": "products/batch", "listing.quantity": "products/batch", "listing.content": "products/batch",
        "order.accept": "PUT orders/{id}", "order.ship": "PUT orders/{id}", "order.cancel": "PUT orders/{id}",
        "order.tracking": "PUT orders/{id}"}
    limits: ClassVar[dict[str, Limit]] = {"rest": Limit(10, 20)}
    batch_size = 100
    product_ids: dict[str, int]

    def __init__(self, **kw: Any) -> None:
        super().__init__(**kw)
        self.product_ids = {}
        self.known_ids: Any = None  # set by the worker: (sku) -> remote id or None, and a saver

    def auth_headers(self) -> dict[str, str]:
        import base64

        raw = f"{self.secret('consumer_key')}:{self.secret('consumer_secret')}".encode()
        return {"Authorization": "Basic " + base64.b64encode(raw).decode()}

    def product_id(self, sku: str) -> int | None:
        if sku in self.product_ids:
            return self.product_ids[sku]
        reply = self.call("GET", f"{API}/products", params={"sku": sku}, bucket="rest")
        found = reply.data or []
        if not found:
            return None
        self.product_ids[sku] = int(found[0]["id"])
        return self.product_ids[sku]

    def item_update(self, change: Change, product_id: int) -> dict[str, Any]:
        payload, op = change.payload, change.op
        if op == "listing.price":
            return {"id": product_id, "regular_price": to_wire(payload["price_paise"])}
        if op == "listing.quantity":
            return {"id": product_id, "manage_stock": True, "stock_quantity": int(payload["quantity"])}
        return {"id": product_id, "name": payload["title"], "status": "publish" if payload.get("active", True)
                else "draft"}

    def send(self, changes: Sequence[Change]) -> list[Outcome]:
        if not changes or not changes[0].op.startswith("listing."):
            return [self.send_one(c) for c in changes]
        outcomes: dict[int, Outcome] = {}
        updates, index = [], []
        for i, change in enumerate(changes):
            sku = change.payload.get("remote_sku") or change.payload["sku"]
            product_id = self.product_id(sku)
            if product_id is None:
                outcomes[i] = Outcome("failed", message=_(  # the REST API updates products; it lists none new
                    "The shop website has no item with the code {sku}. Add it in WooCommerce (Products > Add "
                    "New, SKU {sku}), then press Retry.").format(sku=sku))
            else:
                updates.append(self.item_update(change, product_id))
                index.append(i)
        if updates:
            try:
                reply = self.call("POST", f"{API}/products/batch", json_body={"update": updates}, bucket="rest")
            except Rejected as exc:
                return [outcomes.get(i, rejected_outcome(exc)) for i in range(len(changes))]
            results = (reply.data or {}).get("update") or []
            for n, i in enumerate(index):
                result = results[n] if n < len(results) else {}
                error = result.get("error") if isinstance(result, dict) else None
                if error:
                    outcomes[i] = Outcome("failed", message=str(error.get("message", "error")))
                elif not result:
                    outcomes[i] = Outcome("retry", message="no result for this item")
                else:
                    outcomes[i] = Outcome("applied", remote_ref=str(result.get("id")))
        return [outcomes[i] for i in range(len(changes))]

    def send_one(self, change: Change) -> Outcome:
        status = COMMAND_STATUS[change.op]
        body: dict[str, Any] = {"status": status}
        if change.op in ("order.ship", "order.tracking") and change.payload.get("tracking"):
            body["meta_data"] = [{"key": "_tracking_number", "value": change.payload["tracking"]},
                                 {"key": "_tracking_provider", "value": change.payload.get("carrier") or ""}]
        try:
            self.call("PUT", f"{API}/orders/{change.payload['remote_id']}", json_body=body, bucket="rest")
        except Rejected as exc:
            return rejected_outcome(exc)
        return Outcome("applied")

    def read_back(self, change: Change) -> Outcome:
        if change.op.startswith("listing.") or change.op == "order.tracking":
            return Outcome("not_applied")  # state, not a step: sending it again is harmless
        reply = self.call("GET", f"{API}/orders/{change.payload['remote_id']}", bucket="rest")
        status = (reply.data or {}).get("status")
        want = COMMAND_STATUS[change.op]
        order = ["pending", "processing", "completed"]
        if status == want or (status in order and want in order and order.index(status) > order.index(want)):
            return Outcome("applied")
        if status == "cancelled" and want != "cancelled":
            return Outcome("failed", message=_("The order was cancelled on the shop website."))
        return Outcome("not_applied")

    def pull_orders(self, since: str, page_token: str | None) -> OrdersPage:
        page = int(page_token or 1)
        reply = self.call("GET", f"{API}/orders", bucket="rest", params={
            "modified_after": since, "orderby": "modified", "order": "asc", "per_page": 50, "page": page,
            "dates_are_gmt": "true"})
        orders = []
        for raw in reply.data or []:
            lines = tuple(RemoteLine(str(li["id"]), str(li.get("sku") or ""), int(li.get("quantity") or 0),
                                     from_wire(li.get("price", "0")))
                          for li in raw.get("line_items", []) if li.get("quantity"))
            billing = raw.get("billing") or {}
            orders.append(RemoteOrder(str(raw["id"]), iso_z(raw["date_modified_gmt"]),
                                      STATUS.get(raw.get("status", ""), "unknown"), lines,
                                      customer_name=f"{billing.get('first_name', '')} {billing.get('last_name', '')}"
                                      .strip(), raw=raw))
        total = int(reply.header("x-wp-totalpages") or 1)
        return OrdersPage(tuple(orders), str(page + 1) if page < total else None)
