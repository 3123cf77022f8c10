"""Marketing-on runs of a frozen tree with another offer bound (``app.agents.marketing.OFFER_KEEPS_DAYS``), each
recorded both as ``drift.py``'s row (every item's sales and waste, the campaigns and the items they offered) and as
``uplift.py``'s row (metrics and activity, for ``uplift.py --table ... --cause`` against that tree's saved off rows)
(issue 18; docs/marketing.md, "Seventeenth session").

    BOUND=14 nice .venv/bin/python bench/marketing/offer_bound_runs.py FROZEN_TREE OUT_PREFIX SCENARIO:SEED ...

writes OUT_PREFIX-drift.jsonl and OUT_PREFIX-uplift.jsonl (appended); without ``BOUND`` the tree's own bound.
The households' answers are drawn with key 81, the benchmark's.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys


def main() -> None:
    root, prefix, *runs = sys.argv[1:]
    sys.path.insert(0, root)  # the frozen tree's app, before any other
    spec = importlib.util.spec_from_file_location("drift", f"{root}/bench/marketing/drift.py")
    assert spec is not None and spec.loader is not None
    drift = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(drift)
    from app.agents import marketing
    from app.sim import harness

    if os.environ.get("BOUND"):
        marketing.OFFER_KEEPS_DAYS = int(os.environ["BOUND"])  # read by propose() at each call
    print("bound", marketing.OFFER_KEEPS_DAYS, marketing.__file__, flush=True)
    real = harness.run_simulation
    got: dict = {}

    def spy(*args, **kwargs):  # keeps the whole result: drift.run returns only its own fields
        got["result"] = real(*args, **kwargs)
        return got["result"]

    for run in runs:
        scenario, seed = run.split(":")
        harness.run_simulation = spy
        row = drift.run((scenario, int(seed), 180, True, 81))
        harness.run_simulation = real
        row.pop("record", None)
        row["root"] = root
        with open(prefix + "-drift.jsonl", "a") as f:
            f.write(json.dumps(row) + "\n")
        with open(prefix + "-uplift.jsonl", "a") as f:
            f.write(json.dumps({"file": scenario, "days": 180, "root": root, **got["result"].to_json()}) + "\n")
        print(run, row["profit_after_marketing_paise"], flush=True)


if __name__ == "__main__":
    main()
