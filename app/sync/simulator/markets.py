"""Each marketplace's endpoints in the simulator: ``route(request)`` names the operation (faults and
rate buckets are per operation) and returns the function that applies it."""

from __future__ import annotations

import base64
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from app.domain.money import from_wire as paise
from app.domain.money import to_wire as rupees
from app.sync.simulator.core import SimOrder, Simulator, iso

AMAZON_STATUS = {"pending": "Unshipped", "accepted": "Unshipped", "packed": "PartiallyShipped", "shipped": "Shipped",
                 "delivered": "Shipped", "cancelled": "Canceled"}
SHOPIFY_FULFILMENT = {"pending": "UNFULFILLED", "accepted": "UNFULFILLED", "packed": "IN_PROGRESS",
                      "shipped": "FULFILLED", "delivered": "FULFILLED", "cancelled": "UNFULFILLED"}
WOO_STATUS = {"pending": "pending", "accepted": "processing", "packed": "processing", "shipped": "completed",
              "delivered": "completed", "cancelled": "cancelled"}
ONDC_STATE = {"pending": "Created", "accepted": "Accepted", "packed": "Packed", "shipped": "Order-picked-up",
              "delivered": "Completed", "cancelled": "Cancelled"}
AMAZON_LIMITS = {"patchListingsItem": (5, 10), "getListingsItem": (5, 10), "getOrders": (0.0167, 20),
                 "getOrder": (0.5, 30), "getOrderItems": (0.5, 30), "confirmShipment": (2, 10), "token": (1, 5)}


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: Any

    def q(self, name: str, default: str | None = None) -> str | None:
        values = self.query.get(name)
        return values[0] if values else default


@dataclass
class Response:
    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


Handler = Callable[[Request], Response]


def amazon_error(status: int, code: str, message: str) -> Response:
    return Response(status, {"errors": [{"code": code, "message": message}]})


# --- Amazon SP-API ---------------------------------------------------------------------------------------
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
                "OrderStatus": AMAZON_STATUS[status], "FulfillmentChannel": "MFN", "MarketplaceId": "A21TJRUUN4KGV",
                "ShippingAddress": {"StateOrRegion": "Maharashtra", "CountryCode": "IN"},
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
        # Not idempotent on purpose (SP-API documents no idempotency): a second call is recorded again.
        if o.status not in ("shipped", "delivered"):
            self.sim.set_order_status("amazon", oid, "shipped")
        o.tracking = str(detail.get("trackingNumber"))
        self.sim.record("amazon", "confirmShipment", oid)
        return Response(204, None, self.headers("confirmShipment"))


# --- Shopify Admin GraphQL ---------------------------------------------------------------------------------
SHOPIFY_OPS = ("inventorySetQuantities", "inventoryAdjustQuantities", "productSet", "fulfillmentCreate",
               "orderCancel", "inventoryItems", "orders", "order")
IDEMPOTENT = {"inventorySetQuantities", "inventoryAdjustQuantities", "fulfillmentCreate", "orderCancel"}


class Shopify:
    market = "shopify"

    def __init__(self, sim: Simulator) -> None:
        self.sim = sim

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
        if op == "productSet":
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
            if order.status not in ("shipped", "delivered"):
                sim.set_order_status("shopify", oid, "shipped")
            sim.record("shopify", "fulfillmentCreate", oid)
            return {"fulfillment": {"id": sim.next_id("gid://shopify/Fulfillment/"), "status": "SUCCESS"},
                    "userErrors": []}
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
                                                     "cancelledAt": o.updated_at if o.status == "cancelled" else None}}
        if op == "orders":
            after = v.get("after")
            if after:
                state = sim.page_state(after)
                if state is None:
                    raise _GraphQLError("Invalid cursor: expired")
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


class _GraphQLError(Exception):
    pass


