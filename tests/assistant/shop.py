"""The shop the assistant's tests, evaluation and benchmarks talk about (tests/data/assistant_shop.json),
built through the services on a clock the caller controls: eight weeks of counter sales, customers with
khata balances, two suppliers, an Amazon order, a purchase order on its way, a price the pricing agent
raised (with its decision), a purchase order waiting for the seller's approval, and a failed sync row.

Used by tests/assistant, tests/api, bench/assistant and tools/assistant (it needs no pytest).
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from app.domain.clock import IST, ManualClock
from app.events import EventBus
from app.services import catalog, decisions, inventory, khata, purchasing, sales, shop, suppliers
from app.services.context import Origin, ServiceContext
from app.services.purchasing import PoLine
from app.services.sales import PaymentIn, RemoteLine, SaleLine
from app.store import Store, open_store

DATA = Path(__file__).resolve().parents[1] / "data" / "assistant_shop.json"
TODAY = date(2026, 10, 15)  # a Thursday, three weeks before Diwali 2026
HISTORY_DAYS = 56
SELLER = Origin(actor="seller")


def at(day: date, hour: int = 19, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=IST).astimezone(UTC)


def spec() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


@dataclass
class Built:
    path: Path
    approval_id: int
    decision_id: int
    price_event_id: int
    po_id: int
    amazon_order_id: int


def build(path: Path, *, seed: int = 11) -> Built:
    """Write the shop to ``path`` (a new file) and close it."""
    store = open_store(path, create=True, exclusive=False)
    store.db().conn.execute("PRAGMA synchronous=OFF")
    start = TODAY - timedelta(days=HISTORY_DAYS)
    clock = ManualClock(at(start, 9))
    ctx = ServiceContext(store, EventBus(), clock)
    data = spec()
    shop.create_shop(ctx, name="Sharma Kirana", state_code="27", gstin="27AAPFU0939F1ZV", upi_id="sharma@okaxis",
                     address="12 Station Road", city="Pune")
    gupta = suppliers.create_supplier(ctx, name="Gupta Traders", whatsapp="9812345678", lead_time_days=2).id
    metro = suppliers.create_supplier(ctx, name="Metro Cash and Carry", whatsapp="9898989898", lead_time_days=1).id
    for sku, name_en, name_hi, keywords, brand, category, unit, price, mrp, cost, _stock, reorder in data["products"]:
        first_price = 12500 if sku == "SURF1" else price
        catalog.create_product(ctx, sku=sku, name_en=name_en, name_hi=name_hi, keywords=keywords, brand=brand,
                               category=category, unit=unit, price_paise=first_price, mrp_paise=mrp, cost_paise=cost,
                               hsn_code="2106", reorder_point_milli=reorder * 1000,
                               reorder_qty_milli=reorder * 2000)
        suppliers.link_product(ctx, gupta, sku, cost_paise=cost, case_size_milli=1000, moq_milli=0)
        inventory.receive_stock(ctx, sku, 5_000_000, unit_cost_paise=cost, source_ref=f"opening:{sku}", origin=SELLER)
    suppliers.link_product(ctx, metro, "COKE", cost_paise=3250, case_size_milli=1000)
    customer_ids = {}
    for name, name_hi, phone, owes in data["customers"]:
        customer_ids[name] = khata.create_customer(ctx, name=name, name_hi=name_hi, phone=phone,
                                                   opening_balance_paise=owes, credit_limit_paise=500_000).id
    rng = random.Random(seed)
    skus = [p[0] for p in data["products"]]
    popular = ("MAGGI70", "PARLEG", "AMULMILK", "SALT1", "SUGAR", "EGGS6")
    weights = [6 if p[0] in popular else 2 for p in data["products"]]
    surf_event = decision_id = 0
    for offset in range(HISTORY_DAYS):
        day = start + timedelta(days=offset)
        if day == TODAY - timedelta(days=10):  # the pricing agent raised Surf Excel
            clock.set(at(day, 8))
            decision_id = int(decisions.record_decision(
                ctx, agent="pricing", decision_type="reprice", status="proposed",
                reasoning=["Surf Excel sells steadily and the competitor charges Rs 135; Rs 130 earns more."],
                actions=[{"kind": "set_price", "params": {"sku": "SURF1", "price_paise": 13000}}],
                expected={"horizon_days": 14, "profit_paise": 2400}, confidence=0.7).id)
            origin = Origin(actor="agent:pricing", reason="Surf Excel sells steadily; competitor at Rs 135.",
                            decision_id=decision_id)
            changed = catalog.change_price(ctx, "SURF1", price_paise=13000, origin=origin)
            surf_event = int(changed.events[0].event_id)
            decisions.set_decision_status(ctx, decision_id, "executed", reason="done", origin=origin)
        for bill in range(rng.randint(4, 9)):
            clock.set(at(day, 9 + bill, rng.randint(0, 59)))
            chosen = rng.choices(skus, weights=weights, k=rng.randint(1, 4))
            lines = [SaleLine(sku=sku, qty_milli=1000 * rng.randint(1, 3)) for sku in dict.fromkeys(chosen)]
            total = sales.quote_sale(ctx, lines=lines).total_paise
            sales.record_sale(ctx, lines=lines, payments=[PaymentIn(method="cash", amount_paise=total)], origin=SELLER)
    # the shelves as they are today
    clock.set(at(TODAY, 8))
    for sku, *_rest, stock, _reorder in [(p[0], p[10], p[11]) for p in data["products"]]:
        inventory.count_stock(ctx, sku, stock * 1000, origin=SELLER)
    # a marketplace order, a purchase order on its way, one waiting for approval
    catalog.add_channel(ctx, code="amazon", name="Amazon")
    catalog.list_on_channel(ctx, channel="amazon", sku="MAGGI70")
    amazon = sales.import_marketplace_order(ctx, channel="amazon", remote_id="AMZ-40211", customer_name="Online buyer",
                                            lines=[RemoteLine(sku="MAGGI70", qty_milli=2000, unit_price_paise=1400,
                                                              remote_line_id="1")])
    po = purchasing.create_purchase_order(ctx, supplier_id=gupta, lines=[PoLine(sku="TOORDAL", qty_milli=10_000)])
    purchasing.send_purchase_order(ctx, int(po.id))
    clock.set(at(TODAY, 9))
    waiting = int(decisions.record_decision(
        ctx, agent="inventory", decision_type="restock", status="awaiting_approval",
        reasoning=["Colgate runs out in 2 days; Gupta Traders delivers in 2."],
        actions=[{"kind": "purchase_order", "params": {"supplier_id": gupta, "total_paise": 57000,
                                                       "lines": [{"sku": "COLGATE", "qty_milli": 6000,
                                                                  "cost_paise": 9500}]}}],
        expected={"horizon_days": 7}).id)
    approval = int(decisions.request_approval(ctx, waiting, summary="Order 6 Colgate from Gupta Traders",
                                                     kind="restock", expires=at(TODAY + timedelta(days=3))).id)
    db = store.db()
    with store.write() as wdb:  # one marketplace update that failed (as sync would leave it)
        wdb.execute("UPDATE outbox SET status = 'failed', last_error = 'HTTP 503' WHERE id = (SELECT min(id) FROM"
                    " outbox WHERE channel = 'amazon')")
    assert db.execute("SELECT count(*) FROM outbox WHERE status = 'failed'").fetchone()[0] == 1
    store.close()
    return Built(path=path, approval_id=approval, decision_id=decision_id, price_event_id=surf_event, po_id=int(po.id),
                 amazon_order_id=int(amazon.id))


def open_shop(path: Path, *, when: datetime | None = None) -> tuple[Store, ServiceContext, ManualClock]:
    store = open_store(path, exclusive=False)
    store.db().conn.execute("PRAGMA synchronous=OFF")
    clock = ManualClock(when or at(TODAY, 19))
    return store, ServiceContext(store, EventBus(), clock), clock
