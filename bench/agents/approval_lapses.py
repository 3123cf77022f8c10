"""What became of the approvals inbox in one simulated `agents` run (no households, the run ``compare.py`` makes):
how many requests the seller answered and how long after, how many lapsed unanswered, what those held (money,
items, the items' stock on the day they lapsed) and what the agent did next with the same items (asked again,
ordered without the seller, or nothing, within a week). Written for issue 14's sixteenth session ("a request
that expires before the seller looks at it").

    .venv/bin/python bench/agents/approval_lapses.py OUT.json SCENARIO [SCENARIO ...] [--days 365] [--seed 1]

A scenario is looked up as ``compare.py`` does (bundled, then bench/agents/blind8 to blind15).
"""

from __future__ import annotations

import argparse
import json
import logging
import sqlite3
import sys
import tempfile
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def _inbox(db: Any) -> dict[str, Any]:
    rows = db.execute("SELECT a.id, a.status, a.created_at, a.expires_at, a.decided_at, d.actions_json,"
                      " d.decision_type FROM agent_approval a JOIN agent_decision d ON d.id = a.decision_id"
                      " ORDER BY a.id").fetchall()
    # every purchase order the agents proposed, sent or waiting, to read what followed a lapse
    orders = db.execute("SELECT id, status, created_at, actions_json FROM agent_decision"
                        " WHERE actions_json LIKE '%\"purchase_order\"%' ORDER BY id").fetchall()
    placed = []
    for _id, status, created, actions in orders:
        params = json.loads(actions)[0].get("params", {})
        placed.append((datetime.fromisoformat(created), status, {line["sku"] for line in params.get("lines", ())}))
    statuses: Counter[str] = Counter()
    lags: Counter[int] = Counter()
    lapsed = []
    for _aid, status, created, expires, decided, actions, kind in rows:
        statuses[f"{kind}:{status}"] += 1
        made = datetime.fromisoformat(created)
        if status in ("approved", "rejected") and decided:
            lags[(datetime.fromisoformat(decided) - made).days] += 1
        if status != "expired":
            continue
        params = json.loads(actions)[0].get("params", {})
        skus = {line["sku"] for line in params.get("lines", ())}
        ended = datetime.fromisoformat(decided) if decided else made
        week = ended + timedelta(days=7)
        after = [(status2, when) for when, status2, their in placed if ended <= when < week and skus & their]
        lapsed.append({
            "kind": kind, "created": created[:10], "lapsed": (decided or "")[:10],
            "life_days": round((datetime.fromisoformat(expires) - made).total_seconds() / 86_400, 2)
            if expires else None,
            "total_paise": int(params.get("total_paise", 0)), "items": len(skus),
            "asked_again": sum(1 for s, _w in after if s in ("awaiting_approval", "superseded", "approved")),
            "sent_without_seller": sum(1 for s, _w in after if s == "executed"),
        })
    return {"statuses": dict(statuses), "answer_lag_days": {str(k): v for k, v in sorted(lags.items())},
            "lapsed": lapsed}


def main() -> None:
    logging.basicConfig(level=logging.ERROR)
    from app.sim.harness import run_simulation

    sys.path.insert(0, str(ROOT / "bench" / "agents"))
    from compare import scenario_path

    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("scenarios", nargs="+")
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    found: dict[str, Any] = {}
    for name in args.scenarios:
        with tempfile.TemporaryDirectory() as work:
            result = run_simulation(scenario_path(name), policy="agents", seed=args.seed, days=args.days,
                                    households=False, workdir=Path(work), keep=True)
            db = sqlite3.connect(Path(work) / "sim.db")
            try:
                inbox = _inbox(db)
            finally:
                db.close()
        lapsed = inbox["lapsed"]
        m = result.metrics
        found[name] = {"metrics": {k: m[k] for k in ("profit_paise", "fill_rate", "fill_rate_priced",
                                                    "supplier_unordered_over_days", "supplier_unordered_max_days",
                                                    "supplier_unordered_supplier", "waste_paise")},
                       "statuses": inbox["statuses"], "answer_lag_days": inbox["answer_lag_days"],
                       "lapsed_count": len(lapsed), "lapsed_paise": sum(x["total_paise"] for x in lapsed),
                       "lapsed_items": sum(x["items"] for x in lapsed),
                       "lapsed_then_asked_again": sum(1 for x in lapsed if x["asked_again"]),
                       "lapsed_then_sent_without_seller": sum(1 for x in lapsed if x["sent_without_seller"]),
                       "lapsed_then_nothing": sum(1 for x in lapsed if not x["asked_again"]
                                                  and not x["sent_without_seller"]),
                       "lapsed_rows": lapsed}
        summary = {k: v for k, v in found[name].items() if k != "lapsed_rows"}
        print(name, json.dumps(summary), flush=True)
        args.out.write_text(json.dumps({"args": vars(args) | {"out": str(args.out)}, "results": found}, indent=1),
                            encoding="utf-8")


if __name__ == "__main__":
    main()
