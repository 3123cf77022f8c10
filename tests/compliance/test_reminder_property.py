"""Property 8 through the real service, as the issue words it: for any shop profile (scheme, QRMP or
monthly, state, exporting or not) and any run of days under a frozen clock, with the PC off on some days
and the 09:00 job run twice on others, every reminder the shop gets is an alert raised once, before its
due date, for a date that is right for the scheme and state, and none is missed while the PC was on."""

from __future__ import annotations

import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stdnum import luhn

from app.domain.clock import ManualClock
from app.domain.gst import STATES
from app.domain.gst_calendar import due_dates
from app.paths import DataDir
from app.services import gst_returns, shop
from app.services import settings as settings_service
from app.session import open_session
from app.store import alerts as alert_store

# CGST Rule 61(5) proviso / Notification 82/2020-CT, by name (the code keeps its own list of codes)
TWENTY_SECOND = {"Chhattisgarh", "Madhya Pradesh", "Gujarat", "Daman and Diu",
                 "Dadra and Nagar Haveli and Daman and Diu", "Maharashtra", "Karnataka", "Goa",
                 "Lakshadweep", "Kerala", "Tamil Nadu", "Puducherry",
                 "Andaman and Nicobar Islands", "Telangana", "Andhra Pradesh", "Andhra Pradesh (old)"}
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _gstin(state: str) -> str:
    first14 = f"{state}AAPFU0939F1Z"
    return first14 + luhn.calc_check_digit(first14, ALPHABET)


def _expected_day(form: str, scheme: str, quarterly: bool, state: str) -> tuple[int | None, int]:
    """(month or None for any, day) of a due date, from the rules themselves."""
    if form == "GSTR-3B" and quarterly:
        return None, 22 if STATES[state] in TWENTY_SECOND else 24
    return {"GSTR-1": (None, 13 if quarterly else 11), "GSTR-3B": (None, 20), "IFF": (None, 13),
            "PMT-06": (None, 25), "CMP-08": (None, 18), "GSTR-4": (6, 30), "LUT": (3, 31),
            "IEC": (6, 30)}[form]


@pytest.mark.slow
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scheme=st.sampled_from(("regular", "composition")), quarterly=st.booleans(),
       state=st.sampled_from(sorted(c for c in STATES if c.isdigit() and int(c) <= 37)), exports=st.booleans(),
       start=st.dates(min_value=date(2025, 1, 1), max_value=date(2030, 12, 31)),
       span=st.integers(min_value=1, max_value=75),
       off=st.sets(st.integers(min_value=0, max_value=75), max_size=40),
       twice=st.sets(st.integers(min_value=0, max_value=75), max_size=20))
def test_every_reminder_is_one_alert_before_its_date(scheme, quarterly, state, exports, start, span, off, twice):
    """Feature: tavyonix-seller-os, Property 8: Trade Opportunity Management (reminders): for any shop
    profile and dates, every due date reminded is correct for the scheme and state, and every reminder
    fires once, before its date, under a frozen clock."""
    clock = ManualClock(datetime(start.year, start.month, start.day, 3, 30, tzinfo=UTC))  # 09:00 IST
    with tempfile.TemporaryDirectory() as tmp:
        session = open_session(DataDir(Path(tmp) / "data"), "p8", create=True, clock=clock)
        try:
            shop.create_shop(session.ctx, name="Kirana", state_code=state, gst_scheme=scheme, gstin=_gstin(state))
            settings_service.set_setting(session.ctx, "gst.quarterly", quarterly)
            settings_service.set_setting(session.ctx, "gst.exports", exports)
            fired: dict[str, date] = {}
            ran: list[date] = []
            for n in range(span):
                today = start + timedelta(days=n)
                clock.set(datetime(today.year, today.month, today.day, 3, 30, tzinfo=UTC))
                if n in off:
                    continue
                ran.append(today)
                for _run in range(2 if n in twice else 1):
                    for due in gst_returns.send_due_reminders(session.ctx):
                        assert due.key not in fired, due.key  # once
                        assert due.remind_on <= today < due.due  # before its date
                        month, day = _expected_day(due.form, scheme, quarterly, state)
                        assert due.due.day == day and (month is None or due.due.month == month), due
                        assert (due.form in ("GSTR-1", "GSTR-3B", "IFF", "PMT-06")) == (scheme == "regular") or \
                            due.form in ("LUT", "IEC")
                        assert due.form not in ("LUT", "IEC") or exports
                        fired[due.key] = today
            alerts = alert_store.open_alerts(session.store.db(), kind=gst_returns.REMINDER_ALERT)
            assert sorted(a.subject for a in alerts) == sorted(fired)  # one alert per reminder, no more
            if ran:  # none missed: a date whose reminder window had a day with the PC on was reminded
                for due in due_dates(gst_returns.calendar_profile(session.store), ran[0], ran[-1] + timedelta(days=60)):
                    if any(due.remind_on <= r < due.due for r in ran):
                        assert due.key in fired, due.key
                    else:
                        assert due.key not in fired, due.key
        finally:
            session.close()
