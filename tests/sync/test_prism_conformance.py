"""Every request shape our Amazon adapter produces, sent to Stoplight Prism serving Amazon's official
listings and orders models (request validation on): zero validation errors.

Prism is installed by ``python dev.py setup`` (tools/prepare/sync_prism.py) into ``.venv/prism``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import httpx
import pytest

from app.store.outbox import OutboxRow
from app.sync.marketplaces.amazon import LISTINGS, MODELS, ORDERS, AmazonAdapter
from app.sync.marketplaces.base import Change

ROOT = Path(__file__).resolve().parents[2]
PRISM = ROOT / ".venv" / "prism" / "node_modules" / ".bin" / "prism"

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not PRISM.exists(), reason="Prism is not installed (needs npm at `python dev.py "
                                                            "setup`: tools/prepare/sync_prism.py)")]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Prism:
    def __init__(self, model: str) -> None:
        self.port = free_port()
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in stop(); a pipe nobody reads stalls Prism)
        self.proc = subprocess.Popen([str(PRISM), "mock", str(MODELS / model), "-h", "127.0.0.1", "-p",
                                      str(self.port), "--errors"], stdout=self.log, stderr=subprocess.STDOUT,
                                     env={**os.environ, "NO_COLOR": "1"})
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("Prism did not start")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


class NoAuthAmazon(AmazonAdapter):
    def _access_token(self, force: bool = False) -> str:
        return "Atza|conformance"


def row(op: str, kind: str = "state", remote_ref: str | None = None) -> OutboxRow:
    return OutboxRow(id="r", channel="amazon_in", kind=kind, op=op, entity_id="SKU-1", order_key="k",
                     payload_json="{}", schema_ok=1, idem_key="k", coalesce_key=None, status="pending", attempts=0,
                     next_attempt_at=None, lease_owner=None, remote_ref=remote_ref, last_error=None, created_seq=1,
                     created_at="2026-06-15T04:30:00.000Z", updated_at="2026-06-15T04:30:00.000Z", event_id=None)


@pytest.fixture(scope="module")
def prisms():
    listings, orders = Prism(LISTINGS), Prism(ORDERS)
    yield listings, orders
    listings.stop()
    orders.stop()


def test_every_amazon_request_shape_passes_the_official_models(prisms):
    listings, orders = prisms
    seen: list[tuple[str, str, int, str | None]] = []

    def record(response: httpx.Response) -> None:
        response.read()
        seen.append((response.request.method, response.request.url.path, response.status_code,
                     response.headers.get("sl-violations")))

    client = httpx.Client(timeout=20, event_hooks={"response": [record]})
    account = {"seller_id": "A1SELLER", "marketplace_id": "A21TJRUUN4KGV", "product_type": "PRODUCT"}
    on_listings = NoAuthAmazon(channel="amazon_in", base_url=listings.url, account=account, client=client,
                               secret=lambda n: "x")
    on_orders = NoAuthAmazon(channel="amazon_in", base_url=orders.url, account=account, client=client,
                             secret=lambda n: "x")
    payloads = {
        "listing.price": [{"sku": "SKU-1", "price_paise": 2850, "mrp_paise": 3000},
                          {"sku": "SKU-1", "price_paise": 2850, "mrp_paise": None}],
        "listing.quantity": [{"sku": "SKU-1", "remote_sku": "SKU 1/a", "quantity": 0},
                             {"sku": "SKU-1", "quantity": 12}],
        "listing.content": [{"sku": "SKU-1", "title": "Tata Salt 1 kg", "brand": "Tata", "barcode": "8901058000290"},
                            {"sku": "SKU-1", "title": "टाटा नमक", "brand": "", "barcode": None}],
    }
    for op, variants in payloads.items():
        for payload in variants:
            assert on_listings.validate(op, payload) is None  # the offline check agrees with Prism
            on_listings.send_one(Change(row(op), payload))
            on_listings.check_acked(Change(row(op, remote_ref="sub-1"), payload))
    ship = {"remote_id": "902-1106328-1059050", "carrier": "Delhivery", "tracking": "DL123",
            "ship_date": "2026-06-15T04:30:00.000Z", "lines": [{"remote_line_id": "68828574383266", "qty": 1}]}
    assert on_orders.validate("order.ship", ship) is None
    on_orders.send_one(Change(row("order.ship", "command"), ship))
    on_orders.read_back(Change(row("order.ship", "command"), ship))
    try:
        on_orders.pull_orders("2026-06-01T00:00:00.000Z", None)
        on_orders.pull_orders("2026-06-01T00:00:00.000Z", "next-token-from-amazon")
    except (KeyError, TypeError, ValueError):
        pass  # Prism's made-up example data need not make sense; only the requests are judged here
    on_orders._order({"AmazonOrderId": "902-1106328-1059050", "LastUpdateDate": "2026-06-15T04:30:00Z"})
    client.close()
    calls = {(m, p.split("/")[1] + "/" + p.split("/")[-1] if p.startswith("/orders") else p.split("/")[1])
             for m, p, _s, _v in seen}
    assert len(seen) >= 14, seen
    assert ("PATCH", "listings") in calls and ("GET", "listings") in calls
    assert {("GET", "orders/orders"), ("GET", "orders/orderItems"), ("POST", "orders/shipmentConfirmation")} <= calls
    problems = [(m, p, s, v) for m, p, s, v in seen if s in (400, 422) or v]
    assert problems == [], problems
