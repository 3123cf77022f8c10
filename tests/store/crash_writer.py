"""Records random counter sales until killed; prints "ORDER <id> <total>" after each commit.

Run by test_crash.py (and bench/bench_crash.py) as: python crash_writer.py DATA_DIR SHOP SEED
"""

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.paths import DataDir
from app.services import sales
from app.services.sales import PaymentIn, SaleLine
from app.session import open_session


def main() -> None:
    data, shop, seed = DataDir(Path(sys.argv[1])), sys.argv[2], int(sys.argv[3])
    rng = random.Random(seed)
    session = open_session(data, shop, exclusive=True)
    skus = [r[0] for r in session.store.db().execute("SELECT sku FROM product ORDER BY sku")]
    out = sys.stdout
    out.write("READY\n")
    out.flush()
    while True:
        lines = [SaleLine(sku=sku, qty_milli=rng.randint(1, 3) * 1000) for sku in rng.sample(skus, rng.randint(1, 4))]
        total = sales.quote_sale(session.ctx, lines=lines).total_paise
        method = rng.choice(["cash", "upi", "card"])
        changes = sales.record_sale(session.ctx, lines=lines, payments=[PaymentIn(method=method, amount_paise=total)])
        out.write(f"ORDER {changes.id} {total} {len(lines)}\n")
        out.flush()


if __name__ == "__main__":
    main()
