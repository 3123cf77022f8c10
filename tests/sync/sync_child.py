"""A sync process to be killed: ships one order per channel, changes a price, then drains the outbox;
it SIGKILLs itself at the chosen step (``claimed``, ``sent``, ``settled`` or ``business``, the last one
inside the business transaction before it commits).

Run by test_kill.py and bench/sync/bench_kill.py as:
    python sync_child.py DATA_DIR SHOP STEP NTH SEED
"""

import os
import random
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import keyring

from app.paths import DataDir
from app.services import catalog
from app.session import open_session
from app.sync import fulfilment
from app.sync.credentials import Credentials
from app.sync.policy import Backoff, BreakerPolicy
from app.sync.worker import SyncWorker, WorkerConfig
from tests.sync.conftest import SECRETS, MemoryKeyring

CHANNELS = {"amazon_in": "amazon", "shopify": "shopify", "website": "woocommerce"}


def die() -> None:
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)


def business(session, rng: random.Random) -> None:
    db = session.store.db()
    for channel in CHANNELS:
        row = db.execute("SELECT id FROM orders WHERE channel = ? AND status IN ('pending', 'accepted')"
                         " ORDER BY id LIMIT 1", (channel,)).fetchone()
        if row:
            fulfilment.ship_order(session.ctx, row[0], carrier="Delhivery", tracking=f"T{row[0]}")
    sku = rng.choice(["K1", "K2"])
    catalog.change_price(session.ctx, sku, price_paise=rng.randint(2000, 2900), confirmed=True)


def main() -> None:
    data, shop, step, nth, seed = DataDir(Path(sys.argv[1])), sys.argv[2], sys.argv[3], int(sys.argv[4]), \
        int(sys.argv[5])
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    credentials = Credentials(data.root / "credentials")
    for channel, market in CHANNELS.items():
        for name, value in SECRETS[market].items():
            credentials.set(channel, name, value)
    rng = random.Random(seed)
    session = open_session(data, shop, exclusive=True)
    print("READY", flush=True)
    if step == "business":
        with session.store.write():
            business(session, rng)
            die()
    business(session, rng)
    seen = {"n": 0}

    def hook(at: str) -> None:
        if at == step:
            seen["n"] += 1
            if seen["n"] == nth:
                die()

    config = WorkerConfig(backoff=Backoff(base_s=0.01, cap_s=0.05), breaker=BreakerPolicy(threshold=1000),
                          request_timeout_s=0.5, pull_every_s=60.0, rate_limits=False)
    worker = SyncWorker(session.ctx, secret=credentials.get, config=config, crash_hook=hook)
    for _ in range(30):
        worker.drain(max_cycles=50)
        if not worker.store.db().execute("SELECT 1 FROM outbox o JOIN sync_channel c ON c.channel = o.channel"
                                         " WHERE o.status IN ('pending', 'unknown', 'in_flight', 'acked')"
                                         " LIMIT 1").fetchone():
            break
    worker.close()
    print("DONE", flush=True)
    session.close()


if __name__ == "__main__":
    main()
