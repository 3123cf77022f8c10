"""Amazon Selling Partner API (seller-fulfilled, India marketplace by default).

Operations covered:

| outbox op | SP-API call | kind |
|---|---|---|
| ``listing.price`` | ``patchListingsItem`` replace ``purchasable_offer`` (and MRP) | state, async (ACCEPTED) |
| ``listing.quantity`` | ``patchListingsItem`` replace ``/attributes/fulfillment_availability`` | state, async |
| ``listing.content`` | ``patchListingsItem`` replace ``item_name``, ``brand``, ... | state, async |
| ``order.ship`` | ``confirmShipment`` | command, no idempotency key: read back with ``getOrder`` |
| pull | ``getOrders`` (``LastUpdatedAfter``, ``NextToken``) + ``getOrderItems`` | inbound |
| check | ``getListingsItem`` (issues) turns ACCEPTED into applied or failed | |

Not covered: accepting or cancelling an MFN order (Amazon accepts orders itself; seller cancels go
through the order-acknowledgement feed), FBA. Access tokens come from Login with Amazon (refresh
token grant); 401 refreshes once, a refused refresh pauses the channel. Rate limits are the model's
defaults, adapted from ``x-amzn-RateLimit-Limit``; SP-API 429s carry no ``Retry-After``.
Every request body is validated against the vendored official models (``spapi/``) before enqueue.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from functools import cache
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import quote

from app.domain.gst import STATES
from app.domain.money import from_wire, to_wire
from app.i18n import _
from app.sync.errors import AuthFailed, Rejected
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

MODELS = Path(__file__).with_name("spapi")
INDIA = "A21TJRUUN4KGV"
STATUS = {"Pending": "pending", "PendingAvailability": "pending", "Unshipped": "accepted",
          "PartiallyShipped": "packed", "Shipped": "shipped", "InvoiceUnconfirmed": "shipped",
          "Canceled": "cancelled", "Unfulfillable": "cancelled"}
_STATE_BY_NAME = {name.lower(): code for code, name in STATES.items()}


@cache
def model(name: str) -> dict[str, Any]:
    return json.loads((MODELS / name).read_text(encoding="utf-8"))


@cache
def _validator(model_name: str, definition: str):
    import jsonschema

    schema = {"$ref": f"#/definitions/{definition}", "definitions": model(model_name)["definitions"]}
    return jsonschema.Draft4Validator(schema)


def schema_problems(model_name: str, definition: str, body: Any) -> list[str]:
    """Every way ``body`` breaks the official model's ``definition`` (empty when it conforms)."""
    return [f"{'/'.join(map(str, e.absolute_path)) or '(body)'}: {e.message}"
            for e in _validator(model_name, definition).iter_errors(body)]


LISTINGS = "listingsItems_2021-08-01.json"
ORDERS = "ordersV0.json"


