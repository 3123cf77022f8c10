"""Generated daily sales of a kirana's items: the only data the shipped forecast model learns from.

Each item gets its own base rate (from 0.03 to 80 a day, so the slow tail is intermittent), a
weekday pattern (weekends busier), the salary cycle (the first week of the month buys more, the
last week less), a yearly season, a trend, sometimes a launch or a slow death, festival run-ups
from ``app.domain.festivals`` (Diwali, Holi, Eid, Raksha Bandhan, Navratri ...; the shop closes on
the big days), price changes and promotions with the item's own price elasticity and promotion
lift, a dip after promotions (pantry loading), occasional bulk buys (a wedding, a caterer), and
gamma-Poisson noise. Nothing here comes from real shops, so the model trained on it may ship.

    python tools/forecast/kirana_sim.py --items 200 --out sim.csv   # a CSV for the forecast command
"""

from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.domain.festivals import festival_calendar  # noqa: E402

BIG_FESTIVALS = {"diwali", "holi", "eid_ul_fitr", "dussehra"}
WEEKDAY_SHAPE = np.array([-0.08, -0.12, -0.1, -0.05, 0.02, 0.15, 0.18])  # Monday .. Sunday


@dataclass
class SimData:
    """Daily matrices (items x days): qty (NaN = shop closed), price, promo (0/1); days[0] is ``start``."""

    start: date
    qty: np.ndarray
    price: np.ndarray
    promo: np.ndarray
    first_day: np.ndarray  # index of each item's launch day
    true_mean: np.ndarray  # the expected sales behind qty


