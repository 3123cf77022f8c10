"""The simulator's state: each marketplace's listings and orders, idempotency store, rate buckets,
its own clock, the fault schedule, the history of applied commands, and the WhatsApp messages delivered."""

from __future__ import annotations

import hashlib
import json
import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

__all__ = ["FAULT_KINDS", "Bucket", "Fault", "FaultSchedule", "Listing", "SimMessage", "SimOrder", "Simulator", "iso"]

FAULT_KINDS = ("drop", "timeout", "reset", "error_applied", "applied_no_reply", "http_429", "http_429_bare",
               "http_500", "http_503", "html_portal", "truncated", "token_expired", "accepted_invalid", "replay_old")


@dataclass
class Fault:
    """Inject ``kind`` into requests whose op matches ``op`` (``*`` or a prefix like ``amazon.``): on the
    occurrences listed in ``nth`` (1-based), or with probability ``p``; at most ``times`` times."""

    kind: str
    op: str = "*"
    p: float = 0.0
    nth: tuple[int, ...] = ()
    times: int | None = None
    fired: int = 0

    def matches(self, op: str) -> bool:
        return self.op == "*" or op == self.op or (self.op.endswith(".") and op.startswith(self.op))


class FaultSchedule:
    """Seeded, so a failing run can be replayed exactly."""

    def __init__(self, faults: list[Fault] | None = None, seed: int = 0) -> None:
        self.faults = list(faults or [])
        self.rng = random.Random(seed)
        self.seen: Counter[str] = Counter()
        self.lock = threading.Lock()

    @classmethod
    def from_json(cls, text: str) -> FaultSchedule:
        data = json.loads(text)
        faults = []
        for f in data.get("faults", []):
            if f["kind"] not in FAULT_KINDS:
                raise ValueError(f"unknown fault kind {f['kind']!r}; known: {', '.join(FAULT_KINDS)}")
            faults.append(Fault(kind=f["kind"], op=f.get("op", "*"), p=float(f.get("p", 0)),
                                nth=tuple(f.get("nth", ())), times=f.get("times")))
        return cls(faults, seed=int(data.get("seed", 0)))

    def add(self, kind: str, op: str = "*", *, p: float = 0.0, nth: tuple[int, ...] = (), times: int | None = None):
        with self.lock:
            self.faults.append(Fault(kind, op, p, tuple(nth), times))

    def clear(self) -> None:
        with self.lock:
            self.faults.clear()

    def pick(self, op: str) -> str | None:
        with self.lock:
            self.seen[op] += 1
            n = self.seen[op]
            for fault in self.faults:
                if not fault.matches(op) or (fault.times is not None and fault.fired >= fault.times):
                    continue
                if (fault.nth and n in fault.nth) or (fault.p and self.rng.random() < fault.p):
                    fault.fired += 1
                    return fault.kind
        return None


class Bucket:
    def __init__(self, rate: float, burst: float) -> None:
        self.rate, self.burst, self.tokens, self.stamp = rate, burst, burst, time.monotonic()

    def take(self, cost: float = 1.0) -> bool:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens + 1e-9 >= cost:
            self.tokens -= cost
            return True
        return False


@dataclass
class Listing:
    sku: str
    price_paise: int = 0
    mrp_paise: int | None = None
    quantity: int = 0
    title: str = ""
    issues: list[dict[str, Any]] = field(default_factory=list)
    product_id: int = 0


@dataclass(frozen=True)
class SimMessage:
    """One WhatsApp message the simulator delivered (each delivery once, even if its reply was lost)."""

    id: str
    phone_number_id: str
    to: str
    body: str
    at: str


@dataclass
class SimOrder:
    market: str
    id: str
    status: str  # our vocabulary: pending accepted packed shipped delivered cancelled
    lines: list[dict[str, Any]]  # {line_id, sku, qty, price_paise}
    updated_at: str
    created_at: str
    versions: list[dict[str, Any]] = field(default_factory=list)
    tracking: str = ""
    pin: str = ""  # the buyer's PIN code, when the test gives one (Amazon sends it as ShippingAddress.PostalCode)


