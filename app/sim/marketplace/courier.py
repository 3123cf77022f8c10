"""A courier aggregator in the simulator, shaped like Shiprocket's external API: log in for a token, ask
whether a PIN code is served, create a shipment for an order, assign an AWB, generate a label (a PDF) and
a pickup, and track by AWB.

Its faults, besides the wire faults every market gets (``courier.<op>`` in the fault schedule):
- **PIN not serviceable**: a delivery PIN starting with one of ``not_served`` is refused (serviceability
  answers 404; creating a shipment for it answers 422).
- **AWB delay**: ``awb_delay`` answers "not yet assigned" to that many AWB requests of each new shipment
  before one is given (a courier's allocation queue).
- **COD remittance**: ``GET .../account/details/remittance`` lists each delivered cash-on-delivery parcel and
  what was paid for it (the shape is illustrative); ``remit_short`` pays a parcel short, ``remit_withheld``
  leaves one out.
- **RTO**: the buyer refuses the parcel; ``POST /_sim/courier`` ``{"awb", "status": "RTO INITIATED"}`` and
  then ``"RTO DELIVERED"`` (back at the shop) move a shipment as the courier would report it.

Creating a shipment twice for the same ``order_id`` returns the same shipment (the real API refuses a
duplicate order id; answering with the first keeps a retried request from booking twice). An AWB request
may name a ``courier_id`` from the serviceability answer (the carrier the seller chose); a shipment not yet
picked up can be cancelled by its AWB (``POST /orders/cancel/shipment/awbs`` ``{"awbs": [...]}``, as
Shiprocket's API takes); one already picked up is refused.
"""

from __future__ import annotations

import re
import secrets
import threading
from dataclasses import dataclass, field
from typing import Any

from app.sim.marketplace.core import Simulator
from app.sim.marketplace.http import Handler, Request, Response

__all__ = ["Courier", "label_pdf"]

BASE = "/v1/external"
STATUSES = ("NEW", "AWB ASSIGNED", "PICKUP SCHEDULED", "PICKED UP", "IN TRANSIT", "OUT FOR DELIVERY", "DELIVERED",
            "RTO INITIATED", "RTO DELIVERED", "CANCELED")
# the carriers the aggregator offers: id -> (name, first 500 g in rupees, COD charge, hours to deliver)
CARRIERS = {10: ("Delhivery Surface", 72.0, 30.0, 96), 24: ("Xpressbees Surface", 65.0, 30.0, 120),
            51: ("Blue Dart Air", 118.0, 40.0, 48)}
CANCELLABLE = ("NEW", "AWB ASSIGNED", "PICKUP SCHEDULED")


@dataclass
class Shipment:
    shipment_id: int
    order_id: str
    pickup_pin: str
    delivery_pin: str
    weight_kg: float
    cod: bool
    cod_amount: float = 0.0  # rupees the courier collects at the door
    awb: str = ""
    courier: str = ""
    status: str = "NEW"
    awb_asks: int = 0
    label: bool = False
    pickup: bool = False
    history: list[str] = field(default_factory=list)


def label_pdf(shipment_id: int, awb: str) -> bytes:
    """A one-page PDF label (the real one is a 4x6 inch PDF with the AWB barcode)."""
    text = f"AWB {awb}  SHIPMENT {shipment_id}".encode()
    stream = b"BT /F1 18 Tf 20 200 Td (" + text + b") Tj ET"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 288 432] /Contents 4 0 R /Resources << /Font << /F1 5 0 R "
            b">> >> >>", b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = b"%PDF-1.4\n", []
    for n, obj in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