# --- WooCommerce REST v3 -----------------------------------------------------------------------------------
class Woo:
    market = "woocommerce"

    def __init__(self, sim: Simulator) -> None:
        self.sim = sim

    def route(self, req: Request) -> tuple[str, Handler] | None:
        p = req.path.removeprefix("/wp-json/wc/v3")
        if p == req.path:
            return None
        if p == "/products" and req.method == "GET":
            return "products_get", self.find_products
        if p == "/products/batch" and req.method == "POST":
            return "products_batch", self.batch
        if p == "/orders" and req.method == "GET":
            return "orders_list", self.list_orders
        m = re.fullmatch(r"/orders/(\d+)", p)
        if m:
            return (("order_update", lambda r: self.update_order(r, m.group(1))) if req.method == "PUT"
                    else ("order_get", lambda r: self.get_order(r, m.group(1))))
        return None

    def guard(self, req: Request, op: str) -> Response | None:
        key, secret = self.sim.credentials["woocommerce"]
        expected = "Basic " + base64.b64encode(f"{key}:{secret}".encode()).decode()
        if req.headers.get("authorization") != expected:
            return Response(401, {"code": "woocommerce_rest_cannot_view", "message": "Sorry, you cannot do that."})
        if not self.sim.allow("woocommerce", 10, 20):
            return Response(429, {"code": "too_many_requests", "message": "Too many requests"}, {"Retry-After": "1"})
        return None

    def find_products(self, req: Request) -> Response:
        sku = req.q("sku", "")
        listing = self.sim.listings["woocommerce"].get(sku or "")
        return Response(200, [] if listing is None else [{"id": listing.product_id, "sku": sku}])

    def batch(self, req: Request) -> Response:
        by_id = {v.product_id: v for v in self.sim.listings["woocommerce"].values()}
        results = []
        for item in (req.body or {}).get("update", [])[:100]:
            listing = by_id.get(int(item.get("id", 0)))
            if listing is None:
                results.append({"id": 0, "error": {"code": "woocommerce_rest_product_invalid_id",
                                                   "message": "Invalid ID.", "data": {"status": 400}}})
                continue
            with self.sim.lock:
                if "regular_price" in item:
                    listing.price_paise = paise(item["regular_price"])
                if "stock_quantity" in item:
                    listing.quantity = int(item["stock_quantity"])
                if "name" in item:
                    listing.title = item["name"]
            self.sim.record("woocommerce", "product_update", listing.sku)
            results.append({"id": listing.product_id, "sku": listing.sku})
        return Response(200, {"update": results})

    def order_json(self, o: SimOrder) -> dict[str, Any]:
        return {"id": int(o.id), "status": WOO_STATUS[o.status], "date_modified_gmt": o.updated_at.rstrip("Z"),
                "billing": {"first_name": "Buyer", "last_name": ""},
                "line_items": [{"id": int(line["line_id"].lstrip("L")), "sku": line["sku"], "quantity": line["qty"],
                                "price": float(rupees(line["price_paise"]))} for line in o.lines]}

    def list_orders(self, req: Request) -> Response:
        since = (req.q("modified_after") or "1970-01-01T00:00:00.000Z")
        per_page, page = int(req.q("per_page", "10") or 10), int(req.q("page", "1") or 1)
        found = self.sim.orders_since("woocommerce", since)
        chunk = found[(page - 1) * per_page: page * per_page]
        total_pages = max(1, -(-len(found) // per_page))
        return Response(200, [self.order_json(o) for o in chunk], {"X-WP-TotalPages": str(total_pages),
                                                                    "X-WP-Total": str(len(found))})

    def get_order(self, req: Request, oid: str) -> Response:
        o = self.sim.orders["woocommerce"].get(oid)
        if o is None:
            return Response(404, {"code": "woocommerce_rest_shop_order_invalid_id", "message": "Invalid ID."})
        return Response(200, self.order_json(o))

    def update_order(self, req: Request, oid: str) -> Response:
        o = self.sim.orders["woocommerce"].get(oid)
        if o is None:
            return Response(404, {"code": "woocommerce_rest_shop_order_invalid_id", "message": "Invalid ID."})
        wanted = {v: k for k, v in WOO_STATUS.items() if k not in ("pending", "packed", "delivered")}.get(
            (req.body or {}).get("status", ""))
        if wanted is None:
            return Response(400, {"code": "rest_invalid_param", "message": "Invalid parameter(s): status"})
        self.sim.set_order_status("woocommerce", oid, wanted)
        self.sim.record("woocommerce", f"order_{(req.body or {})['status']}", oid)
        return Response(200, self.order_json(o))


# --- ONDC seller platform ------------------------------------------------------------------------------------
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
            self.sim.record("ondc", f"status_{state}", oid)
            return Response(200, self.order_json(o))

        result, _replayed = self.sim.idempotent("ondc", key, {"oid": oid, **(req.body or {})}, run)
        if result == ("mismatch", None):
            return Response(422, {"code": "idempotency_conflict", "message": "Key reused with different parameters"})
        return result


# --- WhatsApp Business Cloud API ------------------------------------------------------------------------------
def graph_error(status: int, code: int, message: str, details: str = "", subcode: int | None = None) -> Response:
    """A Graph API error body, as Meta answers it."""
    error: dict[str, Any] = {"message": f"(#{code}) {message}", "type": "OAuthException", "code": code,
                             "fbtrace_id": secrets.token_urlsafe(12)}
    if details:
        error["error_data"] = {"messaging_product": "whatsapp", "details": details}
    if subcode is not None:
        error["error_subcode"] = subcode
    return Response(status, {"error": error})


class WhatsApp:
    """``POST /[vNN.N/]{phone_number_id}/messages`` with a bearer token: text messages only. Messages have
    no idempotency key and cannot be read back (as on the real API). Every delivery is kept in
    ``sim.messages`` (also when a fault then loses or spoils the reply), so tests count deliveries.

    A recipient in ``sim.not_on_whatsapp`` is refused at once (code 131026; the real API reports that by
    webhook after accepting); a malformed one gets code 100. Throughput above 80 messages a second gets
    code 130429 with HTTP 400, as Meta answers it."""

    market = "whatsapp"

    def __init__(self, sim: Simulator) -> None:
        self.sim = sim

    def route(self, req: Request) -> tuple[str, Handler] | None:
        m = re.fullmatch(r"(?:/v[0-9]+\.[0-9]+)?/([0-9]+)/messages", req.path)
        if m and req.method == "POST":
            phone_id = m.group(1)
            return "messages", lambda r: self.send(r, phone_id)
        return None

    def guard(self, req: Request, op: str) -> Response | None:
        if req.headers.get("authorization") != f"Bearer {self.sim.credentials['whatsapp']}":
            return graph_error(401, 190, "Invalid OAuth access token - Cannot parse access token")
        if not self.sim.allow("whatsapp.messages", 80, 80):
            return graph_error(400, 130429, "Rate limit hit", "Cloud API message throughput has been reached.")
        return None

    def fault_body(self, status: int, code: str, message: str) -> Response:
        graph_code = {429: 130429, 500: 131000, 503: 131016}.get(status, 1)
        return graph_error(status, graph_code, message, "Something went wrong" if status >= 500 else "")

    def send(self, req: Request, phone_id: str) -> Response:
        if phone_id not in self.sim.whatsapp_numbers:
            return graph_error(400, 100, f"Unsupported post request. Object with ID '{phone_id}' does not exist, "
                                         "cannot be loaded due to missing permissions, or does not support this "
                                         "operation.", subcode=33)
        body = req.body or {}
        if body.get("messaging_product") != "whatsapp":
            return graph_error(400, 100, "Invalid parameter", "The parameter messaging_product is required.")
        if body.get("type", "text") != "text":
            return graph_error(400, 131009, "Parameter value is not valid", "Only text messages are simulated.")
        to = str(body.get("to") or "")
        text = (body.get("text") or {}).get("body")
        if not re.fullmatch(r"[1-9][0-9]{7,14}", to):
            return graph_error(400, 100, "Invalid parameter", f"Invalid phone number in parameter 'to': {to!r}.")
        if not isinstance(text, str) or not text or len(text) > 4096:
            return graph_error(400, 100, "Invalid parameter", "text.body must be 1 to 4096 characters.")
        if to in self.sim.not_on_whatsapp:
            return graph_error(400, 131026, "Message undeliverable",
                               "Unable to deliver message: the recipient is not a WhatsApp user.")
        message = self.sim.deliver(phone_id, to, text)
        return Response(200, {"messaging_product": "whatsapp", "contacts": [{"input": to, "wa_id": to}],
                              "messages": [{"id": message.id}]})
