"""The compliance calendar and its reminders (seed property 8: deadlines reminded in time, once)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from app.domain.gst import STATES
from app.domain.gst_calendar import CalendarProfile, due_dates, due_reminders
from app.services import gst_returns
from app.store import alerts as alert_store

# Rule 61(5) proviso: states and UTs whose quarterly GSTR-3B is due on the 22nd (by name, so the test
# does not share the code's list of state codes)
TWENTY_SECOND = {"Chhattisgarh", "Madhya Pradesh", "Gujarat", "Daman and Diu",
                 "Dadra and Nagar Haveli and Daman and Diu", "Maharashtra", "Karnataka", "Goa",
                 "Lakshadweep", "Kerala", "Tamil Nadu", "Puducherry",
                 "Andaman and Nicobar Islands", "Telangana", "Andhra Pradesh", "Andhra Pradesh (old)"}

profiles = st.builds(CalendarProfile, scheme=st.sampled_from(("regular", "composition", "unregistered")),
                     quarterly=st.booleans(), state_code=st.sampled_from(sorted(STATES)), exports=st.booleans())
days = st.dates(min_value=date(2025, 1, 1), max_value=date(2031, 12, 31))


def _month_before(day: date) -> tuple[int, int]:
    return (day.year, day.month - 1) if day.month > 1 else (day.year - 1, 12)


@given(profile=profiles, start=days, span=st.integers(min_value=0, max_value=420))
def test_every_due_date_is_right_for_scheme_and_state(profile, start, span):
    """Feature: tavyonix-seller-os, Property 8: Trade Opportunity Management (deadlines): for any shop
    profile and dates, every due date in the calendar is correct for the scheme and state, and none is
    missing."""
    end = start + timedelta(days=span)
    items = due_dates(profile, start, end)
    assert all(start <= d.due <= end for d in items)
    assert len({d.key for d in items}) == len(items)
    for d in items:
        year, month = _month_before(d.due)
        if d.form in ("GSTR-1", "GSTR-3B", "IFF", "PMT-06", "CMP-08"):
            assert d.period.startswith(str(year))
        if d.form == "GSTR-1":
            assert profile.scheme == "regular"
            assert d.due.day == (13 if profile.quarterly else 11)
            assert d.period == (f"{year}-Q{(month - 1) // 3 + 1}" if profile.quarterly else f"{year}-{month:02d}")
            assert not profile.quarterly or month % 3 == 0
        elif d.form == "GSTR-3B":
            assert profile.scheme == "regular"
            if profile.quarterly:
                assert month % 3 == 0
                assert d.due.day == (22 if STATES[profile.state_code] in TWENTY_SECOND else 24)
            else:
                assert d.due.day == 20
        elif d.form in ("IFF", "PMT-06"):
            assert profile.scheme == "regular" and profile.quarterly and month % 3 != 0
            assert d.due.day == (13 if d.form == "IFF" else 25) and d.optional == (d.form == "IFF")
        elif d.form == "CMP-08":
            assert profile.scheme == "composition" and d.due.day == 18 and d.due.month in (1, 4, 7, 10)
        elif d.form == "GSTR-4":
            assert profile.scheme == "composition" and (d.due.month, d.due.day) == (6, 30)
            assert d.period == f"{d.due.year - 1}-{d.due.year % 100:02d}"
        elif d.form == "LUT":
            assert profile.exports and (d.due.month, d.due.day) == (3, 31)
        else:
            assert d.form == "IEC" and profile.exports and (d.due.month, d.due.day) == (6, 30)
    # nothing missing: each month-end date in the range has its returns
    forms = {(d.form, d.due) for d in items}
    day = start
    while day <= end:
        if profile.scheme == "regular" and not profile.quarterly:
            assert (day.day != 11 or ("GSTR-1", day) in forms) and (day.day != 20 or ("GSTR-3B", day) in forms)
        if profile.scheme == "composition" and day.day == 18 and day.month in (1, 4, 7, 10):
            assert ("CMP-08", day) in forms
        if profile.scheme != "regular":
            assert not any(f in ("GSTR-1", "GSTR-3B") for f, _d in forms)
        day += timedelta(days=1)


@given(profile=profiles, start=days, span=st.integers(min_value=1, max_value=240),
       off=st.sets(st.integers(min_value=0, max_value=240), max_size=120))
def test_every_reminder_fires_once_before_its_date(profile, start, span, off):
    """Feature: tavyonix-seller-os, Property 8: Trade Opportunity Management (reminders): under a frozen
    clock stepped a day at a time, with the PC off on some days, every reminder fires once, before its
    date, and is not missed when the app ran in its window."""
    sent: dict[str, date] = {}
    ran: list[date] = []
    for n in range(span):
        today = start + timedelta(days=n)
        if n in off:
            continue
        ran.append(today)
        for d in due_reminders(profile, today, frozenset(sent)):
            assert d.key not in sent
            assert d.remind_on <= today < d.due
            sent[d.key] = today
    if not ran:
        return
    for d in due_dates(profile, ran[0], ran[-1] + timedelta(days=60)):
        if any(d.remind_on <= r < d.due for r in ran):
            assert d.key in sent and sent[d.key] < d.due
        else:
            assert d.key not in sent


def test_service_reminds_once_through_alerts(session, ctx, clock):
    """The shop's reminders become alerts (chat, Today page) once, however often the job runs."""
    clock.set(datetime(2026, 7, 1, 4, 0, tzinfo=UTC))
    fired = []
    for _day in range(40):
        fired += [d.key for d in gst_returns.send_due_reminders(ctx)]
        fired += [d.key for d in gst_returns.send_due_reminders(ctx)]  # a second run the same day
        clock.advance(timedelta(days=1))
    assert fired == ["GSTR-1:2026-06", "GSTR-3B:2026-06", "GSTR-1:2026-07"]
    alerts = alert_store.open_alerts(session.store.db(), kind=gst_returns.REMINDER_ALERT)
    assert sorted(a.subject for a in alerts) == sorted(fired)
    assert any("GSTR-3B" in a.message and "20-07-2026" in a.message for a in alerts)
