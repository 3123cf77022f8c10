"""The assistant watches the whole shop and keeps the thread of the conversation: alerts appear exactly when
the books deviate, the closing summary adds up, follow-ups answer what a direct question would, and goals
become plans the seller is told about."""

from __future__ import annotations

import json
import re
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.assistant import monitor
from app.services import inventory
from app.services.context import Origin

from .shop import TODAY, at, spec

SKUS = [p[0] for p in spec()["products"]]
NUMBERS = re.compile(r"₹[\d,]+(?:\.\d\d)?|\d+ bills?")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(emptied=st.sets(st.sampled_from(SKUS), max_size=6), failed=st.integers(0, 3), hour=st.integers(8, 23))
def test_alerts_appear_exactly_when_the_books_deviate(fresh_shop, emptied, failed, hour):
    """Feature: tavyonix-seller-os, Property 9: Central AI Business Monitoring"""
    shop = fresh_shop()
    try:
        for sku in emptied:
            inventory.count_stock(shop.ctx, sku, 0, origin=Origin(actor="seller"))
        with shop.store.write() as db:
            db.execute("UPDATE outbox SET status = 'pending' WHERE status = 'failed'")
            db.execute("UPDATE outbox SET status = 'failed', last_error = 'HTTP 500' WHERE id IN (SELECT id FROM outbox"
                       " WHERE status = 'pending' ORDER BY created_seq LIMIT ?)", (failed,))
        shop.clock.set(at(TODAY, hour))
        found = {a.key: a for a in monitor.alerts(shop.ctx, "en")}
        db = shop.store.db()
        since = (TODAY - timedelta(days=14)).isoformat()
        expected_out = {sku for (sku,) in db.execute(
            "SELECT p.sku FROM product p JOIN stock s ON s.sku = p.sku WHERE s.on_hand_milli <= 0 AND EXISTS ("
            " SELECT 1 FROM order_line l JOIN orders o ON o.id = l.order_id WHERE l.sku = p.sku AND o.kind = 'sale'"
            " AND o.status = 'completed' AND o.business_date >= ?)", (since,))}
        reported_out = {sku for key, alert in found.items() if key.startswith("stockout") for sku in alert.subjects}
        assert reported_out == expected_out
        real_failed = db.execute("SELECT count(*) FROM outbox WHERE status IN ('failed', 'dead')").fetchone()[0]
        sync = [a for k, a in found.items() if k.startswith("sync_failed:")]
        assert bool(sync) == (real_failed > 0)
        if sync:
            assert str(real_failed) in sync[0].text
        assert any(k.startswith("approvals:") for k in found)  # the Colgate request waits
        for alert in found.values():
            assert alert.text and alert.severity in ("info", "warning", "critical")
    finally:
        shop.close()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(days_back=st.integers(0, 55), lang=st.sampled_from(["en", "hi", "hinglish"]))
def test_the_closing_summary_adds_up(template, tmp_path_factory, days_back, lang):
    """Feature: tavyonix-seller-os, Property 9: Central AI Business Monitoring"""
    from .conftest import open_copy

    shop = open_copy(template, tmp_path_factory.mktemp("summary"))
    try:
        day = TODAY - timedelta(days=days_back)
        answer = monitor.daily_summary(shop.ctx, lang, day)
        bills, total = shop.store.db().execute(
            "SELECT count(*), coalesce(sum(total_paise), 0) FROM orders WHERE kind = 'sale'"
            " AND status NOT IN ('draft', 'held', 'cancelled')"
            " AND business_date = ?", (day.isoformat(),)).fetchone()
        rupees = f"₹{round(total / 100):,}" if total >= 10_000 else f"₹{total // 100}"
        assert rupees.replace(",", "") in answer.text.replace(",", "") and str(bills) in answer.text
        owed = shop.store.db().execute("SELECT sum(khata_balance_paise) FROM customer WHERE khata_balance_paise > 0"
                                       ).fetchone()[0]
        assert f"{owed // 100:,}".replace(",", "") in answer.text.replace(",", "")
    finally:
        shop.close()


