"""The demo kirana is believable and whole: its catalog, distributors, customers, ledgers and history."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta

from stdnum import ean

from app.domain.codes import check_gstin, check_phone, check_upi_id
from app.domain.gst import check_hsn
from app.services.taxes import rate_table
from app.store import catalog, parties
from app.store.stock import mismatches

DEVANAGARI = re.compile(r"[\u0900-\u097F]")
END, DAYS = date(2025, 10, 25), 45  # the build in conftest.py
FIRST, LAST = END - timedelta(days=DAYS), END - timedelta(days=1)


def test_the_build_is_the_one_these_tests_expect(built):
    assert (built.end, built.days) == (END, DAYS)


def test_the_shop_is_a_registered_kirana_in_maharashtra(demo):
    shop = demo.store.db().execute("SELECT name, state_code, gstin, gst_scheme, upi_id, phone, city FROM shop"
                                   ).fetchone()
    name, state, gstin, scheme, upi, phone, city = shop
    assert name == "Sharma General Store" and city == "Pune"
    assert state == "27" and scheme == "regular"
    assert check_gstin(gstin, state="27") == gstin
    assert check_upi_id(upi) == upi and check_phone(phone) == phone


def test_catalog_has_300_items_with_valid_codes_rates_and_prices(demo):
    db = demo.store.db()
    products = catalog.list_products(db, limit=10_000)
    assert len(products) >= 300
    categories = Counter(p.category for p in products)
    for needed in ("staples", "snacks", "beverages", "dairy", "personal_care", "household", "spices", "biscuits",
                   "oils", "loose", "fresh", "dry_fruits", "confectionery"):
        assert categories[needed] >= 3, needed
    barcodes = [p.barcode for p in products if p.barcode]
    assert len(barcodes) == len(set(barcodes)) == len(products)
    rates = rate_table(demo.store)
    for p in products:
        assert ean.is_valid(p.barcode) and len(p.barcode) == 13, p.barcode
        if p.mrp_paise is not None and p.brand:
            assert p.barcode.startswith("890"), p.name_en  # GS1 India
        else:
            assert p.barcode.startswith("2"), p.name_en  # in-store code for loose and unbranded goods
        assert check_hsn(p.hsn_code) == p.hsn_code
        for day in (FIRST, date(2025, 9, 21), date(2025, 9, 22), LAST):
            if p.gst_rate_bp is None:
                rates.lookup(p.hsn_code, day)  # raises NotFound when the table has no rate that day
        assert p.mrp_paise is None or p.price_paise <= p.mrp_paise, p.name_en
        assert 0 < p.cost_paise <= p.price_paise, p.name_en
        assert DEVANAGARI.search(p.name_hi), p.name_hi
        assert p.keywords and p.unit in ("pcs", "kg", "dozen")
        assert p.reorder_point_milli > 0 and p.max_stock_milli >= p.reorder_point_milli
        assert p.preferred_supplier_id is not None
    loose = [p for p in products if p.unit == "kg"]
    assert len(loose) >= 15 and all(p.mrp_paise is None for p in loose)
    fresh_milk = [p for p in products if p.name_en.endswith(("Milk 500 ml", "Milk 1 l"))]
    assert len(fresh_milk) >= 3 and all(p.shelf_life_days and p.shelf_life_days <= 3 for p in fresh_milk)


def test_the_shopkeepers_words_find_the_famous_brands(demo):
    db = demo.store.db()
    for words, expected in [("tata salt", "Tata Salt"), ("maggi", "Maggi"), ("surf excel", "Surf Excel"),
                            ("parle", "Parle-G"), ("namak", "Salt"), ("chini", "Sugar"), ("doodh", "Milk"),
                            ("chai patti", "Tea"), ("sabun", "Soap"), ("टाटा नमक", "Tata Salt"),
                            ("aashirvaad atta", "Aashirvaad"), ("thums up", "Thums Up")]:
        found = [p.name_en for p in catalog.search(db, words, limit=20)]
        assert any(expected in name for name in found), (words, found[:5])
    salt = catalog.search(db, "tata salt", limit=1)[0]
    assert salt.name_hi.startswith("टाटा नमक") and salt.pack_size == "1 kg"


def test_ten_distributors_each_with_their_items(demo):
    db = demo.store.db()
    suppliers = parties.suppliers(db)
    assert len(suppliers) == 10
    for s in suppliers:
        assert 1 <= s.lead_time_days <= 5 and s.min_order_paise > 0 and s.visit_days
        assert check_phone(s.whatsapp) == s.whatsapp and check_gstin(s.gstin, state="27")
        links = parties.supplier_products(db, s.id)
        assert links, s.name
        assert all(link.case_size_milli in (1000, 2000, 5000, 6000, 10000, 12000, 24000, 25000, 48000, 100000)
                   and link.moq_milli >= link.case_size_milli and link.cost_paise > 0 for link in links)
    unlinked = db.execute("SELECT count(*) FROM product p WHERE NOT EXISTS"
                          " (SELECT 1 FROM supplier_product l WHERE l.sku = p.sku)").fetchone()[0]
    assert unlinked == 0


def test_fifty_customers_owe_nothing_a_little_or_a_lot(demo):
    db = demo.store.db()
    customers = parties.find_customers(db, limit=100)
    assert len(customers) == 50
    assert all(DEVANAGARI.search(c.name_hi) and check_phone(c.phone) for c in customers)
    for c in customers:
        assert c.khata_balance_paise == parties.khata_ledger_sum(db, c.id), c.name
        assert 0 <= c.khata_balance_paise <= c.credit_limit_paise, c.name  # credit stops at the limit
    balances = [c.khata_balance_paise for c in customers]
    nothing = sum(b == 0 for b in balances)
    little = sum(0 < b < 500_000 for b in balances)
    lot = sum(b >= 500_000 for b in balances)
    assert nothing >= 5 and little >= 20 and 2 <= lot <= 12, (nothing, little, lot)
    kinds = dict(db.execute("SELECT kind, count(*) FROM khata_entry GROUP BY kind").fetchall())
    assert kinds.get("credit_sale", 0) > 100 and kinds.get("payment", 0) > 20 and kinds.get("opening", 0) > 5


def test_every_ledger_balances_and_the_file_is_healthy(demo):
    db = demo.store.db()
    assert mismatches(db) == []
    assert demo.store.quick_check() == []
    assert db.execute("SELECT count(*) FROM stock WHERE on_hand_milli < 0").fetchone()[0] == 0
    unpaid = db.execute("SELECT count(*) FROM orders o WHERE paid_paise != total_paise OR total_paise !="
                        " (SELECT sum(amount_paise) FROM payment p WHERE p.order_id = o.id)").fetchone()[0]
    assert unpaid == 0
    assert db.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0  # nothing queued for made-up numbers


def test_daily_history_with_weekday_and_stock_outs(built, demo):
    db = demo.store.db()
    per_day = dict(db.execute("SELECT business_date, count(*) FROM orders GROUP BY 1").fetchall())
    days = [FIRST + timedelta(days=n) for n in range(DAYS)]
    open_days = [d for d in days if d.isoformat() in per_day]
    assert len(open_days) >= DAYS - 3 and min(per_day) == FIRST.isoformat() and max(per_day) == LAST.isoformat()
    counts = sorted(per_day.values())
    assert 60 <= sum(counts) / len(counts) <= 125 and counts[len(counts) // 2] >= 60
    lines = db.execute("SELECT min(n), max(n), avg(n) FROM (SELECT count(*) n FROM order_line GROUP BY order_id)"
                       ).fetchone()
    assert lines[0] == 1 and lines[1] <= 10 and 2 <= lines[2] <= 3.5
    weekend = [per_day[d.isoformat()] for d in open_days if d.weekday() >= 5]
    weekday = [per_day[d.isoformat()] for d in open_days if d.weekday() < 4]
    assert sum(weekend) / len(weekend) > sum(weekday) / len(weekday)
    methods = dict(db.execute("SELECT method, count(*) FROM payment WHERE order_id IS NOT NULL GROUP BY 1"))
    assert {"cash", "upi", "card", "khata"} <= set(methods)
    assert built.report.lost_lines > 0  # an empty shelf loses the sale instead of selling what is not there


def test_restocking_through_purchase_orders_respects_lead_times(demo):
    db = demo.store.db()
    statuses = dict(db.execute("SELECT status, count(*) FROM purchase_order GROUP BY 1").fetchall())
    assert statuses.get("received", 0) >= 50
    gaps = db.execute(
        "SELECT julianday(substr(o.received_at, 1, 10)) - julianday(substr(o.created_at, 1, 10)), s.lead_time_days"
        " FROM purchase_order o JOIN supplier s ON s.id = o.supplier_id WHERE o.status = 'received'").fetchall()
    # nothing arrives before the distributor's lead time; a new launch comes with the salesman, the same day
    assert all(gap >= lead or gap == 0 for gap, lead in gaps)
    assert sum(gap >= lead for gap, lead in gaps) >= 50
    received = db.execute("SELECT count(*) FROM stock_move WHERE source = 'po' AND reason = 'purchase'").fetchone()[0]
    assert received >= 200
    wasted = db.execute("SELECT count(*) FROM stock_move WHERE reason = 'wastage'").fetchone()[0]
    assert wasted > 0


def test_gst_change_of_22_september_2025_reaches_the_bills_by_itself(demo):
    db = demo.store.db()
    rates = dict(db.execute(
        "SELECT o.business_date >= '2025-09-22', max(l.gst_rate_bp) FROM order_line l JOIN orders o"
        " ON o.id = l.order_id WHERE l.hsn_code LIKE '1905%' AND l.hsn_code != '19059010' GROUP BY 1").fetchall())
    assert rates == {0: 1800, 1: 500}  # biscuits: 18 % before, 5 % after
    cut = db.execute("SELECT count(*) FROM event WHERE type = 'PriceChanged' AND reason LIKE '%22 Sep 2025%'"
                     ).fetchone()[0]
    assert cut >= 50  # the owner passed the cut on in the prices


def test_festival_uplift_before_diwali(demo):
    db = demo.store.db()

    def per_day(first: date, last: date) -> float:
        total = db.execute(
            "SELECT coalesce(sum(l.total_paise), 0) FROM order_line l JOIN orders o ON o.id = l.order_id"
            " JOIN product p ON p.sku = l.sku WHERE p.category IN ('confectionery', 'dry_fruits')"
            " AND o.business_date BETWEEN ? AND ?", (first.isoformat(), last.isoformat())).fetchone()[0]
        return total / ((last - first).days + 1)

    diwali = date(2025, 10, 20)
    before = per_day(diwali - timedelta(days=10), diwali - timedelta(days=1))
    ordinary = per_day(FIRST, FIRST + timedelta(days=9))
    assert before > 2 * ordinary, (before, ordinary)


def test_fast_movers_and_slow_intermittent_movers(demo):
    db = demo.store.db()
    sold = dict(db.execute("SELECT p.sku, coalesce(sum(l.qty_milli), 0) FROM product p LEFT JOIN order_line l"
                           " ON l.sku = p.sku WHERE p.unit != 'kg' GROUP BY p.sku").fetchall())
    weeks = DAYS / 7
    slow = [sku for sku, milli in sold.items() if milli / 1000 / weeks < 1]
    fast = [sku for sku, milli in sold.items() if milli / 1000 / DAYS >= 5]
    assert len(slow) >= 40 and len(fast) >= 5, (len(slow), len(fast))
    sometimes = [sku for sku in slow if sold[sku] > 0]
    assert len(sometimes) >= 20  # intermittent: they do sell, now and then
