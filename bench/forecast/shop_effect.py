"""What the new forecaster changes in the shop: the simulator's bundled scenarios run by the inventory agent
(prices stay at MRP, so only the restocking differs) with today's ``app.ml.forecast`` and with the previous
one, the forecaster as it stood before issue 13 (commit ``1de3cfb``, taken from git history at run time).

    .venv/bin/python bench/forecast/shop_effect.py [--days 120] [--seed 1] [--jobs 2] [--scenarios kirana_300 ...]

Both runs meet the same customers (the market's draws are keyed by seed and day), so the difference is
the forecast alone. Prints a Markdown table of fill rate, waste and average inventory value per scenario,
before and after, and writes the results to bench/results/forecast-shop-effect-<time>.json. It needs a git
checkout (for the previous forecaster).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

PREVIOUS = "1de3cfb"  # app/ml/forecast as a package, before the engine was rebuilt for issue 13
SCENARIOS = ("kirana_300", "festival_year", "shock_year", "chemist_fever_outage", "quick_commerce_war",
             "fresh_supermarket")


def install_previous(folder: Path) -> None:
    """Make ``folder/oldforecast`` the previous forecaster and point the inventory agent at it."""
    package = folder / "oldforecast"
    package.mkdir(parents=True, exist_ok=True)
    names = subprocess.run(["git", "-C", str(ROOT), "ls-tree", "--name-only", PREVIOUS, "app/ml/forecast/"],
                           check=True, capture_output=True, text=True).stdout.split()
    for name in names:
        text = subprocess.run(["git", "-C", str(ROOT), "show", f"{PREVIOUS}:{name}"], check=True,
                              capture_output=True, text=True).stdout
        text = text.replace("from app.ml.forecast import", "from oldforecast import").replace(
            "app.ml.forecast.", "oldforecast.")
        (package / Path(name).name).write_text(text, encoding="utf-8")
    sys.path.insert(0, str(folder))
    import oldforecast
    from oldforecast import _model

    shipped = ROOT / "resources" / "models" / _model.MODEL_NAME  # the same model file, unchanged since
    _model.default_model_path = lambda: shipped  # type: ignore[assignment]

    from app.agents import demand

    demand.forecast = oldforecast.forecast  # type: ignore[assignment]
    demand.SeriesHistory = oldforecast.SeriesHistory  # type: ignore[assignment,misc]
    demand.RegularDates = oldforecast.RegularDates  # type: ignore[assignment,misc]


def one(job: tuple[str, str, int, int]) -> dict:
    import logging

    logging.basicConfig(level=logging.ERROR)
    scenario, which, seed, days = job
    with tempfile.TemporaryDirectory() as folder:
        if which == "previous":
            install_previous(Path(folder))
        from app.agents import demand
        from app.sim.harness import run_simulation

        started = time.perf_counter()
        result = run_simulation(ROOT / "resources" / "scenarios" / f"{scenario}.json", policy="inventory",
                                seed=seed, days=days)
        return {"file": scenario, "forecaster": which, "module": demand.forecast.__module__,
                "seconds": round(time.perf_counter() - started, 1),
                **result.to_json()}


def rupees(paise: float) -> str:
    return f"₹{paise / 100:,.0f}"


def table(results: list[dict]) -> str:
    lines = ["| scenario | forecaster | fill | fill (priced away counted) | waste | avg inventory | profit |",
             "|---|---|---|---|---|---|---|"]
    for r in sorted(results, key=lambda r: (SCENARIOS.index(r["file"]) if r["file"] in SCENARIOS else 99,
                                            r["forecaster"] != "previous")):
        m = r["metrics"]
        lines.append(f"| {r['file']} | {r['forecaster']} | {m['fill_rate'] * 100:.1f}% | "
                     f"{m['fill_rate_priced'] * 100:.1f}% | {rupees(m['waste_paise'])} | "
                     f"{rupees(m['avg_inventory_value_paise'])} | {rupees(m['profit_paise'])} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=120)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--scenarios", nargs="+", default=list(SCENARIOS))
    args = parser.parse_args()
    jobs = [(s, which, args.seed, args.days) for s in args.scenarios for which in ("previous", "new")]
    with ProcessPoolExecutor(args.jobs, max_tasks_per_child=1) as pool:  # a fresh process per run
        results = list(pool.map(one, jobs))
    out = ROOT / "bench" / "results" / f"forecast-shop-effect-{datetime.now():%Y%m%d-%H%M%S}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(table(results))
    print(f"\n{len(results)} runs, {sum(r['seconds'] for r in results):.0f} s of simulation; results in {out}")


if __name__ == "__main__":
    main()
