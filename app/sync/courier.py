"""Booking a parcel with a courier aggregator (a Shiprocket-style API): log in, create the shipment, get
its AWB (asking again while the aggregator is still assigning one), download the label PDF, schedule the
pickup; and reading its tracking. The network lives here; what is saved goes through
``app.services.shipments`` (the booking is saved with the order's shipment, so the marketplace hears the
courier and AWB once, through the outbox).

A booking is safe to repeat: the aggregator answers a second create for the same order id with the same
shipment, and an order already booked is not booked again.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from app.domain import fulfilment as rules
from app.domain.records import Order
from app.errors import AppError, InputError, InvalidState
from app.i18n import _
from app.services import fulfilment_plans, order_flow, order_parts, shipments
from app.services.context import ServiceContext
from app.services.couriers import CarrierRate
from app.services.shop import profile as shop_profile
from app.store import orders as order_store

__all__ = ["Booking", "CarrierRate", "CourierClient", "CourierError", "book", "book_part", "book_part_again", "rates",
           "track", "track_parts"]


class CourierError(AppError):
    """The courier aggregator refused or could not be reached; the message says which, in plain words."""


@dataclass(frozen=True)
class Booking:
    order_id: int
    shipment_id: str
    awb: str
    courier: str
    label: Path
    pickup: str


class CourierClient:
    def __init__(self, base_url: str, email: str, password: str, *, client: httpx.Client | None = None,
                 timeout_s: float = 10.0) -> None:
        self.base = base_url.rstrip("/")
        self.email, self.password = email, password
        self.http = client or httpx.Client(timeout=timeout_s)
        self.token = ""

    def _call(self, method: str, path: str, **kw: Any) -> httpx.Response:
        if not self.token and not path.endswith("/auth/login"):
            self.login()
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        try:
            response = self.http.request(method, self.base + path, headers=headers, **kw)
        except httpx.HTTPError as exc:
            raise CourierError(_("The courier service could not be reached ({error}).").format(error=exc)) from exc
        if response.status_code == 401 and not path.endswith("/auth/login"):
            self.login()
            response = self.http.request(method, self.base + path,
                                         headers={"Authorization": f"Bearer {self.token}"}, **kw)
        return response

    def _json(self, response: httpx.Response) -> dict[str, Any]:
        try:
            data = response.json()
        except ValueError:
            raise CourierError(_("The courier service answered something that is not its API (a Wi-Fi login "
                                 "page?).")) from None
        if response.status_code >= 400:
            raise CourierError(_("The courier service refused: {message}").format(
                message=data.get("message", response.status_code) if isinstance(data, dict) else data))
        return data if isinstance(data, dict) else {}

    def login(self) -> None:
        response = self._call("POST", "/courier/v1/external/auth/login",
                              json={"email": self.email, "password": self.password})
        self.token = str(self._json(response).get("token") or "")

    def serviceable(self, pickup_pin: str, delivery_pin: str, weight_kg: float, cod: bool) -> bool:
        response = self._call("GET", "/courier/v1/external/courier/serviceability/", params={
            "pickup_postcode": pickup_pin, "delivery_postcode": delivery_pin, "weight": weight_kg,
            "cod": int(cod)})
        return response.status_code == 200

    def rates(self, pickup_pin: str, delivery_pin: str, weight_kg: float, cod: bool) -> list[CarrierRate]:
        """The carriers that serve the PIN code, with their price (rupees → paise) and days; [] when none."""
        response = self._call("GET", "/courier/v1/external/courier/serviceability/", params={
            "pickup_postcode": pickup_pin, "delivery_postcode": delivery_pin, "weight": weight_kg,
            "cod": int(cod)})
        if response.status_code == 404:
            return []
        data = self._json(response)
        out = []
        for company in (data.get("data") or {}).get("available_courier_companies") or []:
            hours = int(company.get("etd_hours") or 0)
            out.append(CarrierRate(int(company["courier_company_id"]), str(company.get("courier_name") or ""),
                                   round(float(company.get("rate") or 0) * 100), max(1, -(-hours // 24))))
        return sorted(out, key=lambda r: (r.cost_paise, r.days))

    def cancel(self, awb: str) -> None:
        """Cancel a shipment not yet picked up (the courier refuses one already on its way)."""
        self._json(self._call("POST", "/courier/v1/external/orders/cancel/shipment/awbs", json={"awbs": [awb]}))

    def create(self, payload: dict[str, Any]) -> str:
        data = self._json(self._call("POST", "/courier/v1/external/orders/create/adhoc", json=payload))
        return str(data["shipment_id"])

    def assign_awb(self, shipment_id: str, *, courier_id: int | None = None, tries: int = 5,
                   wait_s: float = 0.2) -> tuple[str, str]:
        body: dict[str, Any] = {"shipment_id": shipment_id}
        if courier_id is not None:
            body["courier_id"] = courier_id
        for _try in range(tries):
            data = self._json(self._call("POST", "/courier/v1/external/courier/assign/awb", json=body))
            if data.get("awb_assign_status") == 1:
                got = data["response"]["data"]
                return str(got["awb_code"]), str(got.get("courier_name") or "")
            time.sleep(wait_s)
        raise CourierError(_("The courier has not assigned a tracking number (AWB) yet; try booking again in a "
                             "few minutes (nothing is booked twice)."))

    def label(self, shipment_id: str, path: Path) -> Path:
        data = self._json(self._call("POST", "/courier/v1/external/courier/generate/label",
                                     json={"shipment_id": [shipment_id]}))
        url = str(data["label_url"])
        response = self._call("GET", url if url.startswith("/") else url.removeprefix(self.base))
        if response.status_code != 200 or not response.content.startswith(b"%PDF"):
            raise CourierError(_("The courier's label could not be downloaded."))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(response.content)
        return path

    def pickup(self, shipment_id: str) -> str:
        data = self._json(self._call("POST", "/courier/v1/external/courier/generate/pickup",
                                     json={"shipment_id": [shipment_id]}))
        return str((data.get("response") or {}).get("pickup_scheduled_date") or "")

    def remittances(self) -> list[dict[str, Any]]:
        """The COD remittance report: a dict per parcel (awb, remitted_amount in rupees, remitted_on, utr)."""
        data = self._json(self._call("GET", "/courier/v1/external/account/details/remittance"))
        return [row for row in data.get("data") or [] if isinstance(row, dict)]

    def track(self, awb: str) -> str:
        data = self._json(self._call("GET", f"/courier/v1/external/courier/track/awb/{awb}"))
        return str((data.get("tracking_data") or {}).get("shipment_status") or "")


@dataclass(frozen=True)
class _Parcel:
    shop_pin: str
    delivery_pin: str
    weight_kg: float
    cod: bool


def _parcel(ctx: ServiceContext, order_id: int, pin: str) -> _Parcel:
    plan = fulfilment_plans.plan_for(ctx, order_id).plan
    delivery_pin = pin or plan.customer_pin
    if not delivery_pin:
        raise InputError(_("The customer's PIN code is not known; give it to book the courier."))
    shop = shop_profile(ctx.store)
    if not shop.pincode:
        raise InvalidState(_("The shop's PIN code is not set (Settings); the courier needs it for the pickup."))
    order = order_store.get(ctx.store.db(), order_id, with_lines=False)
    cod = order is not None and order.channel == "delivery"
    return _Parcel(shop.pincode, delivery_pin, round(plan.packing.chargeable_g / 1000, 2), cod)


def rates(ctx: ServiceContext, order_id: int, client: CourierClient, *, pin: str = "",
          part_no: int | None = None) -> list[CarrierRate]:
    """What each carrier asks for this order's parcel (cheapest first); [] when none serves the PIN code.
    ``part_no``: the parcel of that part shipped on its own (its units' weight and box)."""
    parcel = _parcel(ctx, order_id, pin)
    weight_kg = parcel.weight_kg
    if part_no is not None:
        order = order_store.get(ctx.store.db(), order_id)
        part = next((p for p in order_parts.parts(ctx, order_id) if p.part_no == part_no and p.kind == "shipped"),
                    None)
        if order is None or part is None:
            raise InvalidState(_("Order {id} has no part {part} that shipped.").format(id=order_id, part=part_no))
        weight_kg = round(_part_packing(ctx, order, part.lines).chargeable_g / 1000, 2)
    return client.rates(parcel.shop_pin, parcel.delivery_pin, weight_kg, parcel.cod)


def book(ctx: ServiceContext, order_id: int, client: CourierClient, *, labels_dir: Path, pin: str = "",
         courier_id: int | None = None) -> Booking:
    """Book the order's parcel as the operations agent packed it (with the carrier chosen, else the
    aggregator's), and save the booking (the order ships). An order already booked is answered from the
    books, without asking the courier again."""
    booked = shipments.shipment(ctx, order_id)
    if booked is not None:
        return Booking(order_id, booked.shipment_id, booked.awb, booked.courier, Path(booked.label_path), "")
    order = order_store.get(ctx.store.db(), order_id)
    again = shipments.rebooking(ctx.store.db(), order_id)  # shipped with a booking since cancelled
    if order is None or (order.status not in ("pending", "accepted", "packed") and not again):
        # checked before the courier is asked: a cancelled order must leave no booking at the courier
        raise InvalidState(_("Order {id} cannot be booked with a courier now.").format(id=order_id))
    plan = fulfilment_plans.plan_for(ctx, order_id).plan
    parcel = _parcel(ctx, order_id, pin)
    shop_pin, delivery_pin, weight_kg, cod = parcel.shop_pin, parcel.delivery_pin, parcel.weight_kg, parcel.cod
    if not client.serviceable(shop_pin, delivery_pin, weight_kg, cod):
        raise CourierError(_("The courier does not deliver to PIN code {pin}.").format(pin=delivery_pin))
    length, breadth, height = plan.packing.box_cm
    # the aggregator answers a repeated order id with its first shipment (a retried create books once); a
    # booking in place of a cancelled one needs its own id, the same on every retry of it
    reference = f"{order.channel}-{order.remote_id or order_id}"
    if again:
        reference += f"-R{len(shipments.cancelled(ctx, order_id))}"
    shipment_id = client.create({
        "order_id": reference, "order_date": order.created_at[:10],
        "pickup_postcode": shop_pin, "billing_customer_name": order.customer_name or "Customer",
        "billing_pincode": delivery_pin, "payment_method": "COD" if cod else "Prepaid",
        "sub_total": order.total_paise / 100, "length": length, "breadth": breadth, "height": height,
        "weight": weight_kg, "order_items": [{"name": line.name, "sku": line.sku, "units": line.qty_milli // 1000 or 1,
                                              "selling_price": line.unit_price_paise / 100} for line in order.lines]})
    awb, courier = client.assign_awb(shipment_id, courier_id=courier_id)
    label = client.label(shipment_id, labels_dir / f"label-{order_id}-{awb}.pdf")
    pickup = client.pickup(shipment_id)
    shipments.record_booking(ctx, order_id, shipment_id=shipment_id, awb=awb, courier=courier or "Courier",
                             label_path=str(label))
    return Booking(order_id, shipment_id, awb, courier, label, pickup)


def _part_packing(ctx: ServiceContext, order: Order, chosen: dict[int, int]) -> rules.PackingSpec:
    """The part's items (order line -> qty_milli) as the operations agent weighs them (each line's weight in
    proportion), packed in the smallest box that holds them."""
    plan = fulfilment_plans.plan_for(ctx, order.id).plan
    by_line = {line.line_no: line for line in order.lines}
    picked = {pick.sku: pick for pick in plan.picking}
    lines = []
    for line_no, qty in chosen.items():
        line, pick = by_line[line_no], picked.get(by_line[line_no].sku)
        grams = (pick.weight_g * qty // line.qty_milli) if pick else rules.DEFAULT_PIECE_G * (qty // 1000)
        lines.append(rules.PickLine(line.sku, line.name, qty, line.unit, grams, pick.weight_known if pick else False))
    return rules.pack(lines)


def _book_part_parcel(ctx: ServiceContext, order: Order, chosen: dict[int, int], reference: str,
                      client: CourierClient, *, label_name: str, labels_dir: Path, pin: str,
                      courier_id: int | None) -> Booking:
    """Book the parcel of a part (``chosen``: order line -> qty_milli) under ``reference`` at the aggregator: the
    part's items as the operations agent weighs them, packed in the smallest box that holds them."""
    parcel = _parcel(ctx, order.id, pin)
    by_line = {line.line_no: line for line in order.lines}
    packing = _part_packing(ctx, order, chosen)
    weight_kg = round(packing.chargeable_g / 1000, 2)
    if not client.serviceable(parcel.shop_pin, parcel.delivery_pin, weight_kg, parcel.cod):
        raise CourierError(_("The courier does not deliver to PIN code {pin}.").format(pin=parcel.delivery_pin))
    length, breadth, height = packing.box_cm
    shipment_id = client.create({
        "order_id": reference, "order_date": order.created_at[:10],
        "pickup_postcode": parcel.shop_pin, "billing_customer_name": order.customer_name or "Customer",
        "billing_pincode": parcel.delivery_pin, "payment_method": "Prepaid",
        "sub_total": sum(by_line[n].unit_price_paise * q // 1000 for n, q in chosen.items()) / 100,
        "length": length, "breadth": breadth, "height": height, "weight": weight_kg,
        "order_items": [{"name": by_line[n].name, "sku": by_line[n].sku, "units": q // 1000,
                         "selling_price": by_line[n].unit_price_paise / 100} for n, q in chosen.items()]})
    awb, courier = client.assign_awb(shipment_id, courier_id=courier_id)
    label = client.label(shipment_id, labels_dir / label_name.format(awb=awb))
    pickup = client.pickup(shipment_id)
    return Booking(order.id, shipment_id, awb, courier or "Courier", label, pickup)


def book_part(ctx: ServiceContext, order_id: int, units: dict[str, int], client: CourierClient, *, labels_dir: Path,
              pin: str = "", courier_id: int | None = None) -> Booking:
    """Book a part of a marketplace order (``units``: item code -> qty_milli) as its own parcel with the courier
    aggregator, then ship that part with the carrier and AWB (the marketplace hears them once, per its API).

    Checked before the courier is asked (nothing is booked for units that cannot ship now). The parcel is the
    part's items as the operations agent weighs them, packed in the smallest box that holds them. Its reference
    at the aggregator is the order's with the part's number (``…-P2``): a retried booking of the same part gets
    the aggregator's first shipment back, so a part is booked once."""
    part_no, chosen = order_parts.check_part(ctx, order_id, units)
    order = order_store.get(ctx.store.db(), order_id)
    assert order is not None  # check_part found it
    done = _book_part_parcel(ctx, order, chosen, f"{order.channel}-{order.remote_id or order_id}-P{part_no}", client,
                             label_name=f"label-{order_id}-P{part_no}-{{awb}}.pdf", labels_dir=labels_dir, pin=pin,
                             courier_id=courier_id)
    order_parts.ship_part(ctx, order_id, units, booking=order_parts.PartBooking(
        done.shipment_id, done.awb, done.courier, str(done.label)))
    return done


def book_part_again(ctx: ServiceContext, order_id: int, part_no: int, client: CourierClient, *, labels_dir: Path,
                    pin: str = "", courier_id: int | None = None) -> Booking:
    """Book a part whose booking was cancelled at the courier again (the same units, the carrier chosen); the
    aggregator gets its own reference (``…-P2-R1``, the same on every retry of it), so a retried booking books
    once. A part with a live booking is answered from the books, without asking the courier."""
    live = order_parts.bookings(ctx, order_id).get(part_no)
    if live is not None:
        return Booking(order_id, live.shipment_id, live.awb, live.courier, Path(live.label_path), "")
    order = order_store.get(ctx.store.db(), order_id)
    part = next((p for p in order_parts.parts(ctx, order_id) if p.part_no == part_no and p.kind == "shipped"), None)
    cancelled = order_parts.cancelled_bookings(ctx, order_id, part_no)
    if order is None or part is None or not cancelled:
        # checked before the courier is asked: nothing is booked that the books would refuse
        raise InvalidState(_("Part {part} of order {id} has no cancelled courier booking to replace.").format(
            part=part_no, id=order_id))
    if order.status not in ("packed", "shipped"):
        raise InvalidState(_("Order {id} is {state}; its part cannot be booked with a courier now.").format(
            id=order_id, state=order_flow.state_label(order.status)))
    done = _book_part_parcel(ctx, order, part.lines,
                             f"{order.channel}-{order.remote_id or order_id}-P{part_no}-R{len(cancelled)}", client,
                             label_name=f"label-{order_id}-P{part_no}-{{awb}}.pdf", labels_dir=labels_dir, pin=pin,
                             courier_id=courier_id)
    order_parts.record_part_rebooking(ctx, order_id, part_no, order_parts.PartBooking(
        done.shipment_id, done.awb, done.courier, str(done.label)))
    return done


def track_parts(ctx: ServiceContext, order_id: int, client: CourierClient) -> dict[int, str]:
    """Ask the courier where each part booked on its own is, and save it; our status by part number."""
    out = {}
    for part_no, booked in order_parts.bookings(ctx, order_id).items():
        if booked.status not in ("delivered", "rto_delivered"):
            order_parts.record_part_status(ctx, order_id, part_no, client.track(booked.awb))
    for part_no, booked in order_parts.bookings(ctx, order_id).items():
        out[part_no] = booked.status
    return out


def track(ctx: ServiceContext, order_id: int, client: CourierClient) -> str:
    """Ask the courier where the parcel is and save it; returns our shipment status. Parts booked on their own
    are read too; an order with no booking of its own answers for the least advanced of its parts."""
    booked = shipments.shipment(ctx, order_id)
    parts = track_parts(ctx, order_id, client) if order_parts.bookings(ctx, order_id) else {}
    if booked is None and parts:
        return min(parts.values(), key=shipments.PARCEL_ORDER.index)
    if booked is None:
        raise InvalidState(_("Order {id} has no courier booking.").format(id=order_id))
    shipments.record_status(ctx, order_id, client.track(booked.awb))
    found = shipments.shipment(ctx, order_id)
    return found.status if found else booked.status
