"""Importing a 100,000-row item list (CSV and XLSX) into a new shop: check, add, commit.

Target (issue 16): under 60 s. Run: .venv/bin/python bench/ui/bench_item_import.py [--rows N] [--xlsx]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests"))

from item_lists import HEADERS, write_big_csv

from app.paths import DataDir
from app.services import item_import
from app.services import shop as shop_service
from app.services.item_file import read_item_file
from app.session import open_session
from app.store import catalog


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--xlsx", action="store_true", help="also time the same list saved as .xlsx")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = [write_big_csv(Path(tmp) / "items.csv", args.rows)]
        if args.xlsx:
            import openpyxl

            book = openpyxl.Workbook(write_only=True)
            sheet = book.create_sheet()
            sheet.append(HEADERS)
            for line in files[0].read_text(encoding="utf-8").splitlines()[1:]:
                sheet.append(line.split(","))
            book.save(Path(tmp) / "items.xlsx")
            files.append(Path(tmp) / "items.xlsx")
        for n, path in enumerate(files):
            data = DataDir(Path(tmp) / f"data{n}").ensure()
            session = open_session(data, "bench", create=True)
            shop_service.create_shop(session.ctx, name="Bench", state_code="27", gst_scheme="unregistered")
            started = time.perf_counter()
            table = read_item_file(path)
            read = time.perf_counter()
            result = item_import.import_items(session.ctx, table, item_import.guess_mapping(table.headers))
            done = time.perf_counter()
            assert catalog.count(session.store.db()) == result.added == args.rows, result.refused[:3]
            session.close()
            print(f"{path.suffix}: {args.rows} rows: read {read - started:.1f} s, check+add+commit "
                  f"{done - read:.1f} s, total {done - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