class Courier:
    market = "courier"

    def __init__(self, sim: Simulator) -> None:
        self.sim = sim
        self.lock = threading.RLock()
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self.email, self.password = "seller@example.com", "courier-pass"
            self.tokens: set[str] = set()
            self.shipments: dict[int, Shipment] = {}
            self.by_order: dict[str, int] = {}
            self.not_served = ("744", "682555", "194")
            self.awb_delay = 0
            self.carriers = dict(CARRIERS)  # a test may change a carrier's tariff
            self.remit_short: dict[str, float] = {}  # AWB -> rupees the COD remittance pays short
            self.remit_withheld: set[str] = set()  # AWBs delivered but not (yet) remitted
            self._seq = 0

    # --- routing -------------------------------------------------------------------------------------
    def route(self, req: Request) -> tuple[str, Handler] | None:
        path = req.path.removeprefix("/courier")
        if not req.path.startswith("/courier/"):
            return None
        post = req.method == "POST"
        if post and path == f"{BASE}/auth/login":
            return "login", self.login
        if req.method == "GET" and path == f"{BASE}/courier/serviceability/":
            return "serviceability", self.serviceability
        if post and path == f"{BASE}/orders/create/adhoc":
            return "create", self.create
        if post and path == f"{BASE}/courier/assign/awb":
            return "awb", self.assign_awb
        if post and path == f"{BASE}/courier/generate/label":
            return "label", self.generate_label
        if post and path == f"{BASE}/courier/generate/pickup":
            return "pickup", self.generate_pickup
        if post and path == f"{BASE}/orders/cancel/shipment/awbs":
            return "cancel", self.cancel
        if req.method == "GET" and path == f"{BASE}/account/details/remittance":
            return "remittance", self.remittance
        m = re.fullmatch(rf"{BASE}/courier/track/awb/([A-Z0-9]+)", path)
        if req.method == "GET" and m:
            return "track", lambda r: self.track(m.group(1))
        m = re.fullmatch(r"/labels/([0-9]+)\.pdf", path)
        if req.method == "GET" and m:
            return "label_file", lambda r: self.label_file(int(m.group(1)))
        return None

    def guard(self, req: Request, op: str) -> Response | None:
        if op in ("login", "label_file"):
            return None
        token = (req.headers.get("authorization") or "").removeprefix("Bearer ")
        if token not in self.tokens:
            return Response(401, {"message": "Token has expired", "status_code": 401})
        return None

    def fault_body(self, status: int, code: str, message: str) -> Response:
        return Response(status, {"message": message, "status_code": status})

    # --- the API ---------------------------------------------------------------------------------------
    def login(self, req: Request) -> Response:
        body = req.body or {}
        if body.get("email") != self.email or body.get("password") != self.password:
            return Response(403, {"message": "Invalid email and password combination", "status_code": 403})
        token = secrets.token_hex(16)
        with self.lock:
            self.tokens.add(token)
        return Response(200, {"token": token, "email": self.email})

    def _served(self, pin: str) -> bool:
        return bool(re.fullmatch(r"[1-9][0-9]{5}", pin)) and not any(pin.startswith(p) for p in self.not_served)

    def serviceability(self, req: Request) -> Response:
        pin = req.q("delivery_postcode") or ""
        if not self._served(pin):
            return Response(404, {"message": f"Delivery postcode {pin} is not serviceable", "status": 404})
        cod = req.q("cod") == "1"
        try:
            extra = max(0, int((float(req.q("weight") or 0.5) - 0.001) // 0.5))  # each further 500 g
        except ValueError:
            extra = 0
        return Response(200, {"status": 200, "data": {"available_courier_companies": [
            {"courier_company_id": cid, "courier_name": name, "cod": 1, "etd_hours": hours,
             "rate": round(first * (1 + extra) + (cod_fee if cod else 0.0), 2)}
            for cid, (name, first, cod_fee, hours) in self.carriers.items()]}})

    def create(self, req: Request) -> Response:
        body = req.body or {}
        order_id = str(body["order_id"])
        delivery_pin = str(body.get("billing_pincode") or "")
        if not self._served(delivery_pin):
            return Response(422, {"message": f"Delivery postcode {delivery_pin} is not serviceable",
                                  "status_code": 422})
        with self.lock:
            if order_id in self.by_order:
                s = self.shipments[self.by_order[order_id]]
            else:
                self._seq += 1
                sid = 700_000 + self._seq
                cod = body.get("payment_method") == "COD"
                s = Shipment(sid, order_id, str(body.get("pickup_postcode") or ""), delivery_pin,
                             float(body.get("weight") or 0.5), cod, float(body.get("sub_total") or 0) if cod else 0.0)
                self.shipments[sid] = s
                self.by_order[order_id] = sid
        return Response(200, {"order_id": s.shipment_id - 100_000, "shipment_id": s.shipment_id, "status": s.status,
                              "status_code": 1})

    def _shipment(self, sid: Any) -> Shipment | None:
        with self.lock:
            return self.shipments.get(int(sid))

    def assign_awb(self, req: Request) -> Response:
        body = req.body or {}
        s = self._shipment(body.get("shipment_id"))
        if s is None:
            return Response(404, {"message": "Shipment not found", "status_code": 404})
        if s.status == "CANCELED":
            return Response(400, {"message": "Shipment is cancelled", "status_code": 400})
        chosen = self.carriers.get(int(body.get("courier_id") or 10))
        if chosen is None:
            return Response(400, {"message": f"Courier {body.get('courier_id')} is not available", "status_code": 400})
        with self.lock:
            if not s.awb:
                s.awb_asks += 1
                if s.awb_asks <= self.awb_delay:
                    return Response(200, {"awb_assign_status": 0,
                                          "message": "AWB is being assigned; try again in a moment"})
                s.awb, s.courier = f"SR{s.shipment_id}{len(self.shipments):03d}IN", chosen[0]
                s.status = "AWB ASSIGNED"
                s.history.append(s.status)
        return Response(200, {"awb_assign_status": 1, "response": {"data": {
            "awb_code": s.awb, "courier_name": s.courier, "shipment_id": s.shipment_id}}})

    def generate_label(self, req: Request) -> Response:
        ids = (req.body or {}).get("shipment_id") or []
        s = self._shipment(ids[0] if ids else 0)
        if s is None or not s.awb:
            return Response(400, {"message": "Generate the AWB first", "status_code": 400})
        s.label = True
        return Response(200, {"label_created": 1, "label_url": f"/courier/labels/{s.shipment_id}.pdf"})

    def label_file(self, sid: int) -> Response:
        s = self._shipment(sid)
        if s is None or not s.label:
            return Response(404, {"message": "No label"})
        return Response(200, label_pdf(s.shipment_id, s.awb), {"Content-Type": "application/pdf"})

    def generate_pickup(self, req: Request) -> Response:
        ids = (req.body or {}).get("shipment_id") or []
        s = self._shipment(ids[0] if ids else 0)
        if s is None or not s.awb:
            return Response(400, {"message": "Generate the AWB first", "status_code": 400})
        with self.lock:
            if not s.pickup:
                s.pickup, s.status = True, "PICKUP SCHEDULED"
                s.history.append(s.status)
        return Response(200, {"pickup_status": 1, "response": {"pickup_scheduled_date": "tomorrow 10:00-18:00",
                                                               "status": 3}})

    def cancel(self, req: Request) -> Response:
        awbs = {str(a) for a in (req.body or {}).get("awbs") or []}
        with self.lock:
            found = [s for s in self.shipments.values() if s.awb and s.awb in awbs]
            if not found:
                return Response(404, {"message": "AWB not found", "status_code": 404})
            late = [s for s in found if s.status not in CANCELLABLE and s.status != "CANCELED"]
            if late:
                return Response(400, {"message": f"AWB {late[0].awb} is already picked up and cannot be "
                                                 "cancelled", "status_code": 400})
            for s in found:
                if s.status != "CANCELED":
                    s.status = "CANCELED"
                    s.history.append(s.status)
        return Response(200, {"status": 200, "message": "Order cancelled successfully"})

    def remittance(self, req: Request) -> Response:
        """The COD remittance report: every delivered cash-on-delivery parcel paid to the seller (less what a
        test made short; none of those it withholds)."""
        with self.lock:
            paid = [s for s in self.shipments.values() if s.cod and s.status == "DELIVERED"
                    and s.awb not in self.remit_withheld]
            rows = [{"awb": s.awb, "cod_amount": s.cod_amount,
                     "remitted_amount": round(s.cod_amount - self.remit_short.get(s.awb, 0.0), 2),
                     "remitted_on": self.sim.stamp()[:10], "utr": f"UTR{s.shipment_id}"} for s in paid]
        return Response(200, {"data": rows})

    def track(self, awb: str) -> Response:
        with self.lock:
            s = next((x for x in self.shipments.values() if x.awb == awb), None)
        if s is None:
            return Response(404, {"message": f"AWB {awb} not found", "status_code": 404})
        return Response(200, {"tracking_data": {"track_status": 1, "shipment_status": s.status,
                                                "shipment_track": [{"awb_code": s.awb, "current_status": s.status,
                                                                    "courier_name": s.courier}],
                                                "shipment_track_activities": [{"activity": h} for h in s.history]}})

    # --- demo control ------------------------------------------------------------------------------------
    def move(self, awb: str, status: str) -> bool:
        """The courier reports a new status for the parcel (the test's hand on the world)."""
        if status not in STATUSES:
            return False
        with self.lock:
            s = next((x for x in self.shipments.values() if x.awb == awb), None)
            if s is None:
                return False
            s.status = status
            s.history.append(status)
        return True

    def snapshot(self) -> dict[str, Any]:
        with self.lock:
            return {str(s.shipment_id): {"order_id": s.order_id, "awb": s.awb, "status": s.status,
                                         "delivery_pin": s.delivery_pin, "label": s.label, "pickup": s.pickup}
                    for s in self.shipments.values()}
