"""kill -9 durability, at benchmark scale (the test suite runs 60 kills; this runs as many as asked).

    .venv/bin/python bench/bench_crash.py [--kills 500]

Prints how many kills, how many sales the writer reported saved, and the time taken; every check of
tests/store/test_crash.py runs after each kill (integrity_check, every reported sale present and whole,
stock balances equal their ledgers).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.store.test_crash import run_kills  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kills", type=int, default=500)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        kills, sales = run_kills(Path(tmp), args.kills, seed=args.seed)
    print(json.dumps({"kills": kills, "sales_reported_saved": sales, "all_checks_passed": True,
                      "seconds": round(time.perf_counter() - started, 1)}, indent=2))


if __name__ == "__main__":
    main()
