"""Fault suite for issue 12 (not in CI): kill -9 in every step of sale, backup, restore, migration and
the copy to the second backup place, a really full disk, and a restore against a program that keeps the
shop open; prints a table of runs, kills, losses, half-written results and duplicates.

    .venv/bin/python bench/faults/run.py [--sale 200] [--backup 100] [--restore 150] [--migrate 50] [--copy 50]

Targets: 0 lost, 0 half-written, 0 applied twice, in at least 500 kills in total. The full-disk run
needs permission to mount a small tmpfs (root on Linux); without it that row says "skipped".
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.errors import AppError, ShopInUse  # noqa: E402
from app.paths import DataDir  # noqa: E402
from app.services import catalog, shop  # noqa: E402
from app.session import open_session, restore_shop  # noqa: E402
from app.store import open_store  # noqa: E402
from app.store.backup import kept_aside, verify_backup  # noqa: E402
from app.store.db import check_file  # noqa: E402

WORKER = Path(__file__).with_name("worker.py")
OLD_DB = sorted((ROOT / "tests" / "fixtures" / "old_dbs").glob("*.db"))


@dataclass
class Row:
    scenario: str
    runs: int = 0
    kills: int = 0
    lost: int = 0
    half: int = 0
    twice: int = 0
    note: str = ""


def _start(*args: str) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, str(WORKER), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    line = proc.stdout.readline().strip()
    if line != "READY":
        proc.kill()
        raise RuntimeError(f"worker did not start: {line} {proc.stderr.read()[-2000:]}")
    return proc


def _kill(proc: subprocess.Popen, after_s: float) -> list[str]:
    time.sleep(after_s)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    out, _err = proc.communicate()
    return out.splitlines()


def _ro(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def new_shop(root: Path, name: str = "f") -> DataDir:
    data = DataDir(root / "data").ensure()
    s = open_session(data, name, create=True)
    shop.create_shop(s.ctx, name="Fault Kirana", state_code="27", gst_scheme="unregistered")
    catalog.create_product(s.ctx, sku="SALT1", name_en="Salt", price_paise=2800, opening_stock_milli=90_000_000)
    s.close()
    return data


def half_written(db: Path) -> int:
    """Orders without lines or payments, a stock balance unequal to its ledger, or a failed file check."""
    conn = _ro(db)
    try:
        bad = len(check_file(conn, full=True))
        bad += conn.execute("SELECT count(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_line l"
                            " WHERE l.order_id = o.id)").fetchone()[0]
        bad += conn.execute("SELECT count(*) FROM orders o WHERE o.kind = 'sale' AND o.total_paise !="
                            " (SELECT coalesce(sum(amount_paise), 0) FROM payment p WHERE p.order_id = o.id)"
                            ).fetchone()[0]
        bad += conn.execute("SELECT count(*) FROM stock s WHERE s.on_hand_milli != (SELECT coalesce(sum(qty_milli), 0)"
                            " FROM stock_move m WHERE m.sku = s.sku)").fetchone()[0]
        return bad
    finally:
        conn.close()


def sale(root: Path, kills: int) -> Row:
    row = Row("sale (kill -9 mid-sale)")
    data = new_shop(root)
    db = data.shop_db("f")
    reported: set[str] = set()
    for _ in range(kills):
        proc = _start("sale", str(data.root), "f")
        lines = _kill(proc, random.uniform(0.02, 0.6))
        reported |= {ln.split()[1] for ln in lines if ln.startswith("SOLD ")}
        row.runs += 1
        row.kills += 1
    conn = _ro(db)
    stored = [r[0] for r in conn.execute("SELECT note FROM orders WHERE note != ''")]
    conn.close()
    row.lost = len(reported - set(stored))
    row.twice = len(stored) - len(set(stored))
    row.half = half_written(db)
    row.note = f"{len(reported)} sales reported saved, {len(stored)} stored"
    return row


def backup(root: Path, kills: int) -> Row:
    row = Row("backup (kill -9 mid-backup)")
    data = new_shop(root)
    folder = data.backups("f")
    for _ in range(kills):
        proc = _start("backup", str(data.root), "f")
        _kill(proc, random.uniform(0.01, 0.4))
        row.runs += 1
        row.kills += 1
        for path in folder.glob("*.db"):  # every finished-looking backup must be whole
            try:
                verify_backup(path, full=True)
            except AppError:
                row.half += 1
                path.unlink()
    row.half += half_written(data.shop_db("f"))
    row.note = f"{len(list(folder.glob('*.db')))} backups kept, all checked in full"
    return row


def restore(root: Path, kills: int) -> Row:
    row = Row("restore (kill -9 mid-restore)")
    data = new_shop(root)
    s = open_session(data, "f")
    a = s.backup("manual")
    from app.services import sales
    from app.services.sales import PaymentIn, SaleLine

    for n in range(5):
        lines = [SaleLine(sku="SALT1", qty_milli=1000)]
        total = sales.quote_sale(s.ctx, lines=lines).total_paise
        sales.record_sale(s.ctx, lines=lines, payments=[PaymentIn(method="cash", amount_paise=total)], note=f"b{n}")
    b = s.backup("manual")
    s.close()
    db = data.shop_db("f")
    for _ in range(kills):
        proc = _start("restore", str(data.root), "f", f"{a},{b}")
        _kill(proc, random.uniform(0.01, 0.8))
        row.runs += 1
        row.kills += 1
        if not db.exists():
            row.lost += 1  # the shop without its file: what the old restore could leave
            continue
        try:
            store = open_store(db)
            notes = {r[0] for r in store.db().execute("SELECT note FROM orders")}
            store.close()
        except AppError:
            row.half += 1
            continue
        if notes not in (set(), {f"b{n}" for n in range(5)}):
            row.half += 1
    for aside, _label, _at in kept_aside(db):
        conn = _ro(aside)
        row.half += bool(check_file(conn, full=False))
        conn.close()
    row.note = f"shop file present and whole after every kill; {len(kept_aside(db))} kept-aside files, all whole"
    return row


def second_copy(root: Path, kills: int) -> Row:
    """kill -9 while a backup is copied to the second place (a USB drive): every copy that looks finished
    there must be whole and of this shop, every copy reported made must still be there, and the next copy
    after a kill must succeed."""
    from app.store.second_copy import copy_backup, place_backups

    row = Row("copy to the second place (kill -9)")
    data = new_shop(root)
    s = open_session(data, "f")
    made = []
    for n in range(4):
        from app.services.sales import PaymentIn, SaleLine, quote_sale, record_sale

        lines = [SaleLine(sku="SALT1", qty_milli=1000)]
        total = quote_sale(s.ctx, lines=lines).total_paise
        record_sale(s.ctx, lines=lines, payments=[PaymentIn(method="cash", amount_paise=total)], note=f"c{n}")
        made.append(s.backup("manual"))
    s.close()
    place = root / "usb"
    place.mkdir()
    reported: set[str] = set()
    for _ in range(kills):
        proc = _start("copy", str(data.root), "f", ",".join(map(str, made)), str(place))
        reported |= {ln.split()[1] for ln in _kill(proc, random.uniform(0.01, 0.5)) if ln.startswith("COPIED ")}
        row.runs += 1
        row.kills += 1
        for info in place_backups(place, "f"):  # every finished-looking copy must be whole and this shop's
            try:
                verify_backup(info.path, full=True)
            except AppError:
                row.half += 1
                info.path.unlink()
    there = {b.path.name for b in place_backups(place, "f")}
    row.lost = len(reported - there)
    after = copy_backup(made[-1], place, "f", shop_db=data.shop_db("f"), keep=1000)
    row.note = (f"{len(reported)} distinct copies reported made, {len(there)} there, all checked in full; "
                f"next copy after the kills: {after.state}")
    if not after.ok:
        row.half += 1
    return row


def migrate(root: Path, kills: int) -> Row:
    row = Row("migration (kill -9 mid-upgrade)")
    if not OLD_DB:
        row.note = "skipped: no old database fixture"
        return row
    manifest = json.loads(OLD_DB[0].with_suffix(".json").read_text(encoding="utf-8"))
    for n in range(kills):
        folder = root / f"m{n}"
        folder.mkdir()
        path = folder / "shop.db"
        shutil.copyfile(OLD_DB[0], path)
        proc = _start("migrate", str(folder), "x", str(path))
        _kill(proc, random.uniform(0.0, 0.5))
        row.runs += 1
        row.kills += 1
        try:
            store = open_store(path, backup_dir=folder / "backups")
        except AppError:
            row.half += 1
            continue
        db = store.db()
        if (db.execute("SELECT count(*) FROM product").fetchone()[0] != manifest["products"]
                or db.execute("SELECT count(*) FROM orders").fetchone()[0] != manifest["orders"]
                or dict(db.execute("SELECT sku, on_hand_milli FROM stock").fetchall()) != manifest["stock"]):
            row.lost += 1
        row.twice += db.execute("SELECT count(*) - count(DISTINCT migration_set || '/' || name)"
                                " FROM _sqlite_migrations").fetchone()[0]
        store.close()
        row.half += half_written(path)
        shutil.rmtree(folder, ignore_errors=True)
    row.note = "each upgrade killed once, then opened again"
    return row


def full_disk(root: Path) -> Row:
    row = Row("full disk (8 MB tmpfs)")
    mount = root / "disk"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount)], capture_output=True).returncode:
        row.note = "skipped: cannot mount a tmpfs here"
        return row
    try:
        data = new_shop(mount)
        filler = mount / "filler.bin"
        with open(filler, "wb") as f:
            try:
                while True:
                    f.write(b"\0" * 65536)
                    f.flush()
            except OSError:
                pass
            f.truncate(max(0, f.tell() - 192 * 1024))  # room for some sales, then the disk fills under them
        proc = subprocess.Popen([sys.executable, str(WORKER), "sale", str(data.root), "f"], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        out, err = proc.communicate(timeout=120)
        row.runs = 1
        reported = {ln.split()[1] for ln in out.splitlines() if ln.startswith("SOLD ")}
        said = "disk is full" in err
        filler.unlink()
        conn = _ro(data.shop_db("f"))
        stored = [r[0] for r in conn.execute("SELECT note FROM orders WHERE note != ''")]
        conn.close()
        row.lost = len(reported - set(stored))
        row.twice = len(stored) - len(set(stored))
        row.half = half_written(data.shop_db("f"))
        again = _start("sale", str(data.root), "f")
        resumed = [ln for ln in _kill(again, 1.0) if ln.startswith("SOLD ")]
        row.kills = 1
        row.note = (f"{len(reported)} sales before the disk filled; the seller was told 'the disk is full': "
                    f"{'yes' if said else 'NO'}; {len(resumed)} sales after space returned")
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)
    return row


def restore_vs_server(root: Path, rounds: int) -> Row:
    row = Row("restore vs a program holding the shop")
    data = new_shop(root)
    s = open_session(data, "f")
    backup = s.backup("manual")
    s.close()
    db = data.shop_db("f")
    refused = 0
    for _ in range(rounds):
        proc = _start("sale", str(data.root), "f")  # stands for 'api serve' / 'sync run': opens once, keeps selling
        time.sleep(0.3)
        try:
            restore_shop(data, "f", backup, reason="replaced", wait_s=0.5)
        except ShopInUse:
            refused += 1
        lines = _kill(proc, 0.2)
        reported = {ln.split()[1] for ln in lines if ln.startswith("SOLD ")}
        conn = _ro(db)
        stored = {r[0] for r in conn.execute("SELECT note FROM orders WHERE note != ''")}
        conn.close()
        row.lost += len(reported - stored)
        row.runs += 1
        row.kills += 1
        restore_shop(data, "f", backup, reason="replaced")  # once it is gone, the restore goes ahead
    row.half = half_written(db)
    row.note = f"restore refused while the shop was held: {refused}/{rounds}"
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sale", type=int, default=200)
    parser.add_argument("--backup", type=int, default=100)
    parser.add_argument("--restore", type=int, default=150)
    parser.add_argument("--migrate", type=int, default=50)
    parser.add_argument("--held", type=int, default=10)
    parser.add_argument("--copy", type=int, default=50, help="kills while copying to the second place")
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    random.seed(args.seed)
    rows = []
    with tempfile.TemporaryDirectory(prefix="faults-") as tmp:
        root = Path(tmp)
        for name, fn, n in (("sale", sale, args.sale), ("backup", backup, args.backup),
                            ("restore", restore, args.restore), ("migrate", migrate, args.migrate),
                            ("held", restore_vs_server, args.held), ("copy", second_copy, args.copy)):
            if n:
                started = time.monotonic()
                (root / name).mkdir()
                rows.append(fn(root / name, n))
                rows[-1].note += f" ({time.monotonic() - started:.0f} s)"
                print(rows[-1], flush=True)
        (root / "disk").mkdir()
        rows.append(full_disk(root / "disk"))
    print()
    print(f"{'scenario':40} {'runs':>5} {'kills':>5} {'lost':>5} {'half':>5} {'twice':>5}  notes")
    for r in rows:
        print(f"{r.scenario:40} {r.runs:5} {r.kills:5} {r.lost:5} {r.half:5} {r.twice:5}  {r.note}")
    total = sum(r.kills for r in rows)
    print(f"{'total':40} {sum(r.runs for r in rows):5} {total:5} {sum(r.lost for r in rows):5} "
          f"{sum(r.half for r in rows):5} {sum(r.twice for r in rows):5}")


if __name__ == "__main__":
    main()
