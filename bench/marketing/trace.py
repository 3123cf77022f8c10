"""What the marketing agent did in one run, campaign by campaign, from the shop's own records (issue 18;
docs/marketing.md, "Twenty-fourth session").

    nice .venv/bin/python bench/marketing/trace.py SCENARIO:SEED [...] [--days 180] [--root FROZEN_COPY]
        [--out bench/marketing/results/s24-i24m-trace.jsonl]
    .venv/bin/python bench/marketing/trace.py --show bench/marketing/results/s24-i24m-trace.jsonl

Runs the ``agents`` policy with the marketing agent, keeps the shop's database and reads, per campaign the agent
made: when, the item, the group, the channel (paid API or the seller's own phone), how it ended and why, the
messages and their cost, the price quoted against the shelf price (a discount, if any), the codes said at the
counter and how many of those households had a bill in the 28 days before their message (they were coming
anyway, by the seller's own data), and the campaign's own held-back measure once settled: the share of the
messaged who bought the item (came back, for the lapsed) against the same share of the held back.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

BEFORE_DAYS = 28


def trace(scenario: str, seed: int, days: int, root: str) -> dict:
    import logging

    sys.path.insert(0, root)
    logging.basicConfig(level=logging.ERROR)
    from app.sim.harness import run_simulation
    from app.store import open_store

    work = Path(tempfile.mkdtemp(prefix="i24m-trace-"))
    result = run_simulation(Path(root) / "resources" / "scenarios" / f"{scenario}.json", policy="agents", seed=seed,
                            days=days, marketing=True, workdir=work, keep=True)
    db = open_store(work / "sim.db", create=False, exclusive=False).db()
    now = db.execute("SELECT MAX(completed_at) FROM orders").fetchone()[0]
    out = []
    for row in db.execute(
            "SELECT id, created_at, sku, segment, segment_arg, channel, status, status_reason, quoted_price_paise,"
            " regular_price_paise, created_by FROM campaign ORDER BY id").fetchall():
        cid, created, sku, segment, arg, channel, status, reason, quoted, regular, by = row
        sent = db.execute("SELECT COUNT(*), COALESCE(SUM(cost_paise), 0), MIN(at), MAX(at),"
                          " SUM(via = 'whatsapp_api') FROM campaign_message WHERE campaign_id = ?", (cid,)).fetchone()
        codes = db.execute(
            "SELECT COUNT(*), COALESCE(SUM(r.total_paise), 0), COALESCE(SUM(EXISTS (SELECT 1 FROM orders o"
            " JOIN campaign_message m ON m.customer_id = o.customer_id AND m.campaign_id = v.campaign_id"
            " WHERE o.customer_id = r.customer_id AND o.kind = 'sale' AND o.status = 'completed'"
            " AND julianday(o.completed_at) < julianday(m.at)"
            " AND julianday(o.completed_at) >= julianday(m.at) - :before)), 0)"
            " FROM campaign_redemption r JOIN campaign_variant v ON v.id = r.variant_id WHERE v.campaign_id = :c",
            {"c": cid, "before": BEFORE_DAYS}).fetchone()
        held = db.execute("SELECT COUNT(*) FROM campaign_holdout WHERE campaign_id = ?", (cid,)).fetchone()[0]
        from app.store.campaign_uplift import uplift
        u = uplift(db, now, campaign_id=cid)
        out.append({"id": cid, "created": created[:10], "sku": sku, "segment": segment, "arg": arg,
                    "channel": channel, "status": status, "reason": reason, "by": by,
                    "quoted": quoted, "regular": regular, "messages": sent[0], "paid": sent[4] or 0,
                    "cost": sent[1], "first": (sent[2] or "")[:10], "last": (sent[3] or "")[:10], "held": held,
                    "codes": codes[0], "code_bills": codes[1], "codes_came_before": codes[2],
                    "settled": [u.messaged, u.messaged_came, u.messaged_bought, u.held, u.held_came, u.held_bought]})
    m = result.to_json()["activity"]["marketing"]
    return {"file": scenario, "seed": seed, "days": days, "campaigns": out,
            "profit_after_marketing_paise": m["profit_after_marketing_paise"], "spend_paise": m["spend_paise"],
            "redemptions": m["redemptions"], "won_back": m["households_won_back"],
            "incremental_sales_paise": m["incremental_sales_paise"], "workdir": str(work)}


def show(rows: list[dict]) -> str:
    lines = []
    for r in rows:
        lines.append(f"\n{r['file']} seed {r['seed']}:"
                     f" profit after spend ₹{r['profit_after_marketing_paise'] / 100:,.2f},"
                     f" spend ₹{r['spend_paise'] / 100:.2f}, codes {r['redemptions']}, won back {r['won_back']},"
                     f" new sales ₹{r['incremental_sales_paise'] / 100:,.0f}")
        lines.append("| id | made | item | group | channel | ended | messages (paid) | cost | quoted / shelf | held |"
                     " codes (had come in the 28 days before) | settled: messaged n/came/bought, held n/came/bought |")
        for c in r["campaigns"]:
            group = c["segment"] + (" " + c["arg"] if c["arg"] else "")
            lines.append(f"| {c['id']} | {c['created']} | {c['sku']} | {group}"
                         f" | {c['channel'] or '-'} | {c['status']}: {c['reason'][:40]} | {c['messages']} ({c['paid']})"
                         f" | ₹{c['cost'] / 100:.2f} | {c['quoted'] / 100:.2f} / {c['regular'] / 100:.2f} | {c['held']}"
                         f" | {c['codes']} ({c['codes_came_before']}) | {c['settled']} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("runs", nargs="*", metavar="SCENARIO:SEED")
    parser.add_argument("--days", type=int, default=180)
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--show", nargs="+", type=Path, default=None)
    args = parser.parse_args()
    if args.show:
        print(show([json.loads(line) for p in args.show for line in p.read_text().splitlines() if line.strip()]))
        return 0
    for spec in args.runs:
        scenario, seed = spec.split(":")
        row = trace(scenario, int(seed), args.days, str(args.root.resolve()))
        if args.out:
            with args.out.open("a", encoding="utf-8") as f:
                f.write(json.dumps(row) + "\n")
        print(show([row]), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
