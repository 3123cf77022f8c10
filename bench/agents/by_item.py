"""One simulated run with every item's figures kept: waste, units sold and unserved, margin earned and lost at
the shelf price, average stock, for the whole run and for its first 150 days (the diagnostic behind "where the
agents lose", item by item, in docs/agents.md), and its price moves: units sold under or over the MRP and the
rupees given or gained on them, every clearance the pricing agent proposed with what it saw, the units thrown out
day by day ("Issue 14, tenth session").

    .venv/bin/python bench/agents/by_item.py SCENARIO POLICY DAYS OUT.json [SEED]
    .venv/bin/python bench/agents/by_item.py --against AGENTS.json SS.json [N]
    .venv/bin/python bench/agents/by_item.py --fill-gap AGENTS.json SS.json
    .venv/bin/python bench/agents/by_item.py --price-moves AGENTS.json INVENTORY.json

The third prints one markdown row: the second policy's fill (priced-away demand counted) less the first's, in points,
split by shelf life, by pace, by cause (sold out or priced away), by whether the second policy earns money on the
item, and the items the first leaves unstocked; then the units the autonomy limit cut from the first's orders
(docs/agents.md, "Issue 14, ninth session").

The second form reads two such files of one scenario and prints where the first policy gains or loses against
the second: category by category, then the N items (20 by default) it loses most on, by margin less waste less
the stock held at the scenarios' 12% a year (the sum matches the profit gap up to price-driven demand and
fixed costs).
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

MID_DAY = 150
_ARRAYS = ("item_waste_paise", "item_unserved", "item_sold", "item_margin_paise", "item_lost_margin_paise")


HOLDING_SHARE = 0.12  # a year's cost of the stock held, as the bundled scenarios' holding_cost_per_year


def _earned(item: dict) -> float:
    return item["margin"] - item["waste"] - item["stock"] * HOLDING_SHARE


def against(mine_path: Path, theirs_path: Path, top: int) -> None:
    mine, theirs = (json.loads(p.read_text(encoding="utf-8")) for p in (mine_path, theirs_path))
    print(f"profit {mine['metrics']['profit_paise'] / 100:,.0f} against {theirs['metrics']['profit_paise'] / 100:,.0f};"
          f" fill (priced away counted) {mine['metrics']['fill_rate_priced']:.3f} against"
          f" {theirs['metrics']['fill_rate_priced']:.3f}")
    rows = []
    for a, b in zip(mine["items"], theirs["items"], strict=True):
        rows.append((_earned(a) - _earned(b), a, b))
    by_category: dict[tuple[str, bool], list[float]] = {}
    for gain, a, b in rows:
        acc = by_category.setdefault((a["cat"], a["life"] > 0), [0.0, 0.0, 0.0, 0])
        acc[0] += gain
        acc[1] += a["waste"] - b["waste"]
        acc[2] += a["lost"] - b["lost"]
        acc[3] += 1
    print("category (perishable) items: gain, extra waste, extra margin lost (rupees)")
    for (category, fresh), (gain, waste, lost, n) in sorted(by_category.items(), key=lambda kv: kv[1][0]):
        print(f"  {category:>14} {'yes' if fresh else 'no':>3} {n:4d}: {gain / 100:10,.0f} {waste / 100:10,.0f}"
              f" {lost / 100:10,.0f}")
    print("item, shelf life, gain | first: sold, unserved, waste, margin, avg stock | second: the same")
    for gain, a, b in sorted(rows, key=lambda r: r[0])[:top]:
        print(f"  {a['sku']:>10} {a['life']:4d} {gain / 100:9,.0f} | " + " | ".join(
            f"{x['sold']:7.0f} {x['unserved']:6.0f} {x['waste'] / 100:8,.0f} {x['margin'] / 100:8,.0f}"
            f" {x['stock'] / 100:7,.0f}" for x in (a, b)))


def fill_gap(mine_path: Path, theirs_path: Path) -> str:
    """The fill-gap row of docs/agents.md's ninth-session table (see the module's docstring)."""
    mine, theirs = (json.loads(p.read_text(encoding="utf-8")) for p in (mine_path, theirs_path))
    m, t = mine["metrics"], theirs["metrics"]
    asked = m["units_requested"] + m["units_priced_away"]  # the same for both: demand at the reference price
    parts: dict[str, float] = {}

    def add(key: str, units: float) -> None:
        parts[key] = parts.get(key, 0.0) + units / asked * 100

    for a, b in zip(mine["items"], theirs["items"], strict=True):
        lost = (a["unserved"] + a["priced_away"]) - (b["unserved"] + b["priced_away"])
        add("keep" if a["life"] == 0 else "short" if a["life"] <= 14 else "long", lost)
        pace = (b["sold"] + b["unserved"]) / max(t.get("days", 365), 1)
        add("fast" if pace >= 2 else "mid" if pace >= 0.5 else "slow", lost)
        add("sold out", a["unserved"] - b["unserved"])
        add("priced away", a["priced_away"] - b["priced_away"])
        theirs_earned, mine_earned = _earned(b), _earned(a)
        side = "they lose" if theirs_earned < 0 else "they earn more" if theirs_earned > mine_earned else "I earn more"
        add(side, lost)
        if a["empty_days"] >= 300 > b["empty_days"]:
            add("unstocked", lost)
    keys = ("short", "long", "keep", "fast", "mid", "slow", "sold out", "priced away", "they lose", "they earn more",
            "I earn more", "unstocked")
    gap = (t["fill_rate_priced"] - m["fill_rate_priced"]) * 100
    return (f"| {gap:.1f} | " + " | ".join(f"{parts.get(k, 0.0):+.1f}" for k in keys)
            + f" | {mine.get('trimmed_units', 0.0):,.0f} |")


def price_moves(mine_path: Path, theirs_path: Path) -> None:
    """Where the first run (``agents``) gains or loses against the second (``inventory``: the same stock policy,
    prices held at the MRP) on the items whose price moved: clearances (items the pricing agent cleared), price
    rises (sold over the MRP) and other cuts (under the MRP with no clearance: a competitor's price or a learnt
    elasticity); each clearance's depth, its days left, its expiring share of the shelf, and whether units of the
    item were thrown out within a day of its end."""
    mine, theirs = (json.loads(p.read_text(encoding="utf-8")) for p in (mine_path, theirs_path))
    # a clearance names its item by the snapshot's order; the items list is the world's
    where = {a["sku"]: i for i, a in enumerate(mine["items"])}
    for c in mine["clearances"]:
        c["i"] = where[c["sku"]]
    cleared = {c["i"] for c in mine["clearances"]}
    groups: dict[str, list[float]] = {}
    for i, (a, b) in enumerate(zip(mine["items"], theirs["items"], strict=True)):
        moves = a.get("moves") or {}
        group = ("clearance" if i in cleared else "price rise" if moves.get("above_units") or moves.get("above_days")
                 else "other cut" if moves.get("below_days") else "no move")
        acc = groups.setdefault(group, [0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0])
        acc[0] += 1
        acc[1] += _earned(a) - _earned(b)
        acc[2] += a["margin"] - b["margin"]
        acc[3] += -(a["waste"] - b["waste"])
        acc[4] += -(a["stock"] - b["stock"]) * HOLDING_SHARE
        acc[5] += moves.get("below_paise", 0.0)
        acc[6] += moves.get("below_units", 0.0)
        acc[7] += a["sold"] - b["sold"]
    print(f"profit {mine['metrics']['profit_paise'] / 100:,.0f} against {theirs['metrics']['profit_paise'] / 100:,.0f}")
    print("| items | n | gain | margin | waste saved | holding saved | rupees under the MRP | units under it |"
          " units sold, more |")
    for group, (n, gain, margin, waste, hold, given, units, sold) in sorted(groups.items()):
        print(f"| {group} | {n} | {gain / 100:,.0f} | {margin / 100:,.0f} | {waste / 100:,.0f} | {hold / 100:,.0f} |"
              f" {given / 100:,.0f} | {units:,.0f} | {sold:,.0f} |")
    rows = mine["clearances"]
    if not rows:
        return
    wasted = {i: a.get("wasted") or {} for i, a in enumerate(mine["items"])}
    depth = np.array([1 - c["new"] / c["price"] for c in rows])
    days = np.array([c["days"] for c in rows])
    share = np.array([c["batch"] / max(c["stock"], 1e-9) for c in rows])
    short = np.array([c["batch"] - min(c["stock"], c["daily"] * c["days"]) for c in rows])  # forecast expiring
    followed = []
    for c in rows:
        start = np.datetime64(c["day"])
        ends = [str(start + k) for k in range(c["days"], c["days"] + 2)]
        followed.append(sum(wasted[c["i"]].get(d, 0.0) for d in ends))
    after = np.array(followed)
    batch = np.array([c["batch"] for c in rows])
    print(f"{len(rows)} clearances on {len(cleared)} items; depth median {np.median(depth):.1%}"
          f" (p90 {np.quantile(depth, 0.9):.1%}); days left median {np.median(days):.0f};"
          f" expiring share of the shelf median {np.median(share):.0%};"
          f" forecast expiring units median {np.median(short):.1f}, batch median {np.median(batch):.1f};"
          f" thrown out within a day of the end: {np.mean(after > 0):.0%} of clearances,"
          f" {after.sum():,.0f} units (of {sum(c['batch'] for c in rows):,.0f} expiring)")
    life = np.array([c["life"] for c in rows])
    for lo, hi in ((0, 7), (7, 30), (30, 10_000)):
        pick = (life >= lo) & (life < hi)
        if pick.any():
            print(f"  shelf life {lo}-{hi} days: {int(pick.sum())} clearances,"
                  f" depth median {np.median(depth[pick]):.1%},"
                  f" days median {np.median(days[pick]):.0f}, share median {np.median(share[pick]):.0%},"
                  f" followed by waste {np.mean(after[pick] > 0):.0%}")


def main() -> None:
    if sys.argv[1] == "--price-moves":
        price_moves(Path(sys.argv[2]), Path(sys.argv[3]))
        return
    if sys.argv[1] == "--fill-gap":
        print(fill_gap(Path(sys.argv[2]), Path(sys.argv[3])))
        return
    if sys.argv[1] == "--against":
        against(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]) if len(sys.argv) > 4 else 20)
        return
    logging.basicConfig(level=logging.ERROR)
    import app.agents.order_fit as order_fit
    import app.sim.harness as harness
    import app.sim.market as market_module
    import app.sim.world as world_module

    scenario, policy, days, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
    kept: dict = {"trimmed": {}}
    metrics = harness._metrics
    evening = world_module.World.evening
    demand_and_priced_away = market_module.Market.demand_and_priced_away
    fit_to_cap = order_fit.fit_to_cap
    priced_away: dict[int, float] = {}
    empty_days: dict[int, int] = {}
    # price moves, item by item: units sold under / over the first day's price and the rupees given or gained on
    # them; every clearance the pricing agent proposed with what it saw; the units that expired, day by day
    moves: dict[int, dict[str, float]] = {}
    clearances: list[dict] = []
    wasted: dict[int, dict[int, float]] = {}
    first_price: dict[str, np.ndarray] = {}
    from app.agents import pricing as pricing_module
    clearance = pricing_module.PricingAgent._clearance

    def clearance_kept(self, snap, board, inventory, floor, ceiling, blocked):  # what each clearance saw
        out = clearance(self, snap, board, inventory, floor, ceiling, blocked)
        for p in out:
            i = snap.index[p.action.params["sku"]]
            days = int(max(snap.expiry_days[i], 1))
            clearances.append({"day": snap.today.isoformat(), "i": int(i), "sku": snap.skus[i],
                               "price": int(snap.price[i]), "new": int(p.action.params["price_paise"]),
                               "cost": int(snap.cost[i]), "days": days, "batch": float(snap.near_expiry[i]) / 1000,
                               "stock": float(max(snap.on_hand[i], 0)) / 1000, "life": int(snap.shelf_life[i]),
                               "daily": float(board.demand.mean[i, :days].mean()),
                               "expected_units": float(p.expected["units"]), "value": float(p.value_paise)})
        return out

    def kept_priced_away(self, day, prices):  # the day's priced-away units, item by item
        asked, away = demand_and_priced_away(self, day, prices)
        kept["away_today"] = away
        return asked, away

    def counted_fit(qty, case, moq, unit_cost, order, cap_paise):  # units the autonomy limit cut from an order
        fitted = fit_to_cap(qty, case, moq, unit_cost, order, cap_paise)
        kept["trimmed_units"] = kept.get("trimmed_units", 0.0) + float((qty - fitted).sum()) / 1000
        return fitted

    def metrics_and_items(world):  # the harness's metrics, and every item's on the way
        m = world.metrics
        kept["items"] = [{"sku": item.sku, "cat": item.category, "life": item.shelf_life,
                          "waste": float(m.item_waste_paise[i]) if m.item_waste_paise is not None else 0.0,
                          "unserved": float(m.item_unserved[i]), "sold": float(m.item_sold[i]),
                          "margin": float(m.item_margin_paise[i]), "lost": float(m.item_lost_margin_paise[i]),
                          "stock": float(m.item_stock_value_sum[i]) / max(m.days, 1),
                          "priced_away": priced_away.get(i, 0.0), "empty_days": empty_days.get(i, 0),
                          "moves": moves.get(i, {}), "wasted": wasted.get(i, {})}
                         for i, item in enumerate(world.items)]
        return metrics(world)

    def evening_and_middle(self, day):  # the same figures as they stood after MID_DAY measured days
        price, _cost = self.product_columns()
        before = self.per_item("item_sold").copy() if self.counting else None
        evening(self, day)
        if self.counting:
            ref = first_price.setdefault("ref", np.array([item.mrp_paise for item in self.items], dtype=np.int64))
            sold_today = self.per_item("item_sold") - before
            for i in np.nonzero(price != ref)[0]:
                acc = moves.setdefault(int(i), {"below_units": 0.0, "below_paise": 0.0, "above_units": 0.0,
                                               "above_paise": 0.0, "below_days": 0, "above_days": 0,
                                               "above_priced_away": 0.0})
                gap = float(ref[i] - price[i])
                side = "below" if gap > 0 else "above"
                acc[f"{side}_units"] += float(sold_today[i])
                acc[f"{side}_paise"] += abs(gap) * float(sold_today[i])
                acc[f"{side}_days"] += 1
                if gap < 0:
                    acc["above_priced_away"] += float(kept.get("away_today", np.zeros(1))[i]) \
                        if len(kept.get("away_today", ())) > i else 0.0
            waste_now = self.per_item("item_waste_paise")
            waste_before = kept.get("waste_before", np.zeros_like(waste_now))
            for i in np.nonzero(waste_now != waste_before)[0]:  # thrown out this morning
                units = float(waste_now[i] - waste_before[i]) / max(float(_cost[i]), 1)
                wasted.setdefault(int(i), {})[day.isoformat()] = units
            kept["waste_before"] = waste_now.copy()
            for i in np.nonzero(kept.get("away_today", ()))[0]:
                priced_away[int(i)] = priced_away.get(int(i), 0.0) + float(kept["away_today"][i])
            for i in np.nonzero(~self.stocked[day])[0]:
                empty_days[int(i)] = empty_days.get(int(i), 0) + 1
        if self.metrics.days == MID_DAY and "mid" not in kept:
            kept["mid"] = {k: getattr(self.metrics, k).tolist() for k in _ARRAYS
                           if getattr(self.metrics, k) is not None}

    harness._metrics = metrics_and_items
    world_module.World.evening = evening_and_middle  # type: ignore[method-assign]
    market_module.Market.demand_and_priced_away = kept_priced_away  # type: ignore[method-assign]
    order_fit.fit_to_cap = counted_fit
    pricing_module.PricingAgent._clearance = clearance_kept  # type: ignore[method-assign]
    path = Path(scenario) if scenario.endswith(".json") else ROOT / "resources" / "scenarios" / f"{scenario}.json"
    seed = int(sys.argv[5]) if len(sys.argv) > 5 else 1
    result = harness.run_simulation(path, policy=policy, seed=seed,
                                    days=days, households=False)
    out.write_text(json.dumps({"metrics": result.metrics, "items": kept["items"], "mid": kept.get("mid"),
                               "trimmed_units": kept.get("trimmed_units", 0.0),
                               "clearances": clearances}),
                   encoding="utf-8")
    print(policy, result.metrics["profit_paise"], result.seconds)


if __name__ == "__main__":
    main()
