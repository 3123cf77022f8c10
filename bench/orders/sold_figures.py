"""What counting only what was sold costs the sales figures: the reports read each line's sold units and money
(``order_line.sold_milli``, ``sold_taxable_paise``, ``sold_total_paise``: computed columns, less the units cancelled
after a part shipped) and the orders' totals less their money (``orders.cancelled_paise``, as ``order_parts`` keeps
it: ``sales_history.SOLD_TOTAL``), against the baseline of the same queries as they were before (the ordered units
and the orders' totals), in the same run, on the same database.

From an empty data folder: a shop with 50 items; N orders of 3 lines written straight into the books over 90 days
(the services would take hours for 100,000): most are counter bills, one in 20 a shipped marketplace order, a third
of those with the units of a line beyond the first cancelled after a part shipped (what ``order_parts`` records).
Each query runs R times, new and old interleaved; prints the median CPU time (ms) of each and the ratio, and checks
the figures: the new ones equal the old less exactly the cancelled units and money (exits 1 otherwise).

    nice .venv/bin/python bench/orders/sold_figures.py [--orders 100000] [--repeat 7]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.paths import DataDir  # noqa: E402
from app.services import catalog, shop  # noqa: E402
from app.session import open_session  # noqa: E402
from app.store import reports, sales_history  # noqa: E402
from app.store.sales_history import SOLD  # noqa: E402

START, DAYS = date(2026, 9, 1), 90
SINCE, UNTIL = START.isoformat(), (START + timedelta(days=DAYS - 1)).isoformat()

# the queries as they were before units cancelled after a part shipped were left out (the baseline)
OLD = {
    "daily_sales": ("SELECT l.sku, o.business_date, sum(l.qty_milli), sum(l.taxable_paise) FROM orders o"
                    f" JOIN order_line l ON l.order_id = o.id WHERE {SOLD} AND o.business_date BETWEEN ? AND ?"
                    " GROUP BY l.sku, o.business_date"),
    "sales_totals": ("SELECT coalesce(sum(l.taxable_paise), 0), coalesce(sum(l.cost_paise * l.qty_milli / 1000), 0),"
                     f" count(DISTINCT o.id) FROM orders o JOIN order_line l ON l.order_id = o.id WHERE {SOLD}"
                     " AND o.business_date BETWEEN ? AND ?"),
    "sales_between": (f"SELECT count(*), coalesce(sum(o.total_paise), 0) FROM orders o WHERE {SOLD}"
                      " AND o.business_date BETWEEN ? AND ?"),
    "top_items": (f"SELECT l.sku, max(l.name), sum(l.qty_milli), sum(l.total_paise) FROM order_line l JOIN orders o"
                  f" ON o.id = l.order_id WHERE {SOLD} AND o.business_date BETWEEN ? AND ? GROUP BY l.sku"
                  " ORDER BY sum(l.total_paise) DESC LIMIT 5"),
}
NEW = {
    "daily_sales": lambda db: sales_history.daily_sales(db, SINCE, UNTIL),
    "sales_totals": lambda db: sales_history.sales_totals(db, SINCE, UNTIL),
    "sales_between": lambda db: reports.sales_between(db, SINCE, UNTIL),
    "top_items": lambda db: reports.top_items(db, SINCE, UNTIL, limit=5),
}


def fill(db, n: int) -> tuple[int, int]:
    """N orders of 3 lines; returns (units, total paise) cancelled after a part shipped."""
    cancelled_units = cancelled_paise = 0
    orders, lines = [], []
    for i in range(1, n + 1):
        day = (START + timedelta(days=i % DAYS)).isoformat()
        market = i % 20 == 0
        total = 0
        for k in range(3):
            sku, qty, price = f"I{(i * 7 + k * 13) % 50:02d}", 1000 * (1 + (i + k) % 3), 1000 + 100 * ((i + k) % 50)
            taxable = price * qty // 1000
            cgst = sgst = taxable * 25 // 1000
            line_total = taxable + cgst + sgst
            total += line_total
            cut = qty - 1000 if market and i % 60 == 0 and k == 1 and qty > 1000 else 0
            if cut:
                cancelled_units += cut
                cancelled_paise += line_total * cut // qty
            lines.append((i, k + 1, sku, sku, "", "pcs", qty, price, 0, 500, taxable, cgst, sgst, 0, 0, line_total, 800,
                          f"R{i}:{k}" if market else None, cut))
        orders.append((i, "sale", "amazon" if market else "counter", f"R{i}" if market else None,
                       "shipped" if market else "completed", "27", total, total, f"{day}T10:00:00Z", day, "bench"))
    db.conn.executemany("INSERT INTO orders (id, kind, channel, remote_id, status, place_of_supply, taxable_paise,"
                        " total_paise, created_at, business_date, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        orders)
    db.conn.executemany("INSERT INTO order_line (order_id, line_no, sku, name, hsn_code, unit, qty_milli,"
                        " unit_price_paise, discount_paise, gst_rate_bp, taxable_paise, cgst_paise, sgst_paise,"
                        " igst_paise, cess_paise,"
                        " total_paise, cost_paise, remote_line_id, cancelled_milli)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", lines)
    db.execute("UPDATE orders SET cancelled_paise = (SELECT sum(l.total_paise - l.sold_total_paise) FROM order_line l"
               " WHERE l.order_id = orders.id) WHERE id IN (SELECT order_id FROM order_line WHERE cancelled_milli > 0)")
    return cancelled_units, cancelled_paise


def cpu_ms(call) -> float:
    started = time.process_time()
    call()
    return (time.process_time() - started) * 1e3


def run(n: int, repeat: int, folder: Path) -> dict:
    data = DataDir(folder).ensure()
    session = open_session(data, "bench", create=True)
    try:
        ctx = session.ctx
        shop.create_shop(ctx, name="Bench Kirana", state_code="27", gstin="27AAPFU0939F1ZV", address="1 MG Road",
                         city="Pune")
        for k in range(50):
            catalog.create_product(ctx, sku=f"I{k:02d}", name_en=f"Item {k}", price_paise=5000, mrp_paise=9000,
                                   cost_paise=800, hsn_code="1101")
        with ctx.store.write() as db:
            cut_units, cut_paise = fill(db, n)
            db.execute("ANALYZE")
        db = ctx.store.db()
        figures: dict[str, dict] = {}
        for name, new in NEW.items():
            old_times, new_times = [], []
            for _ in range(repeat):  # interleaved: the machine's load weighs on both alike
                old_times.append(cpu_ms(lambda: db.execute(OLD[name], (SINCE, UNTIL)).fetchall()))  # noqa: B023
                new_times.append(cpu_ms(lambda: new(db)))  # noqa: B023 - each lambda is called at once
            old_ms, new_ms = statistics.median(old_times), statistics.median(new_times)
            figures[name] = {"old_ms": round(old_ms, 1), "new_ms": round(new_ms, 1),
                             "ratio": round(new_ms / old_ms, 2) if old_ms else None}
        old_qty = sum(r[2] for r in db.execute(OLD["daily_sales"], (SINCE, UNTIL)))
        new_qty = sum(r[2] for r in sales_history.daily_sales(db, SINCE, UNTIL))
        old_total = db.execute(OLD["sales_between"], (SINCE, UNTIL)).fetchone()[1]
        new_total = reports.sales_between(db, SINCE, UNTIL)[1]
        checks = {"cancelled_units": cut_units, "units_left_out": old_qty - new_qty,
                  "cancelled_paise": cut_paise, "paise_left_out": old_total - new_total}
    finally:
        session.close()
    ok = checks["units_left_out"] == checks["cancelled_units"] and checks["paise_left_out"] == checks["cancelled_paise"]
    return {"orders": n, "lines": 3 * n, "repeat": repeat, "queries": figures, "checks": checks, "ok": ok}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        result = run(args.orders, args.repeat, Path(folder))
    print(json.dumps(result, indent=2))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
