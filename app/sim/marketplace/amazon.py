"""Amazon SP-API in the simulator: listings, orders and shipment confirmation, with its rate limits."""

from __future__ import annotations

import re
import secrets
from typing import Any
from urllib.parse import unquote

from app.sim.marketplace.core import SimOrder, Simulator, iso, parse_iso
from app.sim.marketplace.http import Handler, Request, Response, rupees

__all__ = ["AMAZON_LIMITS", "AMAZON_STATUS", "Amazon", "amazon_error"]

AMAZON_STATUS = {"pending": "Unshipped", "accepted": "Unshipped", "packed": "PartiallyShipped", "shipped": "Shipped",
                 "delivered": "Shipped", "cancelled": "Canceled"}
AMAZON_LIMITS = {"patchListingsItem": (5, 10), "getListingsItem": (5, 10), "getOrders": (0.0167, 20),
                 "getOrder": (0.5, 30), "getOrderItems": (0.5, 30), "confirmShipment": (2, 10), "token": (1, 5)}




def amazon_error(status: int, code: str, message: str) -> Response:
    return Response(status, {"errors": [{"code": code, "message": message}]})


class Amazon:
    market = "amazon"

    def __init__(self, sim: Simulator) -> None:
        self.sim = sim

    def route(self, req: Request) -> tuple[str, Handler] | None:
        p = req.path
        if p == "/auth/o2/token" and req.method == "POST":
            return "token", self.token
        m = re.fullmatch(r"/listings/2021-08-01/items/([^/]+)/([^/]+)", p)
        if m and req.method in ("PATCH", "GET"):
            sku = unquote(m.group(2))
            return (("patchListingsItem", lambda r: self.patch(r, sku)) if req.method == "PATCH"
                    else ("getListingsItem", lambda r: self.get_listing(r, sku)))
        if p == "/orders/v0/orders" and req.method == "GET":
            return "getOrders", self.get_orders
        m = re.fullmatch(r"/orders/v0/orders/([^/]+)(/orderItems|/shipmentConfirmation)?", p)
        if m:
            oid, tail = unquote(m.group(1)), m.group(2)
            if tail == "/orderItems":
                return "getOrderItems", lambda r: self.get_items(r, oid)
            if tail == "/shipmentConfirmation" and req.method == "POST":
                return "confirmShipment", lambda r: self.confirm(r, oid)
            if tail is None:
                return "getOrder", lambda r: self.get_order(r, oid)
        return None

    def guard(self, req: Request, op: str) -> Response | None:
        if op != "token":
            token = req.headers.get("x-amz-access-token", "")
            expiry = self.sim.tokens.get(token)
            if expiry is None or expiry < self.sim.now():
                return amazon_error(403, "Unauthorized", "Access to requested resource is denied.")
        rate, burst = AMAZON_LIMITS[op]
        if not self.sim.allow(f"amazon.{op}", rate, burst):
            return amazon_error(429, "QuotaExceeded", "You exceeded your quota for the requested resource.")
        return None

    def headers(self, op: str) -> dict[str, str]:
        return {"x-amzn-RateLimit-Limit": str(AMAZON_LIMITS[op][0]), "x-amzn-RequestId": secrets.token_hex(8)}

    def token(self, req: Request) -> Response:
        body = req.body or {}
        if body.get("refresh_token") not in self.sim.refresh_tokens:
            return Response(400, {"error": "invalid_grant", "error_description": "The refresh token is invalid"})
        token = "Atza|" + secrets.token_hex(12)
        with self.sim.lock:
            self.sim.tokens[token] = self.sim.now() + self.sim.token_ttl_s
        return Response(200, {"access_token": token, "token_type": "bearer", "expires_in": int(self.sim.token_ttl_s)})

    def patch(self, req: Request, sku: str) -> Response:
        body = req.body or {}
        patches = body.get("patches")
        if not body.get("productType") or not isinstance(patches, list) or not patches:
            return amazon_error(400, "InvalidInput", "productType and patches are required")
        attributes = {}
        for patch in patches:
            if patch.get("op") not in ("add", "replace", "merge", "delete") or not str(patch.get("path", "")) \
                    .startswith("/attributes/"):
                return amazon_error(400, "InvalidInput", "bad patch")
            attributes[patch["path"].split("/")[2]] = patch.get("value")
        submission = secrets.token_hex(16)
        invalid = getattr(req, "invalid", False)
        with self.sim.lock:
            self.sim.pending.append((self.sim.now() + self.sim.async_delay_s, submission, sku, attributes, invalid))
        self.sim.record("amazon", "patchListingsItem", sku)
        return Response(200, {"sku": sku, "status": "ACCEPTED", "submissionId": submission, "issues": []},
                        self.headers("patchListingsItem"))

    def get_listing(self, req: Request, sku: str) -> Response:
        self.sim.settle_submissions()
        listing = self.sim.listings["amazon"].get(sku)
        if listing is None:
            return amazon_error(404, "NOT_FOUND", f"SKU '{sku}' not found")
        attrs = {"fulfillment_availability": [{"fulfillment_channel_code": "DEFAULT", "quantity": listing.quantity}],
                 "purchasable_offer": [{"currency": "INR", "our_price": [{"schedule": [
                     {"value_with_tax": float(rupees(listing.price_paise))}]}]}],
                 "item_name": [{"value": listing.title, "language_tag": "en_IN"}]}
        return Response(200, {"sku": sku, "summaries": [], "attributes": attrs, "issues": list(listing.issues)},
                        self.headers("getListingsItem"))

    def order_json(self, o: SimOrder, version: dict[str, Any] | None = None) -> dict[str, Any]:
        status = (version or {}).get("status", o.status)
        updated = (version or {}).get("updated_at", o.updated_at)
        return {"AmazonOrderId": o.id, "PurchaseDate": o.created_at, "LastUpdateDate": updated,
                "LatestShipDate": iso(parse_iso(o.created_at) + 2 * 86400),  # SP-API: the seller's dispatch deadline
                "OrderStatus": AMAZON_STATUS[status], "FulfillmentChannel": "MFN", "MarketplaceId": "A21TJRUUN4KGV",
                "ShippingAddress": {"StateOrRegion": "Maharashtra", "CountryCode": "IN"}
                | ({"PostalCode": o.pin} if o.pin else {}),
                "BuyerInfo": {"BuyerName": "Buyer"},
                "OrderTotal": {"CurrencyCode": "INR",
                               "Amount": rupees(sum(line["price_paise"] * line["qty"] for line in o.lines))}}

    def get_orders(self, req: Request) -> Response:
        token = req.q("NextToken")
        if token:
            state = self.sim.page_state(token)
            if state is None:
                return amazon_error(400, "InvalidInput", "Invalid NextToken: expired or unknown")
            since, offset = state["since"], state["offset"]
        else:
            since = req.q("LastUpdatedAfter") or req.q("CreatedAfter")
            if not since:
                return amazon_error(400, "InvalidInput", "Either CreatedAfter or LastUpdatedAfter is required")
            offset = 0
        size = int(req.q("MaxResultsPerPage", "100") or 100)
        found = self.sim.orders_since("amazon", since)
        page = found[offset:offset + size]
        orders = [self.order_json(o) for o in page]
        if getattr(req, "replay_old", False):  # out-of-order and duplicate updates
            for o in page:
                if len(o.versions) > 1:
                    orders.append(self.order_json(o, o.versions[0]))
                orders.append(self.order_json(o))
        payload: dict[str, Any] = {"Orders": orders, "LastUpdatedBefore": iso(self.sim.now())}
        if offset + size < len(found):
            payload["NextToken"] = self.sim.new_page_token({"since": since, "offset": offset + size})
        return Response(200, {"payload": payload}, self.headers("getOrders"))

    def get_items(self, req: Request, oid: str) -> Response:
        o = self.sim.orders["amazon"].get(oid)
        if o is None:
            return amazon_error(404, "NotFound", "Order not found")
        items = [{"ASIN": "B0" + line["sku"][:8].upper().ljust(8, "X"), "SellerSKU": line["sku"],
                  "OrderItemId": line["line_id"], "QuantityOrdered": line["qty"],
                  "ItemPrice": {"CurrencyCode": "INR", "Amount": rupees(line["price_paise"] * line["qty"])}}
                 for line in o.lines]
        return Response(200, {"payload": {"AmazonOrderId": oid, "OrderItems": items}}, self.headers("getOrderItems"))

    def get_order(self, req: Request, oid: str) -> Response:
        o = self.sim.orders["amazon"].get(oid)
        if o is None:
            return amazon_error(404, "NotFound", "Order not found")
        return Response(200, {"payload": self.order_json(o)}, self.headers("getOrder"))

    def confirm(self, req: Request, oid: str) -> Response:
        o = self.sim.orders["amazon"].get(oid)
        body = req.body or {}
        detail = body.get("packageDetail") or {}
        if o is None:
            return amazon_error(404, "NotFound", "Order not found")
        if not body.get("marketplaceId") or not detail.get("orderItems") or not detail.get("trackingNumber"):
            return amazon_error(400, "InvalidInput", "marketplaceId and packageDetail are required")
        if o.status == "cancelled":
            return amazon_error(400, "InvalidInput", "The order is cancelled")
        # Not idempotent on purpose (SP-API documents no idempotency): a second call is recorded again. A
        # package with some of the items (or fewer units) leaves the order PartiallyShipped.
        self.sim.ship_units("amazon", oid, {str(i.get("orderItemId")): int(i.get("quantity") or 0)
                                            for i in detail.get("orderItems") or []})
        o.tracking = str(detail.get("trackingNumber"))
        self.sim.record("amazon", "confirmShipment", oid)
        return Response(204, None, self.headers("confirmShipment"))