class AmazonAdapter(Adapter):
    name = "amazon"
    covers: ClassVar[dict[str, str]] = {"listing.price": "patchListingsItem", "listing.quantity": "patchListingsItem",
              "listing.content": "patchListingsItem", "order.ship": "confirmShipment",
              "order.ship_part": "confirmShipment"}  # a package with some items or units: PartiallyShipped
    # Defaults from the models' rate tables (requests per second, burst).
    limits: ClassVar[dict[str, Limit]] = {
              "patchListingsItem": Limit(5, 10), "getListingsItem": Limit(5, 10), "getOrders": Limit(0.0167, 20),
              "getOrder": Limit(0.5, 30), "getOrderItems": Limit(0.5, 30), "confirmShipment": Limit(2, 10),
              "token": Limit(1, 5)}
    dedupes_commands = False

    def __init__(self, **kw: Any) -> None:
        super().__init__(**kw)
        self.seller_id = self.account.get("seller_id", "SELLER")
        self.marketplace_id = self.account.get("marketplace_id", INDIA)
        self.product_type = self.account.get("product_type", "PRODUCT")
        self.auth_url = self.account.get("auth_url") or self.base_url
        self._token: tuple[str, float] | None = None
        self.is_current: Any = None  # set by the inbound pull: (order id, updated) -> already applied?
        self._token_lock = threading.Lock()

    # --- auth ---------------------------------------------------------------------------------------
    def _access_token(self, force: bool = False) -> str:
        with self._token_lock:
            if self._token and not force and self._token[1] > time.monotonic() + 60:
                return self._token[0]
            from app.sync import transport

            try:
                reply = transport.exchange(self.client, "POST", self.auth_url + "/auth/o2/token",
                                           channel=self.channel, json_body={
                                               "grant_type": "refresh_token",
                                               "refresh_token": self.secret("refresh_token"),
                                               "client_id": self.account.get("client_id", ""),
                                               "client_secret": self.secret("client_secret")})
            except Rejected as exc:  # invalid_grant: the seller revoked the app or the token rotated away
                raise AuthFailed(self.channel, detail=exc.code or "refresh refused") from None
            data = reply.data or {}
            self._token = (str(data.get("access_token", "")), time.monotonic() + float(data.get("expires_in", 3600)))
            return self._token[0]

    def auth_headers(self) -> dict[str, str]:
        return {"x-amz-access-token": self._access_token()}

    def call(self, method: str, path: str, **kw: Any) -> Reply:
        try:
            reply = super().call(method, path, **kw)
        except AuthFailed:
            self._access_token(force=True)  # an expired access token: refresh once, then give up
            reply = super().call(method, path, **kw)
        limit = reply.header("x-amzn-RateLimit-Limit")
        if limit and self._pace is not None:
            with contextlib.suppress(ValueError):
                self.adapt_rate(kw["bucket"], float(limit))
        return reply

    def adapt_rate(self, bucket: str, rate: float) -> None:
        adapt = getattr(self._pace, "adapt", None)
        if adapt is not None:
            adapt(bucket, rate)

    # --- requests -----------------------------------------------------------------------------------
    def listing_path(self, sku: str) -> str:
        return f"/listings/2021-08-01/items/{quote(self.seller_id, safe='')}/{quote(sku, safe='')}"

    def patch_body(self, op: str, payload: dict[str, Any]) -> dict[str, Any]:
        mp = self.marketplace_id
        if op == "listing.price":
            patches = [{"op": "replace", "path": "/attributes/purchasable_offer", "value": [{
                "marketplace_id": mp, "currency": "INR",
                "our_price": [{"schedule": [{"value_with_tax": float(to_wire(payload["price_paise"]))}]}]}]}]
            if payload.get("mrp_paise"):
                patches.append({"op": "replace", "path": "/attributes/maximum_retail_price", "value": [{
                    "marketplace_id": mp, "currency": "INR", "value": float(to_wire(payload["mrp_paise"]))}]})
        elif op == "listing.quantity":
            patches = [{"op": "replace", "path": "/attributes/fulfillment_availability", "value": [{
                "fulfillment_channel_code": "DEFAULT", "quantity": int(payload["quantity"])}]}]
        elif op == "listing.content":
            patches = [{"op": "replace", "path": "/attributes/item_name", "value": [{
                "value": payload["title"], "language_tag": "en_IN", "marketplace_id": mp}]}]
            if payload.get("brand"):
                patches.append({"op": "replace", "path": "/attributes/brand", "value": [{
                    "value": payload["brand"], "language_tag": "en_IN", "marketplace_id": mp}]})
            if payload.get("barcode"):
                patches.append({"op": "replace", "path": "/attributes/externally_assigned_product_identifier",
                                "value": [{"type": "ean", "value": payload["barcode"], "marketplace_id": mp}]})
        else:
            raise ValueError(op)
        return {"productType": self.product_type, "patches": patches}

    def ship_body(self, payload: dict[str, Any]) -> dict[str, Any]:
        return {"marketplaceId": self.marketplace_id, "packageDetail": {
            "packageReferenceId": str(payload.get("package_ref", "1")),
            "carrierCode": payload.get("carrier") or "Other", "carrierName": payload.get("carrier") or "Other",
            "trackingNumber": payload.get("tracking") or "NA", "shipDate": payload["ship_date"],
            "orderItems": [{"orderItemId": line["remote_line_id"], "quantity": int(line["qty"])}
                           for line in payload["lines"]]}}

    def request_for(self, change: Change) -> tuple[str, str, dict[str, Any], Any, str]:
        """(method, path, query, body, rate bucket) of the call that sends ``change``."""
        op, payload = change.op, change.payload
        if op.startswith("listing."):
            return ("PATCH", self.listing_path(payload.get("remote_sku") or payload["sku"]),
                    {"marketplaceIds": self.marketplace_id, "issueLocale": "en_US"},
                    self.patch_body(op, payload), "patchListingsItem")
        if op in ("order.ship", "order.ship_part"):
            return ("POST", f"/orders/v0/orders/{quote(payload['remote_id'], safe='')}/shipmentConfirmation", {},
                    self.ship_body(payload), "confirmShipment")
        raise ValueError(op)

    def validate(self, op: str, payload: dict[str, Any]) -> str | None:
        if op == "listing.price" and (payload.get("price_paise") or 0) <= 0:
            return _("The price must be more than zero.")
        if op == "listing.price" and payload.get("mrp_paise") and payload["price_paise"] > payload["mrp_paise"]:
            return _("The price is above the MRP; Amazon refuses that.")
        if op == "listing.quantity" and (not isinstance(payload.get("quantity"), int) or payload["quantity"] < 0):
            return _("The quantity must be a whole number, zero or more.")
        if op == "listing.content" and not str(payload.get("title", "")).strip():
            return _("The item needs a name before it can be listed.")
        if op in ("order.ship", "order.ship_part") and not payload.get("lines"):
            return _("The shipment has no items.")
        if op not in self.covers:
            return None
        try:
            _method, _path, _query, body, _bucket = self.request_for(Change(_fake_row(op), payload))
        except (KeyError, TypeError, ValueError) as exc:
            return _("The change is missing {field}.").format(field=exc)
        definition = ("ListingsItemPatchRequest", LISTINGS) if op.startswith("listing.") else \
            ("ConfirmShipmentRequest", ORDERS)
        problems = schema_problems(definition[1], definition[0], body)
        if problems:
            return _("Does not match Amazon's API model: {problems}").format(problems="; ".join(problems[:3]))
        return None

    # --- sending ------------------------------------------------------------------------------------
    def send_one(self, change: Change) -> Outcome:
        method, path, query, body, bucket = self.request_for(change)
        try:
            reply = self.call(method, path, params=query, json_body=body, bucket=bucket)
        except Rejected as exc:
            return rejected_outcome(exc)
        if change.op in ("order.ship", "order.ship_part"):
            return Outcome("applied")
        data = reply.data or {}
        status = data.get("status")
        if status == "ACCEPTED":
            return Outcome("acked", remote_ref=data.get("submissionId"))
        if status == "INVALID":
            issues = "; ".join(i.get("message", "") for i in data.get("issues", []) if i.get("severity") == "ERROR")
            return Outcome("failed", message=issues or _("Amazon found the listing invalid."))
        return Outcome("acked", remote_ref=data.get("submissionId"))

    def check_acked(self, change: Change) -> Outcome:
        """ACCEPTED is not applied: read the item back (getListingsItem) and compare it with what was
        sent; an ERROR issue means Amazon refused it after accepting the submission."""
        payload = change.payload
        reply = self.call("GET", self.listing_path(payload.get("remote_sku") or payload["sku"]),
                          params={"marketplaceIds": self.marketplace_id, "includedData": "issues,attributes"},
                          bucket="getListingsItem")
        data = reply.data or {}
        errors = [i for i in data.get("issues", []) if i.get("severity") == "ERROR"
                  and i.get("submissionId") in (None, change.row.remote_ref)]
        if errors:
            return Outcome("failed", message="; ".join(i.get("message", "") for i in errors))
        attributes = data.get("attributes") or {}
        if self.shows(change.op, payload, attributes):
            return Outcome("applied", remote_value=attributes)
        return Outcome("acked", remote_ref=change.row.remote_ref)

    def shows(self, op: str, payload: dict[str, Any], attributes: dict[str, Any]) -> bool:
        """Whether the listing's attributes show the value of this change."""
        try:
            if op == "listing.quantity":
                return int(attributes["fulfillment_availability"][0]["quantity"]) == int(payload["quantity"])
            if op == "listing.price":
                value = attributes["purchasable_offer"][0]["our_price"][0]["schedule"][0]["value_with_tax"]
                return from_wire(value) == payload["price_paise"]
            if op == "listing.content":
                return attributes["item_name"][0]["value"] == payload["title"]
        except (KeyError, IndexError, TypeError, ValueError):
            return False
        return False

    def read_back(self, change: Change) -> Outcome:
        if change.op == "order.ship_part":  # which packages arrived cannot be read back: the seller looks
            return Outcome("unknown")
        if change.op != "order.ship":
            return Outcome("not_applied")  # listings are state: resending the same state is harmless
        reply = self.call("GET", f"/orders/v0/orders/{quote(change.payload['remote_id'], safe='')}",
                          bucket="getOrder")
        status = ((reply.data or {}).get("payload") or {}).get("OrderStatus")
        if status in ("Shipped", "InvoiceUnconfirmed"):
            return Outcome("applied")
        if status in ("Unshipped", "PartiallyShipped", "Pending"):
            return Outcome("not_applied")
        if status == "Canceled":
            return Outcome("failed", message=_("The buyer cancelled this order on Amazon."))
        return Outcome("unknown")

    # --- orders -------------------------------------------------------------------------------------
    def pull_orders(self, since: str, page_token: str | None) -> OrdersPage:
        params: dict[str, Any] = {"MarketplaceIds": self.marketplace_id, "MaxResultsPerPage": 50}
        if page_token:
            params["NextToken"] = page_token
        else:
            params["LastUpdatedAfter"] = since
        try:
            reply = self.call("GET", "/orders/v0/orders", params=params, bucket="getOrders")
        except Rejected as exc:
            if page_token and ("token" in exc.reason.lower() or exc.code == "InvalidInput"):
                return OrdersPage((), None, token_expired=True)
            raise
        payload = (reply.data or {}).get("payload") or {}
        orders = []
        for raw in payload.get("Orders", []):
            orders.append(self._order(raw))
        return OrdersPage(tuple(orders), payload.get("NextToken") or None)

    def _order(self, raw: dict[str, Any]) -> RemoteOrder:
        order_id = raw["AmazonOrderId"]
        lines: list[RemoteLine] = []
        token = None
        pages = 0
        updated = iso_z(raw["LastUpdateDate"])
        while not (self.is_current and self.is_current(order_id, updated)):  # skip items of orders we have
            reply = self.call("GET", f"/orders/v0/orders/{quote(order_id, safe='')}/orderItems",
                              params={"NextToken": token} if token else None, bucket="getOrderItems")
            items = (reply.data or {}).get("payload") or {}
            for item in items.get("OrderItems", []):
                qty = int(item.get("QuantityOrdered", 0))
                amount = from_wire((item.get("ItemPrice") or {}).get("Amount", "0"))
                if qty > 0:
                    lines.append(RemoteLine(str(item["OrderItemId"]), str(item.get("SellerSKU", "")), qty,
                                            max(1, amount // qty)))
            previous, token = token, items.get("NextToken")
            pages += 1
            if not token or token == previous or pages >= 20:  # a repeated token must not loop forever
                break
        region = str((raw.get("ShippingAddress") or {}).get("StateOrRegion") or "").strip().lower()
        return RemoteOrder(order_id, updated, STATUS.get(raw.get("OrderStatus", ""), "unknown"),
                           tuple(lines), customer_name=(raw.get("BuyerInfo") or {}).get("BuyerName", "") or "",
                           place_of_supply=_STATE_BY_NAME.get(region), raw=raw)


def _fake_row(op: str):
    from app.store.outbox import OutboxRow

    return OutboxRow(id="", channel="", kind="state", op=op, entity_id="", order_key="", payload_json="{}",
                     schema_ok=1, idem_key="", coalesce_key=None, status="pending", attempts=0, next_attempt_at=None,
                     lease_owner=None, remote_ref=None, last_error=None, created_seq=0, created_at="", updated_at="",
                     event_id=None)
