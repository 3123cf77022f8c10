"""Holidays that move against a yearly season (issue 13, twenty-third session): Easter falls in March one year and in
April the next, so a monthly season learnt from last year puts Easter's dip in last year's month. The engine fits each
series' holiday effect on its own history's occurrences and forecasts the dip in the month that holds it this year."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from app.ml.forecast import RegularDates, SeriesHistory, _engine, forecast
from app.ml.forecast import _holidays as hol


def test_easter_by_the_computus() -> None:
    assert [hol.easter(y) for y in (1818, 2005, 2007, 2008, 2024, 2025, 2285)] == [
        date(1818, 3, 22), date(2005, 3, 27), date(2007, 4, 8), date(2008, 3, 23), date(2024, 3, 31),
        date(2025, 4, 20), date(2285, 3, 22)]


def test_exposure_splits_a_window_across_months() -> None:
    # Easter 2024 on 31 March: Good Friday to Easter Saturday in March, the Sunday in March, the Monday in April
    X = hol.exposure(date(2024, 4, 30), -1, 0, "M", "easter")
    assert X[0].tolist() == [0.75, 0.25]


def easter_months(start: date, n: int, dip: float, seed: int = 0) -> np.ndarray:
    """``n`` months from ``start`` at about 100, a yearly swing, and the months holding Easter (Good Friday to Easter
    Monday) down by ``dip`` times the share of those days in them (a pharmacy shut over the long weekend)."""
    rng = np.random.default_rng(seed)
    X = hol.exposure(date(start.year + (start.month - 1 + n - 1) // 12, (start.month - 1 + n - 1) % 12 + 1, 1),
                     -(n - 1), 0, "M", "easter")[0]
    t = np.arange(n)
    month = (start.month - 1 + t) % 12
    season = 1 + 0.15 * np.sin(2 * np.pi * month / 12)
    return 100 * season * (1 - dip * X) * rng.lognormal(0, 0.01, n)


@pytest.mark.parametrize("holidays", [True, False])
def test_a_monthly_easter_dip_is_forecast_in_the_month_that_holds_it(holidays: bool,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # history January 2005 to February 2016; Easter 2015 on 5 April, Easter 2016 on 27 March
    monkeypatch.setattr(_engine, "HOLIDAYS", holidays)
    start, n = date(2005, 1, 1), 134
    y = easter_months(start, n, 0.2)
    res = forecast([SeriesHistory("pharmacy", RegularDates(start, n, "M"), y)], 4, "M")[0]
    assert res.dates[0] == date(2016, 3, 1)
    # without Easter, March 2016 would sell sin(2 pi 2 / 12) against April's sin(2 pi 3 / 12): 113 and 115
    march, april = res.mean[0], res.mean[1]
    if holidays:
        assert march < 0.9 * april  # the dip in March, where Easter is this year
    else:
        assert march > april  # last year's season: the dip in April (the engine before the change)


def test_a_holiday_never_moved_changes_nothing() -> None:
    rng = np.random.default_rng(1)
    Z = rng.lognormal(0, 0.1, (3, 60))
    X = np.zeros((1, 72))
    X[0, 3::12] = 1.0  # the same month every year
    g = hol.holiday_factor(Z, X, 60, 12, np.ones(3, dtype=bool), 2.0)
    assert (g == 1.0).all()


def test_india_festivals_only_where_the_calendar_dates_them() -> None:
    # Diwali (2001-2035 in app.domain.festivals) moves between October and November: 12 November 2023, 31 October
    # 2024 (the holidays package's date), each with its week of buying before it
    X = hol.exposure(date(2024, 12, 31), -23, 0, "M", "all")
    diwali = X[1]
    assert diwali[10] == 1.0 and diwali[21] == 1.0  # November 2023, October 2024
    assert diwali.sum() == 2.0
    # a span the calendar does not cover: a row of zeros, never a holiday that seems to have moved
    assert not hol.exposure(date(1999, 12, 31), -23, 0, "M", "all")[1].any()
