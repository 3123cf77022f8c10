"""Demand forecasting for the shop's items: the API the inventory and pricing agents call.

    from app.ml.forecast import SeriesHistory, PlanRow, forecast, what_if

    histories = [SeriesHistory("atta-5kg", dates, qty, price=prices, promo=promos), ...]
    results = forecast(histories, horizon=14, freq="D", plan={"atta-5kg": [PlanRow(day, 235.0, 1.0), ...]})
    results[0].mean, results[0].p10, results[0].p90, results[0].method

The forecaster fits on the history it is given, every call (see ``docs/forecasting.md``):

* each series is divided by its own scale, so the forecast scales with the data;
* price and promotion effects (a clipped log-linear response) are taken out of the history and put
  back for the plan;
* candidates: the robust level, naive, seasonal naive, ETS (trend and additive/multiplicative
  seasons), Theta, Croston-SBA and TSB, the weekday x year decomposition and the global
  gradient-boosted model (ONNX) for daily data;
* each series' method is picked by rolling-origin cross-validation (the median of the window errors),
  with a combination where no single method is clearly best;
* p10/p90 come from the empirical quantiles of the chosen method's CV errors.

Quantities are in the item's unit (``qty_milli / 1000``); prices in any unit (rupees, paise), as
long as history and plan use the same one. ``promo`` is 0 (none) to 1 (a full promotion; a week
with three promotion days out of seven is 3/7).
"""

from app.ml.forecast._api import (
    Freq,
    PlanRow,
    RegularDates,
    SeriesForecast,
    SeriesHistory,
    WhatIf,
    forecast,
    what_if,
)
from app.ml.forecast._csv import read_history_csv, read_plan_csv, write_forecast_csv

__all__ = [
    "Freq",
    "PlanRow",
    "RegularDates",
    "SeriesForecast",
    "SeriesHistory",
    "WhatIf",
    "forecast",
    "read_history_csv",
    "read_plan_csv",
    "what_if",
    "write_forecast_csv",
]
