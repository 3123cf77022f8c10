"""Marketing on against marketing off, scenario by scenario (issue 18; docs/marketing.md, "In the simulator").

    nice .venv/bin/python bench/marketing/uplift.py [--days 180] [--seeds 1 2 3] [--jobs 2] [--scenarios ...]
        [--out FILE.jsonl] [--root FROZEN_COPY]
    .venv/bin/python bench/marketing/uplift.py --table bench/results/marketing-uplift-*.jsonl
    .venv/bin/python bench/marketing/uplift.py --table BASE.jsonl --versus OTHER_AGENT.jsonl
    .venv/bin/python bench/marketing/uplift.py --table RESULTS.jsonl --why     # why each pair is equal or below
    .venv/bin/python bench/marketing/uplift.py --table RESULTS.jsonl --cause   # what the campaigns brought, the rest

``--out`` names the results file; a run already in it (same scenario, seed, days and mode) is not run again,
so a stopped runner resumes where it was. ``--root`` runs the app from another copy of the tree (``git
archive`` of a commit into a folder), so the runs of a long benchmark all use the code frozen at its start
while the worktree moves on. ``--jobs`` bounds the processes (one each run).

Runs the ``agents`` policy on every (scenario, seed) three times (``--modes``): with the marketing agent, with
no marketing, and with a simple competent baseline (the best seller to the regulars every four weeks), the
same named customers and the same days' demand in each; appends each run to
bench/results/marketing-uplift-<time>.jsonl as it finishes, and prints a Markdown table: sales uplift, profit
after marketing spend (agent and baseline) minus off with medians over the seeds, spend
against the weekly budget, codes redeemed, households won back, STOP replies and messages sent without
consent (must be 0).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor, as_completed
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

SCENARIOS = tuple(sorted(p.stem for p in (ROOT / "resources" / "scenarios").glob("*.json")))


def one(job: tuple[str, int, int, bool | str, str]) -> dict:
    import logging

    scenario, seed, days, mode, root = job
    sys.path.insert(0, root)  # the frozen copy's app package, before the worktree's
    logging.basicConfig(level=logging.ERROR)
    from app.sim.harness import run_simulation

    result = run_simulation(Path(root) / "resources" / "scenarios" / f"{scenario}.json", policy="agents",
                            seed=seed, days=days, marketing=mode)
    return {"file": scenario, "days": days, "root": root, **result.to_json()}


def key_of(row: dict) -> tuple[str, int, int, str]:
    return row["file"], int(row["seed"]), int(row.get("days") or 0), mode_of(row)


def rupees(paise: float) -> str:
    return f"₹{paise / 100:,.0f}"


def mode_of(row: dict) -> str:
    m = row["activity"]["marketing"]
    return m.get("mode") or ("agent" if m["on"] else "off")


def load_text(*rows: dict) -> str:
    """The machine's 1-minute load average when each run of the pair finished (shared machine: read with it)."""
    loads = [r["load_average"][0] for r in rows if r.get("load_average")]
    return " / ".join(f"{x:.1f}" for x in loads) if loads else "—"


