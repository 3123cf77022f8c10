"""A big shop to look at the window with: the demo kirana (372 items, English and Hindi names, fifty regulars on
khata) with a year of sales, built by the app's own demo builder, and on top of it what a busy shop piles up:
items with long names, 150 more khata customers, 40 campaigns, 90 marketplace orders on three channels, 30 home
deliveries, one real cycle of the agents and 60 more approvals (some 30-line orders), and a goal.

    .venv/bin/python bench/ui/big_shop.py [DATA_DIR]      # build it once (about 10 minutes on a quiet machine)

``big_shop(tmp)`` opens a copy of it (built first into ``BIG_SHOP_CACHE``, default /tmp/tavyonix-big-shop, when not
there yet), so the screenshots and timings of bench/ui/screenshots_big_shop.py do not rebuild it each time.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

CACHE = Path(os.environ.get("BIG_SHOP_CACHE", "/tmp/tavyonix-big-shop"))
SHOP = "big"

LONG_ITEMS = [  # (sku, English, Hindi): names as long as the distributors' price lists write them
    ("LONG-OIL-2L", "Fortune Sunlite Refined Sunflower Oil Pouch 1 litre (Pack of 2) with Free Steel Container",
     "फॉर्च्यून सनलाइट रिफाइंड सूरजमुखी तेल पाउच 1 लीटर (2 का पैक) मुफ़्त स्टील डिब्बे के साथ"),
    ("LONG-ATTA-10", "Aashirvaad Superior MP Whole Wheat Chakki Atta with Multigrains 10 kg Family Pack",
     "आशीर्वाद सुपीरियर एमपी साबुत गेहूँ चक्की आटा मल्टीग्रेन के साथ 10 किलो फ़ैमिली पैक"),
    ("LONG-DET-4KG", "Surf Excel Easy Wash Detergent Powder 4 kg + Free Vim Dishwash Bar 300 g Combo Offer",
     "सर्फ़ एक्सेल ईज़ी वॉश डिटर्जेंट पाउडर 4 किलो + मुफ़्त विम बर्तन साबुन 300 ग्राम कॉम्बो ऑफ़र"),
    ("LONG-TEA-1KG", "Tata Tea Gold Premium Assam Tea with Gently Rolled Aromatic Long Leaves 1 kg Jar",
     "टाटा टी गोल्ड प्रीमियम असम चाय धीरे से रोल की गई सुगंधित लंबी पत्तियों के साथ 1 किलो जार"),
    ("LONG-GHEE-1L", "Amul Pure Cow Ghee Made from Fresh Cream, Rich Aroma, 1 litre Tetra Pack (Pouch Refill)",
     "अमूल शुद्ध गाय का घी ताज़ी मलाई से बना, भरपूर सुगंध, 1 लीटर टेट्रा पैक (पाउच रिफ़िल)"),
    ("LONG-BISC-12", "Britannia Good Day Cashew Cookies Family Value Pack 12 x 75 g (Buy 10 Get 2 Free)",
     "ब्रिटानिया गुड डे काजू कुकीज़ फ़ैमिली वैल्यू पैक 12 x 75 ग्राम (10 ख़रीदें 2 मुफ़्त पाएँ)"),
]

FIRST = ["Sunita", "Ramesh", "Lakshmi", "Mohammed", "Priyanka", "Venkatesh", "Fatima", "Gurpreet", "Anjali",
         "Suresh", "Kavita", "Abdul", "Meenakshi", "Rajendra", "Shabnam"]
LAST = ["Deshpande-Kulkarni", "Subramanian", "Chattopadhyay", "Venkataraman", "Bhattacharya", "Shrivastava",
        "Radhakrishnan", "Gangopadhyay", "Khan", "Patil", "Iyer"]


def build(data_root: Path) -> Path:
    """Build the big shop into ``data_root`` and return its database's path."""
    from app.paths import DataDir
    from app.sim.history import build_demo_shop

    data = DataDir(data_root).ensure()
    started = time.perf_counter()
    path = build_demo_shop(data, SHOP, days=365, force=True)
    print(f"demo history: {time.perf_counter() - started:.0f} s", flush=True)
    started = time.perf_counter()
    _pile_up(data)
    print(f"the rest: {time.perf_counter() - started:.0f} s", flush=True)
    return path


