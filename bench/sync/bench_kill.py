"""kill -9 of the sync process at each send step, 200 times (the test suite runs 30):

    .venv/bin/python bench/sync/bench_kill.py [KILLS]

Prints how many kills happened, how many shipments went through, and the seconds taken; fails loudly
if any command was applied twice or lost (the same checks as tests/sync/test_kill.py)."""

import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.sync.test_kill import run_kills


def main() -> None:
    kills = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-kill-") as tmp:
        died, shipped = run_kills(Path(tmp), kills, seed=11)
    print(json.dumps({"kills": kills, "died_mid_run": died, "shipments_applied_once": shipped,
                      "seconds": round(time.perf_counter() - started, 1)}))


if __name__ == "__main__":
    main()
