"""WooCommerce REST v3 in the simulator: products by SKU, batch updates and orders."""

from __future__ import annotations

import base64
import re
from typing import Any

from app.sim.marketplace.core import SimOrder, Simulator
from app.sim.marketplace.http import Handler, Request, Response, paise, rupees

__all__ = ["WOO_STATUS", "Woo"]

WOO_STATUS = {"pending": "pending", "accepted": "processing", "packed": "processing", "shipped": "completed",
              "delivered": "completed", "cancelled": "cancelled"}


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
        meta = {m.get("key"): m.get("value") for m in (req.body or {}).get("meta_data") or []}
        o.tracking = str(meta.get("_tracking_number") or o.tracking)  # the Shipment Tracking extension's field
        self.sim.record("woocommerce", f"order_{(req.body or {})['status']}", oid)
        return Response(200, self.order_json(o))
