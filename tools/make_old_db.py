"""Freeze a small shop at the current schema as a test fixture for future upgrades.

Run once per released schema (before the next migration is added):

    .venv/bin/python tools/make_old_db.py 0.1.0

It writes tests/fixtures/old_dbs/<version>-<last migration>.db and a .json manifest of facts the
upgrade test checks after migrating that file to the newest schema.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.domain.clock import ManualClock  # noqa: E402
from app.paths import DataDir  # noqa: E402
from app.services import catalog, inventory, khata, purchasing, sales, shop, suppliers  # noqa: E402
from app.services.sales import PaymentIn, SaleLine  # noqa: E402
from app.session import open_session  # noqa: E402
from app.store import schema_version  # noqa: E402


def build(version: str) -> Path:
    tmp = Path(tempfile.mkdtemp())
    data = DataDir(tmp).ensure()
    clock = ManualClock(datetime(2026, 5, 4, 5, 0, tzinfo=UTC))
    s = open_session(data, "fixture", create=True, clock=clock)
    ctx = s.ctx
    shop.create_shop(ctx, name="Fixture Kirana", state_code="27", gstin="27AAPFU0939F1ZV", upi_id="fx@okaxis")
    catalog.create_product(ctx, sku="SALT1", name_en="Tata Salt 1 kg", name_hi="टाटा नमक 1 किलो",
                           keywords="namak", price_paise=2800, mrp_paise=2800, cost_paise=2400, hsn_code="2501",
                           barcode="8904000210037", opening_stock_milli=40_000)
    catalog.create_product(ctx, sku="SUGAR", name_en="Sugar loose", unit="kg", price_paise=4600, cost_paise=4200,
                           hsn_code="1701", opening_stock_milli=25_000)
    customer = khata.create_customer(ctx, name="Ramesh Kumar", phone="9876543210", credit_limit_paise=500_000).id
    supplier = suppliers.create_supplier(ctx, name="Gupta Traders", whatsapp="9812345678", lead_time_days=2).id
    suppliers.link_product(ctx, supplier, "SALT1", cost_paise=2300, case_size_milli=24_000)
    sales.record_sale(ctx, lines=[SaleLine(sku="SALT1", qty_milli=2000), SaleLine(sku="SUGAR", qty_milli=750)],
                      payments=[PaymentIn(method="cash", amount_paise=9100)])
    sales.record_sale(ctx, lines=[SaleLine(sku="SALT1", qty_milli=1000)], customer_id=customer,
                      payments=[PaymentIn(method="khata", amount_paise=2800)])
    po = purchasing.create_purchase_order(ctx, supplier_id=supplier,
                                          lines=[purchasing.PoLine(sku="SALT1", qty_milli=24_000)], confirmed=True).id
    purchasing.send_purchase_order(ctx, po)
    purchasing.receive_purchase_order(ctx, po)
    inventory.record_wastage(ctx, "SUGAR", 500, note="rats")
    db = s.store.db()
    manifest = {
        "version": version, "schema": schema_version(),
        "products": db.execute("SELECT count(*) FROM product").fetchone()[0],
        "orders": db.execute("SELECT count(*) FROM orders").fetchone()[0],
        "events": db.execute("SELECT count(*) FROM event").fetchone()[0],
        "stock": dict(db.execute("SELECT sku, on_hand_milli FROM stock ORDER BY sku").fetchall()),
        "khata": {str(customer): db.execute("SELECT khata_balance_paise FROM customer WHERE id = ?",
                                            (customer,)).fetchone()[0]},
        "invoices": [r[0] for r in db.execute("SELECT invoice_no FROM orders ORDER BY id")],
        "outbox": db.execute("SELECT count(*) FROM outbox").fetchone()[0],
    }
    s.close()
    out = ROOT / "tests" / "fixtures" / "old_dbs" / f"{version}-{schema_version()}.db"
    shutil.copyfile(data.shop_db("fixture"), out)
    out.with_suffix(".json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    shutil.rmtree(tmp)
    return out


if __name__ == "__main__":
    print(build(sys.argv[1] if len(sys.argv) > 1 else "dev"))
