"""What a near-expiry markdown could recover on a shop's short-life items, from the simulator's own customers
("Issue 14, eighteenth session" in docs/agents.md).

The simulator prices an item, not a lot: a markdown sells every unit of the item that day at the lower price
(oldest first), and raises the day's demand by the customers' response ``(p / p_ref) ** e * c(p, C)`` of
app.sim.market. A unit that would otherwise be thrown away is saved only as one of the *extra* units the
markdown brings in; the price given up on the units that would have sold anyway is paid for them. So the
salvage value of a leftover unit (the newsvendor's ``v``, overage cost ``cost - v``) is, for a one-day markdown
by ``d``::

    v(d) = (p (1 - d) f(d) - p) / (f(d) - 1)      f(d): the day's demand at the markdown over the demand at p

per extra unit, for at most ``f(d) - 1`` of a day's demand. The table gives, per shop, the short-life items'
best ``v`` (share of cost) at the item's true response, the share of a day's demand it can save, the critical
ratio without and with that salvage, and the same ``v`` under the pricing agent's clearance readings (the prior
elasticity, its robust readings and the reading with no pull from the competitor, which every clearance must pay
under: `pricing.CLEARANCE_READINGS`).

    .venv/bin/python bench/agents/clearance_salvage.py [SCENARIO ...] [--max-life DAYS]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

DEPTHS = np.round(np.arange(0.01, 0.51, 0.01), 2)


def salvage(price: float, factor: np.ndarray, left: float) -> tuple[float, float, float]:
    """(revenue per leftover unit, the markdown that gives it, the share of the leftover it sells) for ``left``
    units left over (share of a day's demand) cleared in one day: the best markdown's revenue over the day's at
    ``price``, per leftover unit (the extra units sold are at most ``left``: the shelf holds no more)."""
    extra = np.minimum(factor - 1.0, left)
    gain = price * (1 - DEPTHS) * (1 + extra) - price
    best = int(np.argmax(gain))
    if gain[best] <= 0:
        return 0.0, 0.0, 0.0
    return float(gain[best] / left), float(DEPTHS[best]), float(extra[best] / left)


def main() -> None:
    from app.agents import price_model, pricing
    from app.sim.market import BELOW_COMPETITOR
    from app.sim.scenario import load_scenario

    parser = argparse.ArgumentParser()
    parser.add_argument("scenarios", nargs="*", default=["kirana_300", "dairy_cooperative_town", "quick_commerce_war",
                                                         "fresh_supermarket", "temple_town_pilgrims"])
    parser.add_argument("--max-life", type=int, default=7)
    parser.add_argument("--left", type=float, default=0.25, help="units left over, share of a day's demand")
    args = parser.parse_args()
    print("| shop | category | items | margin share | true own elasticity | best markdown | salvage a leftover unit, "
          "share of cost (median, p90) | share of the leftover it sells | critical ratio without / with it | "
          "items with salvage > 0 | agent's worst reading: items with salvage > 0 |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for name in args.scenarios:
        scenario = load_scenario(ROOT / "resources" / "scenarios" / f"{name}.json")
        rows: dict[str, list[tuple[float, ...]]] = {}
        for it in scenario.items:
            if not 0 < it.shelf_life <= args.max_life:
                continue
            p, c = float(it.mrp_paise), float(it.cost_paise)
            comp = round(it.mrp_paise * it.comp_index / 100) * 100
            prices = p * (1 - DEPTHS)

            def true_comp(x: np.ndarray | float, comp: float = comp, k: float = it.comp_sensitivity) -> np.ndarray:
                ratio = np.asarray(x, dtype=np.float64) / max(comp, 1.0)
                return np.where(ratio > 1, ratio ** k, ratio ** BELOW_COMPETITOR)

            factor = (1 - DEPTHS) ** it.elasticity * true_comp(prices) / true_comp(p)
            v, d, extra = salvage(p, factor, args.left)
            # the agent's readings: the prior, for no clearance has taught it an elasticity on these shops
            seen = comp if it.observed else 0.0
            worst = np.inf
            for own_share, comp_share in ((1.0, 1.0), *pricing.CLEARANCE_READINGS):
                e = float(np.clip(price_model.PRIOR_ELASTICITY * own_share, *price_model.ELASTICITY_RANGE))
                f = price_model.response(prices, np.full_like(prices, p), e, np.full_like(prices, seen),
                                         np.full_like(prices, price_model.PRIOR_COMPETITOR * comp_share))
                worst = min(worst, salvage(p, f, args.left)[0])
            under = (p - c) / p
            with_v = (p - c) / (p - max(v, 0.0))
            rows.setdefault(it.category, []).append((under, it.elasticity, d, max(v, 0.0) / c, extra, with_v,
                                                     float(v > 0), float(worst > 0)))
        for cat, vals in sorted(rows.items()):
            a = np.array(vals)
            print(f"| {name} | {cat} | {len(vals)} | {np.median(a[:, 0]):.1%} | {np.median(a[:, 1]):.2f} | "
                  f"{np.median(a[:, 2]):.0%} | {np.median(a[:, 3]):.1%} ({np.percentile(a[:, 3], 90):.1%}) | "
                  f"{np.median(a[:, 4]):.0%} | {np.median(a[:, 0]):.1%} / {np.median(a[:, 5]):.1%} | "
                  f"{int(a[:, 6].sum())} | {int(a[:, 7].sum())} |")


if __name__ == "__main__":
    main()
