"""The twentieth session's never-seen sets (issue 13: "checked on further real series the project has never seen").

Written down with their cells (horizons 4, 8 and 12 periods, the final windows) in docs/forecasting.md before their
one run; registered in ``compare.py`` as ``blind20-house-sales-monthly`` and ``blind20-influenza-districts-weekly``.
Each loader returns ``(Y, start, names)``: Y is (series, periods), ``start`` the label of column 0. Both are read from
Debian's R packages, fetched by ``debian_r.py`` into the bench cache (not shipped); ``download=False`` (the tests)
raises FileNotFoundError where the package is not in the cache. Neither is scaled: each counts one unit (sales,
cases), and a pooled WAPE weighted by volume is a shop's (as blind19's prescriptions).

* ``house-sales-monthly``: modeldata's ``ames`` (De Cock, "Ames, Iowa: Alternative to the Boston Housing Data as an
  End of Semester Regression Project", *J. Statistics Education* 19(3), 2011: every residential sale recorded by the
  Ames, Iowa City Assessor's Office, 2006 to July 2010; Debian ``r-cran-modeldata``): the number of sales a month in
  each of the 28 neighbourhoods with a sale in the data, January 2006 to June 2010 (54 months; the data's last month,
  July 2010, holds 8 sales against 72 to 82 in April to June: a part month, dropped). Small monthly counts (0 to 22;
  North Ames 8 a month on average, 4 neighbourhoods 10 sales or fewer in all), many months 0, a strong spring and
  summer season: a shop's slow and seasonal lines, a sale of something people buy. Real calendar months; season 12
  (42 to 50 months before the origins: more than the cell rule's 2 seasons).
* ``influenza-districts-weekly``: surveillance's ``fluBYBW`` (Paul and Held, *Statistics in Medicine* 2011; Meyer and
  Held, *Annals of Applied Statistics* 2014; Robert Koch Institute's SurvStat, queried 6 March 2009; Debian
  ``r-cran-surveillance``): influenza A and B cases notified a week in each of the 140 districts of Bavaria and
  Baden-Wuerttemberg, 416 weeks from week 1 of 2001 (52 a year: 2004's 53rd ISO week is no row of its own). A
  chemist's demand for flu remedies, branch by branch: intermittent (91% of the district-weeks 0), a winter season
  whose size and start differ each year. Right-aligned on a nominal calendar whose last week is ISO 2008-W52 (Monday 22
  to Sunday 28 December 2008), labelled by its Sunday as blind13's weekly set: a label's week is the real one to
  within a week. Season 52 for seasonal naive, statsforecast's 1 and MASE by the one-week naive error, as every
  weekly set. The held-out weeks (October to December 2008) are the start of the 2008/09 season: 284 of the last 12
  weeks' 317 cases fall in the last 4, so each cell turns on whether a method sees that start coming.
"""

from __future__ import annotations

from datetime import date, timedelta

import debian_r
import numpy as np

FIRST_MONTH = 2006 * 12  # January 2006, the data's first month of sale
LAST_MONTH = 2010 * 12 + 5  # June 2010: July 2010, the data's last month, is a part month (8 sales)
LAST_SUNDAY = date(2008, 12, 28)  # the weekly set's nominal last week, ISO 2008-W52


def load_house_sales_monthly(download: bool = True) -> tuple[np.ndarray, date, list[str]]:
    """28 series of 54 months (January 2006 to June 2010), in sales a month; none unknown."""
    root = debian_r.unpacked("r-cran-modeldata", "modeldata", download)
    if root is None:
        raise FileNotFoundError("r-cran-modeldata is not in the cache")
    ames = debian_r.lazyload(root / debian_r.SITE / "modeldata" / "data" / "Rdata", "ames")
    month = ames["Year_Sold"].to_numpy(int) * 12 + ames["Mo_Sold"].to_numpy(int) - 1
    assert month.min() == FIRST_MONTH and month.max() == LAST_MONTH + 1  # the part month that is dropped
    where = ames["Neighborhood"].astype(str).to_numpy()
    names = [str(n) for n in ames["Neighborhood"].cat.categories if (where == str(n)).any()]
    Y = np.zeros((len(names), LAST_MONTH - FIRST_MONTH + 1))
    for i, name in enumerate(names):
        sold = month[(where == name) & (month <= LAST_MONTH)] - FIRST_MONTH
        np.add.at(Y[i], sold, 1.0)
    return Y, date(2006, 1, 1), names


def load_influenza_districts_weekly(download: bool = True) -> tuple[np.ndarray, date, list[str]]:
    """140 series of 416 weeks, in cases a week, right-aligned on the nominal last week ISO 2008-W52; none unknown."""
    observed = debian_r.surveillance_observed("fluBYBW", 52, (2001, 1), download)
    Y = np.asarray(observed, float).T
    names = [f"district {v}" for v in observed.coords["dim_1"].values]
    return Y, LAST_SUNDAY - timedelta(weeks=Y.shape[1] - 1), names
