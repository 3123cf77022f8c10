"""Whether a marketing-on run's deliveries part from the marketing-off run's by the agents' orders or by the
simulator's draw of each order's lead time (issue 18; docs/marketing.md, "Fourteenth session").

    nice .venv/bin/python bench/marketing/order_timing.py SCENARIO SEED [--days 180] [--out FILE.json]
    .venv/bin/python bench/marketing/order_timing.py --read FILE.json

Runs the ``agents`` policy with marketing on and off and records every purchase order the simulated suppliers
schedule: the day it was sent, the supplier, its number and the lead time drawn for it
(``app.sim.market.Market.lead_days``). The simulator draws an order's lead-time jitter from its purchase-order
number, which counts every order of the shop: one order more or fewer (a supplier's order sent a day earlier
after a few units more sold) renumbers every later order of every supplier, and each of them draws its lead time
again. ``lead_split`` counts the orders sent on the same day to the same supplier in both runs, how many of them
carry another number, and how many of those came after another number of days.

Since the fourteenth session's fix the simulator draws the jitter per supplier and day sent, with no order number
(the number is then recorded as ""), and ``other_lead`` (orders sent the same day to the same supplier that came
after another number of days) is 0 on any pair: the check that the draws are common random numbers.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

Order = tuple[str, str, str, int]  # (day sent, supplier key, order number, lead days drawn)


def run(job: tuple[str, int, int, bool]) -> dict:
    """One run, with every order's day sent, supplier, number and the lead time drawn for it."""
    import logging

    from app.sim import harness, market

    scenario, seed, days, marketing = job
    logging.basicConfig(level=logging.ERROR)
    orders: list[Order] = []
    lead_days = market.Market.lead_days

    def spy_lead(self: market.Market, supplier_key: str, nominal: int, jitter: int, sent: date, *number: str) -> int:
        drawn = lead_days(self, supplier_key, nominal, jitter, sent, *number)  # the order number before the fix
        orders.append((sent.isoformat(), supplier_key, number[0] if number else "", drawn))
        return drawn

    market.Market.lead_days = spy_lead  # type: ignore[method-assign]
    result = harness.run_simulation(ROOT / "resources" / "scenarios" / f"{scenario}.json", policy="agents",
                                    seed=seed, days=days, marketing=marketing)
    return {"scenario": scenario, "seed": seed, "days": days, "marketing": marketing,
            "profit_after_marketing_paise": result.activity["marketing"]["profit_after_marketing_paise"],
            "orders": orders}


def lead_split(on: list[Order], off: list[Order]) -> dict:
    """Orders sent the same day to the same supplier (the n-th of that day in both runs): how many, how many carry
    another number in the on run, and how many of those drew another lead time; the first renumbered one."""
    def keyed(rows: list[Order]) -> dict[tuple[str, str, int], tuple[str, int]]:
        seen: Counter = Counter()
        out = {}
        for sent, supplier, number, days in rows:
            seen[(sent, supplier)] += 1
            out[(sent, supplier, seen[(sent, supplier)])] = (number, int(days))
        return out

    a, b = keyed(on), keyed(off)
    both = sorted(set(a) & set(b))
    renumbered = [k for k in both if a[k][0] != b[k][0]]
    return {"orders_on": len(on), "orders_off": len(off), "same_day_and_supplier": len(both),
            "other_lead": sum(a[k][1] != b[k][1] for k in both),
            "renumbered": len(renumbered), "renumbered_other_lead": sum(a[k][1] != b[k][1] for k in renumbered),
            "first_renumbered": list(renumbered[0][:2]) if renumbered else None,
            "only_on": len(set(a) - set(b)), "only_off": len(set(b) - set(a))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenario", nargs="?")
    ap.add_argument("seed", nargs="?", type=int)
    ap.add_argument("--days", type=int, default=180)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--read", type=Path, help="print the split of a file --out wrote")
    args = ap.parse_args()
    if args.read:
        pair = json.loads(args.read.read_text())
    elif args.scenario and args.seed is not None:
        with ProcessPoolExecutor(2) as pool:
            on, off = pool.map(run, [(args.scenario, args.seed, args.days, True),
                                     (args.scenario, args.seed, args.days, False)])
        pair = {"on": on, "off": off}
        if args.out:
            args.out.write_text(json.dumps(pair))
    else:
        ap.error("a scenario and a seed, or --read FILE")
    on, off = pair["on"], pair["off"]
    gap = (on["profit_after_marketing_paise"] - off["profit_after_marketing_paise"]) / 100
    print(f"{on['scenario']} seed {on['seed']}: on - off ₹{gap:+,.0f}")
    print(json.dumps(lead_split([tuple(o) for o in on["orders"]], [tuple(o) for o in off["orders"]])))


if __name__ == "__main__":
    main()
