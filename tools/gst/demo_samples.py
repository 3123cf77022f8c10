"""Sample returns of the demo shop for a month and a quarter (a development tool).

    .venv/bin/python tools/gst/demo_samples.py

Builds the same 45-day demo shop the demo tests build (seed 7, 10 Sep - 24 Oct 2025: the GST 2.0 rate
change and Diwali) and writes to docs/samples/ the GSTR-1 JSON and the GSTR-3B figures of October 2025
(a month) and of July-September 2025 (a quarter; only 10-30 September have bills), each checked against
the GSTR-1 schema first. tests/demo/test_gst_returns.py checks the same returns against the bills.
"""

from __future__ import annotations

import json
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> None:
    from app.domain.gst_returns import parse_period
    from app.paths import DataDir
    from app.services import gst_returns
    from app.services.gst_workbook import write_workbook
    from app.session import open_session
    from app.sim.history.build import build

    samples = ROOT / "docs" / "samples"
    samples.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        data = DataDir(Path(tmp) / "data")
        build(data, seed=7, days=45, end=date(2025, 10, 25))
        session = open_session(data, "demo")
        for label in ("2025-10", "2025-Q3"):
            prepared = gst_returns.prepare(session.store, parse_period(label))
            doc = prepared.gstr1()
            errors = gst_returns.schema_errors(doc)
            if errors:
                raise SystemExit(f"{label}: the GSTR-1 does not match the schema: {errors}")
            (samples / f"demo-gstr1-{label}.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1),
                                                             encoding="utf-8")
            (samples / f"demo-gstr3b-{label}.json").write_text(json.dumps(prepared.gstr3b().as_dict(), indent=1),
                                                              encoding="utf-8")
            if label == "2025-10":
                write_workbook(prepared, samples / f"demo-gstr1-{label}.xlsx")
            print(f"wrote {label}: {len(doc['b2cs'])} B2CS rows, {len(doc['hsn']['hsn_b2c'])} HSN rows")
        session.close()


if __name__ == "__main__":
    main()
