"""The operations agent's run on a day's marketplace orders, against the simulator on 127.0.0.1.

From an empty data folder: a shop, the simulator (in this process, on its own threads), Amazon connected and
one item listed, N Amazon orders to PIN codes across India (some the courier does not serve), pulled in; the
courier account saved (in an in-memory keyring: a build machine has none); the seller's limits chosen with
``operations.auto_ship_limit_paise`` at ₹100. Then one run of the agent, timed: every order planned, the
ones within the limit booked (AWB, label PDF, pickup), the rest asked for approval or escalated; a second run
(tracking only) timed too. Prints the counts and seconds; exits 1 if any order is left without a step or any
parcel was booked twice.

    .venv/bin/python bench/orders/operations_cycle.py [--orders 50]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import keyring  # noqa: E402
from keyring.backend import KeyringBackend  # noqa: E402

from app import config  # noqa: E402
from app.agents import fulfilment_cycle  # noqa: E402
from app.paths import DataDir  # noqa: E402
from app.services import catalog, couriers, order_flow, shop  # noqa: E402
from app.services import settings as settings_service  # noqa: E402
from app.session import open_session  # noqa: E402
from app.sim.marketplace import SimServer, Simulator  # noqa: E402
from app.sync import setup  # noqa: E402
from app.sync.credentials import Credentials  # noqa: E402
from app.sync.worker import SyncWorker, WorkerConfig  # noqa: E402

PINS = ("560001", "110001", "400001", "700001", "600001", "744101", "500001", "380001", "226001", "682555")


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.values.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.values[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.values.pop((service, username), None)


def run(orders: int, folder: Path) -> dict:
    keyring.set_keyring(MemoryKeyring())
    data = DataDir(folder).ensure()
    session = open_session(data, "bench", create=True)
    server = SimServer(Simulator(seed=7)).start()
    try:
        ctx = session.ctx
        shop.create_shop(ctx, name="Bench Kirana", state_code="27", gstin="27AAPFU0939F1ZV", address="1 MG Road",
                         city="Pune")
        shop.update_shop(ctx, pincode="411038")
        catalog.create_product(ctx, sku="SOAP", name_en="Dettol soap 125 g", price_paise=4000, mrp_paise=4200,
                               cost_paise=3200, hsn_code="3401", opening_stock_milli=orders * 2000 + 10_000)
        credentials = Credentials(data.root / "credentials")
        catalog.add_channel(ctx, code="amazon_in", name="Amazon")
        setup.connect(ctx, channel="amazon_in", adapter="amazon", base_url=server.url, credentials=credentials,
                      secrets={"refresh_token": "good-refresh", "client_secret": "cs"},
                      account={"seller_id": "A1SELLER"})
        server.sim.ensure_listing("amazon", "SOAP", title="Dettol soap")
        catalog.list_on_channel(ctx, channel="amazon_in", sku="SOAP")
        worker = SyncWorker(ctx, secret=credentials.get, config=WorkerConfig(pull_every_s=0.0))
        worker.drain(advance_clock=False)
        for n in range(orders):
            server.sim.place_order("amazon", "SOAP", 1 + n % 2, pin=PINS[n % len(PINS)])
        worker.drain(advance_clock=False)
        server.courier.carriers[24] = ("Xpressbees Surface", 40.0, 30.0, 120)  # under India Post for a small box
        couriers.save_account(ctx, url=server.url, email="seller@example.com", password="courier-pass")
        settings_service.set_setting(ctx, config.AGENT_LIMITS_CHOSEN.key, True)
        settings_service.set_setting(ctx, config.OPERATIONS_AUTO_SHIP_LIMIT_PAISE.key, 10_000)
        pulled = len(order_flow.board(ctx))
        started = time.perf_counter()
        first = fulfilment_cycle.run(ctx)
        first_s = time.perf_counter() - started
        started = time.perf_counter()
        second = fulfilment_cycle.run(ctx)
        second_s = time.perf_counter() - started
        db = ctx.store.db()
        steps = dict(db.execute("SELECT status, count(*) FROM fulfilment_task GROUP BY status").fetchall())
        unplanned = db.execute("SELECT count(*) FROM orders WHERE remote_id IS NOT NULL AND id NOT IN"
                               " (SELECT order_id FROM fulfilment_task)").fetchone()[0]
        shipments_at_courier = len(server.courier.shipments)
        booked_here = db.execute("SELECT count(*) FROM courier_shipment").fetchone()[0]
        worker.close()
        return {"orders": pulled, "first_run_s": first_s, "second_run_s": second_s, "booked": len(first.booked),
                "asked": len(first.asked), "planned": len(first.planned), "escalated": len(first.escalated),
                "failed": len(first.failed), "tracked_second_run": second.tracked, "steps": steps,
                "unplanned": unplanned, "shipments_at_courier": shipments_at_courier, "booked_here": booked_here}
    finally:
        server.stop()
        session.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=50)
    parser.add_argument("folder", nargs="?")
    args = parser.parse_args()
    folder = Path(args.folder) if args.folder else Path(tempfile.mkdtemp(prefix="operations-"))
    result = run(args.orders, folder)
    for key, value in result.items():
        print(f"{key:<22} {value:.2f}" if isinstance(value, float) else f"{key:<22} {value}")
    ok = result["unplanned"] == 0 and result["shipments_at_courier"] == result["booked_here"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