FIRST = [("kal kitna becha?", "sales last week", "and last week?"),
         ("how much did we sell today?", "sales yesterday", "what about yesterday?"),
         ("is hafte kitni bikri hui", "pichle mahine ki bikri", "aur pichle mahine?"),
         ("आज की बिक्री कितनी हुई?", "पिछले हफ्ते की बिक्री", "और पिछले हफ्ते?"),
         ("how many Maggi do we have?", "how many colgate do we have?", "and colgate?"),
         ("Ramesh ka kitna baki hai", "how much does sunita owe", "and sunita?"),
         ("sales this month", "sales in the last 7 days", "and the last 7 days?")]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=st.sampled_from(FIRST), noise=st.sampled_from(["", "ok", "hmm"]))
def test_a_follow_up_answers_what_the_direct_question_would(fresh_shop, case, noise):
    """Feature: tavyonix-seller-os, Property 9: Central AI Business Monitoring

    (maintaining conversation context: "and last week?" keeps the question and changes only its period)."""
    first, direct, follow_up = case
    shop = fresh_shop()
    try:
        asked = shop.assistant.ask(first)
        if noise:
            shop.assistant.ask(noise)
        followed = shop.assistant.ask(follow_up)
        plain = shop.assistant.ask(direct)
        assert followed.intent == asked.intent == plain.intent
        assert followed.slots == plain.slots
        assert NUMBERS.findall(followed.text) == NUMBERS.findall(plain.text)
    finally:
        shop.close()


GOAL_WORDS = {
    "en": ("grow {metric} {pct}% {period}", {"revenue": "sales", "profit": "profit"},
           {"this_month": "this month", "next_month": "next month", "diwali": "this Diwali", "this_year": "this year"}),
    "hinglish": ("{period} {metric} {pct}% badhao", {"revenue": "bikri", "profit": "munafa"},
                 {"this_month": "is mahine", "next_month": "agle mahine", "diwali": "diwali tak",
                  "this_year": "is saal"}),
    "hi": ("{period} {metric} {pct}% बढ़ाओ", {"revenue": "बिक्री", "profit": "मुनाफ़ा"},
           {"this_month": "इस महीने", "next_month": "अगले महीने", "diwali": "दिवाली तक", "this_year": "इस साल"}),
}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lang=st.sampled_from(sorted(GOAL_WORDS)), metric=st.sampled_from(["revenue", "profit"]),
       pct=st.integers(1, 60), period=st.sampled_from(["this_month", "next_month", "diwali", "this_year"]))
def test_any_goal_becomes_a_plan_that_is_explained_back(fresh_shop, lang, metric, pct, period):
    """Feature: tavyonix-seller-os, Property 11: Goal-Based Autonomous Operation"""
    template, metric_words, period_words = GOAL_WORDS[lang]
    text = template.format(metric=metric_words[metric], pct=pct, period=period_words[period])
    shop = fresh_shop()
    try:
        reply = shop.assistant.ask(text)
        assert reply.intent == "set_goal" and reply.lang == lang, (text, reply.intent)
        assert reply.slots == {"metric": metric, "percent": pct, "period": period}, (text, reply.slots)
        row = shop.store.db().execute("SELECT id, metrics_json, starts_on, ends_on, plan_json, status FROM goal"
                                      ).fetchone()
        assert json.loads(row[1]) == [{"metric": metric, "change_pct": float(pct)}]
        assert row[2] == ("2026-11-01" if period == "next_month" else TODAY.isoformat())
        assert row[3] > row[2] and row[5] == "active"
        plan = json.loads(row[4])
        assert plan["goal"]["id"] == row[0] and plan["strategies"] and plan["milestones"]
        assert str(row[0]) in reply.text and any(b.kind == "undo" for b in reply.buttons)
        undo = next(b for b in reply.buttons if b.kind == "undo")
        shop.assistant.press(undo.id)
        assert shop.store.db().execute("SELECT status FROM goal").fetchone()[0] == "cancelled"
    finally:
        shop.close()
