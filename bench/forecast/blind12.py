"""The twelfth session's never-seen sets (issue 13: "checked on further real series the project has never seen").

Written down with their cells (horizons 4, 8 and 12 periods, the final windows) in docs/forecasting.md before their
one run; registered in ``compare.py`` as ``blind12-chicago-weekly``, ``blind12-texas-home-sales`` and
``blind12-monthly-sales``. Each loader returns ``(Y, start, names)``: Y is (series, periods) with NaN where a period is
unknown, ``start`` the label of column 0. All three are read from Debian's R packages (``debian_r.py``: downloaded once
into a cache outside git, never shipped).

* ``chicago-weekly``: weekly boardings (entries, thousands) at 20 stations of the Chicago "L" rail system, the
  ridership data of the City of Chicago's open-data portal (Chicago Transit Authority) as bundled in the R package
  modeldata's ``Chicago`` (Kuhn and Johnson, "Feature Engineering and Selection", 2019; modeldata is MIT; Debian's
  ``r-cran-modeldata`` 1.1.0). The data set holds daily rides from 22 January 2001 to 28 August 2016 at Clark/Lake
  (``ridership``) and, as predictors, at 20 stations (Clark/Lake among them) lagged by 14 days; ``ridership`` is
  Clark/Lake's column 14 days later (checked: equal). So each station's own daily series is its column moved back 14
  days (8 January 2001 to 14 August 2016), all 20 end on the same day, and ``ridership`` adds nothing. Summed over
  Monday-Sunday weeks (whole weeks only; a week with an unknown day would be unknown: none is), 814 weeks each, 8 to
  14 January 2001 to 8 to 14 August 2016, labelled by their Sunday. No day is unknown; 242 station-days are 0 (no
  rides recorded), no week is. Transit demand with a yearly season, holidays and trends.
* ``texas-home-sales``: monthly number of homes sold in 46 Texas cities and areas (multiple listing service sales),
  January 2000 to July 2015, 187 months, from the Real Estate Center at Texas A&M University as bundled in the R
  package ggplot2's ``txhousing`` (ggplot2 is MIT; Debian's ``r-cran-ggplot2`` 3.4.1). All 46 cities in the data's
  (alphabetical) order; a month the data leaves empty (NA: 568 of the 8,602, in 20 cities, e.g. a city not yet
  reported) is unknown, not zero, and no month is 0. Real calendar months. Housing demand with a yearly season.
* ``monthly-sales``: 2 long monthly sales series with a yearly season: the Dutch retail sales index (AER's
  ``DutchSales``, Franses 1998, "Time Series Models for Business and Economic Forecasting"; May 1960 to September
  1995; AER is GPL-2 | GPL-3, Debian's ``r-cran-aer`` 1.2-10) and US merchant wholesalers' sales of beer, wine and
  distilled alcoholic beverages (modeldata's ``drinks``, US Census Bureau series S4248SM144NCEN, millions of dollars,
  not seasonally adjusted; January 1992 to September 2017). Each is cut at the last December it holds (as blind10's
  monthly-demand), so both end in a real December; right-aligned with blind8's nominal calendar (each ends in
  "December 1995"; the month is real, the year nominal).

The three sets are scaled as blind10's (``blind10.scaled``): each series' mean over the two years before the h 12
origin is 1,000, so the pooled WAPE weighs the series about equally (the stations' volumes differ 20-fold, the
cities' 100-fold, the two sales series' units are an index and millions of dollars). MASE and the p10-p90 coverage do
not depend on the unit.
"""

from __future__ import annotations

from datetime import date, timedelta

import debian_r
import numpy as np
from blind8 import _start
from blind10 import scaled

EPOCH = date(1970, 1, 1)  # R's Date: days since
LAG = 14  # modeldata's Chicago: each station column is that station's rides 14 days earlier


def _modeldata(name: str, download: bool = True):
    root = debian_r.unpacked("r-cran-modeldata", "modeldata", download)
    if root is None:
        raise FileNotFoundError("r-cran-modeldata is not in the cache")
    return debian_r.lazyload(root / debian_r.SITE / "modeldata" / "data" / "Rdata", name)


def weekly_sums(daily: np.ndarray, first: date) -> tuple[np.ndarray, date]:
    """(series, days) daily values from ``first`` summed over Monday-Sunday weeks: only whole weeks (the partial ones
    at either end are dropped), NaN where a day of the week is unknown; and the first week's Sunday."""
    skip = (7 - first.weekday()) % 7  # days before the first Monday
    n = (daily.shape[1] - skip) // 7
    weeks = daily[:, skip: skip + 7 * n].reshape(daily.shape[0], n, 7).sum(axis=2)  # NaN if a day is NaN
    return weeks, first + timedelta(days=skip + 6)


