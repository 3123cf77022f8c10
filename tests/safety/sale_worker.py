"""Sells one unit at a time, as separate programs would, until told to stop; prints what it committed.

Run by test_restore.py and bench/faults/run.py as:
    python sale_worker.py DATA_DIR SHOP NAME COUNT MODE
MODE "command": open the shop, sell, close, for each sale (like a CLI command each time);
MODE "server": open once and keep selling (like ``api serve`` or ``sync run``).
Each committed sale prints "SOLD <note> <unix time after the commit>".
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.errors import AppError
from app.paths import DataDir
from app.services import sales
from app.services.sales import PaymentIn, SaleLine
from app.session import open_session


def sell(session, note: str) -> None:
    lines = [SaleLine(sku="SALT1", qty_milli=1000)]
    total = sales.quote_sale(session.ctx, lines=lines).total_paise
    sales.record_sale(session.ctx, lines=lines, payments=[PaymentIn(method="cash", amount_paise=total)], note=note)
    print(f"SOLD {note} {time.time():.6f}", flush=True)


def main() -> None:
    data, shop, name, count, mode = DataDir(Path(sys.argv[1])), sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
    print("READY", flush=True)
    if mode == "server":
        session = open_session(data, shop, exclusive=False)
        try:
            for i in range(count):
                sell(session, f"{name}-{i}")
                time.sleep(0.01)
        finally:
            session.close()
        return
    for i in range(count):
        try:
            session = open_session(data, shop, exclusive=False)
        except AppError as exc:
            print(f"REFUSED {exc}", flush=True)
            continue
        try:
            sell(session, f"{name}-{i}")
        finally:
            session.close()


if __name__ == "__main__":
    main()
