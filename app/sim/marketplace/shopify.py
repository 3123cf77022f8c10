"""Shopify Admin GraphQL in the simulator: inventory, products, fulfilment and orders."""

from __future__ import annotations

import re
from typing import Any

from app.sim.marketplace.core import SimOrder, Simulator
from app.sim.marketplace.http import Handler, Request, Response, paise, rupees

__all__ = ["IDEMPOTENT", "SHOPIFY_FULFILMENT", "SHOPIFY_OPS", "GraphQLError", "Shopify"]

SHOPIFY_FULFILMENT = {"pending": "UNFULFILLED", "accepted": "UNFULFILLED", "packed": "IN_PROGRESS",
                      "shipped": "FULFILLED", "delivered": "FULFILLED", "cancelled": "UNFULFILLED"}
SHOPIFY_OPS = ("inventorySetQuantities", "inventoryAdjustQuantities", "productSet", "fulfillmentCreate",
               "fulfillmentTrackingInfoUpdate", "refundCreate", "orderCancel", "inventoryItems", "orders", "order")
IDEMPOTENT = {"inventorySetQuantities", "inventoryAdjustQuantities", "fulfillmentCreate", "orderCancel",
              "refundCreate"}


class Shopify:
    market = "shopify"

    def __init__(self, sim: Simulator) -> None:
        self.sim = sim
        self.fulfillments: dict[str, list[str]] = {}  # order id -> its fulfillments' ids
        self.fulfillment_tracking: dict[str, str] = {}  # fulfillment id -> its tracking number (a part's own)

    def route(self, req: Request) -> tuple[str, Handler] | None:
        if not re.fullmatch(r"/admin/api/[0-9-]+/graphql\.json", req.path) or req.method != "POST":
            return None
        query = str((req.body or {}).get("query", ""))
        for name in SHOPIFY_OPS:
            if re.search(rf"\b{name}\s*\(", query):
                return name, lambda r, n=name: self.handle(r, n)
        return "graphql", lambda r: Response(200, {"errors": [{"message": "unsupported query"}]})

    def guard(self, req: Request, op: str) -> Response | None:
        if req.headers.get("x-shopify-access-token") != self.sim.credentials["shopify"]:
            return Response(401, {"errors": "[API] Invalid API key or access token (unrecognized login or wrong "
                                            "password)"})
        cost = 10.0 if op in IDEMPOTENT or op == "productSet" else 5.0
        if op == "inventorySetQuantities":
            cost += len(((req.body or {}).get("variables") or {}).get("input", {}).get("quantities", []))
        if not self.sim.allow("shopify.graphql", 100, 2000, cost):
            bucket = self.sim.buckets.get("shopify.graphql")
            return Response(200, {"errors": [{"message": "Throttled", "extensions": {"code": "THROTTLED"}}],
                                  "extensions": {"cost": {"requestedQueryCost": cost, "throttleStatus": {
                                      "maximumAvailable": 2000.0, "restoreRate": 100.0,
                                      "currentlyAvailable": round(bucket.tokens if bucket else 0, 1)}}}})
        return None

    def handle(self, req: Request, op: str) -> Response:
        body = req.body or {}
        variables = body.get("variables") or {}
        query = str(body.get("query", ""))
        if op in IDEMPOTENT:
            if "@idempotent" not in query or not variables.get("idempotencyKey"):
                return Response(200, {"errors": [{"message": f"{op} requires the @idempotent directive",
                                                  "extensions": {"code": "BAD_REQUEST"}}]})
            key = variables["idempotencyKey"]
            params = {k: v for k, v in variables.items() if k != "idempotencyKey"}
            result, _replayed = self.sim.idempotent("shopify", key, params, lambda: self.apply(op, variables))
            if result == ("mismatch", None):
                return Response(200, {"errors": [{"message": "Key already used with other parameters",
                                                  "extensions": {"code": "IDEMPOTENCY_CONFLICT"}}]})
            return Response(200, {"data": {op: result}})
        if op in ("productSet", "fulfillmentTrackingInfoUpdate"):
            return Response(200, {"data": {op: self.apply(op, variables)}})
        return Response(200, {"data": self.read(op, variables)})

    def apply(self, op: str, v: dict[str, Any]) -> dict[str, Any]:
        sim = self.sim
        if op == "inventorySetQuantities":
            quantities = (v.get("input") or {}).get("quantities") or []
            with sim.lock:
                errors = []
                for i, q in enumerate(quantities):
                    sku = q["inventoryItemId"].rsplit("/", 1)[-1]
                    listing = sim.listing("shopify", sku)
                    if q.get("changeFromQuantity") is None:
                        errors.append({"code": "INVALID_CHANGE_FROM_QUANTITY", "field": ["input", "quantities", str(i)],
                                       "message": "changeFromQuantity is required"})
                    elif int(q["changeFromQuantity"]) != listing.quantity:
                        errors.append({"code": "CHANGE_FROM_QUANTITY_STALE", "field": ["input", "quantities", str(i)],
                                       "message": "The quantity changed since it was read"})
                if errors:
                    return {"inventoryAdjustmentGroup": None, "userErrors": errors}
                for q in quantities:
                    sku = q["inventoryItemId"].rsplit("/", 1)[-1]
                    sim.listing("shopify", sku).quantity = int(q["quantity"])
                    sim.record("shopify", "inventorySetQuantities", sku)
            return {"inventoryAdjustmentGroup": {"id": sim.next_id("gid://shopify/InventoryAdjustmentGroup/")},
                    "userErrors": []}
        if op == "inventoryAdjustQuantities":
            for change in (v.get("input") or {}).get("changes") or []:
                sku = change["inventoryItemId"].rsplit("/", 1)[-1]
                with sim.lock:
                    sim.listing("shopify", sku).quantity += int(change["delta"])
                sim.record("shopify", "inventoryAdjustQuantities", sku)
            return {"inventoryAdjustmentGroup": {"id": sim.next_id("gid://shopify/InventoryAdjustmentGroup/")},
                    "userErrors": []}
        if op == "productSet":
            product = v.get("input") or {}
            for variant in product.get("variants") or []:
                values: dict[str, Any] = {}
                if "price" in variant:
                    values["price_paise"] = paise(variant["price"])
                if variant.get("compareAtPrice"):
                    values["mrp_paise"] = paise(variant["compareAtPrice"])
                if product.get("title"):
                    values["title"] = product["title"]
                sim.ensure_listing("shopify", variant["sku"], **values)
                sim.record("shopify", "productSet", variant["sku"])
            return {"product": {"id": f"gid://shopify/Product/{product.get('handle', '')}"}, "userErrors": []}
        if op == "fulfillmentCreate":
            oid = v["fulfillment"]["lineItemsByFulfillmentOrder"][0]["fulfillmentOrderId"]
            order = sim.orders["shopify"].get(oid)
            if order is None or order.status == "cancelled":
                return {"fulfillment": None, "userErrors": [{"field": ["fulfillment"],
                                                              "message": "not found" if order is None else
                                                              "The order was cancelled by the buyer"}]}
            group = v["fulfillment"]["lineItemsByFulfillmentOrder"][0]
            chosen = group.get("fulfillmentOrderLineItems")  # some units only: a partial fulfillment
            if chosen:
                sim.ship_units("shopify", oid, {str(i["id"]).rsplit("/", 1)[-1]: int(i["quantity"]) for i in chosen})
            elif order.status not in ("shipped", "delivered"):
                sim.ship_units("shopify", oid, {str(line["line_id"]): line["qty"] for line in order.lines})
            order.tracking = str((v["fulfillment"].get("trackingInfo") or {}).get("number") or order.tracking)
            sim.record("shopify", "fulfillmentCreate", oid)
            fid = sim.next_id("gid://shopify/Fulfillment/")
            self.fulfillments.setdefault(oid, []).append(fid)
            self.fulfillment_tracking[fid] = str((v["fulfillment"].get("trackingInfo") or {}).get("number") or "")
            return {"fulfillment": {"id": fid, "status": "SUCCESS"}, "userErrors": []}
        if op == "fulfillmentTrackingInfoUpdate":  # a new carrier and tracking number for a fulfillment
            fid = v.get("fulfillmentId", "")
            oid = next((o for o, ids in self.fulfillments.items() if fid in ids), "")
            order = sim.orders["shopify"].get(oid)
            if order is None:
                return {"fulfillment": None, "userErrors": [{"field": ["fulfillmentId"], "message": "not found"}]}
            info = v.get("trackingInfoInput") or {}
            order.tracking = str(info.get("number") or order.tracking)
            self.fulfillment_tracking[fid] = order.tracking
            sim.record("shopify", "fulfillmentTrackingInfoUpdate", oid)
            return {"fulfillment": {"id": fid, "status": "SUCCESS", "trackingInfo": [
                {"company": info.get("company") or "", "number": order.tracking}]}, "userErrors": []}
        if op == "refundCreate":  # unfulfilled units cancelled and refunded (restockType CANCEL)
            given = v.get("input") or {}
            oid = given.get("orderId", "")
            if oid not in sim.orders["shopify"]:
                return {"refund": None, "userErrors": [{"field": ["orderId"], "message": "not found"}]}
            sim.cancel_units("shopify", oid, {str(i["lineItemId"]).rsplit("/", 1)[-1]: int(i["quantity"])
                                              for i in given.get("refundLineItems") or []})
            sim.record("shopify", "refundCreate", oid)
            return {"refund": {"id": sim.next_id("gid://shopify/Refund/")}, "userErrors": []}
        if op == "orderCancel":
            oid = v["orderId"]
            if oid not in sim.orders["shopify"]:
                return {"job": None, "orderCancelUserErrors": [{"code": "NOT_FOUND", "message": "not found"}]}
            sim.set_order_status("shopify", oid, "cancelled")
            sim.record("shopify", "orderCancel", oid)
            return {"job": {"id": sim.next_id("gid://shopify/Job/")}, "orderCancelUserErrors": []}
        raise ValueError(op)

    def order_json(self, o: SimOrder) -> dict[str, Any]:
        return {"id": o.id, "name": f"#{o.id.rsplit('/', 1)[-1]}", "updatedAt": o.updated_at,
                "cancelledAt": o.updated_at if o.status == "cancelled" else None,
                "displayFulfillmentStatus": SHOPIFY_FULFILMENT[o.status],
                "shippingAddress": {"provinceCode": "MH", "name": "Buyer"},
                "lineItems": {"nodes": [{"id": f"gid://shopify/LineItem/{line['line_id']}", "sku": line["sku"],
                                         "quantity": line["qty"], "originalUnitPriceSet": {
                                             "shopMoney": {"amount": rupees(line["price_paise"])}}}
                                        for line in o.lines]}}

    def read(self, op: str, v: dict[str, Any]) -> dict[str, Any]:
        sim = self.sim
        if op == "inventoryItems":
            skus = re.findall(r"sku:'([^']*)'", v.get("query", ""))
            nodes = []
            for sku in skus:
                listing = sim.listings["shopify"].get(sku)
                if listing is not None:
                    nodes.append({"id": f"gid://shopify/InventoryItem/{sku}", "sku": sku, "inventoryLevel": {
                        "quantities": [{"name": "available", "quantity": listing.quantity}]}})
            return {"inventoryItems": {"nodes": nodes}}
        if op == "order":
            o = sim.orders["shopify"].get(v.get("id", ""))
            return {"order": None if o is None else {"id": o.id, "updatedAt": o.updated_at,
                                                     "displayFulfillmentStatus": SHOPIFY_FULFILMENT[o.status],
                                                     "cancelledAt": o.updated_at if o.status == "cancelled" else None,
                                                     "fulfillments": [{"id": f, "trackingInfo": [
                                                         {"number": self.fulfillment_tracking.get(f) or o.tracking}]}
                                                                      for f in self.fulfillments.get(o.id, [])]}}
        if op == "orders":
            after = v.get("after")
            if after:
                state = sim.page_state(after)
                if state is None:
                    raise GraphQLError("Invalid cursor: expired")
                since, offset = state["since"], state["offset"]
            else:
                m = re.search(r"updated_at:>='([^']+)'", v.get("query", ""))
                since, offset = (m.group(1) if m else "1970-01-01T00:00:00.000Z"), 0
            found = sim.orders_since("shopify", since)
            page = found[offset:offset + 50]
            more = offset + 50 < len(found)
            end = sim.new_page_token({"since": since, "offset": offset + 50}) if more else None
            return {"orders": {"edges": [{"cursor": "", "node": self.order_json(o)} for o in page],
                               "pageInfo": {"hasNextPage": more, "endCursor": end}}}
        raise ValueError(op)


class GraphQLError(Exception):
    pass
