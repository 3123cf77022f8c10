"""Holidays whose date moves against the calendar, as an input of weekly, monthly and quarterly series.

A yearly season holds what comes back in the same month (week, quarter) every year. Easter moves between
March and April (and between the first and second quarter), Diwali between October and November, Holi between
March and April, the two Eids round the whole year: a season learnt from last year puts their dip or lift in
last year's month. Daily series carry the festivals as calendar features of their own (``_calendar``,
``_features``); this module gives the other frequencies

* :func:`exposure`: for each holiday and period, the share of the holiday's effect window that falls in the
  period (computed from the period dates alone: the calendar is known in advance);
* :func:`holiday_factor`: each series' multiplicative effect of each holiday, fitted on the history's own
  occurrences (year-on-year changes of the log series against year-on-year changes of the exposure, so the
  fixed season and the level drop out), shrunk toward zero, and zero where the history has not seen the
  holiday in two different positions.

The engine (``_engine.run_block``) forecasts the series with the factor taken out of the history and put back on
the forecast, and keeps that forecast per series only where its rolling-origin CV windows say it is better.
"""

from __future__ import annotations

import warnings
from datetime import date, timedelta
from functools import lru_cache

import numpy as np

from app.ml.forecast._calendar import Freq, day_number, period_bounds, period_index

# (holiday, first and last day of its effect window relative to the holiday's date). Easter: Good Friday to Easter
# Monday (Australia's and Britain's public holidays; pharmacies and shops shut). India's festivals: the week of
# buying before the day and the day itself (the run-up of _calendar.FESTIVAL_LEAD_DAYS)
EASTER = ("easter", -2, 1)
INDIA: tuple[tuple[str, int, int], ...] = (("diwali", -7, 0), ("holi", -7, 0), ("eid_ul_fitr", -7, 0),
                                           ("eid_ul_adha", -7, 0))
# the holidays used (HOLIDAY_SET in _engine picks among these)
SETS: dict[str, tuple[tuple[str, int, int], ...]] = {"easter": (EASTER,), "all": (EASTER, *INDIA)}
# the years app.domain.festivals (the ``holidays`` package) dates India's festivals in; a festival missing in any
# year of a block's span is left out for that block (a year without it would read as a move)
INDIA_YEARS = (2001, 2035)
# the offset of the log fit (as the drivers': a period of zero sales stays finite)
OFFSET = 0.1
# the largest effect, in log units, either way (a holiday that halves or doubles a period's sales)
MAX_EFFECT = 0.7


def easter(year: int) -> date:
    """Easter Sunday of the Gregorian calendar (the anonymous Gregorian computus, any year)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ll = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ll) // 451
    month, day = divmod(h + ll - 7 * m + 114, 31)
    return date(year, month, day + 1)


@lru_cache(maxsize=64)
def _dates(key: str, first_year: int, last_year: int) -> tuple[date, ...] | None:
    """The holiday's date in each year of the span, or None where the calendar does not cover every year."""
    if key == "easter":
        return tuple(easter(y) for y in range(first_year, last_year + 1))
    if first_year < INDIA_YEARS[0] or last_year > INDIA_YEARS[1]:
        return None
    from app.domain.festivals import festivals

    out = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the holidays package warns of estimated lunar dates
        for y in range(first_year, last_year + 1):
            day = festivals(y).get(key)
            if day is None:
                return None
            out.append(day)
    return tuple(out)


def exposure(end: date, first: int, last: int, freq: Freq, holidays: str = "all") -> np.ndarray:
    """(J, last - first + 1): the share of each holiday's effect window inside each period ``first..last``
    (period indices relative to the period holding ``end``, as in ``_calendar``). A holiday the calendar
    cannot date over the whole span is a row of zeros."""
    todo = SETS[holidays]
    out = np.zeros((len(todo), last - first + 1))
    if freq == "D" or last < first:
        return out
    lo, hi = period_bounds(first, end, freq)[0], period_bounds(last, end, freq)[1]
    # a window reaches a week either side of its date: the years around the span too
    y0, y1 = (lo - timedelta(days=8)).year, (hi + timedelta(days=8)).year
    for j, (key, a, b) in enumerate(todo):
        found = _dates(key, y0, y1)
        if found is None:
            continue
        days = np.array([day_number(d) + k for d in found for k in range(a, b + 1)], dtype=np.int64)
        idx = period_index(days, end, freq) - first
        ok = (idx >= 0) & (idx < out.shape[1])
        out[j] = np.bincount(idx[ok], minlength=out.shape[1])[: out.shape[1]] / (b - a + 1)
    return out


def holiday_factor(Z: np.ndarray, X: np.ndarray, fit_end: int, m: int, use: np.ndarray, shrink: float) -> np.ndarray:
    """(S, X.shape[1]) each series' factor ``exp(sum_j beta_j x_j)`` over the periods of ``X`` (J, T + H), the
    history's ``T`` periods first; 1 where nothing is known.

    ``beta`` is fitted on the periods before ``fit_end`` (no CV window's outcome seen): the change of
    ``log(Z + OFFSET)`` from the same period a season earlier, less its centred mean over a season (the
    series' growth), against the change of the exposure over the same season lag, by ridge regression with
    ``shrink`` on the diagonal (toward zero). A holiday that never changed position in the fitted periods
    gives no such pairs, so its beta is 0. Only the series in ``use`` (S,) get a factor."""
    S = Z.shape[0]
    J = X.shape[0]
    g = np.ones((S, X.shape[1]))
    if fit_end <= m + 1 or not use.any():
        return g
    L = np.log(np.maximum(Z[:, :fit_end], 0.0) + OFFSET)
    d = L[:, m:] - L[:, :-m]  # (S, n)
    dx = X[:, m:fit_end] - X[:, : fit_end - m]  # (J, n)
    moves = np.abs(dx).sum(axis=0) > 0
    if not moves.any():
        return g
    # the growth: a centred moving mean of the year-on-year changes over one season (NaN-aware). A holiday that
    # moved out of one period into the next adds +beta and -beta to two neighbours, which the mean nearly cancels
    seen = ~np.isnan(d)
    cs = np.concatenate([np.zeros((S, 1)), np.cumsum(np.where(seen, d, 0.0), axis=1)], axis=1)
    cn = np.concatenate([np.zeros((S, 1)), np.cumsum(seen, axis=1)], axis=1)
    n = d.shape[1]
    lo = np.clip(np.arange(n) - m // 2, 0, n)
    hi = np.clip(np.arange(n) + (m - m // 2), 0, n)
    with np.errstate(invalid="ignore", divide="ignore"):
        growth = (cs[:, hi] - cs[:, lo]) / (cn[:, hi] - cn[:, lo])
    r = np.where(seen, d - growth, 0.0)[:, moves]
    w = seen[:, moves].astype(np.float64)
    dxm = dx[:, moves]  # (J, k)
    A = np.einsum("jt,st,it->sji", dxm, w, dxm) + shrink * np.eye(J)[None]
    bvec = np.einsum("jt,st->sj", dxm, r)
    beta = np.linalg.solve(A, bvec[:, :, None])[:, :, 0]
    beta = np.clip(beta, -MAX_EFFECT, MAX_EFFECT)
    beta = np.where(use[:, None], beta, 0.0)
    # rounded: a beta of float noise must not turn a series' factor on (and ties stay ties at x 1,000)
    beta = np.round(beta, 9)
    return np.exp(beta @ X)
