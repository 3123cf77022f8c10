"""The twenty-first session's never-seen benchmark sets (bench/forecast/blind21.py: daily access attempts to the
Bioconductor website from Debian's r-cran-latticeextra, weekly grain shipments of a railroad cartel from r-cran-aer):
each loader returns the series and lengths written down in docs/forecasting.md before their one run. Our forecaster
is never called here; a test whose Debian package is not in the bench cache is skipped, and no test downloads
anything."""

from datetime import date

import numpy as np
from bench_modules import bench_module, check_registered, skip_unless_debian_cached

LATTICEEXTRA = (("r-cran-latticeextra", "latticeextra"),)
AER = (("r-cran-aer", "aer"),)


def _module(name: str):
    return bench_module("forecast", name)


def _blind21():
    _module("debian_r")
    return _module("blind21")


def test_web_accesses_are_151_whole_days_from_1_january_2007():
    skip_unless_debian_cached(LATTICEEXTRA)
    Y, start, names = _blind21().load_web_accesses_daily(download=False)
    assert Y.shape == (1, 151) and start == date(2007, 1, 1) and names == ["Bioconductor website"]
    # 3,623 hours summed to days (11 March 2007 has 23); access attempts, unscaled
    assert not np.isnan(Y).any() and float(Y.sum()) == 10_982_849 and Y.min() == 42_173
    assert float(Y[0, -28:].sum()) == 2_282_182 and Y.max() == Y[0, (date(2007, 5, 15) - start).days] == 146_010


def test_grain_shipments_are_328_weeks_ending_in_the_nominal_week_of_18_april_1886():
    skip_unless_debian_cached(AER)
    Y, start, names = _blind21().load_grain_shipments_weekly(download=False)
    assert Y.shape == (1, 328) and names == ["Joint Executive Committee"]
    assert start == date(1880, 1, 11) and start.weekday() == 6  # labelled by their Sundays, the last 18 April 1886
    assert not np.isnan(Y).any() and float(Y.sum()) == 8_326_081  # tons, unscaled
    assert Y[0, -12:].tolist()[:2] == [12_836, 12_344] and float(Y[0, -12:].sum()) == 234_973


def test_twenty_first_session_sets_registered_as_never_seen_with_final_windows():
    skip_unless_debian_cached(LATTICEEXTRA + AER)
    _blind21()
    compare = _module("compare")
    check_registered(compare, "blind21-grain-shipments-weekly", "W", 1, 328)
    # the daily set holds out 28 days, as the kirana (check_registered knows horizons 4, 8 and 12 only)
    ds = compare.LOADERS["blind21-web-accesses-daily"]()
    assert ds.name == "blind21-web-accesses-daily" and ds.freq == "D" and ds.held_out and ds.horizons == (28,)
    assert (ds.season, ds.sf_season) == (7, 7)
    _sub, origin, train, actual, keep = compare.cell(ds, 28, 0)
    assert origin == 123 and train.shape == (1, 123) and actual.shape == (1, 28) and int(keep.sum()) == 1
    assert not np.isnan(actual).any()
