"""GSTR-2B matching on a month far bigger than a kirana's: time, and what number normalisation buys.

    nice .venv/bin/python bench/gst/match_2b.py [--n 5000] [--seed 7]

A 2B of N supplier invoices (50 suppliers) against N purchase bills: every bill is in 2B, its number
written the way another billing program might (case, spaces, slashes, leading zeros drawn at random), one in
seven with SGST ₹1.50 off. Baseline, in the same run: the same match with numbers compared as written
(exact string), which is what a plain lookup would do. Prints the four lists for both, and the median time
of parse + match over 7 runs.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import date

from app.domain import gstr2b
from app.domain.gst import TaxSplit
from app.domain.gst_returns import PurchaseBill, parse_period


def _written(rng: random.Random, prefix: str, number: int) -> str:
    letters = prefix.lower() if rng.random() < 0.5 else prefix
    zeros = "0" * rng.randint(0, 3)
    sep = rng.choice(["/", " / ", "", " "])
    return f"{letters}{sep}{zeros}{number}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    period = parse_period("2026-09")
    bills = [PurchaseBill(bill_id=i, supplier_name="S", supplier_gstin=f"27AAAAA{i % 50:04d}A1Z5",
                          number=f"INV/{i}", day=date(2026, 9, 1 + i % 28), split=TaxSplit(100_00 + i, 250, 250))
             for i in range(args.n)]
    suppliers = []
    for g in range(50):
        invoices = [{"inum": _written(rng, "INV", i), "dt": f"{1 + i % 28:02d}-09-2026", "txval": (100_00 + i) / 100,
                     "cgst": 2.5, "sgst": 2.5 + 1.5 * (i % 7 == 0), "igst": 0, "cess": 0}
                    for i in range(args.n) if i % 50 == g]
        suppliers.append({"ctin": f"27AAAAA{g:04d}A1Z5", "inv": invoices})
    document = {"data": {"gstin": "", "rtnprd": period.fp, "docdata": {"b2b": suppliers}}}
    times = []
    for _run in range(7):
        start = time.perf_counter()
        result = gstr2b.match(period, gstr2b.parse(document), bills)
        times.append(time.perf_counter() - start)
    normalise = gstr2b.normalise_number
    gstr2b.normalise_number = lambda text: str(text)  # type: ignore[assignment]  # the baseline: as written
    try:
        baseline = gstr2b.match(period, gstr2b.parse(document), bills)
    finally:
        gstr2b.normalise_number = normalise  # type: ignore[assignment]
    for name, r in (("normalised", result), ("as written (baseline)", baseline)):
        print(f"{name}: matched {len(r.matched)}, differ {len(r.differing)}, not in 2B {len(r.only_in_books)}, "
              f"not in books {len(r.only_in_2b)}")
    print(f"parse + match of {args.n} invoices: median {statistics.median(times):.3f} s over 7 runs")


if __name__ == "__main__":
    main()
