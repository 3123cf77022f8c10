"""A forecast of an item whose recent known days sold nothing is held under the band's top times its pace over
the whole history: with no recent pace the band (``_within_band``) held nothing, and a multiplicative
Holt-Winters fitted to a slow snack's few sales forecast about 7 times anything it had sold, which ordered a case
of 48 with an 87-day life that mostly expired (highway store, seed 2; issue 14, twentieth session)."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from types import SimpleNamespace

import numpy as np
import pytest

from app.agents import demand as demand_module
from app.agents.demand import BAND, DemandForecaster
from app.agents.limits import Limits
from app.agents.planner import Directives
from app.agents.snapshot import build_snapshot

DAYS = 90


def _wild(level: float):
    """A forecaster that forecasts every series at ``level`` a day, whatever its history."""
    def forecast(series, horizon, freq, **_kw):  # type: ignore[no-untyped-def]
        mean = np.full(horizon, level)
        return [SimpleNamespace(mean=mean, p10=mean * 0.5, p90=mean * 1.5, method="hw_mul") for _ in series]
    return forecast


def _with_history(kirana, sku: str, history: np.ndarray):
    snap = build_snapshot(kirana.store, now=kirana.ctx.now(), today=kirana.ctx.today(),
                          limits=Limits.load(kirana.store), directives=Directives())
    sales = np.tile(np.where(np.arange(DAYS) % 2 == 0, 2.0, 1.0), (snap.size, 1)).astype(np.float32)
    sales[snap.index[sku]] = history
    value = np.nan_to_num(sales) * snap.price[:, None].astype(np.float32)
    return dataclasses.replace(snap, sales=sales, sold_value=value,
                               history_start=snap.today - timedelta(days=DAYS)), snap.index[sku]


def _slow_snack() -> np.ndarray:
    """One unit every fourth day for 40 days, then 26 days on the shelf selling none, then 24 days out."""
    history = np.zeros(DAYS, dtype=np.float32)
    history[:40:4] = 1.0
    history[66:] = np.nan
    return history


def test_no_recent_sale_holds_the_forecast_to_the_history_pace(kirana, monkeypatch):
    monkeypatch.setattr(demand_module, "forecast", _wild(1.0))
    snap, i = _with_history(kirana, "CHIPS", _slow_snack())
    assert snap.history_days == DAYS
    forecaster = DemandForecaster()
    forecaster._forecast(snap, [i])
    pace = 10 / 66  # units over the known days
    mean = forecaster._cache["CHIPS"].mean
    # before: 1.0 a day (no recent pace, so no band), 6.6 times the pace, and a case of 24 ordered on it
    assert float(mean.max()) == pytest.approx(BAND[1] * pace, rel=1e-4)
    assert np.all(forecaster._cache["CHIPS"].var >= mean)


def test_a_recent_pace_keeps_the_band_and_no_sale_ever_keeps_the_forecast(kirana, monkeypatch):
    monkeypatch.setattr(demand_module, "forecast", _wild(1.0))
    selling = _slow_snack()
    selling[60] = 1.0  # a sale among the recent known days: the band of the recent pace holds, as before
    snap, i = _with_history(kirana, "CHIPS", selling)
    forecaster = DemandForecaster()
    forecaster._forecast(snap, [i])
    level, _var = demand_module.robust_level(selling)
    assert float(forecaster._cache["CHIPS"].mean.max()) == pytest.approx(BAND[1] * level, rel=1e-4)
    never = np.zeros(DAYS, dtype=np.float32)  # nothing to hold it to: the forecaster's word stands
    snap, i = _with_history(kirana, "CHIPS", never)
    forecaster = DemandForecaster()
    forecaster._forecast(snap, [i])
    assert float(forecaster._cache["CHIPS"].mean.max()) == pytest.approx(1.0)
