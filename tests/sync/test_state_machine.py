"""Scenario 22: a Hypothesis state machine of a shop selling at the counter and on two marketplaces
(Amazon: key-less, asynchronous; Shopify: idempotency keys, compare-and-set) with crashes of the
sender, network partitions and heals. Invariants hold after every step; after healing and draining,
everything converges: every command applied exactly once, every listing shows the ledger's allocation
and the local price."""

from __future__ import annotations

import contextlib
import dataclasses
import shutil
import tempfile
import time
from pathlib import Path

import httpx
import keyring
import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from app.domain.clock import ManualClock
from app.paths import DataDir
from app.services import catalog, inventory, sales, shop
from app.services.sales import PaymentIn, SaleLine
from app.session import open_session
from app.sim.marketplace import SimServer, Simulator
from app.store import outbox
from app.store import stock as stock_store
from app.sync import allocation, fulfilment, setup
from app.sync.credentials import Credentials
from app.sync.worker import SyncWorker

from .conftest import FAST, SECRETS, MemoryKeyring

CONFIG = dataclasses.replace(FAST, rate_limits=False)
CLIENT = httpx.Client(timeout=CONFIG.request_timeout_s)  # shared: making a client costs ~0.1 s

SKUS = ("A", "B")
MARKETS = {"amazon_in": "amazon", "shopify": "shopify"}
CAP = {"amazon_in": 5_000, "shopify": None}
SHIP = {"amazon": "confirmShipment", "shopify": "fulfillmentCreate"}


class Crash(Exception):
    pass