def load_chicago_weekly(download: bool = True) -> tuple[np.ndarray, date, list[str]]:
    """20 weekly series of 814 weeks, each scaled to a recent mean of 1,000."""
    c = _modeldata("Chicago", download)
    days = c["date"].to_numpy(float).astype(int)
    assert np.all(np.diff(days) == 1)  # a daily index without gaps: a missing day would shift every later one
    cols = [str(k) for k in c.columns]
    stations = cols[cols.index("ridership") + 1: cols.index("temp_min")]
    assert len(stations) == 20 and np.array_equal(c["Clark_Lake"].to_numpy()[LAG:], c["ridership"].to_numpy()[:-LAG])
    daily = c[stations].to_numpy(float).T  # row d: the station's rides on day d - LAG
    Y, first_sunday = weekly_sums(daily, EPOCH + timedelta(days=int(days[0]) - LAG))
    return scaled(Y, 52), first_sunday, stations


def load_texas_home_sales(download: bool = True) -> tuple[np.ndarray, date, list[str]]:
    """46 monthly series of 187 months (NaN where the data has no figure), each scaled to a recent mean of 1,000."""
    root = debian_r.unpacked("r-cran-ggplot2", "ggplot2", download)
    if root is None:
        raise FileNotFoundError("r-cran-ggplot2 is not in the cache")
    tx = debian_r.lazyload(root / debian_r.SITE / "ggplot2" / "data" / "Rdata", "txhousing")
    names = list(dict.fromkeys(tx["city"]))
    month = (tx["year"].to_numpy(int) - 2000) * 12 + tx["month"].to_numpy(int) - 1
    Y = np.full((len(names), int(month.max()) + 1), np.nan)
    sales = tx["sales"].to_numpy(float)
    # R's NA is a signalling NaN (arithmetic on it warns): stored as a plain NaN, unknown as any other
    Y[tx["city"].map(names.index).to_numpy(), month] = np.where(np.isnan(sales), np.nan, sales)
    assert month.min() == 0 and Y.shape == (46, 187) and int(np.isnan(Y).sum()) == int(tx["sales"].isna().sum())
    return scaled(Y, 12), date(2000, 1, 1), names


def to_last_december(y: np.ndarray, first_month: int) -> np.ndarray:
    """A monthly series whose first value is of calendar month ``first_month`` (1-12), cut at its last December."""
    last = max(k for k in range(len(y)) if (first_month - 1 + k) % 12 == 11)
    return y[: last + 1]


def load_monthly_sales(download: bool = True) -> tuple[np.ndarray, date, list[str]]:
    """2 series, each cut at its last December (416 and 300 months), right-aligned, scaled to a recent mean of 1,000."""
    root = debian_r.unpacked("r-cran-aer", "aer", download)
    if root is None:
        raise FileNotFoundError("r-cran-aer is not in the cache")
    import warnings

    import rdata

    with warnings.catch_warnings():  # the .rda names no string encoding; it holds no strings that need one
        warnings.simplefilter("ignore", UserWarning)
        dutch = rdata.read_rda(str(root / debian_r.SITE / "AER" / "data" / "DutchSales.rda"))["DutchSales"]
    drinks = _modeldata("drinks", download)
    first_drinks = EPOCH + timedelta(days=int(drinks["date"].iloc[0]))
    last_drinks = EPOCH + timedelta(days=int(drinks["date"].iloc[-1]))
    # regular monthly indexes: DutchSales' time runs from 1960 + 4/12 (May) by twelfths, drinks' from Jan 1992 by month
    assert float(dutch.index[0]) == 1960 + 4 / 12 and float(dutch.index[-1] - dutch.index[0]) * 12 == len(dutch) - 1
    assert first_drinks == date(1992, 1, 1) and (last_drinks.year - 1992) * 12 + last_drinks.month == len(drinks)
    ys = [to_last_december(dutch.to_numpy(float), 5),  # May 1960 (the series' tsp: 1960 + 4/12)
          to_last_december(drinks["S4248SM144NCEN"].to_numpy(float), first_drinks.month)]
    T = max(len(y) for y in ys)
    Y = np.full((len(ys), T), np.nan)
    for i, y in enumerate(ys):
        Y[i, T - len(y):] = y
    return scaled(Y, 12), _start(T, 12), ["DutchSales", "drinks"]
