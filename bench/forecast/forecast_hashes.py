"""SHA-256 of the forecasts (mean, p10, p90, method) of the generated kirana, to show that a change leaves them alone.

    nice .venv/bin/python bench/forecast/forecast_hashes.py

The shop of ``bench/forecast/kirana.py`` (``tools/forecast/kirana_sim.py``, 1,000 items, seed 4242, with prices and
promotions, the shipped ONNX model), forecast daily 28 and 7 days ahead (what the agents and the Items page read),
weekly 8 weeks and monthly 4 months ahead. Run it on two trees and compare the lines: a daily line that differs means
the agents' forecasts changed. Thirteenth session: docs/forecasting.md.
"""

from __future__ import annotations

import hashlib
import sys
from datetime import date, timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.ml.forecast import RegularDates, SeriesHistory, forecast  # noqa: E402
from tools.forecast.kirana_sim import simulate  # noqa: E402


def main() -> int:
    sim = simulate(1000, 1000, date(2025, 10, 31), 4242)
    hist = []
    for i in range(sim.qty.shape[0]):
        f = int(sim.first_day[i])
        n = sim.qty.shape[1] - f
        hist.append(SeriesHistory(str(i), RegularDates(sim.start + timedelta(days=f), n, "D"), sim.qty[i, f:],
                                  sim.price[i, f:], sim.promo[i, f:].astype(float)))
    for freq, h in (("D", 28), ("D", 7), ("W", 8), ("M", 4)):
        res = forecast(hist, h, freq)  # type: ignore[arg-type]
        d = hashlib.sha256()
        for r in res:
            for a in (r.mean, r.p10, r.p90):
                d.update(np.ascontiguousarray(a, dtype=np.float64).tobytes())
            d.update(r.method.encode())
        print(freq, h, len(res), d.hexdigest()[:16])
    return 0


if __name__ == "__main__":
    sys.exit(main())
