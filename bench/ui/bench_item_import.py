"""Importing a 100,000-row item list (CSV and XLSX) into a new shop: read, check, add, commit.

Target (issue 16): under 60 s. Each case runs ``--repeat`` times (median reported), the current code
against the old path in the same run: the old path reads XLSX with openpyxl (read_only, values_only)
and checks rows with ``app/services/item_import.py`` as it is at ``--old-ref`` (git), so both are
measured under the same load.

Run: .venv/bin/python bench/ui/bench_item_import.py [--rows N] [--repeat 3] [--xlsx] [--old-ref main]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests"))

from item_lists import HEADERS, write_big_csv

from app.paths import DataDir
from app.services import item_file, item_import
from app.services import shop as shop_service
from app.session import open_session
from app.store import catalog

ROOT = Path(__file__).resolve().parents[2]


def _old_import_module(ref: str, tmp: Path) -> ModuleType:
    source = subprocess.run(["git", "show", f"{ref}:app/services/item_import.py"], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout
    path = tmp / "old_item_import.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("old_item_import", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def _once(tmp: Path, n: int, path: Path, importer: Any, old_reader: bool, rows: int) -> dict[str, float]:
    data = DataDir(tmp / f"data{n}").ensure()
    session = open_session(data, "bench", create=True)
    try:
        shop_service.create_shop(session.ctx, name="Bench", state_code="27", gst_scheme="unregistered")
        started, cpu = time.perf_counter(), time.process_time()
        if old_reader and path.suffix == ".xlsx":
            table = item_file._finish(path.name, item_file._read_openpyxl(path))
        else:
            table = item_file.read_item_file(path)
        read = time.perf_counter()
        result = importer.import_items(session.ctx, table, importer.guess_mapping(table.headers))
        done = time.perf_counter()
        assert catalog.count(session.store.db()) == result.added == rows, result.refused[:3]
    finally:
        session.close()
    # CPU seconds too: on the shared machine the wall time is mostly waiting for a core; a quiet PC's wall
    # time is close to the CPU time (the import is one thread)
    return {"read_s": read - started, "check_add_commit_s": done - read, "total_s": done - started,
            "cpu_s": time.process_time() - cpu, "load_1min": os.getloadavg()[0]}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--xlsx", action="store_true", help="also time the same list saved as .xlsx")
    parser.add_argument("--old-ref", default="", help="git ref of the old import code to time alongside")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        files = [write_big_csv(tmp / "items.csv", args.rows)]
        if args.xlsx:
            import openpyxl

            book = openpyxl.Workbook(write_only=True)
            sheet = book.create_sheet()
            sheet.append(HEADERS)
            for line in files[0].read_text(encoding="utf-8").splitlines()[1:]:
                sheet.append(line.split(","))
            book.save(tmp / "items.xlsx")
            files.append(tmp / "items.xlsx")
        paths = [("new", item_import, False)]
        if args.old_ref:
            paths.append(("old", _old_import_module(args.old_ref, tmp), True))
        report: dict[str, Any] = {"rows": args.rows, "repeat": args.repeat, "old_ref": args.old_ref}
        runs = 0
        for _round in range(args.repeat):  # interleaved, so a change of load falls on both paths alike
            for path in files:
                for label, importer, old_reader in paths:
                    runs += 1
                    timing = _once(tmp, runs, path, importer, old_reader, args.rows)
                    report.setdefault(f"{path.suffix[1:]}_{label}", []).append(timing)
                    print(f"{path.suffix} {label}: " + ", ".join(f"{k} {v:.1f}" for k, v in timing.items()),
                          flush=True)
        # the run with the median total, whole (its read and check add up to its total)
        summary = {case: {k: round(v, 2) for k, v in sorted(timings, key=lambda t: t["total_s"])[len(timings) // 2]
                          .items()} for case, timings in report.items() if isinstance(timings, list)}
        print(json.dumps({"rows": args.rows, "repeat": args.repeat, "old_ref": args.old_ref,
                          "median": summary}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
