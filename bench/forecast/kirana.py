"""The forecaster on a generated kirana (a shop the model never saw), with and without the ONNX model.

    .venv/bin/python bench/forecast/kirana.py [--items 1000] [--freq D] [--horizon 28]

Holds out the last ``horizon`` periods of a generated shop (``tools/forecast/kirana_sim.py``,
a seed not used in training) and reports WAPE and bias of: the median of the recent periods,
our forecaster without the ONNX model, and with it, from history only and with the plan.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.ml.forecast import PlanRow, RegularDates, SeriesHistory, forecast  # noqa: E402
from app.ml.forecast._calendar import RECENT, day_number, period_bounds  # noqa: E402
from tools.forecast.kirana_sim import simulate  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=1000)
    ap.add_argument("--freq", choices=("D", "W", "M"), default="D")
    ap.add_argument("--horizon", type=int, default=28)
    ap.add_argument("--seed", type=int, default=4242)
    args = ap.parse_args()
    sim = simulate(args.items, 1000, date(2025, 10, 31), args.seed)
    days_ahead = {"D": 1, "W": 7, "M": 31}[args.freq] * args.horizon
    origin = sim.qty.shape[1] - 1 - days_ahead
    end = sim.start + timedelta(days=origin)
    hist, plan, keep = [], {}, []
    for i in range(args.items):
        first = int(sim.first_day[i])
        if first > origin - 28:
            continue
        keep.append(i)
        n = origin - first + 1
        hist.append(SeriesHistory(str(i), RegularDates(sim.start + timedelta(days=first), n, "D"),
                                  sim.qty[i, first : origin + 1], sim.price[i, first : origin + 1],
                                  sim.promo[i, first : origin + 1]))
        plan[str(i)] = [PlanRow(sim.start + timedelta(days=t), float(sim.price[i, t]), float(sim.promo[i, t]))
                        for t in range(origin + 1, sim.qty.shape[1])]
    idx = np.array(keep)
    actual = np.zeros((len(keep), args.horizon))
    for h in range(1, args.horizon + 1):
        a, b = period_bounds(h, end, args.freq)
        lo, hi = day_number(a) - day_number(sim.start), day_number(b) - day_number(sim.start)
        actual[:, h - 1] = np.nansum(sim.qty[idx, lo : hi + 1], axis=1)

    def score(fc: np.ndarray) -> str:
        return f"WAPE {np.abs(fc - actual).sum() / actual.sum():.3f}, bias {fc.sum() / actual.sum() - 1:+.1%}"

    res = forecast(hist, args.horizon, args.freq, end=end, use_model=False)
    # the robust baseline alone: what every series would get without the backtest's choice
    from app.ml.forecast import _methods as fm
    from app.ml.forecast._api import _blocks

    base = np.concatenate([np.repeat(fm.recent_median(b.Y, RECENT[args.freq])[:, None], args.horizon, 1)
                           for _, b in _blocks(hist, None, args.horizon, args.freq, end)])
    print(f"generated kirana: {len(keep)} items, freq {args.freq}, horizon {args.horizon}")
    print(f"  median of the recent periods       {score(base)}")
    for label, p, model in (("history only, no model", None, False), ("history only, with model", None, True),
                            ("with plan, no model", plan, False), ("with plan, with model", plan, True)):
        t = time.perf_counter()
        res = forecast(hist, args.horizon, args.freq, p, end=end, use_model=model)
        el = time.perf_counter() - t
        fc = np.stack([r.mean for r in res])
        lo, hi = np.stack([r.p10 for r in res]), np.stack([r.p90 for r in res])
        cover = ((actual >= lo) & (actual <= hi)).mean()
        methods: dict[str, int] = {}
        for r in res:
            methods[r.method] = methods.get(r.method, 0) + 1
        print(f"  {label:33s}  {score(fc)}, p10-p90 coverage {cover:.1%}, {el:.1f}s, {methods}")


if __name__ == "__main__":
    main()
