"""What the new forecaster changes in the shop: the simulator's bundled scenarios run by the inventory agent
(prices stay at MRP, so only the restocking differs) with today's ``app.ml.forecast`` and with the previous
one, the forecaster as it stood before issue 13 (commit ``1de3cfb``, taken from git history at run time).

    .venv/bin/python bench/forecast/shop_effect.py [--days 120] [--seed 1] [--jobs 2] [--scenarios kirana_300 ...]
        [--forecasters previous new REV ...] [--sweep 0.8 1 1.25] [--diagnose] [--tables RESULT.json ...]

Both runs meet the same customers (the market's draws are keyed by seed and day), so the difference is
the forecast alone. Prints a Markdown table of fill rate, waste and average inventory value per scenario,
before and after, and writes the results to bench/results/forecast-shop-effect-<time>.json (a sweep:
forecast-shop-sweep-<time>.json), one run at a time as they finish. It needs a git checkout (for the
previous forecaster, and for ``--forecasters REV``: ``app/ml/forecast`` as at that git revision).

``--sweep LEVEL ...`` traces each forecaster's trade-off curve: every forecast the agent receives (point, p10
and p90) is multiplied by LEVEL before the agent reads it (a bench-only wrapper, the product's defaults are
untouched), so the agent stocks more or less of everything; the table then says, per scenario and point, how
much more or less fill each forecaster has than the previous one's curve at the same average inventory and at
the same waste (interpolated between its points). ``--diagnose`` records, in the runs at level 1, every forecast
the agent read (as the forecaster returned it and as the agent kept it after its band around the recent pace)
against the demand the simulated customers brought over the next days, by item group. ``--tables`` prints the
tables of earlier result files together (runs at other levels or of other forecasters), running nothing.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

PREVIOUS = "1de3cfb"  # app/ml/forecast as a package, before the engine was rebuilt for issue 13
SCENARIOS = ("kirana_300", "festival_year", "shock_year", "chemist_fever_outage", "quick_commerce_war",
             "fresh_supermarket")


def install_previous(folder: Path, commit: str = PREVIOUS) -> None:
    """Make ``folder/forecast_<commit>`` the forecaster ``app/ml/forecast`` as it was at ``commit`` and point the
    inventory agent at it."""
    name = f"forecast_{commit.replace('-', '_').replace('.', '_')}"
    package = folder / name
    package.mkdir(parents=True, exist_ok=True)
    names = subprocess.run(["git", "-C", str(ROOT), "ls-tree", "--name-only", commit, "app/ml/forecast/"],
                           check=True, capture_output=True, text=True).stdout.split()
    for path in names:
        text = subprocess.run(["git", "-C", str(ROOT), "show", f"{commit}:{path}"], check=True,
                              capture_output=True, text=True).stdout
        text = text.replace("from app.ml.forecast import", f"from {name} import").replace(
            "app.ml.forecast.", f"{name}.")
        (package / Path(path).name).write_text(text, encoding="utf-8")
    sys.path.insert(0, str(folder))
    import importlib

    installed = importlib.import_module(name)
    model = importlib.import_module(f"{name}._model")
    shipped = ROOT / "resources" / "models" / model.MODEL_NAME  # the same model file, unchanged since
    setattr(model, "default_model_path", lambda: shipped)  # noqa: B010 (a module loaded by name)

    from app.agents import demand

    demand.forecast = installed.forecast  # type: ignore[assignment]
    demand.SeriesHistory = installed.SeriesHistory  # type: ignore[assignment,misc]
    demand.RegularDates = installed.RegularDates  # type: ignore[assignment,misc]


class Probe:
    """Bench-only instruments put in the inventory agent's path in one run's process (the product is untouched):

    * ``level``: every forecast the agent receives (``mean``, ``p10``, ``p90``) multiplied by this factor before the
      agent reads it, so the agent stocks more (> 1) or less (< 1) of everything the forecaster forecasts: one
      point on the forecaster's trade-off curve of fill against stock and waste;
    * ``record``: each forecast as the forecaster returned it and as the agent keeps it (after its band around
      the recent pace, ``app.agents.demand._within_band``), and each day's demand the simulated customers
      brought (served or not), so the forecast the agent read can be set against the demand that came."""

    def __init__(self, level: float, record: bool) -> None:
        self.level, self.record = level, record
        self.calls: list[tuple[str, date, Any]] = []  # (sku, first forecast day, forecast)
        self.kept: list[tuple[float, float, Any, Any]] = []  # (recent pace, its variance, mean, var)
        self.days: list[Any] = []  # each counted day's demand per item
        self.world: Any = None

    def install(self) -> None:
        from types import SimpleNamespace

        import numpy as np

        from app.agents import demand
        from app.sim.world import World

        inner, band, track = demand.forecast, demand._within_band, World._track_short
        probe = self

        def forecast(series, horizon, freq, **kw):  # type: ignore[no-untyped-def]
            results = inner(series, horizon, freq, **kw)
            out = [SimpleNamespace(mean=np.asarray(r.mean) * probe.level, p10=np.asarray(r.p10) * probe.level,
                                   p90=np.asarray(r.p90) * probe.level, method=r.method) for r in results]
            if probe.record:
                first = kw["end"] + timedelta(days=1)
                probe.calls += [(s.series_id, first, r) for s, r in zip(series, out, strict=True)]
            return out

        def within_band(mean, var, level, spread):  # type: ignore[no-untyped-def]
            kept = band(mean, var, level, spread)
            if probe.record:
                probe.kept.append((level, spread, kept[0].copy(), kept[1].copy()))
            return kept

        def track_short(world, closing, asked, *rest):  # type: ignore[no-untyped-def]
            probe.world = world
            if probe.record:
                probe.days.append(np.array(asked, dtype=np.float64))
            return track(world, closing, asked, *rest)

        demand.forecast = forecast  # type: ignore[assignment]
        demand._within_band = within_band  # type: ignore[assignment]
        World._track_short = track_short  # type: ignore[method-assign]

    def summary(self, start: date) -> dict:
        """The forecasts the agent read against the demand that came, by item group (see ``GROUPS``)."""
        import numpy as np

        world = self.world
        if not self.record or world is None or not self.days:
            return {}
        items = world.items  # type: ignore[attr-defined]
        m = world.metrics  # type: ignore[attr-defined]
        asked = np.stack(self.days)  # (days, items)
        index = {item.sku: i for i, item in enumerate(items)}
        unserved = m.item_unserved if m.item_unserved is not None else np.zeros(len(items))
        sold = m.item_sold if m.item_sold is not None else np.zeros(len(items))
        waste = m.item_waste_paise if m.item_waste_paise is not None else np.zeros(len(items))
        rate = asked.mean(axis=0)
        groups = {
            "all": np.ones(len(items), bool),
            "perishable": np.array([bool(item.shelf_life) for item in items]),
            "keeps": np.array([not item.shelf_life for item in items]),
            "slow (< 2 a day)": rate < 2,
            "fast (>= 2 a day)": rate >= 2,
            "short (> 5% unserved)": unserved > 0.05 * np.maximum(unserved + sold, 1e-9),
            "wasted": waste > 0,
        }
        rows = []  # per forecast: item, raw and kept 3- and 7-day sums, variances, demand, daily coverage
        if len(self.kept) != len(self.calls):  # a chunk fell back on rates: no pairing of calls and kept
            return {"error": f"{len(self.calls)} forecasts, {len(self.kept)} kept"}
        for (sku, first, r), (pace, _spread, mean, var) in zip(self.calls, self.kept, strict=True):
            k = (first - start).days  # type: ignore[operator]
            i = index.get(sku)
            if i is None or k < 0 or k + 7 > len(self.days):
                continue
            came = asked[k:k + 7, i]
            raw = np.asarray(r.mean, dtype=np.float64)[:7]  # type: ignore[attr-defined]
            p10 = np.asarray(r.p10, dtype=np.float64)[:7]  # type: ignore[attr-defined]
            p90 = np.asarray(r.p90, dtype=np.float64)[:7]  # type: ignore[attr-defined]
            rows.append((i, raw[:3].sum(), raw.sum(), mean[:3].sum(), mean[:7].sum(), var[:3].sum(), var[:7].sum(),
                         came[:3].sum(), came.sum(), ((came >= p10) & (came <= p90)).mean(), (p90 - p10).sum(),
                         pace * 7, float(not np.allclose(mean[:7], raw))))
        if not rows:
            return {}
        a = np.array(rows)
        item = a[:, 0].astype(int)
        out = {}
        for name, members in groups.items():
            g = a[members[item]]
            if not len(g):
                continue
            came3, came7 = g[:, 7].sum(), g[:, 8].sum()
            out[name] = {
                "items": int(members.sum()), "forecasts": len(g), "demand_7d": round(float(came7), 1),
                # bias of the point over 3 (about lead + review) and 7 days: forecast sum / demand sum - 1
                "bias_raw_7d": round(float(g[:, 2].sum() / came7 - 1), 4),
                "bias_kept_3d": round(float(g[:, 3].sum() / came3 - 1), 4),
                "bias_kept_7d": round(float(g[:, 4].sum() / came7 - 1), 4),
                "bias_pace_7d": round(float(g[:, 11].sum() / came7 - 1), 4),  # the recent pace x 7 (the band's centre)
                # the spread the agent assumes against the one that came: mean (demand - kept mean)^2 / kept var
                # pooled over the forecasts: a forecast of 0 with a variance of 0 would make a mean of ratios infinite
                "var_pooled_3d": round(float(((g[:, 7] - g[:, 3]) ** 2).sum() / max(g[:, 5].sum(), 1e-9)), 3),
                "var_pooled_7d": round(float(((g[:, 8] - g[:, 4]) ** 2).sum() / max(g[:, 6].sum(), 1e-9)), 3),
                "daily_p10_p90_coverage": round(float(g[:, 9].mean()), 3),
                "range_width_over_mean": round(float(g[:, 10].sum() / max(g[:, 2].sum(), 1e-9)), 3),
                "wape_kept_7d": round(float(np.abs(g[:, 8] - g[:, 4]).sum() / came7), 4),
                "clamped_share": round(float(g[:, 12].mean()), 3),
            }
        return out


def one(job: tuple[str, str, int, int, float, bool]) -> dict:
    import logging

    logging.basicConfig(level=logging.ERROR)
    scenario, which, seed, days, level, record = job
    with tempfile.TemporaryDirectory() as folder:
        if which != "new":  # "previous" or a git revision of app/ml/forecast
            install_previous(Path(folder), PREVIOUS if which == "previous" else which)
        from app.agents import demand
        from app.sim.harness import run_simulation
        from app.sim.scenario import load_scenario

        module = demand.forecast.__module__
        probe = Probe(level, record)
        if level != 1.0 or record:
            probe.install()
        spec = load_scenario(ROOT / "resources" / "scenarios" / f"{scenario}.json")
        started = time.perf_counter()
        result = run_simulation(spec, policy="inventory", seed=seed, days=days)
        return {"file": scenario, "forecaster": which, "module": module, "level": level,
                "seconds": round(time.perf_counter() - started, 1), "cpu_seconds": round(time.process_time(), 1),
                **result.to_json(), "forecasts": probe.summary(spec.start)}


def rupees(paise: float) -> str:
    return f"₹{paise / 100:,.0f}"


def table(results: list[dict]) -> str:
    levels = len({r.get("level", 1.0) for r in results}) > 1
    lines = ["| scenario | forecaster |" + (" level |" if levels else "") +
             " fill | fill (priced away counted) | waste | avg inventory | profit |",
             "|---|---|" + ("---|" if levels else "") + "---|---|---|---|---|"]
    for r in sorted(results, key=lambda r: (SCENARIOS.index(r["file"]) if r["file"] in SCENARIOS else 99,
                                            r["forecaster"] != "previous", r.get("level", 1.0))):
        m = r["metrics"]
        lines.append(f"| {r['file']} | {r['forecaster']} |" + (f" {r.get('level', 1.0):g} |" if levels else "") +
                     f" {m['fill_rate'] * 100:.1f}% | "
                     f"{m['fill_rate_priced'] * 100:.1f}% | {rupees(m['waste_paise'])} | "
                     f"{rupees(m['avg_inventory_value_paise'])} | {rupees(m['profit_paise'])} |")
    return "\n".join(lines)


def curve_gap(results: list[dict], scenario: str, x: str, which: str) -> list[tuple[str, float]]:
    """``which``'s fill minus the previous forecaster's at the same ``x`` (average inventory or waste), in points:
    each point of one forecaster set against the other's curve (interpolated between its points, never beyond
    them), labelled by the point ("new 1.25": ``which`` at level 1.25 against the previous curve; "previous 0.8":
    the previous point at 0.8 against ``which``'s curve, the sign still ``which`` minus previous)."""
    import numpy as np

    def points(forecaster: str) -> list[dict]:
        return sorted((r for r in results if r["file"] == scenario and r["forecaster"] == forecaster),
                      key=lambda r: r["metrics"][x])

    out: list[tuple[str, float]] = []
    for mine, theirs, sign, label in ((which, "previous", 1, "new" if which == "new" else which[:7]),
                                      ("previous", which, -1, "previous")):
        curve = points(theirs)
        xs = np.array([r["metrics"][x] for r in curve], dtype=np.float64)
        ys = np.array([r["metrics"]["fill_rate"] for r in curve], dtype=np.float64)
        for r in sorted(points(mine), key=lambda r: r["level"]):
            at = float(r["metrics"][x])
            if len(xs) >= 2 and xs[0] <= at <= xs[-1]:
                gap = sign * (r["metrics"]["fill_rate"] - float(np.interp(at, xs, ys))) * 100
                out.append((f"{label} {r['level']:g}", gap))
    return out


def curves(results: list[dict]) -> str:
    """Whether another forecaster's curve lies above the previous one's: per scenario, its fill minus the previous
    one's at the same average inventory and at the same waste, wherever a point of either lies within the
    other's curve (see :func:`curve_gap`)."""
    lines = ["| scenario | forecaster | fill minus previous at the same average inventory, points | "
             "at the same waste |", "|---|---|---|---|"]
    others = sorted({r["forecaster"] for r in results} - {"previous"}, key=lambda w: (w != "new", w))
    for scenario in sorted({r["file"] for r in results},
                           key=lambda s: SCENARIOS.index(s) if s in SCENARIOS else 99):
        for which in others:
            cells = [", ".join(f"{gap:+.1f} ({label})" for label, gap in curve_gap(results, scenario, x, which))
                     or "no overlap" for x in ("avg_inventory_value_paise", "waste_paise")]
            lines.append(f"| {scenario} | {which if which == 'new' else which[:7]} | {cells[0]} | {cells[1]} |")
    return "\n".join(lines)


def _pooled(g: dict) -> str:
    """The variance the agent assumed against the squared errors that came, pooled (runs written before this
    measure was pooled have none: a mean of per-forecast ratios is dominated by forecasts of 0)."""
    return f"{g['var_pooled_3d']:.2f} / {g['var_pooled_7d']:.2f}" if "var_pooled_3d" in g else "—"


def diagnosis(results: list[dict]) -> str:
    """The forecasts the agent read against the demand that came (the runs at level 1), by item group."""
    lines = ["| scenario | forecaster | group | items | bias of the point, 7 d (as forecast / as kept) | "
             "recent pace, 7 d | squared error / variance kept, 3 d / 7 d | daily p10-p90 coverage | "
             "range width / point | clamped |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for r in sorted(results, key=lambda r: (SCENARIOS.index(r["file"]) if r["file"] in SCENARIOS else 99,
                                            r["forecaster"] != "previous")):
        if r.get("level", 1.0) != 1.0 or not r.get("forecasts"):
            continue
        for group, g in r["forecasts"].items():
            if "bias_raw_7d" not in g:
                continue
            lines.append(f"| {r['file']} | {r['forecaster']} | {group} | {g['items']} | "
                         f"{g['bias_raw_7d'] * 100:+.1f}% / {g['bias_kept_7d'] * 100:+.1f}% | "
                         f"{g['bias_pace_7d'] * 100:+.1f}% | {_pooled(g)} | "
                         f"{g['daily_p10_p90_coverage'] * 100:.0f}% | {g['range_width_over_mean']:.2f} | "
                         f"{g['clamped_share'] * 100:.0f}% |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=120)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--scenarios", nargs="+", default=list(SCENARIOS))
    parser.add_argument("--sweep", nargs="*", type=float, metavar="LEVEL",
                        help="trace each forecaster's trade-off curve: run it at each of these multipliers of the "
                             "forecast the agent reads (1 is the product as it is; default 0.8 1 1.25); runs at "
                             "other levels of earlier files join them with --tables")
    parser.add_argument("--forecasters", nargs="+", default=["previous", "new"], metavar="WHICH",
                        help="previous (the forecaster before issue 13), new (this checkout's) or a git revision "
                             "of app/ml/forecast; each is compared with previous")
    parser.add_argument("--tables", nargs="+", type=Path, metavar="JSON",
                        help="print the tables of earlier runs' result files together, running nothing")
    parser.add_argument("--diagnose", action="store_true",
                        help="record the forecasts the agent read against the demand that came (runs at level 1)")
    args = parser.parse_args()
    if args.tables:
        saved = [r for path in args.tables for r in json.loads(path.read_text(encoding="utf-8"))]
        print(table(saved) + "\n\n" + curves(saved) + "\n\n" + diagnosis(saved))
        return
    levels = [1.0] if args.sweep is None else sorted(set(args.sweep or [0.8, 1.0, 1.25]))
    # the runs at level 1 first: they are the before/after comparison and carry the diagnosis
    jobs = [(s, which, args.seed, args.days, level, args.diagnose and level == 1.0)
            for level in sorted(levels, key=lambda v: v != 1.0) for s in args.scenarios
            for which in args.forecasters]
    kind = "sweep" if levels != [1.0] else "effect"
    out = ROOT / "bench" / "results" / f"forecast-shop-{kind}-{datetime.now():%Y%m%d-%H%M%S}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    results: list[dict] = []
    with ProcessPoolExecutor(args.jobs, max_tasks_per_child=1) as pool:  # a fresh process per run
        for result in pool.map(one, jobs):  # written as they come, so a long sweep cut short keeps its runs
            results.append(result)
            out.write_text(json.dumps(results, indent=1), encoding="utf-8")
            print(f"{len(results)}/{len(jobs)} {result['file']} {result['forecaster']} {result['level']:g}: "
                  f"{result['seconds']:.0f} s", file=sys.stderr, flush=True)
    print(table(results))
    if levels != [1.0]:
        print("\n" + curves(results))
    if args.diagnose:
        print("\n" + diagnosis(results))
    print(f"\n{len(results)} runs, {sum(r['seconds'] for r in results):.0f} s of simulation "
          f"({sum(r.get('cpu_seconds', 0) for r in results):.0f} s CPU); results in {out}")


if __name__ == "__main__":
    main()