def _pile_up(data) -> None:
    from app.agents.engine import DecisionEngine
    from app.domain.reasons import reason, stored
    from app.services import autonomy, campaigns, catalog, consent, decisions, deliveries, goals, khata, sales
    from app.services.deliveries import NewDelivery
    from app.services.sales import RemoteLine, SaleLine
    from app.session import open_session

    session = open_session(data, SHOP)
    ctx = session.ctx
    db = session.store.db()
    for sku, name_en, name_hi in LONG_ITEMS:
        catalog.create_product(ctx, sku=sku, name_en=name_en, name_hi=name_hi, price_paise=49_900, mrp_paise=52_000,
                               cost_paise=44_000, opening_stock_milli=40_000, hsn_code="15121110")
    skus = [row[0] for row in db.execute("SELECT sku FROM product WHERE active = 1 ORDER BY sku").fetchall()]
    # khata: 150 more customers, long names, some owing
    for n in range(150):
        name = f"{FIRST[n % len(FIRST)]} {LAST[n % len(LAST)]} ({n + 1})"
        khata.create_customer(ctx, name=name, opening_balance_paise=(n % 7) * 35_000, phone=f"98{n:08d}")
    customer_ids = [row[0] for row in db.execute("SELECT id FROM customer ORDER BY id").fetchall()]
    for cid in customer_ids[::3]:
        try:
            consent.grant(ctx, cid, method="counter")
        except Exception as error:  # a customer without a phone cannot agree to WhatsApp offers
            print(f"consent {cid}: {error}")
    # 40 campaigns, some with long names, in every state
    for n in range(40):
        name = ("Diwali dhamaka: bring back the customers who bought atta and oil last month" if n % 4 == 0
                else "")
        try:
            planned = campaigns.plan_campaign(ctx, sku=skus[(n * 7) % len(skus)], segment="all", seed=n, name=name,
                                              channel=campaigns.HAND if n % 3 == 0 else "")
            if n % 5 == 1:
                campaigns.set_status(ctx, int(planned.id), "paused")
        except Exception as error:
            print(f"campaign {n}: {error}")
    # marketplaces: 90 orders on three channels, pending to delivered
    for code, name in (("amazon", "Amazon"), ("flipkart", "Flipkart"), ("shopify", "Shopify")):
        catalog.add_channel(ctx, code=code, name=name)
    statuses = ("pending", "accepted", "packed", "shipped", "delivered")
    for n in range(90):
        lines = [RemoteLine(sku=skus[(n * 11 + k * 5) % len(skus)], qty_milli=1000 * (k + 1),
                            unit_price_paise=_price(db, skus[(n * 11 + k * 5) % len(skus)]),
                            remote_line_id=f"L{n}-{k}") for k in range(1 + n % 6)]
        try:
            sales.import_marketplace_order(ctx, channel=("amazon", "flipkart", "shopify")[n % 3],
                                           remote_id=f"408-{n:07d}-{n * 7919 % 10_000_000:07d}", lines=lines,
                                           status=statuses[n % 5], customer_name=f"{FIRST[n % 15]} {LAST[n % 11]}")
        except Exception as error:
            print(f"order {n}: {error}")
    # home deliveries for today
    for n in range(30):
        try:
            deliveries.create(ctx, NewDelivery(
                customer_name=f"{FIRST[n % 15]} {LAST[(n + 3) % 11]}", phone=f"97{n:08d}",
                address=f"Flat {n + 1}, Shanti Niwas Co-operative Housing Society, Near Hanuman Mandir",
                area=("Kothrud", "Erandwane", "Karve Nagar", "Deccan Gymkhana")[n % 4], pin="411038",
                lines=[SaleLine(sku=skus[(n * 13 + k) % len(skus)], qty_milli=1000) for k in range(1 + n % 4)]),
                confirmed=True)
        except Exception as error:
            print(f"delivery {n}: {error}")
    autonomy.choose_limits(ctx, max_price_change_bp=500, max_po_paise=10_000, weekly_budget_paise=0)
    today = ctx.today()
    goals.create_goal(ctx, description="Sell Rs 6 lakh this month, 97% on the shelf",
                      metrics=[{"metric": "revenue", "target_paise": 60_000_000},
                               {"metric": "fill_rate", "target": 0.97}],
                      starts_on=today - timedelta(days=10), ends_on=today + timedelta(days=19), priority=1)
    started = time.perf_counter()
    report = DecisionEngine(ctx, sleep=lambda _s: None).run_cycle()
    print(f"cycle: {report.executed} done, {report.escalated} waiting, {time.perf_counter() - started:.0f} s",
          flush=True)
    # 60 more approvals, worded as the inventory agent words its orders: up to 30 lines each
    suppliers = db.execute("SELECT id, name FROM supplier ORDER BY id").fetchall()
    for n in range(60):
        count = 30 if n % 10 == 0 else 1 + n % 8
        supplier_id, supplier = suppliers[n % len(suppliers)]
        lines = [{"sku": skus[(n * 3 + k) % len(skus)], "qty_milli": 1000 * (1 + k % 5), "cost_paise": 2_500}
                 for k in range(count)]
        total = sum(line["qty_milli"] // 1000 * 2_500 for line in lines)
        day = (today + timedelta(days=2 + n % 3)).isoformat()
        why = reason("{supplier}: {below} items are below their reorder point and {joined} more are low; one "
                     "order of {total} for {lines} items, expected on {day}.", supplier=supplier, below=count,
                     joined=0, total=f"₹{total / 100:,.2f}", lines=count, day=day)
        decision = decisions.record_decision(
            ctx, agent="inventory", decision_type="restock", status="awaiting_approval", reasoning=[why],
            actions=[{"kind": "purchase_order", "params": {"supplier_id": supplier_id, "lines": lines,
                                                           "total_paise": total, "expected_on": day,
                                                           "via": "whatsapp", "confirmed": False}}])
        decisions.request_approval(ctx, int(decision.id), kind="restock", expires=ctx.now() + timedelta(days=3),
                                   summary=json.dumps(stored([why])[0], ensure_ascii=False))
    session.close()


def _price(db, sku: str) -> int:
    return int(db.execute("SELECT price_paise FROM product WHERE sku = ?", (sku,)).fetchone()[0])


def big_shop(tmp: Path):
    """A session on a fresh copy of the big shop in ``tmp`` (built into the cache first when not there)."""
    from app.paths import DataDir
    from app.session import open_session

    cached = DataDir(CACHE)
    if not cached.shop_db(SHOP).exists():
        build(CACHE)
    data = DataDir(tmp / "data").ensure()
    shutil.copy2(cached.shop_db(SHOP), data.shop_db(SHOP))
    return open_session(data, SHOP)


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else CACHE)