class ShopSync(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="sync-sm-"))
        self.previous_keyring = keyring.get_keyring()
        keyring.set_keyring(MemoryKeyring())
        self.sim = SimServer(Simulator(seed=0, timeout_s=0.3, rate_limits=False)).start()
        self.clock = ManualClock(__import__("datetime").datetime.now(__import__("datetime").UTC))
        self.sim.sim.offset_s = 0
        data = DataDir(self.tmp).ensure()
        self.session = open_session(data, "sm", create=True, clock=self.clock)
        self.ctx = self.session.ctx
        self.credentials = Credentials(self.tmp / "credentials")
        setup.register_payload_checks()
        shop.create_shop(self.ctx, name="SM", state_code="27", gstin="27AAPFU0939F1ZV")
        for sku in SKUS:
            catalog.create_product(self.ctx, sku=sku, name_en=f"Item {sku}", price_paise=2500, mrp_paise=3000,
                                   cost_paise=1000, hsn_code="1905", opening_stock_milli=8_000)
        for code, market in MARKETS.items():
            catalog.add_channel(self.ctx, code=code, name=market, allocation_cap_milli=CAP[code])
            setup.connect(self.ctx, channel=code, adapter=market, base_url=self.sim.url, secrets=SECRETS[market],
                          credentials=self.credentials,
                          account={"seller_id": "S"} if market == "amazon" else {})
            for sku in SKUS:
                self.sim.sim.ensure_listing(market, sku, title=sku)
                catalog.list_on_channel(self.ctx, channel=code, sku=sku)
        self.partitioned = False
        self.worker = self.new_worker()

    def new_worker(self, crash_at: str | None = None) -> SyncWorker:
        def hook(step: str) -> None:
            if step == crash_at:
                raise Crash(step)

        return SyncWorker(self.ctx, secret=self.credentials.get, config=CONFIG, crash_hook=hook, client=CLIENT)

    def sync(self, cycles: int = 20) -> None:
        self.worker.drain(max_cycles=cycles, advance_clock=True)

    # --- rules -------------------------------------------------------------------------------------
    @initialize()
    def first_sync(self) -> None:
        self.sync()

    @rule(sku=st.sampled_from(SKUS), qty=st.integers(1, 3))
    def local_sale(self, sku: str, qty: int) -> None:
        lines = [SaleLine(sku=sku, qty_milli=qty * 1000)]
        total = sales.quote_sale(self.ctx, lines=lines).total_paise
        sales.record_sale(self.ctx, lines=lines, payments=[PaymentIn(method="cash", amount_paise=total)],
                          confirmed=True)

    @rule(sku=st.sampled_from(SKUS), qty=st.integers(1, 4))
    def purchase(self, sku: str, qty: int) -> None:
        inventory.receive_stock(self.ctx, sku, qty * 1000)

    @rule(sku=st.sampled_from(SKUS), price=st.integers(1500, 3000))
    def price_edit(self, sku: str, price: int) -> None:
        catalog.change_price(self.ctx, sku, price_paise=price, confirmed=True)

    @rule(channel=st.sampled_from(sorted(MARKETS)), sku=st.sampled_from(SKUS), qty=st.integers(1, 2))
    def remote_order(self, channel: str, sku: str, qty: int) -> None:
        self.sim.sim.place_order(MARKETS[channel], sku, qty)

    @rule(channel=st.sampled_from(sorted(MARKETS)), pick=st.integers(0, 10))
    def remote_cancel(self, channel: str, pick: int) -> None:
        market = MARKETS[channel]
        open_ = [o for o in self.sim.sim.orders[market].values() if o.status in ("pending", "accepted")]
        if open_:
            self.sim.sim.buyer_cancel(market, open_[pick % len(open_)].id)

    @rule(pick=st.integers(0, 10))
    def ship(self, pick: int) -> None:
        rows = self.ctx.store.db().execute("SELECT id FROM orders WHERE channel != 'counter' AND status IN"
                                           " ('pending', 'accepted') ORDER BY id").fetchall()
        if rows:
            fulfilment.ship_order(self.ctx, rows[pick % len(rows)][0], carrier="X", tracking="T")

    @rule()
    def sync_now(self) -> None:
        self.sync()

    @rule(step=st.sampled_from(["claimed", "sent", "settled"]))
    def crash(self, step: str) -> None:
        self.worker.close()
        self.worker = self.new_worker(crash_at=step)
        with contextlib.suppress(Crash):
            self.sync(5)
        self.worker.close()  # the process is gone: a new one starts from the database
        self.worker = self.new_worker()

    @rule()
    def partition(self) -> None:
        if not self.partitioned:
            self.sim.go_offline()
            self.partitioned = True

    @rule()
    def heal(self) -> None:
        if self.partitioned:
            self.sim.go_online()
            self.partitioned = False

    @rule(minutes=st.integers(1, 90))
    def advance_clock(self, minutes: int) -> None:
        from datetime import timedelta

        self.clock.advance(timedelta(minutes=minutes))

    # --- invariants ------------------------------------------------------------------------------------
    @invariant()
    def ledger_balances(self) -> None:
        db = self.ctx.store.db()
        assert stock_store.mismatches(db) == []
        assert db.execute("SELECT 1 FROM stock_move GROUP BY source, source_ref, reason HAVING count(*) > 1"
                          ).fetchone() is None

    @invariant()
    def commands_at_most_once(self) -> None:
        for (market, command, _target), n in self.sim.sim.applied().items():
            if command in SHIP.values() or command in ("orderCancel",):
                assert n <= 1, (market, command, _target)

    @invariant()
    def pushed_quantity_within_allocation(self) -> None:
        """What we told a marketplace is never negative and never above the channel's cap (a marketplace
        may restock on a buyer's cancel by itself; that is its count, not ours)."""
        db = self.ctx.store.db()
        for code in MARKETS:
            for (value,) in db.execute("SELECT acked_json FROM channel_state WHERE channel = ? AND field = 'quantity'"
                                       " AND acked_json IS NOT NULL", (code,)):
                quantity = int(value)
                assert quantity >= 0
                if CAP[code] is not None:
                    assert quantity <= CAP[code] // 1000

    def teardown(self) -> None:
        try:
            if self.partitioned:
                self.sim.go_online()
            db = self.ctx.store.db()
            for _ in range(6):
                self.clock.advance(__import__("datetime").timedelta(minutes=20))
                self.sync(200)
                if not db.execute("SELECT 1 FROM outbox WHERE status IN ('pending', 'unknown', 'in_flight', 'acked')"
                                  " LIMIT 1").fetchone():
                    self.sync(3)  # one more pull: nothing new may arrive
                    if not db.execute("SELECT 1 FROM outbox WHERE status IN ('pending', 'unknown', 'in_flight',"
                                      " 'acked') LIMIT 1").fetchone():
                        break
            counts = outbox.counts(db)
            assert counts.get("pending", 0) == counts.get("unknown", 0) == counts.get("in_flight", 0) == 0, counts
            assert counts.get("acked", 0) == 0, counts
            for row in outbox.rows(db, status=("failed", "dead")):
                assert row.op == "order.ship" and "cancel" in (row.last_error or "").lower(), row
            applied = self.sim.sim.applied()
            shipped = db.execute("SELECT o.channel, o.remote_id FROM orders o JOIN outbox x ON x.entity_id ="
                                 " o.remote_id AND x.op = 'order.ship' AND x.status = 'applied'").fetchall()
            for channel, remote in shipped:
                market = MARKETS[channel]
                assert applied[(market, SHIP[market], remote)] == 1
            for code, market in MARKETS.items():
                for sku in SKUS:
                    listing = self.sim.sim.listings[market][sku]
                    assert listing.quantity == allocation.channel_quantity(db, code, sku), (code, sku)
                    price = db.execute("SELECT price_paise FROM product WHERE sku = ?", (sku,)).fetchone()[0]
                    assert listing.price_paise == price, (code, sku)
        finally:
            self.worker.close()
            self.session.close()
            self.sim.stop()
            keyring.set_keyring(self.previous_keyring)
            outbox.remove_payload_check(setup.check_payload)
            shutil.rmtree(self.tmp, ignore_errors=True)


EXAMPLES = int(__import__("os").environ.get("TAVYONIX_SM_EXAMPLES", "100"))
ShopSync.TestCase.settings = settings(max_examples=EXAMPLES, stateful_step_count=10, deadline=None)
TestShopSync = pytest.mark.slow(ShopSync.TestCase)
_ = time