def simulate(items: int, days: int, end: date, seed: int = 0) -> SimData:
    rng = np.random.default_rng(seed)
    start = end - timedelta(days=days - 1)
    day_list = [start + timedelta(days=i) for i in range(days)]
    dow = np.array([d.weekday() for d in day_list])
    dom = np.array([d.day for d in day_list])
    doy = np.array([d.timetuple().tm_yday for d in day_list])
    t_years = np.arange(days) / 365.0

    base = np.exp(rng.uniform(np.log(0.03), np.log(80.0), items))
    lam = np.repeat(base[:, None], days, axis=1)
    lam *= (1 + rng.uniform(0, 1.2, items)[:, None] * WEEKDAY_SHAPE[dow][None, :]
            + rng.normal(0, 0.04, (items, 7))[:, dow])
    salary = rng.uniform(0, 0.35, items)[:, None]
    lam *= np.where(dom <= 7, 1 + salary, np.where(dom >= 25, 1 - salary / 2, 1.0))
    phase = rng.uniform(0, 1, items)[:, None]
    lam *= 1 + rng.uniform(0, 0.35, items)[:, None] * np.sin(2 * np.pi * (doy[None, :] / 365.25 + phase))
    lam *= np.exp(rng.normal(0, 0.35, items)[:, None] * t_years[None, :])

    # festivals: a run-up of up to a week before, a closed or quiet shop on the big days
    fest = festival_calendar(start, end + timedelta(days=60))
    sens = np.where(rng.random(items) < 0.35, rng.uniform(0.2, 2.5, items), rng.uniform(0.0, 0.15, items))
    run_up = np.zeros(days)
    closed = np.zeros(days, dtype=bool)
    for day, key in fest.items():
        i = (day - start).days
        weight = 1.0 if key in BIG_FESTIVALS else 0.4
        for lead in range(1, 8):
            if 0 <= i - lead < days:
                run_up[i - lead] = max(run_up[i - lead], weight * (1 - (lead - 1) / 8))
        if 0 <= i < days and key in {"diwali", "holi"}:
            closed[i] = True
    lam *= 1 + sens[:, None] * run_up[None, :]

    # launches and deaths
    first_day = np.zeros(items, dtype=np.int64)
    late = rng.random(items) < 0.15
    first_day[late] = rng.integers(days // 3, days - 30, late.sum())
    ramp = np.clip((np.arange(days)[None, :] - first_day[:, None]) / rng.uniform(7, 60, items)[:, None], 0, 1)
    lam *= np.where(late[:, None], ramp, 1.0)
    dying = rng.random(items) < 0.12
    death = rng.integers(days // 2, days, items)
    decay = np.exp(-np.maximum(np.arange(days)[None, :] - death[:, None], 0) / rng.uniform(5, 60, items)[:, None])
    lam *= np.where(dying[:, None], decay, 1.0)

    # prices: a regular price with permanent changes, and promotions (most with a price cut)
    regular = np.exp(rng.uniform(np.log(5), np.log(600), items))[:, None] * np.ones((1, days))
    for _ in range(3):
        when = rng.integers(0, days, items)
        step = np.where(rng.random(items) < 0.5, np.exp(rng.normal(0.05, 0.06, items)), 1.0)
        regular *= np.where(np.arange(days)[None, :] >= when[:, None], step[:, None], 1.0)
    promo = np.zeros((items, days))
    cut = np.zeros((items, days))
    rate = np.where(rng.random(items) < 0.6, rng.uniform(0.003, 0.04, items), 0.0)
    for i in np.nonzero(rate)[0]:
        t = int(rng.integers(0, 30))
        while t < days:
            t += int(rng.geometric(rate[i]))
            length = int(rng.integers(3, 15))
            if t >= days:
                break
            promo[i, t : t + length] = 1.0
            cut[i, t : t + length] = rng.uniform(0.05, 0.35) if rng.random() < 0.75 else 0.0
            t += length
    price = np.round(regular * (1 - cut), 1)
    elasticity = rng.uniform(-3.5, -0.2, items)
    lift = np.where(rng.random(items) < 0.7, rng.uniform(0.0, 1.0, items), 0.0)
    lam *= (price / regular) ** elasticity[:, None] * np.exp(lift[:, None] * promo)
    after = np.zeros_like(promo)  # pantry loading: a dip in the week after a promotion
    ended = (promo[:, :-1] == 1) & (promo[:, 1:] == 0)
    for lag in range(1, 8):
        after[:, lag:] = np.maximum(after[:, lag:], ended[:, : days - lag] * (1 - lag / 8))
    lam *= 1 - rng.uniform(0, 0.3, items)[:, None] * after

    lam = np.maximum(lam, 0.0)
    shape = rng.uniform(0.5, 10.0, items)[:, None]
    qty = rng.poisson(lam * rng.gamma(shape, 1 / shape, (items, days))).astype(np.float64)
    bulk = rng.random((items, days)) < rng.uniform(0, 0.01, items)[:, None]
    qty += bulk * np.round(rng.lognormal(np.log(np.maximum(5 * base, 2))[:, None], 0.5, (items, days)))
    qty[:, closed] = 0.0
    lam[:, closed] = 0.0
    unknown = rng.random((items, days)) < np.where(rng.random(items) < 0.05, 0.05, 0.0)[:, None]
    qty[unknown] = np.nan
    before = np.arange(days)[None, :] < first_day[:, None]
    qty[before] = np.nan
    price[before] = np.nan
    promo[before] = 0.0
    return SimData(start, qty, price, promo, first_day, lam)


def write_csv(sim: SimData, path: Path, prefix: str = "item") -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["series_id", "date", "qty", "price", "promo"])
        for i in range(sim.qty.shape[0]):
            for t in range(int(sim.first_day[i]), sim.qty.shape[1]):
                q = sim.qty[i, t]
                w.writerow([f"{prefix}{i:05d}", (sim.start + timedelta(days=t)).isoformat(),
                            "" if np.isnan(q) else int(q), f"{sim.price[i, t]:.1f}", int(sim.promo[i, t])])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=100)
    ap.add_argument("--days", type=int, default=400)
    ap.add_argument("--end", type=date.fromisoformat, default=date(2025, 12, 31))
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    write_csv(simulate(args.items, args.days, args.end, args.seed), args.out)


if __name__ == "__main__":
    main()
