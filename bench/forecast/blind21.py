"""The twenty-first session's never-seen sets (issue 13: "checked on further real series the project has never seen").

Written down with their cells (28 days for the daily set; 4, 8 and 12 weeks for the weekly one; the final windows) in
docs/forecasting.md before their one run; registered in ``compare.py`` as ``blind21-web-accesses-daily`` and
``blind21-grain-shipments-weekly``. Each loader returns ``(Y, start, names)``: Y is (series, periods), ``start`` the
label of column 0. Both are read from Debian's R packages, fetched by ``debian_r.py`` into the bench cache (not
shipped); ``download=False`` (the tests) raises FileNotFoundError where the package is not in the cache. Neither is
scaled: each is one series, so its WAPE does not depend on its unit.

Only two sets, one series each: no set of many series of a shop's kind of demand is left in Debian's R packages that
no earlier set used (docs/forecasting.md, "Twenty-first session: the never-seen sets, written down before their one
run", lists what was opened and left), so these two figures are each one series' luck, and are written down as such.

* ``web-accesses-daily``: latticeExtra's ``biocAccess`` (Sarkar, *Lattice: Multivariate Data Visualization with R*,
  Springer 2008; Debian ``r-cran-latticeextra``): the hourly number of access attempts to the Bioconductor website
  (entries in its access log), 1 January to 31 May 2007, summed to whole days: 151 days, none unknown (11 March 2007,
  the day the US clocks moved forward, has 23 hours: its count is the whole day's). A web shop's daily visits: a
  clear week (Monday to Thursday about 77,000 to 83,000 a day, Saturday and Sunday 53,000 to 58,000), a level that
  moves, and single days up to twice the usual (146,010 on Tuesday 15 May, 130,724 the day before: both in the
  held-out days). Season 7 for every method, statsforecast's 7 too, MASE by the same weekday's error a week before;
  horizon 28 days, as the kirana's (123 days before the origin).
* ``grain-shipments-weekly``: AER's ``CartelStability`` (Porter, "A Study of Cartel Stability: The Joint Executive
  Committee, 1880-1886", *Bell Journal of Economics* 14(2), 1983; Stock and Watson, *Introduction to Econometrics*,
  2nd ed., 2007; Debian ``r-cran-aer``): the tonnage of grain the railroads of the Joint Executive Committee carried
  from Chicago to the east coast each week, 1880 to the 16th week of 1886: 328 weeks (AER's help says 326; the data
  holds 328 rows, 52 a year in 13 four-week periods, which the loader checks), none unknown. A weekly demand with a
  season: shippers chose rail when the Great Lakes were frozen (the data's ``ice``) and lake steamers otherwise, so
  shipments rise in winter and fall in summer, and they moved with the cartel's price wars. Right-aligned on a
  nominal calendar whose last week is 16 to 22 April 1886 (1 January 1886 plus 15 weeks), labelled by its Sunday, 18
  April, as blind13's and blind20's weekly sets: the data's year has 52 weeks of its own, so a label's week drifts
  from the real one, by up to 8 days at the first week (1-7 January 1880, labelled 11 January). Season 52 for
  seasonal naive, statsforecast's 1, MASE by the one-week naive error, as every weekly set; horizons 4, 8 and 12
  weeks.
"""

from __future__ import annotations

from datetime import date, timedelta

import debian_r
import numpy as np

FIRST_DAY = date(2007, 1, 1)  # biocAccess's first day
DAYS = 151  # 1 January to 31 May 2007
LAST_SUNDAY = date(1886, 4, 18)  # the Sunday of the weekly set's nominal last week, 16-22 April 1886
WEEKS = 328  # 6 years of 52 weeks and 16 weeks of 1886


def load_web_accesses_daily(download: bool = True) -> tuple[np.ndarray, date, list[str]]:
    """1 series of 151 days (1 January to 31 May 2007), in access attempts a day; none unknown."""
    root = debian_r.unpacked("r-cran-latticeextra", "latticeextra", download)
    if root is None:
        raise FileNotFoundError("r-cran-latticeextra is not in the cache")
    hits = debian_r.lazyload(root / debian_r.SITE / "latticeExtra" / "data" / "Rdata", "biocAccess")
    months = {m: i + 1 for i, m in enumerate(["Jan", "Feb", "Mar", "Apr", "May"])}
    day = np.array([(date(int(y), months[str(m)], int(d)) - FIRST_DAY).days
                    for y, m, d in zip(hits["year"], hits["month"], hits["day"], strict=True)])
    assert day.min() == 0 and day.max() == DAYS - 1
    hours = np.bincount(day, minlength=DAYS)
    assert (hours == 24).sum() == DAYS - 1 and hours[(date(2007, 3, 11) - FIRST_DAY).days] == 23  # the clocks' day
    Y = np.bincount(day, weights=hits["counts"].to_numpy(float), minlength=DAYS)[None, :]
    return Y, FIRST_DAY, ["Bioconductor website"]


def load_grain_shipments_weekly(download: bool = True) -> tuple[np.ndarray, date, list[str]]:
    """1 series of 328 weeks (1880 to the 16th week of 1886), in tons a week, right-aligned on the nominal last week
    16-22 April 1886; none unknown."""
    root = debian_r.unpacked("r-cran-aer", "aer", download)
    if root is None:
        raise FileNotFoundError("r-cran-aer is not in the cache")
    import warnings

    import rdata

    with warnings.catch_warnings():  # the file names no string encoding; its strings are ASCII, as rdata assumes
        warnings.simplefilter("ignore", UserWarning)
        cartel = rdata.read_rda(str(root / debian_r.SITE / "AER" / "data" / "CartelStability.rda"))["CartelStability"]
    # 52 weeks a year, 4 to each of the 13 periods, in order: the rows are whole weeks with none left out
    period = cartel["season"].cat.codes.to_numpy()
    assert len(period) == WEEKS and (period == (np.arange(WEEKS) % 52) // 4).all()
    Y = cartel["quantity"].to_numpy(float)[None, :]
    return Y, LAST_SUNDAY - timedelta(weeks=WEEKS - 1), ["Joint Executive Committee"]
