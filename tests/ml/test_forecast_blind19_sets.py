"""The nineteenth session's never-seen benchmark sets (bench/forecast/blind19.py: physicians' monthly prescriptions from
Debian's r-cran-bayesm, monthly rotavirus cases from r-cran-surveillance): each loader returns the series and lengths
written down in docs/forecasting.md before their one run. Our forecaster is never called here; a test whose Debian
package is not in the bench cache is skipped, and no test downloads anything."""

from datetime import date

import numpy as np
from bench_modules import bench_module, check_registered, skip_unless_debian_cached

BAYESM = (("r-cran-bayesm", "bayesm"),)
SURVEILLANCE = (("r-cran-surveillance", "surveillance"),)


def _module(name: str):
    return bench_module("forecast", name)


def _blind19():
    _module("blind8")  # blind19 labels as blind8 and scales as blind10 does
    _module("blind10")
    _module("debian_r")
    return _module("blind19")


def test_prescriptions_are_1000_doctors_of_24_months_with_the_first_month_from_the_lag():
    skip_unless_debian_cached(BAYESM)
    Y, start, names = _blind19().load_prescriptions_monthly(download=False)
    assert Y.shape == (1000, 24) and start == date(1994, 1, 1) and names[0] == "doctor 1" and len(set(names)) == 1000
    assert Y[0, :6].tolist() == [4, 3, 12, 3, 6, 5]  # doctor 1: lagged_scripts 4, then scripts 3, 12, 3, 6, 5
    assert not np.isnan(Y).any() and float(Y.sum()) == 121_817 and int((Y == 0).sum()) == 5_789  # counts, unscaled


def test_rotavirus_is_5_age_groups_of_144_months_scaled():
    skip_unless_debian_cached(SURVEILLANCE)
    Y, start, names = _blind19().load_rotavirus_monthly(download=False)
    assert Y.shape == (5, 144) and start == date(2002, 1, 1)
    assert names == ["00-04", "05-09", "10-14", "15-69", "70+"]
    assert not np.isnan(Y).any() and int((Y == 0).sum()) == 24
    assert np.allclose(Y[:, 144 - 12 - 24: 144 - 12].mean(axis=1), 1000.0)


def test_nineteenth_session_sets_registered_as_never_seen_with_final_windows():
    skip_unless_debian_cached(BAYESM + SURVEILLANCE)
    _blind19()
    compare = _module("compare")
    check_registered(compare, "blind19-rotavirus-monthly", "M", 5, 144)
    ds = compare.LOADERS["blind19-prescriptions-monthly"]()
    # 24 months hold no yearly season: season 1 for the baselines, statsforecast and the cell rule
    assert ds.freq == "M" and ds.held_out and ds.horizons == (4, 8, 12) and (ds.season, ds.sf_season) == (1, 1)
    for h in ds.horizons:
        _sub, origin, train, actual, keep = compare.cell(ds, h, 0)
        assert origin == 24 - h and train.shape == (1000, origin) and actual.shape == (1000, h)
        assert int(keep.sum()) == 1000 and not np.isnan(actual).any()