MARKETS = ("amazon", "shopify", "woocommerce", "ondc")


class Simulator:
    """All four marketplaces in one process; thread-safe (the HTTP server runs a thread per connection)."""

    def __init__(self, *, faults: FaultSchedule | None = None, rate_limits: bool = True, seed: int = 0,
                 timeout_s: float = 2.0, async_delay_s: float = 0.0, token_ttl_s: float = 3600.0,
                 page_token_ttl_s: float = 120.0, idem_ttl_s: float = 24 * 3600.0) -> None:
        self.faults = faults or FaultSchedule(seed=seed)
        self.rate_limits = rate_limits
        self.timeout_s, self.async_delay_s = timeout_s, async_delay_s
        self.token_ttl_s, self.page_token_ttl_s, self.idem_ttl_s = token_ttl_s, page_token_ttl_s, idem_ttl_s
        self.lock = threading.RLock()
        self.rng = random.Random(seed)
        self.offset_s = 0.0
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self.listings: dict[str, dict[str, Listing]] = {m: {} for m in MARKETS}
            self.orders: dict[str, dict[str, SimOrder]] = {m: {} for m in MARKETS}
            self.shipped_units: dict[tuple[str, str], dict[str, int]] = {}  # partial shipments, per line id
            self.cancelled_units: dict[tuple[str, str], dict[str, int]] = {}
            self.history: list[tuple[str, str, str]] = []  # (market, command, target) every time one is applied
            self.requests: Counter[str] = Counter()
            self.throttled: Counter[str] = Counter()
            self.idem: dict[tuple[str, str], tuple[float, str, Any]] = {}
            self.tokens: dict[str, float] = {}  # Amazon access token -> expiry (sim time)
            self.refresh_tokens = {"good-refresh"}
            self.credentials = {"shopify": "shpat-test", "woocommerce": ("ck_test", "cs_test"), "ondc": "ondc-key",
                                "whatsapp": "wa-token"}
            self.whatsapp_numbers = {"1065551234"}  # business phone number ids WhatsApp knows
            self.not_on_whatsapp: set[str] = set()  # recipients (E.164 digits) WhatsApp refuses
            self.messages: list[SimMessage] = []
            self.buckets: dict[str, Bucket] = {}
            self.pending: list[tuple[float, str, str, dict[str, Any], bool]] = []  # amazon async submissions
            self.page_tokens: dict[str, tuple[float, dict[str, Any]]] = {}
            self._seq = 0
            self._stamp = 0.0
            self.on_apply = None  # test hook: called with (market, command, target) before replying

    # --- time ---------------------------------------------------------------------------------------
    def now(self) -> float:
        return time.time() + self.offset_s

    def advance(self, seconds: float) -> None:
        with self.lock:
            self.offset_s += seconds

    def stamp(self) -> str:
        """A strictly increasing UTC timestamp (ms) for order updates."""
        with self.lock:
            t = max(self.now(), self._stamp + 0.001)
            self._stamp = t
            return datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"

    def next_id(self, prefix: str) -> str:
        with self.lock:
            self._seq += 1
            return f"{prefix}{self._seq}"

    # --- rate limits and idempotency --------------------------------------------------------------
    def allow(self, name: str, rate: float, burst: float, cost: float = 1.0) -> bool:
        if not self.rate_limits:
            return True
        with self.lock:
            bucket = self.buckets.setdefault(name, Bucket(rate, burst))
            ok = bucket.take(cost)
            if not ok:
                self.throttled[name] += 1
            return ok

    def idempotent(self, market: str, key: str, params: Any, run):
        """Stripe/Shopify semantics: the first response for a key is stored (24 h) and replayed; the same
        key with different parameters is an error. Returns (response, replayed)."""
        digest = hashlib.sha256(json.dumps(params, sort_keys=True, default=str).encode()).hexdigest()
        with self.lock:
            now = self.now()
            for k, (at, _d, _r) in list(self.idem.items()):
                if now - at > self.idem_ttl_s:
                    del self.idem[k]
            found = self.idem.get((market, key))
            if found is not None:
                if found[1] != digest:
                    return ("mismatch", None), True
                return found[2], True
            response = run()
            self.idem[(market, key)] = (now, digest, response)
            return response, False

    def record(self, market: str, command: str, target: str) -> None:
        with self.lock:
            self.history.append((market, command, target))
        hook = self.on_apply
        if hook is not None:
            hook(market, command, target)

    def deliver(self, phone_number_id: str, to: str, body: str) -> SimMessage:
        with self.lock:
            message = SimMessage(self.next_id("wamid.HBgM"), phone_number_id, to, body, iso(self.now()))
            self.messages.append(message)
        self.record("whatsapp", "message", to)
        return message

    def delivered(self, to: str | None = None) -> list[SimMessage]:
        """WhatsApp messages delivered (to one number), in order."""
        with self.lock:
            return [m for m in self.messages if to is None or m.to == to]

    def applied(self, market: str | None = None, command: str | None = None) -> Counter[tuple[str, str, str]]:
        with self.lock:
            return Counter(h for h in self.history if (market is None or h[0] == market)
                           and (command is None or h[1] == command))

    # --- the seller's side: listings ---------------------------------------------------------------
    def listing(self, market: str, sku: str) -> Listing:
        with self.lock:
            found = self.listings[market].get(sku)
            if found is None:
                found = Listing(sku=sku, product_id=len(self.listings[market]) + 101)
                self.listings[market][sku] = found
            return found

    def ensure_listing(self, market: str, sku: str, **values: Any) -> Listing:
        with self.lock:
            listing = self.listing(market, sku)
            for k, v in values.items():
                setattr(listing, k, v)
            return listing

    # --- the buyer's side: orders ---------------------------------------------------------------------
    def place_order(self, market: str, sku: str, qty: int = 1, price_paise: int | None = None, *,
                    pin: str = "") -> str | None:
        """A buyer orders ``qty`` of ``sku``; refused (None) if the marketplace shows fewer available."""
        with self.lock:
            listing = self.listing(market, sku)
            if listing.quantity < qty:
                return None
            listing.quantity -= qty
            oid = {"amazon": lambda: f"402-{self.next_id('')}-1", "shopify": lambda: f"gid://shopify/Order/"
                   f"{self.next_id('')}", "woocommerce": lambda: self.next_id(""),
                   "ondc": lambda: self.next_id("ONDC-")}[market]()
            at = self.stamp()
            line = {"line_id": self.next_id("L"), "sku": sku, "qty": qty,
                    "price_paise": price_paise or listing.price_paise or 100}
            first = "pending" if market in ("amazon", "ondc") else "accepted"
            order = SimOrder(market, oid, first, [line], at, at, pin=pin)
            order.versions.append(self._snapshot(order))
            self.orders[market][oid] = order
            return oid

    def _snapshot(self, order: SimOrder) -> dict[str, Any]:
        return {"status": order.status, "updated_at": order.updated_at}

    def set_order_status(self, market: str, oid: str, status: str) -> None:
        with self.lock:
            order = self.orders[market][oid]
            if status == "cancelled" and order.status != "cancelled":
                for line in order.lines:
                    self.listing(market, line["sku"]).quantity += line["qty"]
            order.status = status
            order.updated_at = self.stamp()
            order.versions.append(self._snapshot(order))

    def ship_units(self, market: str, oid: str, units: dict[str, int]) -> str:
        """A shipment of some units (line id -> quantity): the order is shipped once every unit still ordered
        has gone, partly shipped (``packed``) before. Returns the order's status."""
        with self.lock:
            order = self.orders[market][oid]
            shipped = self.shipped_units.setdefault((market, oid), {})
            for line_id, qty in units.items():
                shipped[line_id] = shipped.get(line_id, 0) + int(qty)
            done = all(shipped.get(str(line["line_id"]), 0) >= line["qty"] for line in order.lines)
        if order.status not in ("shipped", "delivered", "cancelled"):
            self.set_order_status(market, oid, "shipped" if done else "packed")
        return order.status

    def cancel_units(self, market: str, oid: str, units: dict[str, int]) -> str:
        """The seller cancels units not shipped (refunded to the buyer, back on the listing)."""
        with self.lock:
            order = self.orders[market][oid]
            for line in order.lines:
                qty = min(int(units.get(str(line["line_id"]), 0)), line["qty"])
                if qty:
                    line["qty"] -= qty
                    self.listing(market, line["sku"]).quantity += qty
            self.cancelled_units.setdefault((market, oid), {}).update(
                {k: int(v) for k, v in units.items()})
        return self.ship_units(market, oid, {})

    def buyer_cancel(self, market: str, oid: str) -> None:
        self.set_order_status(market, oid, "cancelled")

    def orders_since(self, market: str, since: str) -> list[SimOrder]:
        with self.lock:
            return sorted((o for o in self.orders[market].values() if o.updated_at >= since),
                          key=lambda o: (o.updated_at, o.id))

    def new_page_token(self, state: dict[str, Any]) -> str:
        token = hashlib.sha1(f"{self.next_id('T')}{self.rng.random()}".encode()).hexdigest()[:24]
        with self.lock:
            self.page_tokens[token] = (self.now(), state)
        return token

    def page_state(self, token: str) -> dict[str, Any] | None:
        with self.lock:
            found = self.page_tokens.get(token)
            if found is None or self.now() - found[0] > self.page_token_ttl_s:
                return None
            return found[1]

    # --- amazon async submissions --------------------------------------------------------------------
    def settle_submissions(self) -> None:
        with self.lock:
            now = self.now()
            keep = []
            for due, submission, sku, attributes, invalid in self.pending:
                if due > now:
                    keep.append((due, submission, sku, attributes, invalid))
                    continue
                listing = self.listing("amazon", sku)
                if invalid:
                    listing.issues.append({"code": "90220", "message": "'item_name' is required but not supplied.",
                                           "severity": "ERROR", "submissionId": submission})
                    continue
                for name, value in attributes.items():
                    if name == "fulfillment_availability":
                        listing.quantity = int(value[0]["quantity"])
                    elif name == "purchasable_offer":
                        from decimal import Decimal

                        amount = value[0]["our_price"][0]["schedule"][0]["value_with_tax"]
                        listing.price_paise = int(Decimal(str(amount)) * 100)
                    elif name == "item_name":
                        listing.title = value[0]["value"]
                    elif name == "maximum_retail_price":
                        from decimal import Decimal

                        listing.mrp_paise = int(Decimal(str(value[0]["value"])) * 100)
            self.pending = keep

    def snapshot(self) -> dict[str, Any]:
        """Everything, as plain data (the demo server's ``GET /_sim/state``)."""
        with self.lock:
            return {"listings": {m: {s: vars(v) for s, v in ls.items()} for m, ls in self.listings.items()},
                    "orders": {m: {i: {"status": o.status, "updated_at": o.updated_at, "lines": o.lines,
                                       "tracking": o.tracking}
                                   for i, o in os_.items()} for m, os_ in self.orders.items()},
                    "history": list(self.history), "throttled": dict(self.throttled),
                    "messages": [vars(m) for m in self.messages],
                    "requests": dict(self.requests)}


def iso(t: float) -> str:
    return datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def parse_iso(text: str) -> float:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def minus(text: str, seconds: float) -> str:
    return iso((datetime.fromisoformat(text.replace("Z", "+00:00")) - timedelta(seconds=seconds)).timestamp())
