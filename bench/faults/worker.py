"""One victim of bench/faults/run.py: does one kind of work in a loop until it is killed with -9.

    python worker.py MODE DATA_DIR SHOP [ARG]

MODE sale: sells one unit at a time, printing "SOLD <note>" after each commit.
MODE backup: makes manual backups one after another, printing "MADE <path>" after each.
MODE restore: restores ARG's backups in turn (each a checked file), printing "RESTORED <name>" after each.
MODE migrate: opens (so upgrades) the shop file ARG once, printing "OPENED".
MODE copy: copies ARG's backups in turn to the second place ARG2 (as the daily job does: checked in full,
then renamed into place), printing "COPIED <name>" after each.
"""

import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.paths import DataDir
from app.services import sales
from app.services.sales import PaymentIn, SaleLine
from app.session import open_session, restore_shop


def main() -> None:
    mode, data, shop = sys.argv[1], DataDir(Path(sys.argv[2])), sys.argv[3]
    out = sys.stdout
    if mode == "migrate":
        from app.store import open_store

        print("READY", flush=True)
        open_store(Path(sys.argv[4]), backup_dir=Path(sys.argv[4]).parent / "backups").close()
        print("OPENED", flush=True)
        return
    if mode == "copy":
        from app.store.second_copy import copy_backup

        backups, place = [Path(p) for p in sys.argv[4].split(",")], Path(sys.argv[5])
        print("READY", flush=True)
        n = 0
        while True:
            source = backups[n % len(backups)]
            result = copy_backup(source, place, shop, shop_db=data.shop_db(shop), keep=1000)
            out.write(f"COPIED {source.name}\n" if result.ok else f"FAILED {result.state} {result.detail}\n")
            out.flush()
            n += 1
    if mode == "restore":
        backups = [Path(p) for p in sys.argv[4].split(",")]
        print("READY", flush=True)
        n = 0
        while True:
            source = backups[n % len(backups)]
            restore_shop(data, shop, source, reason="replaced")
            out.write(f"RESTORED {source.name}\n")
            out.flush()
            n += 1
    session = open_session(data, shop, exclusive=False)
    print("READY", flush=True)
    if mode == "backup":
        while True:
            path = session.backup("manual")
            out.write(f"MADE {path}\n")
            out.flush()
    tag = uuid.uuid4().hex[:6]
    n = 0
    while True:
        note = f"{tag}-{n}"
        lines = [SaleLine(sku="SALT1", qty_milli=1000)]
        total = sales.quote_sale(session.ctx, lines=lines).total_paise
        sales.record_sale(session.ctx, lines=lines, payments=[PaymentIn(method="cash", amount_paise=total)],
                          note=note)
        out.write(f"SOLD {note}\n")
        out.flush()
        n += 1
        time.sleep(0.002)


if __name__ == "__main__":
    main()
