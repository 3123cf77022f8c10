"""The nineteenth session's never-seen sets (issue 13: "checked on further real series the project has never seen").

Written down with their cells (horizons 4, 8 and 12 periods, the final windows) in docs/forecasting.md before their
one run; registered in ``compare.py`` as ``blind19-prescriptions-monthly`` and ``blind19-rotavirus-monthly``. Each
loader returns ``(Y, start, names)``: Y is (series, periods), ``start`` the label of column 0. Both are read from
Debian's R packages, fetched by ``debian_r.py`` into the bench cache (not shipped); ``download=False`` (the tests)
raises FileNotFoundError where the package is not in the cache.

* ``prescriptions-monthly``: bayesm's ``detailing`` (Manchanda, Rossi and Chintagunta, *J. Marketing Research* 2004;
  Debian ``r-cran-bayesm``): 1,000 US physicians' monthly counts of new prescriptions of one drug, 24 months each
  (the first month is the data's ``lagged_scripts`` of each doctor's first row, the next 23 its ``scripts``; checked:
  every later row's ``lagged_scripts`` is the row before's ``scripts``). A pharmacy's monthly demand for one item
  from each of its prescribers: small counts (median 3 a month), many 0 and 1, like a shop's slow movers. The data
  names no calendar: nominal months ending December 1995 (blind8's calendar). 24 months hold no yearly season that a
  method could learn (the cell rule asks for 2 seasons of history), so the set is scored with season 1: seasonal
  naive is naive, and MASE's scale is the one-month naive error. Left in its unit (prescriptions).
* ``rotavirus-monthly``: surveillance's ``rotaBB`` (Debian ``r-cran-surveillance``): rotavirus cases notified in
  Brandenburg, Germany, by month, January 2002 to December 2013 (144 months), in 5 age groups (0-4, 5-9, 10-14,
  15-69, 70 and over). A pharmacy's demand for what the cases need (oral rehydration salts, a child's diarrhoea
  remedies): counts of people, with a strong winter and spring season. Each series scaled as blind10's
  (``blind10.scaled``: its mean over the two years before the h 12 origin is 1,000): the age groups differ 45-fold.
"""

from __future__ import annotations

from datetime import date

import debian_r
import numpy as np
from blind8 import _start
from blind10 import scaled


def _bayesm_detailing(download: bool) -> dict:
    root = debian_r.unpacked("r-cran-bayesm", "bayesm", download)
    if root is None:
        raise FileNotFoundError("r-cran-bayesm is not in the cache")
    import rdata

    return rdata.read_rda(str(root / debian_r.SITE / "bayesm" / "data" / "detailing.rda"))["detailing"]


def load_prescriptions_monthly(download: bool = True) -> tuple[np.ndarray, date, list[str]]:
    """1,000 series of 24 months, in new prescriptions a month; none unknown."""
    counts = _bayesm_detailing(download)["counts"]
    ids = counts["id"].to_numpy()
    scripts = counts["scripts"].to_numpy(float)
    lagged = counts["lagged_scripts"].to_numpy(float)
    names = [str(int(i)) for i in dict.fromkeys(ids)]
    rows = []
    for name in names:
        m = ids == int(name)
        assert np.array_equal(lagged[m][1:], scripts[m][:-1])  # each row's lag is the month before
        rows.append(np.concatenate([lagged[m][:1], scripts[m]]))
    Y = np.stack(rows)
    return Y, _start(Y.shape[1], 12), [f"doctor {n}" for n in names]


def load_rotavirus_monthly(download: bool = True) -> tuple[np.ndarray, date, list[str]]:
    """5 series of 144 months (January 2002 to December 2013), each scaled to a recent mean of 1,000."""
    observed = debian_r.surveillance_observed("rotaBB", 12, (2002, 1), download)
    Y = np.asarray(observed, float).T
    names = [str(v) for v in observed.coords["dim_1"].values]
    return scaled(Y, 12), date(2002, 1, 1), names
