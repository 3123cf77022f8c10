"""The twentieth session's never-seen benchmark sets (bench/forecast/blind20.py: monthly house sales by neighbourhood
from Debian's r-cran-modeldata, weekly influenza cases by district from r-cran-surveillance): each loader returns the
series and lengths written down in docs/forecasting.md before their one run. Our forecaster is never called here; a
test whose Debian package is not in the bench cache is skipped, and no test downloads anything."""

from datetime import date

import numpy as np
from bench_modules import bench_module, check_registered, skip_unless_debian_cached

MODELDATA = (("r-cran-modeldata", "modeldata"),)
SURVEILLANCE = (("r-cran-surveillance", "surveillance"),)


def _module(name: str):
    return bench_module("forecast", name)


def _blind20():
    _module("debian_r")
    return _module("blind20")


def test_house_sales_are_28_neighbourhoods_of_54_months_without_the_part_month():
    skip_unless_debian_cached(MODELDATA)
    Y, start, names = _blind20().load_house_sales_monthly(download=False)
    assert Y.shape == (28, 54) and start == date(2006, 1, 1) and len(set(names)) == 28
    assert names[0] == "North_Ames" and "Landmark" in names  # every neighbourhood with a sale, the factor's order
    # 2,930 sales less July 2010's 8 (a part month); counts, unscaled
    assert not np.isnan(Y).any() and float(Y.sum()) == 2_922 and int((Y == 0).sum()) == 580 and Y.max() == 22
    assert Y.sum(axis=0)[-4:].tolist() == [48, 72, 79, 82] and float(Y[0].sum()) == 441  # March-June 2010; North Ames


def test_influenza_is_140_districts_of_416_weeks_ending_in_iso_2008_w52():
    skip_unless_debian_cached(SURVEILLANCE)
    Y, start, names = _blind20().load_influenza_districts_weekly(download=False)
    assert Y.shape == (140, 416) and names[0] == "district 8336" and len(set(names)) == 140
    assert start == date(2001, 1, 14) and start.weekday() == 6  # labelled by their Sundays, the last 28 December 2008
    assert not np.isnan(Y).any() and float(Y.sum()) == 21_921 and int((Y == 0).sum()) == 52_843  # cases, unscaled
    assert Y.sum(axis=0)[-4:].tolist() == [55, 54, 104, 71]


def test_twentieth_session_sets_registered_as_never_seen_with_final_windows():
    skip_unless_debian_cached(MODELDATA + SURVEILLANCE)
    _blind20()
    compare = _module("compare")
    check_registered(compare, "blind20-house-sales-monthly", "M", 28, 54)
    check_registered(compare, "blind20-influenza-districts-weekly", "W", 140, 416)
