"""What a substitute costs the counter PC: the seller records the customer's yes and the order's line is changed
(the order priced again, its lines rewritten, two stock moves, the customer's reply queued), against the
baseline of taking the same home-delivery order, measured in the same run on the same shop.

From an empty data folder: a shop with a WhatsApp channel in the books (nothing is sent), two atta brands of one
category and salt; N orders of 2 atta + 1 salt taken (timed: the baseline), each asked about the other brand
on WhatsApp (timed), each answered yes (timed). Prints medians and p99 in milliseconds and the ratio of the
answer to the order's creation; exits 1 if any order's stock moves do not equal its lines or stock differs from
the ledger.

    nice .venv/bin/python bench/orders/substitution.py [--orders 200]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.paths import DataDir  # noqa: E402
from app.services import catalog, deliveries, shop, substitutions  # noqa: E402
from app.services.deliveries import NewDelivery  # noqa: E402
from app.services.sales import SaleLine  # noqa: E402
from app.session import open_session  # noqa: E402
from app.store import orders as order_store  # noqa: E402
from app.store import stock as stock_store  # noqa: E402
from bench.timing import summary  # noqa: E402


def run(n: int, folder: Path) -> dict:
    data = DataDir(folder).ensure()
    session = open_session(data, "bench", create=True)
    try:
        ctx = session.ctx
        shop.create_shop(ctx, name="Bench Kirana", state_code="27", gstin="27AAPFU0939F1ZV", address="1 MG Road",
                         city="Pune")
        for sku, price, category in (("ATTA", 26_000, "staples"), ("PILLS", 27_500, "staples"),
                                     ("SALT", 2800, "spices")):
            catalog.create_product(ctx, sku=sku, name_en=sku.title(), price_paise=price, mrp_paise=29_000,
                                   cost_paise=2000, hsn_code="1101", category=category,
                                   opening_stock_milli=n * 3000 + 10_000)
        now = ctx.now_iso()
        with ctx.store.write() as db:
            db.execute("INSERT INTO channel (code, name, kind, created_at) VALUES ('whatsapp', 'WhatsApp',"
                       " 'messaging', ?)", (now,))
            db.execute("INSERT INTO sync_channel (channel, adapter, base_url, updated_at) VALUES ('whatsapp',"
                       " 'whatsapp', 'http://127.0.0.1:9', ?)", (now,))
        created, asked, answered, ids = [], [], [], []
        for i in range(n):
            new = NewDelivery(customer_name=f"Customer {i}", phone=f"98220{i:05d}", address="Lane 3", pin="411038",
                              lines=[SaleLine(sku="ATTA", qty_milli=2000), SaleLine(sku="SALT", qty_milli=1000)])
            started = time.perf_counter()
            ids.append(deliveries.create(ctx, new, confirmed=True).id)
            created.append(time.perf_counter() - started)
        for oid in ids:
            started = time.perf_counter()
            substitutions.propose(ctx, oid, 1, "PILLS")
            asked.append(time.perf_counter() - started)
        for oid in ids:
            started = time.perf_counter()
            substitutions.answer(ctx, oid, yes=True)
            answered.append(time.perf_counter() - started)
        db = ctx.store.db()
        wrong = 0
        for oid in ids:
            order = order_store.get(db, oid)
            lines = {line.sku: -line.qty_milli for line in (order.lines if order else ())}
            moves: dict[str, int] = {}
            for sku, qty in db.execute("SELECT sku, qty_milli FROM stock_move WHERE source = 'delivery' AND"
                                       " source_ref LIKE ?", (f"{oid}:%",)):
                moves[sku] = moves.get(sku, 0) + qty
            wrong += {k: v for k, v in moves.items() if v} != lines
        result = {"orders": n, "create": summary(created), "ask": summary(asked), "answer_yes": summary(answered),
                  "answer_to_create_p50": round(summary(answered)["p50_ms"] / summary(created)["p50_ms"], 2),
                  "orders_wrong": wrong, "ledger_mismatches": len(stock_store.mismatches(db))}
    finally:
        session.close()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        result = run(args.orders, Path(folder))
    print(json.dumps(result, indent=1))
    return 1 if result["orders_wrong"] or result["ledger_mismatches"] else 0


if __name__ == "__main__":
    sys.exit(main())
