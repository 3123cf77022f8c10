"""A fingerprint of a demo shop's business data (not of file layout or real-clock stamps), so two builds
can be compared; run as a script it builds a shop and prints the fingerprint (used with another
PYTHONHASHSEED, to prove the build does not depend on set or dict ordering of strings).

    python tests/demo/demo_summary.py DATA_DIR SEED DAYS END
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
from pathlib import Path

QUERIES = {
    "products": "SELECT sku, name_en, name_hi, barcode, hsn_code, mrp_paise, price_paise, cost_paise, active"
                " FROM product ORDER BY sku",
    "stock": "SELECT sku, on_hand_milli FROM stock ORDER BY sku",
    "orders": "SELECT id, invoice_no, business_date, created_at, customer_id, total_paise, cgst_paise, sgst_paise"
              " FROM orders ORDER BY id",
    "lines": "SELECT order_id, line_no, sku, qty_milli, unit_price_paise, gst_rate_bp, total_paise FROM order_line"
             " ORDER BY id",
    "payments": "SELECT order_id, customer_id, method, amount_paise, at FROM payment ORDER BY id",
    "khata": "SELECT id, name, phone, credit_limit_paise, khata_balance_paise FROM customer ORDER BY id",
    "suppliers": "SELECT id, name, gstin, lead_time_days, min_order_paise, visit_days FROM supplier ORDER BY id",
    "purchase_orders": "SELECT po_no, supplier_id, status, total_paise, created_at, received_at FROM purchase_order"
                       " ORDER BY id",
    "moves": "SELECT sku, qty_milli, reason, source, source_ref, unit_cost_paise, at FROM stock_move ORDER BY id",
    "prices": "SELECT sku, price_paise, mrp_paise, at FROM price_history ORDER BY id",
    "events": "SELECT type, at, subject_id, reason FROM event WHERE type != 'GstRateAdded' ORDER BY id",
}


def summarise(path: Path) -> dict[str, object]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        out: dict[str, object] = {}
        for name, sql in QUERIES.items():
            rows = conn.execute(sql).fetchall()
            out[name] = [len(rows), hashlib.sha256(repr(rows).encode()).hexdigest()[:16]]
        out["revenue_paise"] = conn.execute("SELECT sum(total_paise) FROM orders").fetchone()[0]
        out["units_sold_milli"] = conn.execute("SELECT sum(qty_milli) FROM order_line").fetchone()[0]
        return out
    finally:
        conn.close()


if __name__ == "__main__":
    from datetime import date

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from app.paths import DataDir
    from app.sim.history import build_demo_shop

    folder, seed, days, end = sys.argv[1:5]
    built = build_demo_shop(DataDir(Path(folder)), seed=int(seed), days=int(days), end=date.fromisoformat(end))
    print(json.dumps(summarise(built)))
