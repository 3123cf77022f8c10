"""Item by item, where a marketing-on run's waste and stock-outs part from the same run with marketing off
(issue 18; docs/marketing.md, "Eleventh session").

    nice .venv/bin/python bench/marketing/drift.py SCENARIO SEED [--days 180] [--answers 81 7 19 ...]
        [--out bench/marketing/results/drift-session11.jsonl] [--records DIR] [--watch SKU ...]
        [--raise-from DIR/SCENARIO-SEED-off.json] [--bare-codes] [--steady 2] [--reach 1]
    .venv/bin/python bench/marketing/drift.py --split bench/marketing/results/drift-session13.jsonl

Runs the ``agents`` policy with marketing off and on (once per ``--answers`` key: the key of the simulated
households' answer generator, ``app.sim.customers.ANSWERS_STREAM``; 81 is the one every benchmark uses, and
marketing off does not draw from it, so one off run serves every key) and records, day by day, each item's
stock, sales, deliveries and waste. Then, for every item whose waste or unserved units differ, it says where
the two runs first parted and why:

* ``offered, sold out``: a campaign offered the item and it closed empty in the on run (not the off run)
  before its next delivery while the campaign's codes could still come;
* ``extra sale``: the item's first different day is a sale with the same stock in the morning (a code, or a
  household the marketing brought back, bought it);
* ``orders``: the first difference is a delivery (the inventory agent ordered differently after the sales
  history moved; the item itself may never have been sold more);
* the pair's sign under other answer keys says whether the loss is chance of the households' answers;
* ``fresh raise:`` the reviews where the inventory agent's fresh raise (``app.agents.fresh_cases.item_floors``)
  lifted different lines in the two runs (twenty-second session), and the counterfactuals that ask what carries a
  pair's drift: ``--raise-from`` (the on run lifts exactly the lines the off run's ``--records`` file lifted),
  ``--bare-codes`` (a household that comes only to say its code buys only the offered item), ``--steady N`` (the
  shop-wide weekday pattern and dispersion that sold-out days are read with rounded to N decimals), ``--watch``
  (chosen items' inventory reviews side by side).
"""

from __future__ import annotations

import argparse
import json
import sys
from concurrent.futures import ProcessPoolExecutor
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

ANSWERS_DEFAULT = 81


