"""One item's recent daily sales and the forecast that follows them: what the Items page draws.

The forecast is :func:`app.ml.forecast.forecast` on the item's own ledger (days without a row are days
without sales), ending yesterday: today's sales are not complete yet. It is the forecaster's view before
the inventory agent applies what it learnt (bias, festivals, price changes, planned promotions), so the
seller sees what the history says.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from app.ml.forecast._api import RegularDates, SeriesHistory, forecast

HISTORY_DAYS = 91  # thirteen weeks on screen, so the weekly pattern shows
FIT_DAYS = 365  # what the forecaster learns from (a year, for the yearly factor), more than is drawn
HORIZON = 28

__all__ = ["FIT_DAYS", "HISTORY_DAYS", "HORIZON", "Outlook", "outlook"]


@dataclass(frozen=True)
class Outlook:
    """Units per day: ``history`` on ``history_dates`` (oldest first, up to yesterday), then ``mean``,
    ``p10`` and ``p90`` on ``dates`` (from today). No forecast (empty lists) for an item never sold."""

    history_dates: list[date]
    history: list[float]
    dates: list[date]
    mean: list[float]
    p10: list[float]
    p90: list[float]
    method: str

    @property
    def total(self) -> tuple[float, float, float]:
        """Expected units over the whole horizon, and the sum of the daily p10 and p90 (a wider range
        than the total's own, since the days are not all low or all high together)."""
        return float(sum(self.mean)), float(sum(self.p10)), float(sum(self.p90))


def outlook(rows: Iterable[tuple[str, int]], today: date, *, history_days: int = HISTORY_DAYS,
            fit_days: int = FIT_DAYS, horizon: int = HORIZON, use_model: bool = True) -> Outlook:
    """The outlook from ``rows`` of (ISO business date, quantity sold in milli-units), any order, before
    ``today`` (later rows are ignored)."""
    end = today - timedelta(days=1)
    first = end - timedelta(days=max(history_days, fit_days) - 1)
    sold: dict[date, float] = {}
    for day_text, qty_milli in rows:
        day = date.fromisoformat(day_text)
        if first <= day <= end:
            sold[day] = sold.get(day, 0.0) + qty_milli / 1000.0
    shown_from = end - timedelta(days=history_days - 1)
    history_dates = [shown_from + timedelta(days=k) for k in range(history_days)]
    history = [sold.get(day, 0.0) for day in history_dates]
    if not any(v > 0 for v in sold.values()):
        return Outlook(history_dates, history, [], [], [], [], "")
    start = min(sold)  # a new item has a short history, not a run of zeros before it came
    n = (end - start).days + 1
    qty = np.array([sold.get(start + timedelta(days=k), 0.0) for k in range(n)])
    res = forecast([SeriesHistory("item", RegularDates(start, n, "D"), qty)], horizon, "D", end=end,
                   use_model=use_model)[0]
    return Outlook(history_dates, history, list(res.dates), [float(v) for v in res.mean],
                   [float(v) for v in res.p10], [float(v) for v in res.p90], res.method)
