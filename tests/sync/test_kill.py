"""Scenario 1: kill -9 the sync process at every step of sending, in a subprocess, again and again.

Steps: inside the business transaction (before commit), after a row is marked in flight (before
sending), after the server applied it but before the reply is read (the simulator kills the process
from its own thread), after the reply (before the outcome is committed), and after that commit.
Invariants after every kill: the file is whole, every stock balance equals its ledger, no command was
applied twice by any marketplace; at the end every command is applied exactly once.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.paths import DataDir
from app.services import catalog, shop
from app.session import open_session
from app.sim.marketplace import SimServer, Simulator
from app.store import open_store, outbox
from app.store.stock import mismatches
from app.sync import setup

CHILD = Path(__file__).with_name("sync_child.py")
KILLS = int(os.environ.get("TAVYONIX_SYNC_KILLS", "30"))  # bench/sync/bench_kill.py runs 200
STEPS = ("business", "claimed", "server_applied", "sent", "settled")
COMMANDS = {("amazon", "confirmShipment"), ("shopify", "fulfillmentCreate"), ("woocommerce", "order_completed")}

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX kill -9")


def build(root: Path, sim: SimServer, orders: int) -> DataDir:
    import keyring

    from tests.sync.conftest import MemoryKeyring  # the child sets up the same keyring

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    data = DataDir(root).ensure()
    s = open_session(data, "kill", create=True)
    try:
        shop.create_shop(s.ctx, name="Kill Test Kirana", state_code="27", gstin="27AAPFU0939F1ZV")
        for sku in ("K1", "K2"):
            catalog.create_product(s.ctx, sku=sku, name_en=f"Item {sku}", price_paise=2500, mrp_paise=3000,
                                   cost_paise=2000, hsn_code="1905", opening_stock_milli=10_000_000)
        for code, market in (("amazon_in", "amazon"), ("shopify", "shopify"), ("website", "woocommerce")):
            catalog.add_channel(s.ctx, code=code, name=market)
            setup.connect(s.ctx, channel=code, adapter=market, base_url=sim.url,
                          account={"seller_id": "A1SELLER"} if market == "amazon" else {})
            for sku in ("K1", "K2"):
                sim.sim.ensure_listing(market, sku, quantity=100_000, title=sku)
                catalog.list_on_channel(s.ctx, channel=code, sku=sku)
            for _ in range(orders):
                sim.sim.place_order(market, "K1", 1)
    finally:
        s.close()
        keyring.set_keyring(previous)
    return data


def check(path: Path, sim: Simulator) -> dict[str, int]:
    store = open_store(path, exclusive=False)
    try:
        assert store.integrity_check() == []
        db = store.db()
        assert mismatches(db) == []
        dupes = {k: n for k, n in sim.applied().items() if (k[0], k[1]) in COMMANDS and n > 1}
        assert not dupes, f"applied more than once: {dupes}"
        assert db.execute("SELECT count(*) FROM stock_move GROUP BY source, source_ref, reason HAVING count(*) > 1"
                          ).fetchone() is None
        return outbox.counts(db)
    finally:
        store.close()


def run_child(data: DataDir, sim: SimServer, step: str, nth: int, seed: int) -> str:
    child = subprocess.Popen([sys.executable, str(CHILD), str(data.root), "kill", step, str(nth), str(seed)],
                             stdout=subprocess.PIPE, text=True, cwd=str(CHILD.parents[2]))
    if step == "server_applied":
        def kill(market, command, target):
            if (market, command) in COMMANDS:
                sim.sim.on_apply = None
                os.kill(child.pid, signal.SIGKILL)
                time.sleep(0.05)  # the reply must not get out before the process is gone
        sim.sim.on_apply = kill
    try:
        out, _err = child.communicate(timeout=120)
    finally:
        sim.sim.on_apply = None
    return out


def run_kills(root: Path, kills: int, seed: int = 3) -> tuple[int, int]:
    rng = random.Random(seed)
    sim = SimServer(Simulator(seed=seed, timeout_s=0.7, rate_limits=False)).start()
    try:
        data = build(root, sim, orders=kills + 5)
        path = data.shop_db("kill")
        died = 0
        for round_no in range(kills):
            step = STEPS[round_no % len(STEPS)]
            out = run_child(data, sim, step, rng.randint(1, 3), round_no)
            died += "DONE" not in out
            check(path, sim.sim)
        for round_no in range(3):  # no more crashes: everything drains
            run_child(data, sim, "none", 0, 10_000 + round_no)
        counts = check(path, sim.sim)
        assert counts.get("pending", 0) == counts.get("unknown", 0) == counts.get("in_flight", 0) == 0, counts
        assert counts.get("failed", 0) == counts.get("dead", 0) == 0, counts
        store = open_store(path, exclusive=False)
        try:
            shipped = store.db().execute("SELECT channel, remote_id FROM orders WHERE status = 'shipped'").fetchall()
        finally:
            store.close()
        market = {"amazon_in": ("amazon", "confirmShipment"), "shopify": ("shopify", "fulfillmentCreate"),
                  "website": ("woocommerce", "order_completed")}
        applied = sim.sim.applied()
        for channel, remote in shipped:  # every shipment queued was applied exactly once
            assert applied[(*market[channel], remote)] == 1, (channel, remote)
        return died, len(shipped)
    finally:
        sim.stop()


@pytest.mark.slow
def test_kill_minus_nine_at_every_send_step(tmp_path):
    died, shipped = run_kills(tmp_path, KILLS)
    assert died >= KILLS * 0.8  # the kills really happened
    assert shipped >= KILLS // 2  # and there was real work in flight
