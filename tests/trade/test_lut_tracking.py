"""The LUT's 3-month rule (CGST Rule 96A): every export under the LUT is watched until its proof of export
is recorded; reminders 30 and 7 days before the deadline, each once, under a frozen clock."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.agents.engine import DecisionEngine
from app.agents.runner import AgentRunner
from app.domain.trade.lut import OpenExport, export_deadline, export_reminders, pay_by
from app.errors import InputError
from app.services import exports
from app.services.sales import SaleLine
from app.store import alerts as alert_store
from app.store import events as event_log
from trade.books import build_export_books, export_sale


@pytest.mark.parametrize(("invoice", "deadline"), [(date(2026, 8, 10), date(2026, 11, 10)),
                                                    (date(2026, 11, 30), date(2027, 2, 28)),
                                                    (date(2027, 11, 30), date(2028, 2, 29)),
                                                    (date(2026, 12, 31), date(2027, 3, 31))])
def test_three_months_from_the_invoice(invoice, deadline):
    assert export_deadline(invoice) == deadline
    assert pay_by(invoice) == deadline + timedelta(days=15)


@settings(max_examples=150, deadline=None)
@given(invoice=st.dates(date(2025, 1, 1), date(2030, 12, 31)),
       on_days=st.sets(st.integers(0, 120), max_size=60), proof_after=st.one_of(st.none(), st.integers(0, 120)))
def test_property_8_export_reminders_fire_once_before_the_deadline(invoice, on_days, proof_after):
    """Feature: tavyonix-seller-os, Property 8: every reminder fires once, before its date.

    For any export invoice date, the PC on only on some days and proof recorded on any day (or never):
    each reminder key fires at most once, only on or before the deadline, never after the proof, the
    30-day one only while more than 7 days are left, and at least once if the PC was on in the last 30
    days without proof."""
    deadline = export_deadline(invoice)
    sent: set[str] = set()
    fired: list[tuple[date, str]] = []
    for offset in sorted(on_days):
        today = invoice + timedelta(days=offset)
        proved = proof_after is not None and offset >= proof_after
        item = OpenExport(order_id=1, invoice_no="EXP/2627/00001", invoice_day=invoice, igst_due_paise=100,
                          proof_on=invoice + timedelta(days=proof_after) if proved else None)
        for key, _item in export_reminders([item], today, frozenset(sent)):
            assert key not in sent
            sent.add(key)
            fired.append((today, key))
            assert not proved and today <= deadline
            assert (deadline - today).days <= int(key.rsplit(":", 1)[1])
    assert len(fired) == len({k for _d, k in fired}) <= 2
    # the 30-day reminder only while more than 7 days are left: a PC off for weeks gives the nearest one only
    assert all((deadline - day).days > 7 for day, key in fired if key.endswith(":30"))
    window = [o for o in on_days if 0 <= (deadline - (invoice + timedelta(days=o))).days <= 30
              and (proof_after is None or o < proof_after)]
    if window:
        assert fired


def test_the_morning_job_reminds_of_an_export_once_and_proof_closes_it(session, ctx, clock):
    ids = build_export_books(ctx)
    runner = AgentRunner(DecisionEngine(ctx, [], sleep=lambda _s: None))
    _spec, work = runner.jobs()["gst_reminders"]
    # the LUT export of 10 Aug must leave by 10 Nov; 25 days before, at 9:00 IST
    clock.set(datetime(2026, 10, 16, 3, 30, tzinfo=UTC))
    work()
    work()
    db = session.store.db()
    open_alerts = alert_store.open_alerts(db, kind=exports.EXPORT_ALERT)
    invoice = db.execute("SELECT invoice_no FROM orders WHERE id = ?", (ids["exp_lut"],)).fetchone()[0]
    assert [a.subject for a in open_alerts] == [invoice]
    assert "10-11-2026" in open_alerts[0].message
    raised = [e for e in event_log.recent(db, limit=80) if e.type == "AlertRaised"
              and json.loads(e.data_json)["subject"] == invoice]
    assert len(raised) == 1
    # the IGST export has no deadline: never reminded
    igst_invoice = db.execute("SELECT invoice_no FROM orders WHERE id = ?", (ids["exp_igst"],)).fetchone()[0]
    assert igst_invoice not in {a.subject for a in open_alerts}
    exports.record_proof(ctx, ids["exp_lut"], number="4455667", on=date(2026, 10, 15), port_code="INBOM4")
    assert alert_store.open_alerts(db, kind=exports.EXPORT_ALERT) == []
    clock.advance(timedelta(days=20))
    work()
    assert alert_store.open_alerts(db, kind=exports.EXPORT_ALERT) == []
    states = {e.invoice_no: e.state(date(2026, 11, 20)) for e in exports.open_exports(session.store)}
    assert states == {invoice: "proved"}


def test_an_export_without_proof_is_overdue_after_three_months(session, ctx, clock, make_product):
    make_product("TEA3", hsn_code="09023020", price_paise=20_000, mrp_paise=25_000)
    exports.record_lut(ctx, arn="AD270326012345X", fy="2026-27", filed_on=date(2026, 4, 1))
    oid = export_sale(ctx, date(2026, 6, 15), [SaleLine(sku="TEA3", qty_milli=3000)])
    (item,) = exports.open_exports(session.store)
    assert item.order_id == oid and item.deadline == date(2026, 9, 15)
    assert item.igst_due_paise == 3000  # 5 % of Rs 600 of zero-rated value
    assert item.state(date(2026, 9, 15)) == "open" and item.state(date(2026, 9, 16)) == "overdue"
    clock.set(datetime(2026, 10, 1, 6, tzinfo=UTC))
    with pytest.raises(InputError, match="before their invoice"):
        exports.record_proof(ctx, oid, number="1", on=date(2026, 6, 1))
    exports.record_proof(ctx, oid, number="CSB5550001", on=date(2026, 9, 30))
    assert exports.open_exports(session.store)[0].state(date(2026, 10, 1)) == "late"
