"""A series that sells in few periods is not forecast far past its own record (app/ml/forecast/_engine.py,
``SPARSE_RECORD_END``; issue 13, twenty-first session): a multiplicative season fitted to a level near zero put a
month of 25 house sales into the forecast of an Ames neighbourhood that had never sold more than 2 in a month."""

from __future__ import annotations

from datetime import date

import numpy as np

from app.ml.forecast import RegularDates, SeriesHistory, forecast

START = date(2006, 1, 1)

# blind20-house-sales-monthly, the neighbourhood that carried 9.4 of the 71.9 points of WAPE at h 4: 50 months, 5 sales
AMES = [0, 0, 0, 0, 1, 0, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0]


def test_the_ames_neighbourhood_is_not_forecast_past_its_record() -> None:
    """Before: Holt-Winters multiplicative, 0.23 / 0.23 / 25.11 / 0.23 (p10-p90 19-32 in the third month)."""
    y = np.array(AMES, dtype=float)
    res = forecast([SeriesHistory("ames", RegularDates(START, len(y), "M"), y)], 4, "M", use_model=False)[0]
    assert res.mean.max() <= y.max(), res.mean
    assert res.p90.max() <= 2 * y.max(), res.p90


def test_sparse_monthly_counts_stay_under_their_record() -> None:
    """300 Poisson series at 0.05 to 0.4 a month, 50 months: no mean forecast passes 1.5 times the series' highest month
    (``SPARSE_RECORD_FACTOR``; before: up to 26 times it, on 20 series forecast by a multiplicative season)."""
    rng = np.random.default_rng(5)
    hist = [SeriesHistory(f"s{i}", RegularDates(START, 50, "M"), rng.poisson(rng.uniform(0.05, 0.4), 50).astype(float))
            for i in range(300)]
    for h in (4, 12):
        res = forecast(hist, h, "M", use_model=False)
        ratio = np.array([r.mean.max() / max(float(s.qty.max()), 1.0) for r, s in zip(res, hist, strict=True)])
        assert ratio.max() <= 1.5 + 1e-9, (h, np.sort(ratio)[-5:])
