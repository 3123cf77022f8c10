"""kill -9 at random moments while sales are being recorded: nothing reported as saved is lost,
nothing is half saved, and the file and its ledgers stay whole."""

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.paths import DataDir
from app.services import catalog, shop
from app.session import open_session
from app.store import open_store
from app.store.stock import mismatches

WRITER = Path(__file__).with_name("crash_writer.py")
KILLS = int(os.environ.get("TAVYONIX_CRASH_KILLS", "60"))

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX kill -9")


def build_shop(root: Path) -> DataDir:
    data = DataDir(root).ensure()
    s = open_session(data, "crash", create=True)
    shop.create_shop(s.ctx, name="Crash Test Kirana", state_code="27", gstin="27AAPFU0939F1ZV")
    for i in range(12):
        catalog.create_product(s.ctx, sku=f"P{i:02d}", name_en=f"Item {i}", price_paise=1000 + 137 * i,
                               mrp_paise=1500 + 137 * i, cost_paise=800, hsn_code=["1905", "3402", "2501"][i % 3],
                               opening_stock_milli=5_000_000)
    s.close()
    return data


def verify(path: Path, committed: dict[int, tuple[int, int]]) -> None:
    store = open_store(path, exclusive=False)
    try:
        db = store.db()
        assert store.integrity_check() == []
        assert mismatches(db) == []
        found = {r[0]: (r[1], r[2], r[3]) for r in db.execute(
            "SELECT o.id, o.total_paise, (SELECT count(*) FROM order_line l WHERE l.order_id = o.id),"
            " (SELECT coalesce(sum(amount_paise), 0) FROM payment p WHERE p.order_id = o.id) FROM orders o")}
        for order_id, (total, lines) in committed.items():
            assert order_id in found, f"order {order_id} was reported saved but is gone"
            assert found[order_id][:2] == (total, lines)
        for order_id, (total, lines, paid) in found.items():  # no sale is half there
            assert lines > 0 and paid == total
            moves = db.execute("SELECT count(*) FROM stock_move WHERE source = 'counter' AND source_ref LIKE ?",
                               (f"{order_id}:%",)).fetchone()[0]
            events = db.execute("SELECT count(*) FROM event WHERE type = 'SaleRecorded' AND subject_id = ?",
                                (str(order_id),)).fetchone()[0]
            assert (moves, events) == (lines, 1)
    finally:
        store.close()


def run_kills(tmp_path: Path, kills: int, seed: int = 1) -> tuple[int, int]:
    data = build_shop(tmp_path)
    path = data.shop_db("crash")
    rng = random.Random(seed)
    committed: dict[int, tuple[int, int]] = {}
    for round_no in range(kills):
        writer = subprocess.Popen([sys.executable, str(WRITER), str(data.root), "crash", str(round_no)],
                                  stdout=subprocess.PIPE, text=True)
        assert writer.stdout.readline().strip() == "READY"
        time.sleep(rng.uniform(0.0, 0.12))
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        for line in writer.stdout.read().splitlines():
            if line.startswith("ORDER "):
                _word, order_id, total, lines = line.split()
                committed[int(order_id)] = (int(total), int(lines))
        writer.stdout.close()
        verify(path, committed)
    return kills, len(committed)


def test_kill_minus_nine_never_loses_or_halves_a_sale(tmp_path):
    kills, sales_seen = run_kills(tmp_path, KILLS)
    assert kills >= 50
    assert sales_seen > kills  # the writer really was writing when it died
