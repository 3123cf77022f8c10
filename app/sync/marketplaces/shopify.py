"""Shopify Admin GraphQL API (pinned version ``2026-01``; ``@idempotent`` and ``changeFromQuantity``
are used everywhere they exist, as 2026-04 makes them mandatory).

Operations covered:

| outbox op | mutation / query | notes |
|---|---|---|
| ``listing.quantity`` | ``inventorySetQuantities`` (batched, up to 100) | compare-and-set (``changeFromQuantity``) |
| ``listing.price`` / ``listing.content`` | ``productSet`` (by handle = SKU) | state, synchronous |
| ``order.ship`` | ``fulfillmentCreate`` with ``@idempotent`` | command; the key is the outbox row's |
| ``order.cancel`` | ``orderCancel`` with ``@idempotent`` | command |
| ``inventory.adjust`` | ``inventoryAdjustQuantities`` with ``@idempotent`` | command (a stock delta) |
| pull | ``orders(query: "updated_at:>=...", sortKey: UPDATED_AT)`` with cursors | inbound |

On ``CHANGE_FROM_QUANTITY_STALE`` (a remote sale since our last set) the worker pulls orders,
recomputes and sends again with the quantity Shopify now has as the baseline.
Throttling arrives in the body (``errors[].extensions.code = THROTTLED`` with ``throttleStatus``), so
the body is checked as well as the status. A 401 (revoked app) pauses the channel.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any, ClassVar

from app.domain.money import from_wire, to_wire
from app.i18n import _
from app.sync.errors import Rejected, Throttled
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
from app.sync.transport import Reply

API_VERSION = "2026-01"

SET_QUANTITIES = """mutation SetQuantities($input: InventorySetQuantitiesInput!, $idempotencyKey: String!) {
  inventorySetQuantities(input: $input) @idempotent(key: $idempotencyKey) {
    inventoryAdjustmentGroup { id }
    userErrors { code field message }
  }
}"""
ADJUST_QUANTITIES = """mutation Adjust($input: InventoryAdjustQuantitiesInput!, $idempotencyKey: String!) {
  inventoryAdjustQuantities(input: $input) @idempotent(key: $idempotencyKey) {
    inventoryAdjustmentGroup { id }
    userErrors { code field message }
  }
}"""
PRODUCT_SET = """mutation ProductSet($input: ProductSetInput!, $identifier: ProductSetIdentifiers) {
  productSet(input: $input, identifier: $identifier, synchronous: true) {
    product { id }
    userErrors { code field message }
  }
}"""
FULFILLMENT_CREATE = """mutation Ship($fulfillment: FulfillmentInput!, $idempotencyKey: String!) {
  fulfillmentCreate(fulfillment: $fulfillment) @idempotent(key: $idempotencyKey) {
    fulfillment { id status }
    userErrors { field message }
  }
}"""
REFUND_CREATE = """mutation Rest($input: RefundInput!, $idempotencyKey: String!) {
  refundCreate(input: $input) @idempotent(key: $idempotencyKey) {
    refund { id }
    userErrors { field message }
  }
}"""
ORDER_CANCEL = """mutation Cancel($orderId: ID!, $reason: OrderCancelReason!, $idempotencyKey: String!) {
  orderCancel(orderId: $orderId, reason: $reason, refund: false, restock: true, notifyCustomer: true)
    @idempotent(key: $idempotencyKey) {
    job { id }
    orderCancelUserErrors { code field message }
  }
}"""
INVENTORY_LOOKUP = """query Levels($query: String!, $locationId: ID!) {
  inventoryItems(first: 100, query: $query) {
    nodes { id sku inventoryLevel(locationId: $locationId) { quantities(names: ["available"]) { name quantity } } }
  }
}"""
FULFILLMENTS = """query Order($id: ID!) {
  order(id: $id) { id fulfillments(first: 10) { id trackingInfo { number } } }
}"""
TRACKING_UPDATE = """mutation Track($fulfillmentId: ID!, $trackingInfoInput: FulfillmentTrackingInput!) {
  fulfillmentTrackingInfoUpdate(fulfillmentId: $fulfillmentId, trackingInfoInput: $trackingInfoInput,
                                notifyCustomer: true) {
    fulfillment { id trackingInfo { number } }
    userErrors { field message }
  }
}"""
ORDER_LOOKUP = """query Order($id: ID!) {
  order(id: $id) { id displayFulfillmentStatus cancelledAt updatedAt }
}"""
ORDERS = """query Orders($query: String!, $after: String) {
  orders(first: 50, after: $after, query: $query, sortKey: UPDATED_AT) {
    edges { cursor node {
      id name updatedAt cancelledAt displayFulfillmentStatus
      shippingAddress { provinceCode name }
      lineItems(first: 100) { nodes { id sku quantity originalUnitPriceSet { shopMoney { amount } } } }
    } }
    pageInfo { hasNextPage endCursor }
  }
}"""
FULFILMENT = {"UNFULFILLED": "accepted", "IN_PROGRESS": "packed", "PARTIALLY_FULFILLED": "packed",
              "FULFILLED": "shipped", "ON_HOLD": "pending", "SCHEDULED": "pending", "PENDING_FULFILLMENT": "accepted"}
STALE = "CHANGE_FROM_QUANTITY_STALE"


class ShopifyAdapter(Adapter):
    name = "shopify"
    covers: ClassVar[dict[str, str]] = {
        "listing.quantity": "inventorySetQuantities", "listing.price": "productSet", "listing.content": "productSet",
        "order.ship": "fulfillmentCreate", "order.cancel": "orderCancel",
        "order.tracking": "fulfillmentTrackingInfoUpdate", "order.ship_part": "fulfillmentCreate",
        "order.cancel_rest": "refundCreate", "inventory.adjust": "inventoryAdjustQuantities"}
    # Leaky bucket of query cost: Standard plan restores 100 points/s, bucket of 2000 points.
    limits: ClassVar[dict[str, Limit]] = {"graphql": Limit(100, 2000)}
    dedupes_commands = True
    batch_size = 100

    @property
    def location_id(self) -> str:
        return self.account.get("location_id", "gid://shopify/Location/1")

    def auth_headers(self) -> dict[str, str]:
        return {"X-Shopify-Access-Token": self.secret("access_token")}

    def gql(self, query: str, variables: dict[str, Any], cost: float = 10) -> dict[str, Any]:
        reply: Reply = self.call("POST", f"/admin/api/{API_VERSION}/graphql.json", bucket="graphql", cost=cost,
                                 json_body={"query": query, "variables": variables})
        body = reply.data or {}
        errors = body.get("errors") or []
        for error in errors:
            if (error.get("extensions") or {}).get("code") == "THROTTLED":
                status = ((body.get("extensions") or {}).get("cost") or {}).get("throttleStatus") or {}
                restore = float(status.get("restoreRate") or 50)
                missing = max(0.0, cost - float(status.get("currentlyAvailable") or 0))
                raise Throttled(missing / restore if restore else None, detail="THROTTLED")
        if errors:
            raise Rejected(str(errors[0].get("message", "GraphQL error")), code="GRAPHQL")
        return body.get("data") or {}

    # --- quantities: compare-and-set ---------------------------------------------------------------
    def remote_quantities(self, skus: Sequence[str]) -> dict[str, tuple[str, int | None]]:
        """{sku: (inventory item id, available at our location)} as the marketplace has them now."""
        query = " OR ".join(f"sku:'{s}'" for s in skus)
        data = self.gql(INVENTORY_LOOKUP, {"query": query, "locationId": self.location_id}, cost=5)
        found: dict[str, tuple[str, int | None]] = {}
        for node in ((data.get("inventoryItems") or {}).get("nodes") or []):
            level = node.get("inventoryLevel") or {}
            qty = next((q.get("quantity") for q in level.get("quantities", []) if q.get("name") == "available"), None)
            found[str(node.get("sku"))] = (str(node["id"]), qty)
        return found

    def quantity_input(self, changes: Sequence[Change], remote: dict[str, tuple[str, int | None]]) -> dict[str, Any]:
        quantities = []
        for change in changes:
            sku = change.payload.get("remote_sku") or change.payload["sku"]
            item_id, current = remote[sku]
            baseline = change.payload.get("compare_quantity")
            quantities.append({"inventoryItemId": item_id, "locationId": self.location_id,
                               "quantity": int(change.payload["quantity"]),
                               "changeFromQuantity": current if baseline is None else baseline})
        return {"name": "available", "reason": "correction",
                "referenceDocumentUri": f"tavyonix://outbox/{changes[0].row.id}", "quantities": quantities}

    def send(self, changes: Sequence[Change]) -> list[Outcome]:
        if changes and changes[0].op == "listing.quantity":
            return self._send_quantities(changes)
        return [self.send_one(change) for change in changes]

    def _send_quantities(self, changes: Sequence[Change]) -> list[Outcome]:
        skus = [c.payload.get("remote_sku") or c.payload["sku"] for c in changes]
        remote = self.remote_quantities(skus)
        outcomes: dict[int, Outcome] = {}
        todo = []
        for i, sku in enumerate(skus):
            if sku not in remote:
                outcomes[i] = Outcome("failed", message=_("Shopify has no item with the code {sku}.").format(sku=sku))
            else:
                todo.append(i)
        if todo:
            batch = [changes[i] for i in todo]
            quantity_input = self.quantity_input(batch, remote)
            # Keyed by the rows and the content: a true retry (same rows, same values) dedupes; a recomputed
            # quantity gets a new key (a key reused with other parameters is an error), and so does a later
            # row that happens to carry the same values (replaying an old answer would skip the write).
            body = {k: v for k, v in quantity_input.items() if k != "referenceDocumentUri"}
            rows = "|".join(sorted(c.row.idem_key for c in batch))
            key = "qty-" + hashlib.sha256((rows + json.dumps(body, sort_keys=True)).encode()).hexdigest()[:40]
            try:
                data = self.gql(SET_QUANTITIES, {"input": quantity_input, "idempotencyKey": key},
                                cost=10 + len(batch))
            except Rejected as exc:
                return [outcomes.get(i, rejected_outcome(exc)) for i in range(len(changes))]
            result = data.get("inventorySetQuantities") or {}
            errors = result.get("userErrors") or []
            stale = {int(str(e.get("field", ["", "", "-1"])[2])) for e in errors
                     if e.get("code") == STALE and isinstance(e.get("field"), list) and len(e["field"]) > 2}
            other = [e for e in errors if e.get("code") != STALE]
            mine = {int(str(e["field"][2])): e for e in errors
                    if isinstance(e.get("field"), list) and len(e["field"]) > 2 and str(e["field"][2]).isdigit()}
            for n, i in enumerate(todo):
                if not errors:
                    outcomes[i] = Outcome("applied", remote_value=int(changes[i].payload["quantity"]))
                elif n in stale or (not mine and any(e.get("code") == STALE for e in errors)):
                    outcomes[i] = Outcome("stale", message=STALE, remote_value=remote[skus[i]][1])
                elif n in mine:
                    outcomes[i] = Outcome("failed", message=str(mine[n].get("message")))
                elif other and not mine:
                    outcomes[i] = Outcome("failed", message=str(other[0].get("message")))
                else:  # the mutation is all-or-nothing: another item's error means this one was not applied
                    outcomes[i] = Outcome("retry", message="not applied: another item of the batch was refused")
        return [outcomes[i] for i in range(len(changes))]

    # --- everything else --------------------------------------------------------------------------------
    def request_for(self, change: Change) -> tuple[str, dict[str, Any]]:
        payload, op = change.payload, change.op
        sku = payload.get("remote_sku") or payload.get("sku", "")
        if op in ("listing.price", "listing.content"):
            variant: dict[str, Any] = {"sku": sku, "optionValues": [{"optionName": "Title", "name": "Default"}]}
            product: dict[str, Any] = {"handle": sku.lower(), "variants": [variant],
                                       "productOptions": [{"name": "Title", "values": [{"name": "Default"}]}]}
            if op == "listing.price":
                variant["price"] = to_wire(payload["price_paise"])
                if payload.get("mrp_paise"):
                    variant["compareAtPrice"] = to_wire(payload["mrp_paise"])
            else:
                product.update({"title": payload["title"], "vendor": payload.get("brand") or "",
                                "status": "ACTIVE" if payload.get("active", True) else "DRAFT"})
                if payload.get("barcode"):
                    variant["barcode"] = payload["barcode"]
            return PRODUCT_SET, {"input": product, "identifier": {"handle": sku.lower()}}
        if op == "order.ship":
            return FULFILLMENT_CREATE, {"idempotencyKey": change.row.idem_key, "fulfillment": {
                "lineItemsByFulfillmentOrder": [{"fulfillmentOrderId": payload.get("fulfillment_order_id")
                                                 or payload["remote_id"]}],
                "trackingInfo": {"company": payload.get("carrier") or "Other", "number": payload.get("tracking") or ""},
                "notifyCustomer": True}}
        if op == "order.ship_part":  # these line items' units only: a partial fulfillment
            return FULFILLMENT_CREATE, {"idempotencyKey": change.row.idem_key, "fulfillment": {
                "lineItemsByFulfillmentOrder": [{
                    "fulfillmentOrderId": payload.get("fulfillment_order_id") or payload["remote_id"],
                    "fulfillmentOrderLineItems": [{"id": line["remote_line_id"], "quantity": int(line["qty"])}
                                                  for line in payload["lines"]]}],
                "trackingInfo": {"company": payload.get("carrier") or "Other", "number": payload.get("tracking") or ""},
                "notifyCustomer": True}}
        if op == "order.cancel_rest":  # the units not fulfilled: cancelled and refunded to the buyer
            return REFUND_CREATE, {"idempotencyKey": change.row.idem_key, "input": {
                "orderId": payload["remote_id"], "notify": True,
                "refundLineItems": [{"lineItemId": line["remote_line_id"], "quantity": int(line["qty"]),
                                     "restockType": "CANCEL"} for line in payload["lines"]]}}
        if op == "order.cancel":
            return ORDER_CANCEL, {"orderId": payload["remote_id"], "reason": payload.get("reason", "INVENTORY"),
                                  "idempotencyKey": change.row.idem_key}
        if op == "inventory.adjust":
            return ADJUST_QUANTITIES, {"idempotencyKey": change.row.idem_key, "input": {
                "name": "available", "reason": "correction",
                "changes": [{"inventoryItemId": payload["inventory_item_id"], "locationId": self.location_id,
                             "delta": int(payload["delta"]), "changeFromQuantity": payload.get("compare_quantity")}]}}
        raise ValueError(op)

    def send_tracking(self, change: Change) -> Outcome:
        """A new carrier and tracking number for the order's fulfillment (its parcel was booked again)."""
        try:
            found = self.gql(FULFILLMENTS, {"id": change.payload["remote_id"]}, cost=2)
            fulfillments = (found.get("order") or {}).get("fulfillments") or []
            if not fulfillments:
                return Outcome("retry", message="the order has no fulfillment at Shopify yet")
            # a part's parcel booked again: the fulfillment that carries the tracking number it replaces
            replaces = change.payload.get("replaces")
            chosen = next((f for f in fulfillments if replaces and any(
                str(t.get("number")) == replaces for t in f.get("trackingInfo") or [])), fulfillments[-1])
            data = self.gql(TRACKING_UPDATE, {"fulfillmentId": chosen["id"], "trackingInfoInput": {
                "company": change.payload.get("carrier") or "Other", "number": change.payload["tracking"]}})
        except Rejected as exc:
            return rejected_outcome(exc)
        result = data.get("fulfillmentTrackingInfoUpdate") or {}
        if result.get("userErrors"):
            return Outcome("failed", message=str(result["userErrors"][0].get("message")))
        return Outcome("applied")

    def send_one(self, change: Change) -> Outcome:
        if change.op == "order.tracking":
            return self.send_tracking(change)
        query, variables = self.request_for(change)
        try:
            data = self.gql(query, variables)
        except Rejected as exc:
            return rejected_outcome(exc)
        result = next(iter(data.values()), None) or {}
        errors = result.get("userErrors") or result.get("orderCancelUserErrors") or []
        if errors:
            return Outcome("failed", message=str(errors[0].get("message")))
        return Outcome("applied", remote_ref=str(((result.get("product") or result.get("fulfillment") or {})
                                                  .get("id")) or "") or None)

    def read_back(self, change: Change) -> Outcome:
        if change.op not in ("order.ship", "order.cancel"):
            return Outcome("not_applied")
        data = self.gql(ORDER_LOOKUP, {"id": change.payload["remote_id"]}, cost=2)
        order = data.get("order") or {}
        if change.op == "order.ship":
            return Outcome("applied" if order.get("displayFulfillmentStatus") == "FULFILLED" else "not_applied")
        return Outcome("applied" if order.get("cancelledAt") else "not_applied")

    def pull_orders(self, since: str, page_token: str | None) -> OrdersPage:
        try:
            data = self.gql(ORDERS, {"query": f"updated_at:>='{since}'", "after": page_token}, cost=20)
        except Rejected as exc:
            if page_token and "cursor" in exc.reason.lower():
                return OrdersPage((), None, token_expired=True)
            raise
        conn = data.get("orders") or {}
        orders = []
        for edge in conn.get("edges") or []:
            node = edge["node"]
            status = "cancelled" if node.get("cancelledAt") else FULFILMENT.get(
                node.get("displayFulfillmentStatus") or "", "unknown")
            lines = tuple(RemoteLine(str(li["id"]), str(li.get("sku") or ""), int(li.get("quantity") or 0),
                                     from_wire(((li.get("originalUnitPriceSet") or {}).get("shopMoney") or {})
                                                .get("amount", "0")))
                          for li in ((node.get("lineItems") or {}).get("nodes") or []) if li.get("quantity"))
            orders.append(RemoteOrder(str(node["id"]), iso_z(node["updatedAt"]), status, lines,
                                      customer_name=(node.get("shippingAddress") or {}).get("name") or "", raw=node))
        info = conn.get("pageInfo") or {}
        return OrdersPage(tuple(orders), info.get("endCursor") if info.get("hasNextPage") else None)
