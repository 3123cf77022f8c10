"""What holding stock for export orders costs a counter sale, and how long an export order takes.

    .venv/bin/python bench/trade/holds.py [--sales 300] [--orders 200]

A fresh shop in a temp folder (Maharashtra, regular GST, an LUT): 50 items. First ``--sales`` counter sales with
no export order open (the baseline, measured in the same run), then ``--orders`` open export orders holding units
of those same items, then the same sales again (each sale now also reads what is held). Also the time to take an
export order and to make its invoice. Prints p50 / p99 in milliseconds and writes bench/results/trade_holds.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from timing import summary  # noqa: E402

from app.domain.clock import ManualClock  # noqa: E402
from app.domain.trade.terms import ExportTerms  # noqa: E402
from app.paths import DataDir  # noqa: E402
from app.services import catalog, export_orders, exports, sales, shop  # noqa: E402
from app.services.sales import PaymentIn, SaleLine  # noqa: E402
from app.session import open_session  # noqa: E402

TERMS = ExportTerms(buyer_name="Gulf Foods LLC", buyer_address="Al Karama, Dubai", country="AE", currency="AED",
                    fx_paise=2290, incoterm="CIF", payment_terms="advance", route="courier")


def _sales(ctx, n: int, items: int) -> list[float]:
    times = []
    for i in range(n):
        sku = f"I{i % items:03d}"
        started = time.perf_counter()
        sales.record_sale(ctx, lines=[SaleLine(sku=sku, qty_milli=1000)], confirmed=True,
                          payments=[PaymentIn(method="cash", amount_paise=5000)])
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sales", type=int, default=300)
    parser.add_argument("--orders", type=int, default=200)
    args = parser.parse_args()
    items = 50
    with tempfile.TemporaryDirectory() as tmp:
        data = DataDir(Path(tmp) / "data").ensure()
        session = open_session(data, "bench", create=True, clock=ManualClock(datetime(2026, 9, 1, 5, tzinfo=UTC)))
        ctx = session.ctx
        shop.create_shop(ctx, name="Bench Kirana", state_code="27", gstin="27AAPFU0939F1ZV")
        exports.record_lut(ctx, arn="AD270326012345X", fy="2026-27", filed_on=date(2026, 4, 2))
        for i in range(items):
            catalog.create_product(ctx, sku=f"I{i:03d}", name_en=f"Item {i}", price_paise=5000, mrp_paise=5000,
                                   cost_paise=4000, hsn_code="0902", opening_stock_milli=1_000_000)
        base = _sales(ctx, args.sales, items)
        placed, ids = [], []
        for i in range(args.orders):
            started = time.perf_counter()
            ids.append(int(export_orders.place_export_order(  # type: ignore[arg-type]
                ctx, lines=[SaleLine(sku=f"I{i % items:03d}", qty_milli=2000)], terms=TERMS, confirmed=True).id))
            placed.append(time.perf_counter() - started)
        held = _sales(ctx, args.sales, items)
        invoiced = []
        for export_order_id in ids[: min(50, len(ids))]:
            started = time.perf_counter()
            export_orders.invoice_export_order(ctx, export_order_id)
            invoiced.append(time.perf_counter() - started)
        session.close()
    result = {"counter_sale_no_holds": summary(base), f"counter_sale_{args.orders}_open_orders": summary(held),
              "place_export_order": summary(placed), "invoice_export_order": summary(invoiced)}
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "trade_holds.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    for name, row in result.items():
        print(f"{name:32s} n={row['n']:4d}  p50 {row['p50_ms']:8.2f} ms  p99 {row['p99_ms']:8.2f} ms")


if __name__ == "__main__":
    main()
