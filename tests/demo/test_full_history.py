"""The full demo as the app builds it on first run: two years of history (about a minute of CPU on a
2-core machine, most of it inside ``record_sale``; see bench/bench_demo.py). Marked slow: deselect with
``-m "not slow"`` to keep the demo tests under a minute."""

from __future__ import annotations

from datetime import date

import pytest

from app.paths import DataDir
from app.session import open_session
from app.sim.history.build import build
from app.store.stock import mismatches

END = date(2026, 11, 24)


@pytest.mark.long
def test_two_years_of_a_kirana(tmp_path):
    data = DataDir(tmp_path / "data")
    _path, report = build(data, days=730, end=END)
    session = open_session(data, "demo")
    try:
        db = session.store.db()
        assert session.store.quick_check() == [] and mismatches(db) == []
        first, last, bills, days = db.execute(
            "SELECT min(business_date), max(business_date), count(*), count(DISTINCT business_date) FROM orders"
        ).fetchone()
        assert (first, last) == ("2024-11-24", "2026-11-23") and days >= 720
        assert 60 <= bills / days <= 120
        assert db.execute("SELECT count(*) FROM product WHERE active = 1").fetchone()[0] >= 300
        assert db.execute("SELECT count(*) FROM product WHERE active = 0").fetchone()[0] >= 1  # discontinued
        assert db.execute("SELECT count(*) FROM product WHERE created_at > ?", ("2024-11-25",)).fetchone()[0] >= 3
        for diwali in ("2025-10-20", "2026-11-08"):
            ratio = db.execute(
                "SELECT (SELECT sum(l.total_paise) FROM order_line l JOIN orders o ON o.id = l.order_id"
                "  JOIN product p ON p.sku = l.sku WHERE p.category = 'dry_fruits'"
                "  AND o.business_date BETWEEN date(?, '-10 days') AND date(?, '-1 day')) * 1.0 /"
                " (SELECT sum(l.total_paise) FROM order_line l JOIN orders o ON o.id = l.order_id"
                "  JOIN product p ON p.sku = l.sku WHERE p.category = 'dry_fruits'"
                "  AND o.business_date BETWEEN date(?, '-40 days') AND date(?, '-31 days'))",
                (diwali, diwali, diwali, diwali)).fetchone()[0]
            assert ratio > 2, (diwali, ratio)
        summer, winter = (db.execute(
            "SELECT sum(l.qty_milli) FROM order_line l JOIN orders o ON o.id = l.order_id JOIN product p"
            " ON p.sku = l.sku WHERE p.category = 'beverages' AND substr(o.business_date, 6, 2) IN (?, ?)",
            months).fetchone()[0] for months in (("04", "05"), ("12", "01")))
        assert summer > 1.5 * winter
        assert report.lost_lines < 0.05 * report.lines  # the shelf is mostly stocked
        assert db.execute("SELECT count(*) FROM purchase_order WHERE status = 'cancelled'").fetchone()[0] > 0
    finally:
        session.close()