def run(job: tuple[str, int, int, bool, int, int | None, bool, float | None, tuple[str, ...], str | None, int | None,
                   bool]) -> dict:
    """One run with the day-by-day record of every item (stock at the morning after deliveries, units sold,
    delivered and thrown out) and the marketing agent's campaigns. ``chunk``: the demand forecaster's block
    size (``app.agents.demand.CHUNK``; None: the app's), to ask whether an item's forecast moves with which other
    items are forecast beside it (the price slopes are pooled over a block; twenty-first session). ``no_minimum``:
    every supplier's minimum order set to 0 in both runs, to ask whether an item's orders move with another item's
    of the same supplier through the top-up to the minimum. ``reach``: the fresh raise's
    ``fresh_cases.RAISED_REACH`` in both runs (twenty-second session: 1.0 raises every candidate, as the twentieth
    session's tree did). Every run also records, per inventory review, the lines the fresh raise lifted and the
    units each candidate lost (``raised``); ``watch``: SKUs whose inventory review (position, reorder point, target,
    the forecast's daily pace, the least critical ratio, what was ordered, the learnt forecast bias, today's festival
    factor) is recorded review by review."""
    import logging

    import numpy as np

    from app.agents import demand, fresh_cases
    from app.sim import customers, harness
    from app.sim.world import World

    scenario, seed, days, marketing, answers, chunk, no_minimum, reach, watch, raise_from, steady, bare_codes = job
    if bare_codes:
        # a household that comes only to say its code buys only the offered item: its usual basket, carved from
        # the day's other customers and never substituted (app.sim.customers, evening), is left to them
        basket = customers.Clientele._basket

        def bare_basket(self: Any, bill: Any, rng: Any, left: Any, *, carve: bool) -> None:
            if carve and rng.bit_generator.seed_seq.entropy[-1] != customers.VISITS_STREAM:
                return
            basket(self, bill, rng, left, carve=carve)

        customers.Clientele._basket = bare_basket  # type: ignore[method-assign]
    if steady is not None:
        # the shop-wide weekday pattern and dispersion that every sold-out day of a perishable is read with
        # (app.agents.demand.unconstrained), rounded to ``steady`` decimals: a unit of one item's sales moves them in
        # the fourth decimal and with them every perishable's forecast
        wf, sd = demand.weekday_factors, demand.shop_dispersion
        demand.weekday_factors = lambda *a: np.round(wf(*a), steady)  # type: ignore[assignment]
        demand.shop_dispersion = lambda *a: round(sd(*a), steady)  # type: ignore[assignment]
    # another run's fresh-raise decisions, review by review (SKUs lifted): the counterfactual "the raise as in the
    # off run", to ask whether the raise carries a pair's drift
    replay = json.loads(Path(raise_from).read_text())["raised"] if raise_from and marketing else None
    if chunk is not None:
        demand.CHUNK = chunk
    if reach is not None:
        fresh_cases.RAISED_REACH = reach
    raised: dict[str, list] = {}
    floors = fresh_cases.item_floors

    def spy_floors(snap: Any, floor: float) -> np.ndarray:
        out = floors(snap, floor)
        if replay is not None:
            reviews = replay.get(snap.today.isoformat(), [])
            k = len(raised.get(snap.today.isoformat(), []))
            out = np.full(snap.size, float(floor))
            if floor > 0 and k < len(reviews):
                for sku in reviews[k]["up"]:
                    out[snap.index[sku]] = max(float(floor), fresh_cases.RAISED_FLOOR)
        lost, _sold = fresh_cases.lost_units(snap) if snap.sales.shape[1] else (np.zeros(snap.size), None)
        raised.setdefault(snap.today.isoformat(), []).append(
            {"up": [snap.skus[i] for i in np.nonzero(out > floor)[0]],
             "lost": {snap.skus[i]: round(float(lost[i]), 2) for i in np.argsort(-lost)[:12] if lost[i] > 0}})
        return out

    fresh_cases.item_floors = spy_floors  # type: ignore[assignment]
    watched: dict[str, list] = {}
    if watch:
        from app.agents.inventory import InventoryAgent
        propose = InventoryAgent.propose

        def spy_propose(self: Any, snap: Any, board: Any) -> list:
            proposals = propose(self, snap, board)
            view, lv = board.notes["inventory"], board.notes["inventory_levels"]
            ordered: dict[str, int] = {}
            for p in proposals:
                for line in (p.action.params.get("lines") or []) if p.action is not None else []:
                    ordered[line["sku"]] = ordered.get(line["sku"], 0) + line["qty_milli"] // 1000
            for sku in watch:
                i = snap.index.get(sku)
                if i is None:
                    continue
                watched.setdefault(sku, []).append(
                    [snap.now.isoformat()[:16], int(view.position[i]) // 1000, round(float(view.rop[i]) / 1000, 2),
                     round(float(view.target[i]) / 1000, 2), round(float(view.daily[i]), 3),
                     round(float(lv["service_floor"][i]) if np.ndim(lv["service_floor"]) else
                           float(lv["service_floor"]), 3), ordered.get(sku, 0),
                     round(snap.belief("forecast_bias", sku, 1.0), 4), round(float(board.demand.festival[i, 0]), 4)])
            return proposals

        InventoryAgent.propose = spy_propose  # type: ignore[method-assign]
    world_of: Any = ROOT / "resources" / "scenarios" / f"{scenario}.json"
    if no_minimum:
        import dataclasses

        from app.sim.scenario import load_scenario
        world_of = load_scenario(world_of)
        world_of.suppliers = [dataclasses.replace(s, min_order_paise=0) for s in world_of.suppliers]
    logging.basicConfig(level=logging.ERROR)
    customers.ANSWERS_STREAM = answers
    record: dict[str, dict] = {"morning": {}, "sold": {}, "delivered": {}, "waste": {}}
    captured: dict = {}
    morning, evening, receive = World.morning, World.evening, World._receive

    def sold_now(world: World) -> np.ndarray:
        return world.per_item("item_sold").copy()

    def spy_morning(self: World, day: date, *, agents_receive: bool) -> None:
        waste = self.per_item("item_waste_paise").copy()
        morning(self, day, agents_receive=agents_receive)
        if self.counting:
            record["morning"][day.isoformat()] = [lots.total() // 1000 for lots in self.lots]
            record["waste"][day.isoformat()] = (self.per_item("item_waste_paise") - waste).round().tolist()

    def spy_evening(self: World, day: date) -> None:
        before = sold_now(self)
        evening(self, day)
        if self.counting:
            record["sold"][day.isoformat()] = (sold_now(self) - before).round().tolist()

    def spy_receive(self: World, po_id: int, day: date, agents_receive: bool) -> None:
        before = [lots.total() for lots in self.lots]
        receive(self, po_id, day, agents_receive)
        got = record["delivered"].setdefault(day.isoformat(), {})
        for i, lots in enumerate(self.lots):
            if lots.total() != before[i]:
                got[i] = got.get(i, 0) + (lots.total() - before[i]) // 1000

    by_category = harness._by_category

    def spy_category(world: World) -> dict:
        m = world.metrics
        captured["items"] = [{"sku": it.sku, "name": it.name, "category": it.category,
                              "shelf_life": it.shelf_life} for it in world.items]
        for name in ("item_waste_paise", "item_unserved", "item_sold", "item_margin_paise"):
            values = getattr(m, name)
            captured[name] = [0.0] * len(world.items) if values is None else [float(v) for v in values]
        captured["campaigns"] = [
            {"id": c, "sku": sku, "segment": seg, "created": created[:10], "first": first and first[:10],
             "last": last and last[:10], "messages": n, "codes": [r[:10] for r in (codes or "").split(",") if r]}
            for c, sku, seg, created, first, last, n, codes in world.store.db().execute(
                "SELECT c.id, c.sku, c.segment, c.created_at, min(m.at), max(m.at), count(m.id),"
                " (SELECT group_concat(r.at) FROM campaign_redemption r JOIN campaign_variant v"
                "  ON v.id = r.variant_id WHERE v.campaign_id = c.id)"
                " FROM campaign c LEFT JOIN campaign_message m ON m.campaign_id = c.id GROUP BY c.id")]
        return by_category(world)

    World.morning, World.evening, World._receive = spy_morning, spy_evening, spy_receive  # type: ignore[method-assign]
    harness._by_category = spy_category
    result = harness.run_simulation(world_of, policy="agents", seed=seed, days=days, marketing=marketing)
    mk = result.activity["marketing"]
    return {"scenario": scenario, "seed": seed, "days": days, "marketing": marketing, "answers": answers,
            **({"chunk": chunk} if chunk is not None else {}), **({"no_minimum": True} if no_minimum else {}),
            "profit_after_marketing_paise": mk["profit_after_marketing_paise"], "spend_paise": mk["spend_paise"],
            "redemptions": mk["redemptions"], "won_back": mk["households_won_back"],
            "waste_paise": result.metrics["waste_paise"], "units_served": result.metrics["units_served"],
            **({"raise_from": raise_from} if replay is not None else {}),
            **captured, "record": record, "raised": raised, "watch": watched}


def parted(on: dict, off: dict, i: int) -> tuple[str, str]:
    """The first day item ``i`` differs between the runs, and what differed first."""
    for day in sorted(on["record"]["morning"]):
        got_on = on["record"]["delivered"].get(day, {}).get(i, 0)
        got_off = off["record"]["delivered"].get(day, {}).get(i, 0)
        if got_on != got_off:
            return day, f"orders (delivered {got_on:.0f} against {got_off:.0f})"
        if on["record"]["morning"][day][i] != off["record"]["morning"][day][i]:
            return day, "stock (an earlier difference)"
        if on["record"]["sold"].get(day, [0] * (i + 1))[i] != off["record"]["sold"].get(day, [0] * (i + 1))[i]:
            return day, "extra sale"
    return "", "—"


def sold_out_while_offered(on: dict, off: dict, i: int) -> str:
    """A campaign day (first message to a week after the last) when the offered item closed empty in the on
    run, not in the off run."""
    sku = on["items"][i]["sku"]
    for c in on["campaigns"]:
        if c["sku"] != sku or not c["first"]:
            continue
        day, end = date.fromisoformat(c["first"]), date.fromisoformat(c["last"]) + timedelta(days=7)
        while day <= end:
            key = day.isoformat()
            if key in on["record"]["morning"]:
                shelf_on = on["record"]["morning"][key][i] - on["record"]["sold"].get(key, [0] * (i + 1))[i]
                shelf_off = off["record"]["morning"][key][i] - off["record"]["sold"].get(key, [0] * (i + 1))[i]
                if shelf_on <= 0 < shelf_off:
                    return key
            day += timedelta(days=1)
    return ""


def compare(on: dict, off: dict) -> list[str]:
    diff = on["profit_after_marketing_paise"] - off["profit_after_marketing_paise"]
    out = [f"## {on['scenario']} seed {on['seed']}, answers key {on['answers']}: on - off ₹{diff / 100:,.0f}"
           f" (spend ₹{on['spend_paise'] / 100:,.0f}, codes {on['redemptions']}, won back {on['won_back']},"
           f" waste ₹{(on['waste_paise'] - off['waste_paise']) / 100:+,.0f},"
           f" units served {on['units_served'] - off['units_served']:+d})",
           "| item | perishable | offered | waste on-off | unserved on-off | sold on-off | margin on-off"
           " | parted | first difference | sold out while offered |", "|---|---|---|---|---|---|---|---|---|---|"]
    offered = {c["sku"] for c in on["campaigns"] if c["messages"]}
    rows = []
    for i, item in enumerate(on["items"]):
        dw = on["item_waste_paise"][i] - off["item_waste_paise"][i]
        du = on["item_unserved"][i] - off["item_unserved"][i]
        if not dw and not du:
            continue
        day, why = parted(on, off, i)
        rows.append((dw + 0.0, item, i, du, day, why))
    rows.sort(key=lambda r: -abs(r[0]))
    out.insert(1, raise_summary(on, off))
    for dw, item, i, du, day, why in rows:
        out.append(f"| {item['sku']} {item['name'][:24]} | {item['shelf_life'] or '—'} |"
                   f" {'yes' if item['sku'] in offered else ''} | ₹{dw / 100:+,.0f} | {du:+.0f}"
                   f" | {on['item_sold'][i] - off['item_sold'][i]:+.0f}"
                   f" | ₹{(on['item_margin_paise'][i] - off['item_margin_paise'][i]) / 100:+,.0f}"
                   f" | {day} | {why} | {sold_out_while_offered(on, off, i)} |")
    return out


def raise_summary(on: dict, off: dict) -> str:
    """Where the fresh raise (``fresh_cases.item_floors``) lifted different lines in the two runs: the first review
    that differs, the lines each lifted alone there with the units they lost in each run, the number of reviews that
    differ, and the lines lifted in one run only, by reviews (twenty-second session)."""
    first, reviews, only_on, only_off = "", 0, {}, {}
    for day in sorted(set(on.get("raised", {})) | set(off.get("raised", {}))):
        for k, (a, b) in enumerate(zip(on["raised"].get(day, []), off["raised"].get(day, []), strict=False)):
            if a["up"] == b["up"]:
                continue
            reviews += 1
            for i in set(a["up"]) - set(b["up"]):
                only_on[i] = only_on.get(i, 0) + 1
            for i in set(b["up"]) - set(a["up"]):
                only_off[i] = only_off.get(i, 0) + 1
            if not first:
                lost_a, lost_b = a["lost"], b["lost"]
                shown = sorted(set(a["up"]) ^ set(b["up"]))
                first = f"{day} review {k}: " + ", ".join(
                    f"{i} {'on' if i in a['up'] else 'off'} only (lost {lost_a.get(i, 0)} on, {lost_b.get(i, 0)} off)"
                    for i in shown)
    top = lambda d: ", ".join(f"{i} {n}" for i, n in sorted(d.items(), key=lambda x: -x[1])[:6])  # noqa: E731
    return (f"fresh raise: {reviews} reviews differ; first {first or 'none'}; raised in the on run only (reviews):"
            f" {top(only_on) or '-'}; in the off run only: {top(only_off) or '-'}")


def watch_table(on: dict, off: dict, reviews: int = 12) -> list[str]:
    """Each watched SKU's inventory reviews side by side (on | off), from the first that differs."""
    out = []
    for sku, rows_on in on.get("watch", {}).items():
        rows_off = off.get("watch", {}).get(sku, [])
        start = next((k for k, (a, b) in enumerate(zip(rows_on, rows_off, strict=False)) if a[1:] != b[1:]), None)
        out.append(f"### {sku}: inventory reviews (position, reorder point, target, daily pace, least critical"
                   f" ratio, ordered, forecast bias, festival factor), on | off, from the first that differs ({start})")
        if start is not None:
            for a, b in list(zip(rows_on, rows_off, strict=False))[max(start - 2, 0):start + reviews]:
                out.append(f"{a[0]} {a[1:]} | {b[1:]}")
    return out


SHORT_DAYS = 7  # items that last this long or less: re-ordered every few days, where the drift sits (eleventh session)


def split(on: dict, off: dict) -> dict[str, float]:
    """One pair's profit after spend, on - off, in rupees, split into what the campaigns cost and what they moved
    (thirteenth session): ``spend`` (the messages; campaigns quote the shelf price, so there is no discount to
    count), ``offered`` (margin less waste of the items the campaigns offered), ``short`` and ``other`` (the same
    for the items not offered that last ``SHORT_DAYS`` days or less, and the rest), and ``rest`` (what the items'
    margin and waste do not hold: holding cost, the day's other costs)."""
    offered = {c["sku"] for c in on["campaigns"] if c["messages"]}
    parts = {"spend": -on["spend_paise"] / 100, "offered": 0.0, "short": 0.0, "other": 0.0}
    for i, item in enumerate(on["items"]):
        net = (on["item_margin_paise"][i] - off["item_margin_paise"][i]
               - on["item_waste_paise"][i] + off["item_waste_paise"][i]) / 100
        life = item.get("shelf_life")
        key = "offered" if item["sku"] in offered else "short" if life and life <= SHORT_DAYS else "other"
        parts[key] += net
    total = (on["profit_after_marketing_paise"] - off["profit_after_marketing_paise"]) / 100
    parts["rest"] = total - sum(parts.values())
    parts["total"] = total
    return parts


def split_table(rows: list[dict]) -> list[str]:
    """The split of every pair in a ``--out`` file (its off run and each on run of the same scenario and seed)."""
    out = ["| scenario | seed | answers | on - off | spend | offered items | other items lasting <= 7 days"
           " | other items | rest (holding, ...) | codes | won back |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    offs = {(r["scenario"], r["seed"], r["days"]): r for r in rows if not r["marketing"]}
    for on in rows:
        off = offs.get((on["scenario"], on["seed"], on["days"]))
        if not on["marketing"] or off is None:
            continue
        p = split(on, off)
        out.append(f"| {on['scenario']} | {on['seed']} | {on['answers']} | " + " | ".join(
            f"₹{p[k]:+,.0f}" for k in ("total", "spend", "offered", "short", "other", "rest"))
            + f" | {on['redemptions']} | {on['won_back']} |")
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("scenario", nargs="?")
    ap.add_argument("seed", type=int, nargs="?")
    ap.add_argument("--days", type=int, default=180)
    ap.add_argument("--answers", type=int, nargs="+", default=[ANSWERS_DEFAULT])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--chunk", type=int, help="the demand forecaster's block size in both runs (1: each item "
                    "forecast alone, so that no item's forecast depends on the others')")
    ap.add_argument("--no-minimum", action="store_true", help="every supplier's minimum order 0 in both runs")
    ap.add_argument("--reach", type=float, help="the fresh raise's RAISED_REACH in both runs (1: every candidate)")
    ap.add_argument("--watch", nargs="+", default=[], help="SKUs whose inventory reviews are printed side by side "
                    "from the first review that differs")
    ap.add_argument("--raise-from", help="a --records file of the pair's off run: the on runs lift exactly the lines "
                    "it lifted, review by review (does the fresh raise carry the drift?)")
    ap.add_argument("--steady", type=int, help="the shop-wide weekday pattern and dispersion rounded to this many "
                    "decimals in both runs")
    ap.add_argument("--bare-codes", action="store_true", help="a household that comes only to say its code buys only "
                    "the offered item (the simulator's basket of such a visit left to the other customers)")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--records", type=Path, help="a folder for each run's day-by-day record (JSON, large)")
    ap.add_argument("--split", type=Path, help="print each pair's split of an --out file (spend, offered items, "
                    "other short-lived items, the rest) and run nothing")
    args = ap.parse_args()
    if args.split:
        print("\n".join(split_table([json.loads(line) for line in args.split.read_text().splitlines() if line])))
        return
    if args.scenario is None or args.seed is None:
        ap.error("a scenario and a seed, or --split FILE")
    jobs = [(args.scenario, args.seed, args.days, False, ANSWERS_DEFAULT, args.chunk, args.no_minimum, args.reach,
             tuple(args.watch), None, args.steady, args.bare_codes)]
    jobs += [(args.scenario, args.seed, args.days, True, k, args.chunk, args.no_minimum, args.reach,
              tuple(args.watch), args.raise_from, args.steady, args.bare_codes)
             for k in args.answers]
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        off, *ons = list(pool.map(run, jobs))
    lines = []
    for on in ons:
        lines += [*compare(on, off), ""]
    for on in ons:
        lines += watch_table(on, off)
    print("\n".join(lines))
    if args.records:
        args.records.mkdir(parents=True, exist_ok=True)
        for r in (off, *ons):
            name = f"{r['scenario']}-{r['seed']}-{'on' + str(r['answers']) if r['marketing'] else 'off'}.json"
            (args.records / name).write_text(json.dumps({"items": r["items"], "record": r["record"],
                                                         "raised": r["raised"]}))
    if args.out:
        with args.out.open("a") as f:
            for r in (off, *ons):
                f.write(json.dumps({k: v for k, v in r.items() if k not in ("record", "raised", "watch")}) + "\n")


if __name__ == "__main__":
    main()
