"""Demand forecasting for the shop's items: the API the inventory and pricing agents call.

    from app.ml.forecast import SeriesHistory, PlanRow, forecast, what_if

    histories = [SeriesHistory("atta-5kg", dates, qty, price=prices, promo=promos), ...]
    results = forecast(histories, horizon=14, freq="D", plan={"atta-5kg": [PlanRow(day, 235.0, 1.0), ...]})
    results[0].mean, results[0].p10, results[0].p90, results[0].method

The forecaster fits on the history it is given, every call (see ``docs/forecasting.md``):

* each series is put in a demand class (smooth, erratic, intermittent, lumpy, dying, none) by
  ADI/CV², which routes it to its statistical method (SES with weekday indices, Croston-SBA, TSB);
* a price/promotion response (log-linear, shrunk towards the pooled response) is fitted per series,
  and the statistical methods see the history with those effects taken out;
* the global gradient-boosted model (ONNX, ``resources/models/forecast_gbm.onnx``) scales the
  recent level by calendar, festival, price and promotion features;
* each series' method is picked by a backtest on the last periods of its history, and the robust
  baseline (median of the recent periods) is kept unless a method beats it there;
* p10/p90 come from the backtest errors of the picked method.

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
