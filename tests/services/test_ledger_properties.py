"""Property tests over sequences of service calls: balances always equal their ledgers."""

import contextlib
import shutil
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from app.domain.clock import ManualClock
from app.errors import AppError
from app.paths import DataDir
from app.services import catalog, inventory, khata, purchasing, sales, shop, suppliers
from app.services.purchasing import PoLine
from app.services.sales import PaymentIn, RemoteLine, SaleLine
from app.session import open_session
from app.store import parties
from app.store import stock as stock_store

SKUS = ("A", "B", "LOOSE")
qty = st.integers(min_value=1, max_value=20)


class ShopMachine(RuleBasedStateMachine):
    """Feature: tavyonix-seller-os, Property 12: Unified Platform Data Consistency — for any sequence of
    service calls (sales, receipts, counts, wastage, marketplace orders and cancels, purchase orders,
    khata), every stock balance equals the sum of its ledger and every khata balance equals its entries:
    one source of truth that no path can make drift."""

    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp())
        self.clock = ManualClock(datetime(2026, 6, 15, 4, 30, tzinfo=UTC))
        self.session = open_session(DataDir(self.tmp).ensure(), "prop", create=True, clock=self.clock)
        self.ctx = self.session.ctx
        self.remote = 0
        self.imported: list[int] = []
        self.pos: list[int] = []
        self.expected_khata = 0

    @initialize()
    def set_up(self) -> None:
        shop.create_shop(self.ctx, name="Prop Store", state_code="27", gstin="27AAPFU0939F1ZV")
        catalog.create_product(self.ctx, sku="A", name_en="Item A", price_paise=1000, mrp_paise=1200,
                               cost_paise=800, hsn_code="1905", opening_stock_milli=5000)
        catalog.create_product(self.ctx, sku="B", name_en="Item B", price_paise=5000, cost_paise=4000,
                               hsn_code="3402")
        catalog.create_product(self.ctx, sku="LOOSE", name_en="Rice loose", unit="kg", price_paise=6000,
                               cost_paise=5000, hsn_code="1006")
        catalog.add_channel(self.ctx, code="amazon", name="Amazon.in")
        catalog.list_on_channel(self.ctx, channel="amazon", sku="A")
        self.customer = khata.create_customer(self.ctx, name="Asha", credit_limit_paise=10**9).id
        self.supplier = suppliers.create_supplier(self.ctx, name="Gupta").id

    def teardown(self) -> None:
        self.session.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def _tick(self) -> None:
        self.clock.advance(timedelta(minutes=7))

    @rule(sku=st.sampled_from(SKUS), n=qty, credit=st.booleans())
    def sell(self, sku, n, credit):
        self._tick()
        milli = n * (250 if sku == "LOOSE" else 1000)
        quote = sales.quote_sale(self.ctx, lines=[SaleLine(sku=sku, qty_milli=milli)])
        method = "khata" if credit else "cash"
        sales.record_sale(self.ctx, lines=[SaleLine(sku=sku, qty_milli=milli)],
                          customer_id=self.customer if credit else None,
                          payments=[PaymentIn(method=method, amount_paise=quote.total_paise)])
        if credit:
            self.expected_khata += quote.total_paise

    @rule(sku=st.sampled_from(SKUS), n=qty)
    def receive(self, sku, n):
        self._tick()
        inventory.receive_stock(self.ctx, sku, n * 1000, unit_cost_paise=700)

    @rule(sku=st.sampled_from(SKUS), n=st.integers(0, 30))
    def count(self, sku, n):
        self._tick()
        inventory.count_stock(self.ctx, sku, n * 1000)

    @rule(sku=st.sampled_from(SKUS), n=qty)
    def waste(self, sku, n):
        self._tick()
        inventory.record_wastage(self.ctx, sku, n * 1000, note="damaged")

    @rule(n=qty, repeat=st.booleans())
    def marketplace_order(self, n, repeat):
        self._tick()
        self.remote += 1
        lines = [RemoteLine(sku="A", qty_milli=n * 1000, unit_price_paise=1000, remote_line_id=f"{self.remote}:1")]
        changes = sales.import_marketplace_order(self.ctx, channel="amazon", remote_id=str(self.remote), lines=lines)
        if repeat:  # the same order seen again after a retry or an overlapping pull
            sales.import_marketplace_order(self.ctx, channel="amazon", remote_id=str(self.remote), lines=lines)
        self.imported.append(changes.id)

    @precondition(lambda self: self.imported)
    @rule(data=st.data())
    def cancel_marketplace_order(self, data):
        self._tick()
        order_id = data.draw(st.sampled_from(self.imported))
        sales.cancel_order(self.ctx, order_id)

    @rule(n=qty)
    def purchase_order(self, n):
        self._tick()
        po = purchasing.create_purchase_order(self.ctx, supplier_id=self.supplier,
                                              lines=[PoLine(sku="B", qty_milli=n * 2000)], confirmed=True)
        self.pos.append(po.id)

    @precondition(lambda self: self.pos)
    @rule(data=st.data(), part=st.booleans())
    def receive_po(self, data, part):
        self._tick()
        po = data.draw(st.sampled_from(self.pos))
        with contextlib.suppress(AppError):  # fully received or cancelled already: refused, nothing written
            purchasing.receive_purchase_order(self.ctx, po, received={"B": 1000} if part else None)

    @rule(amount=st.integers(1, 5000))
    def khata_payment(self, amount):
        self._tick()
        khata.receive_payment(self.ctx, self.customer, amount, confirmed=True)
        self.expected_khata -= amount

    @invariant()
    def balances_equal_ledgers(self):
        db = self.session.store.db()
        assert stock_store.mismatches(db) == []
        for sku in SKUS:
            assert stock_store.on_hand(db, sku) == stock_store.ledger_sum(db, sku)
        customer = parties.get_customer(db, self.customer)
        assert customer.khata_balance_paise == parties.khata_ledger_sum(db, self.customer) == self.expected_khata

    @invariant()
    def every_stock_move_is_unique_and_has_an_event(self):
        db = self.session.store.db()
        assert db.execute("SELECT count(*) FROM (SELECT source, source_ref, reason FROM stock_move"
                          " GROUP BY 1, 2, 3 HAVING count(*) > 1)").fetchone()[0] == 0
        assert db.execute("SELECT count(*) FROM stock_move WHERE event_id IS NULL").fetchone()[0] == 0


ShopMachine.TestCase.settings = settings(max_examples=100, stateful_step_count=25, deadline=None)
TestShopMachine = pytest.mark.slow(ShopMachine.TestCase)