def table(rows: list[dict]) -> str:
    runs: dict[tuple[str, int], dict[str, dict]] = defaultdict(dict)
    for row in rows:
        runs[row["file"], row["seed"]][mode_of(row)] = row
    out = ["| scenario | seed | revenue off | sales uplift | profit after spend: off / agent | agent - off"
           " | monthly - off | spend (most in 7 days / budget)"
           " | messages paid / sent by the seller's hand | to households that had stopped | held back | codes"
           " | new sales | won back | STOP"
           " | without consent | ideas left out | load average |",
           "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    gains: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for (scenario, seed), arms in sorted(runs.items()):
        if "agent" not in arms or "off" not in arms:
            continue
        on, off = arms["agent"], arms["off"]
        mon, moff = on["activity"]["marketing"], off["activity"]["marketing"]
        r_on, r_off = on["metrics"]["revenue_paise"], off["metrics"]["revenue_paise"]
        diff = mon["profit_after_marketing_paise"] - moff["profit_after_marketing_paise"]
        gains[scenario]["agent"].append(diff)
        monthly = "—"
        if "monthly" in arms:
            base = arms["monthly"]["activity"]["marketing"]["profit_after_marketing_paise"]
            gains[scenario]["monthly"].append(base - moff["profit_after_marketing_paise"])
            monthly = rupees(base - moff["profit_after_marketing_paise"])
        out.append(f"| {scenario} | {seed} | {rupees(r_off)} | {(r_on - r_off) / r_off * 100:+.2f}%"
                   f" | {rupees(moff['profit_after_marketing_paise'])} / {rupees(mon['profit_after_marketing_paise'])}"
                   f" | {rupees(diff)}"
                   f" | {monthly} | {rupees(mon['spend_paise'])} ({rupees(mon['max_7_day_spend_paise'])} /"
                   f" {rupees(mon['weekly_budget_paise'])}) | {mon.get('paid_messages', mon['messages'])} /"
                   f" {mon.get('hand_messages', 0)} | {mon.get('messages_to_stopped', '—')}"
                   f" | {mon.get('held_back', '—')} | {mon['redemptions']}"
                   f" | {rupees(mon['incremental_sales_paise'])} | {mon['households_won_back']} | {mon['stop_replies']}"
                   f" | {mon['messages_without_consent']} | {mon.get('ideas_not_worth', '—')}"
                   f" | {load_text(on, off)} |")
    every = [g for arms in gains.values() for g in arms["agent"]]
    if every:
        out += ["", f"* Agent above off in {sum(g > 0 for g in every)} of {len(every)} pairs (equal in"
                    f" {sum(g == 0 for g in every)}, below in {sum(g < 0 for g in every)}), median"
                    f" {rupees(statistics.median(every))}, mean {rupees(statistics.mean(every))} a pair."]
    out += ["", "| scenario | seeds | median profit after spend, agent - off | median, monthly - off"
                " | agent above off in |", "|---|---|---|---|---|"]
    for scenario, arms in sorted(gains.items()):
        agent = arms["agent"]
        monthly = arms.get("monthly", [])
        out.append(f"| {scenario} | {len(agent)} | {rupees(statistics.median(agent))}"
                   f" | {rupees(statistics.median(monthly)) if monthly else '—'}"
                   f" | {sum(1 for g in agent if g > 0)} of {len(agent)} |")
    return "\n".join(out)


def why(rows: list[dict]) -> str:
    """Per pair, why the agent is equal to or below marketing off: nobody to reach (no message at all), sent but
    nobody came (messages, no code, no one won back), paid messages that brought nothing, or drift (codes came,
    and the shop's path after the extra sales cost more: waste, stock-out days and units served, on less off)."""
    runs: dict[tuple[str, int], dict[str, dict]] = defaultdict(dict)
    for row in rows:
        runs[row["file"], row["seed"]][mode_of(row)] = row
    out = ["| scenario | seed | agent - off | consented | ideas not worth | messages by hand / paid | codes"
           " | won back | margin on - off | waste on - off (units) | stock-out days on - off | units served on - off"
           " | cause |", "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for (scenario, seed), arms in sorted(runs.items()):
        if "agent" not in arms or "off" not in arms:
            continue
        on, off = arms["agent"], arms["off"]
        mon, moff = on["activity"]["marketing"], off["activity"]["marketing"]
        a, o = on["metrics"], off["metrics"]
        diff = mon["profit_after_marketing_paise"] - moff["profit_after_marketing_paise"]
        hand, paid = mon.get("hand_messages", 0), mon.get("paid_messages", mon["messages"])
        came = mon["redemptions"] or mon["households_won_back"]
        if diff > 0:
            cause = "above"
        elif not hand + paid:
            cause = "nobody reached (nothing sent)"
        elif not came:
            cause = "sent, nobody came" + (" (paid messages lost)" if diff < 0 else "")
        elif diff == 0:
            cause = "came, no change"
        elif -diff <= mon["spend_paise"]:
            cause = "a code came; the paid messages after it brought less than they cost"
        else:
            cause = "drift after the extra sales (waste, stock-outs)" + (" and paid messages" if paid else "")
        out.append(f"| {scenario} | {seed} | {rupees(diff)} | {mon.get('consented_now', '—')}"
                   f" | {mon.get('ideas_not_worth', '—')} | {hand} / {paid} | {mon['redemptions']}"
                   f" | {mon['households_won_back']} | {rupees(a['gross_margin_paise'] - o['gross_margin_paise'])}"
                   f" | {rupees(a['waste_paise'] - o['waste_paise'])} ({a['waste_units'] - o['waste_units']:+g})"
                   f" | {a['stockout_days'] - o['stockout_days']:+} | {a['units_served'] - o['units_served']:+g}"
                   f" | {cause} |")
    return "\n".join(out)


def brought(on: dict, off: dict) -> int:
    """What a pair's campaigns added to profit in the simulator's own accounts, in paise: the new demand it served
    (``incremental_sales_paise``, which only the simulator knows: a won-back household's visits, a code's extra
    unit) at the off run's gross margin rate, less the messages' spend. At most that: the new sales are counted
    at the shelf price, the margin rate on sales before tax."""
    mon, o = on["activity"]["marketing"], off["metrics"]
    rate = o["gross_margin_paise"] / o["revenue_paise"] if o["revenue_paise"] else 0.0
    return round(mon["incremental_sales_paise"] * rate) - int(mon["spend_paise"])


def cause(rows: list[dict]) -> str:
    """Per pair, agent - off split into what the campaigns brought (:func:`brought`) and the rest: the agents'
    path after the few units the campaigns moved (orders, prices, waste, stock-outs of a run whose sales history
    differs by those units). The pairs are grouped by what came of the messages (nothing, codes only, households
    won back); a group's spread of the rest is the size of the difference that is not the campaigns' doing
    (docs/marketing.md, "Sixteenth session"). Only runs in one file, or of one tree, make true pairs."""
    runs: dict[tuple[str, int], dict[str, dict]] = defaultdict(dict)
    for row in rows:
        runs[row["file"], row["seed"]][mode_of(row)] = row
    out = ["| scenario | seed | agent - off | brought (new sales' margin - spend) | rest | codes | won back | group |",
           "|---|---|---|---|---|---|---|---|"]
    groups: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for (scenario, seed), arms in sorted(runs.items()):
        if "agent" not in arms or "off" not in arms:
            continue
        on, off = arms["agent"], arms["off"]
        mon = on["activity"]["marketing"]
        diff = mon["profit_after_marketing_paise"] - off["activity"]["marketing"]["profit_after_marketing_paise"]
        part = brought(on, off)
        group = ("won back" if mon["households_won_back"] else "codes, nobody won back" if mon["redemptions"]
                 else "nothing came")
        groups[group].append((diff, part))
        out.append(f"| {scenario} | {seed} | {rupees(diff)} | {rupees(part)} | {rupees(diff - part)}"
                   f" | {mon['redemptions']} | {mon['households_won_back']} | {group} |")
    out += ["", "| group | pairs | above / equal / below off | mean agent - off | mean brought | mean rest"
                " | mean size of the rest | largest rest |", "|---|---|---|---|---|---|---|---|"]
    for group in ("nothing came", "codes, nobody won back", "won back"):
        pairs = groups.get(group)
        if not pairs:
            continue
        diffs, rests = [d for d, _p in pairs], [d - p for d, p in pairs]
        out.append(f"| {group} | {len(pairs)} | {sum(d > 0 for d in diffs)} / {sum(d == 0 for d in diffs)} /"
                   f" {sum(d < 0 for d in diffs)} | {rupees(statistics.mean(diffs))}"
                   f" | {rupees(statistics.mean(p for _d, p in pairs))} | {rupees(statistics.mean(rests))}"
                   f" | {rupees(statistics.mean(abs(r) for r in rests))} | {rupees(max(rests, key=abs))} |")
    return "\n".join(out)


def as_agent(rows: list[dict], mode: str) -> list[dict]:
    """The runs of one agent mode (``agent_risk25``), labelled ``agent`` so that :func:`table` reads them."""
    return [{**r, "activity": {**r["activity"], "marketing": {**r["activity"]["marketing"], "mode": "agent"}}}
            for r in rows if mode_of(r) == mode]


def versus(rows: list[dict], other: list[dict], first_mode: str = "agent", second_mode: str = "agent") -> str:
    """Two agents against the same marketing-off runs: ``rows`` holds the off runs and the first agent's,
    ``other`` the second agent's (another frozen tree, same scenarios and seeds); per pair, each agent's profit
    after spend minus off, and the second's minus the first's."""
    def by_pair(rs: list[dict], mode: str) -> dict[tuple[str, int], dict]:
        return {(r["file"], int(r["seed"])): r for r in rs if mode_of(r) == mode}

    off, first, second = by_pair(rows, "off"), by_pair(rows, first_mode), by_pair(other, second_mode)

    def gain(r: dict, key: tuple[str, int]) -> int:
        return int(r["activity"]["marketing"]["profit_after_marketing_paise"]
                   - off[key]["activity"]["marketing"]["profit_after_marketing_paise"])

    def facts(r: dict) -> str:
        m = r["activity"]["marketing"]
        stopped = m.get("messages_to_stopped", "—")
        return f"{m['messages']} ({stopped}) / {m['redemptions']} / {m['households_won_back']}"

    out = ["| scenario | seed | first agent - off | second agent - off | second - first"
           " | first: messages (to stopped) / codes / won back | second: the same | without consent (second) |",
           "|---|---|---|---|---|---|---|---|"]
    firsts, seconds, deltas = [], [], []
    for key in sorted(set(off) & set(first) & set(second)):
        a, b = gain(first[key], key), gain(second[key], key)
        firsts.append(a)
        seconds.append(b)
        deltas.append(b - a)
        out.append(f"| {key[0]} | {key[1]} | {rupees(a)} | {rupees(b)} | {rupees(b - a)} | {facts(first[key])}"
                   f" | {facts(second[key])} | {second[key]['activity']['marketing']['messages_without_consent']} |")
    if deltas:
        n = len(deltas)
        out += ["", f"* First agent above off in {sum(g > 0 for g in firsts)} of {n} pairs (at or above:"
                    f" {sum(g >= 0 for g in firsts)}), median {rupees(statistics.median(firsts))}, mean"
                    f" {rupees(statistics.mean(firsts))}.",
                f"* Second agent above off in {sum(g > 0 for g in seconds)} of {n} pairs (at or above:"
                f" {sum(g >= 0 for g in seconds)}), median {rupees(statistics.median(seconds))}, mean"
                f" {rupees(statistics.mean(seconds))}.",
                f"* Second above first in {sum(d > 0 for d in deltas)} of {n}, equal in {sum(d == 0 for d in deltas)},"
                f" median {rupees(statistics.median(deltas))}, mean {rupees(statistics.mean(deltas))}."]
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--days", type=int, default=180)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--scenarios", nargs="+", default=list(SCENARIOS))
    parser.add_argument("--table", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, default=None, help="results file: appended to, and runs in it are skipped")
    parser.add_argument("--root", type=Path, default=ROOT, help="the copy of the tree whose app is run")
    parser.add_argument("--runs", nargs="+", default=None, metavar="SCENARIO:SEED:MODE",
                        help="exactly these runs, in this order (instead of --scenarios x --seeds x --modes)")
    parser.add_argument("--why", action="store_true",
                        help="with --table: per pair, why the agent is equal to or below off (docs/marketing.md)")
    parser.add_argument("--cause", action="store_true",
                        help="with --table: per pair, what the campaigns brought and the rest (the agents' path)")
    parser.add_argument("--versus", nargs="+", type=Path, default=None,
                        help="with --table: a second agent's runs (another tree) to compare against the same off runs")
    parser.add_argument("--compare", nargs=2, default=None, metavar=("FIRST", "SECOND"),
                        help="with --table: two agent modes of the same files (agent, agent_riskN) against the same"
                             " off runs, pair by pair")
    parser.add_argument("--modes", nargs="+", default=["agent", "off", "monthly"],
                        help="agent: the marketing agent; agent_riskN: it with the seller's risk limit at N"
                             " rupees; a suffix _paidonly: without the free channel first (marketing.free_first"
                             " off); off: none; monthly: best seller to the regulars monthly")
    args = parser.parse_args()
    if args.table:
        rows = [json.loads(line) for path in args.table for line in path.read_text().splitlines() if line.strip()]
        if args.compare:
            for mode in args.compare:
                print(f"\n{mode}:\n")
                print(table([r for r in rows if mode_of(r) == "off"] + as_agent(rows, mode)))
            print()
            print(versus(rows, rows, *args.compare))
            return 0
        if args.why:
            print(why(rows))
            return 0
        if args.cause:
            print(cause(rows))
            return 0
        print(table(rows))
        if args.versus:
            other = [json.loads(line) for path in args.versus for line in path.read_text().splitlines()
                     if line.strip()]
            print("\nThe second agent against the same off runs:\n")
            print(table([r for r in rows if mode_of(r) == "off"] + other))
            print()
            print(versus(rows, other))
        return 0
    out = args.out or ROOT / "bench" / "results" / f"marketing-uplift-{datetime.now():%Y%m%d-%H%M%S}.jsonl"
    out.parent.mkdir(parents=True, exist_ok=True)
    root = str(args.root.resolve())
    # the agent and no marketing first, seed by seed in the order given, then the baseline: what finishes
    # first is a complete pair
    runs = [(s, seed, m) for late in (False, True) for seed in args.seeds for s in args.scenarios
            for m in args.modes if (m == "monthly") == late]
    if args.runs:
        runs = [(s, int(seed), m) for s, seed, m in (run.split(":") for run in args.runs)]
    done = set()
    if out.exists():
        done = {key_of(json.loads(line)) for line in out.read_text().splitlines() if line.strip()}
    jobs = [(s, seed, args.days, {"agent": True, "off": False}.get(m, m), root) for s, seed, m in runs
            if (s, seed, args.days, m) not in done]
    print(f"{len(runs) - len(jobs)} of {len(runs)} runs already in {out}; running {len(jobs)}", flush=True)
    rows = []
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        futures = {pool.submit(one, job): job for job in jobs}
        for future in as_completed(futures):
            try:
                row = future.result()
            except Exception as error:  # one run's failure is reported; the others go on
                print("FAILED", futures[future][:4], repr(error), flush=True)
                continue
            row["load_average"] = [round(x, 2) for x in os.getloadavg()]
            rows.append(row)
            with out.open("a", encoding="utf-8") as f:
                f.write(json.dumps(row) + "\n")
            print(row["file"], row["seed"], mode_of(row), row["seconds"], flush=True)
    print(table([json.loads(line) for line in out.read_text().splitlines() if line.strip()]))
    print(f"saved {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
