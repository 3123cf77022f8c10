"""The fresh raise with its constants changed: ``raise_trace.py`` (a ``by_item.py`` run that also keeps the days each
line was raised) with any module constant of ``app.agents.fresh_cases`` set from an ``FC_<NAME>`` environment variable
("Issue 14, twenty-third session" in docs/agents.md), so a variant of the raise is measured without editing the code.

    FC_LOST_SHARE=0.25 FC_RAISED_REACH=0.05 FC_RAISED_FLOOR=0.4 \\
        .venv/bin/python bench/agents/raise_variant.py SCENARIO DAYS OUT.json [SEED]

Compare two runs with ``raise_trace.py --compare RAISED.json PLAIN.json``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench" / "agents"))


def main() -> None:
    import raise_trace

    import app.agents.fresh_cases as fresh_cases

    for key, value in sorted(os.environ.items()):
        if key.startswith("FC_"):
            name = key[3:]
            if not hasattr(fresh_cases, name):
                raise SystemExit(f"app.agents.fresh_cases has no {name}")
            setattr(fresh_cases, name, type(getattr(fresh_cases, name))(float(value)))
            print(f"fresh_cases.{name} = {getattr(fresh_cases, name)}", file=sys.stderr)
    raise_trace.run()


if __name__ == "__main__":
    main()
