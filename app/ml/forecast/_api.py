"""The public forecasting calls and their data classes (re-exported by :mod:`app.ml.forecast`)."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Literal

import numpy as np

from app.errors import InputError
from app.i18n import _
from app.ml.forecast import _engine as engine
from app.ml.forecast._calendar import FREQS, MAX_HISTORY, Freq, period_index, to_days

MAX_HORIZON: dict[str, int] = {"D": 366, "W": 104, "M": 36, "Q": 12}
# series are forecast in blocks of this many: bounds memory for very large batches
BLOCK = 1024
# above this many series a call replays one CV window (see _engine.WINDOWS)
LARGE_BATCH = 20_000



class RegularDates(Sequence[date]):
    """``n`` consecutive periods from ``start``: a compact ``dates`` for big batches.

    ``RegularDates(date(2026, 1, 1), 365, "D")`` stands for the 365 days of 2026 without holding
    365 date objects (100,000 items x a year of days would not fit in the counter PC's memory).
    """

    def __init__(self, start: date, n: int, freq: Freq = "D") -> None:
        if freq not in FREQS:
            raise InputError(_("'{freq}' is not a forecast frequency; use D, W, M or Q.").format(freq=freq))
        self.start, self.n, self.freq = start, int(n), freq

    def __len__(self) -> int:
        return self.n

    def _at(self, i: int) -> date:
        if self.freq == "D":
            return self.start + timedelta(days=i)
        if self.freq == "W":
            return self.start + timedelta(days=7 * i)
        months = self.start.year * 12 + self.start.month - 1 + (3 * i if self.freq == "Q" else i)
        return date(months // 12, months % 12 + 1, min(self.start.day, 28))

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self._at(j) for j in range(*i.indices(self.n))]
        if i < 0:
            i += self.n
        if not 0 <= i < self.n:
            raise IndexError(i)
        return self._at(i)

    def __iter__(self) -> Iterator[date]:
        return (self._at(i) for i in range(self.n))

    @property
    def last(self) -> date:
        return self._at(self.n - 1)


@dataclass(frozen=True)
class SeriesHistory:
    """The sales history of one item (or item x store).

    ``dates[i]`` is when ``qty[i]`` was sold. Dates may repeat and come in any order; a period
    (day, week, month) without any row counts as **zero sales** (``gaps="zero"``, the shop's own
    ledger, which has a row for every sale) or as **unknown** (``gaps="unknown"``, a report that
    has a row for every period and lost some), and a ``NaN`` qty is always **unknown** (shop
    closed, data lost). ``price`` and ``promo`` are optional and align with ``dates``;
    a ``NaN`` price means "unchanged". The series starts at its first date: the periods before
    it are not zeros, the item did not exist yet.
    """

    series_id: str
    dates: Sequence[date] | np.ndarray
    qty: Sequence[float] | np.ndarray
    price: Sequence[float] | np.ndarray | None = None
    promo: Sequence[float] | np.ndarray | None = None
    gaps: Literal["zero", "unknown"] = "zero"


@dataclass(frozen=True)
class PlanRow:
    """What the shop plans for one future date: the selling price and the promotion (0 to 1)."""

    date: date
    price: float | None = None
    promo: float = 0.0


@dataclass(frozen=True)
class SeriesForecast:
    """The forecast of one series over the horizon.

    ``mean`` is the point forecast (expected sales per period); ``p10``/``p90`` bound the sales
    with 80% probability (``p10 <= mean <= p90``, all finite and >= 0). ``dates`` label the
    periods (the day; the last day of a week; the first day of a month). ``method`` is the method
    the backtest picked, ``demand_class`` the ADI/CV² class that routed it.
    """

    series_id: str
    dates: list[date]
    mean: np.ndarray
    p10: np.ndarray
    p90: np.ndarray
    method: str
    demand_class: str
    details: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class WhatIf:
    """Demand of one series over the horizon at each asked price (the pricing agent's question)."""

    series_id: str
    prices: list[float]
    total: list[float]  # expected units over the whole horizon, one per price
    per_period: list[np.ndarray]
    elasticity: float  # the fitted price elasticity used for the curve (<= 0)
    current_price: float | None


def _check_horizon(horizon: int, freq: str) -> None:
    if freq not in FREQS:
        raise InputError(_("'{freq}' is not a forecast frequency; use D, W, M or Q.").format(freq=freq))
    if not isinstance(horizon, int) or isinstance(horizon, bool) or not 1 <= horizon <= MAX_HORIZON[freq]:
        raise InputError(
            _("The horizon must be a whole number from 1 to {most} periods.").format(most=MAX_HORIZON[freq])
        )


def _floats(values: Sequence[float] | np.ndarray | None, n: int, what: str, sid: str) -> np.ndarray | None:
    if values is None:
        return None
    arr = np.asarray(values, dtype=np.float64).reshape(-1)
    if arr.shape[0] != n:
        raise InputError(
            _("Item {sid}: {what} has {got} values for {n} dates.").format(sid=sid, what=what, got=arr.shape[0], n=n)
        )
    return arr


def _history_end(series: Sequence[SeriesHistory]) -> date:
    last = None
    for s in series:
        if len(s.dates) == 0:
            continue
        if isinstance(s.dates, RegularDates):
            candidate = s.dates.last
        else:
            days = to_days(s.dates)
            candidate = date(1970, 1, 1) + timedelta(days=int(days.max()))
        last = candidate if last is None or candidate > last else last
    if last is None:
        raise InputError(_("There is no sales history to forecast from."))
    return last


@dataclass
class _Regular:
    """One series on the period grid: index 0 of the arrays is period ``first`` (<= 0)."""

    qty: np.ndarray
    price: np.ndarray | None
    promo: np.ndarray | None


def _regularise(s: SeriesHistory, end: date, freq: Freq) -> _Regular:
    n = len(s.dates)
    sid = s.series_id
    qty = _floats(s.qty, n, "qty", sid)
    assert qty is not None
    if n and not (qty.min() >= 0 and qty.max() < np.inf):  # one cheap test; NaN (unknown) lands here too
        if np.any(qty < 0):
            raise InputError(_("Item {sid}: sales quantities cannot be negative.").format(sid=sid))
        if np.any(np.isinf(qty)):
            raise InputError(_("Item {sid}: a sales quantity is not a number.").format(sid=sid))
    # a quantity below the smallest normal float (5e-324, a subnormal: no real sale is that small) is a zero
    # sale: as a series' scale it made 1 / scale overflow (the global model's path divided by it, and a
    # forecast of about 1e-310 under the range's log ratio in ``_intervals._values``)
    qty = np.where(qty < np.finfo(np.float64).tiny, 0.0, qty)  # NaN (unknown) stays NaN
    price = _floats(s.price, n, "price", sid)
    promo = _floats(s.promo, n, "promo", sid)
    if price is not None and np.any(price <= 0):
        raise InputError(_("Item {sid}: prices must be more than zero.").format(sid=sid))
    if promo is not None and np.any((promo < 0) | (promo > 1)):
        raise InputError(_("Item {sid}: promo must be between 0 and 1.").format(sid=sid))
    if n == 0:
        empty = np.zeros(0)
        return _Regular(empty, empty, empty)
    if isinstance(s.dates, RegularDates) and s.dates.freq == freq:
        return _regular_fast(s.dates, qty, price, promo, end, freq, sid, s.gaps == "unknown")
    idx = period_index(to_days(s.dates), end, freq)
    if idx.max() > 0:
        raise InputError(_("Item {sid}: there are sales after the end of the history.").format(sid=sid))
    keep = idx > -MAX_HISTORY[freq]
    idx, qty = idx[keep], qty[keep]
    price = price[keep] if price is not None else None
    promo = promo[keep] if promo is not None else None
    if idx.size == 0:
        empty = np.zeros(0)
        return _Regular(empty, empty, empty)
    first = int(idx.min())
    off = idx - first
    length = -first + 1
    known = ~np.isnan(qty)
    total = np.bincount(off[known], weights=qty[known], minlength=length)
    rows = np.bincount(off, minlength=length)
    known_rows = np.bincount(off[known], minlength=length)
    q = np.where((rows > 0) & (known_rows == 0), np.nan, total)
    if s.gaps == "unknown":
        q = np.where(rows == 0, np.nan, q)
    p = np.full(length, np.nan)
    if price is not None:
        ok = ~np.isnan(price)
        cnt = np.bincount(off[ok], minlength=length)
        tot = np.bincount(off[ok], weights=price[ok], minlength=length)
        p = np.where(cnt > 0, tot / np.maximum(cnt, 1), np.nan)
        # carry the last known price forward: a period without rows kept its price
        pos = np.where(~np.isnan(p), np.arange(length), 0)
        np.maximum.accumulate(pos, out=pos)
        p = np.where(np.isnan(p[pos]), np.nan, p[pos])
    r = np.zeros(length)
    if promo is not None:
        ok = ~np.isnan(promo)
        cnt = np.bincount(off[ok], minlength=length)
        tot = np.bincount(off[ok], weights=promo[ok], minlength=length)
        r = np.where(cnt > 0, tot / np.maximum(cnt, 1), 0.0)
    return _Regular(q, p, r)


def _last_index(day: date, end: date, freq: Freq) -> int:
    if freq == "D":
        return (day - end).days
    if freq == "W":
        return -((end - day).days // 7)
    months = (day.year * 12 + day.month - 1, end.year * 12 + end.month - 1)
    return months[0] - months[1] if freq == "M" else months[0] // 3 - months[1] // 3


def _regular_fast(
    dates: RegularDates, qty: np.ndarray, price: np.ndarray | None, promo: np.ndarray | None, end: date, freq: Freq,
    sid: str, unknown_gaps: bool = False,
) -> _Regular:
    """Consecutive periods already on the grid: slice and pad instead of grouping rows."""
    last_idx = _last_index(dates.last, end, freq)
    if last_idx > 0:
        raise InputError(_("Item {sid}: there are sales after the end of the history.").format(sid=sid))
    n = qty.shape[0]
    keep = min(n, MAX_HISTORY[freq] - 1 + last_idx)  # periods before -MAX_HISTORY are dropped
    pad = -last_idx  # periods after the last date, up to the end: no sales, same price
    if keep <= 0:
        return _Regular(np.full(min(pad, MAX_HISTORY[freq]), np.nan if unknown_gaps else 0.0), None, None)
    tail = np.full(pad, np.nan) if unknown_gaps else np.zeros(pad)
    q = qty[n - keep :] if pad == 0 else np.concatenate([qty[n - keep :], tail])
    p = r = None
    if price is not None:
        part = price[n - keep :]
        if np.isnan(part).any():
            pos = np.where(~np.isnan(part), np.arange(keep), 0)
            np.maximum.accumulate(pos, out=pos)
            part = np.where(np.isnan(part[pos]), np.nan, part[pos])
        p = part if pad == 0 else np.concatenate([part, np.full(pad, part[-1])])
    if promo is not None:
        part = np.nan_to_num(promo[n - keep :])
        r = part if pad == 0 else np.concatenate([part, np.zeros(pad)])
    return _Regular(q, p, r)


def _plan_arrays(
    rows: Sequence[PlanRow], last_price: float, end: date, horizon: int, freq: Freq, sid: str
) -> tuple[np.ndarray, np.ndarray]:
    price = np.full(horizon, np.nan)
    promo = np.zeros(horizon)
    if not rows:
        return price, promo
    idx = period_index(to_days([r.date for r in rows]), end, freq)
    sums = np.zeros(horizon)
    counts = np.zeros(horizon)
    promo_sum = np.zeros(horizon)
    promo_n = np.zeros(horizon)
    for i, row in zip(idx, rows, strict=True):
        if not 1 <= i <= horizon:
            continue
        if row.price is not None and not math.isnan(row.price):
            if row.price <= 0:
                raise InputError(_("Item {sid}: planned prices must be more than zero.").format(sid=sid))
            sums[i - 1] += row.price
            counts[i - 1] += 1
        if not 0 <= row.promo <= 1:
            raise InputError(_("Item {sid}: promo must be between 0 and 1.").format(sid=sid))
        promo_sum[i - 1] += row.promo
        promo_n[i - 1] += 1
    price = np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)
    promo = np.where(promo_n > 0, promo_sum / np.maximum(promo_n, 1), 0.0)
    current = last_price
    for h in range(horizon):  # a period without a planned price keeps the price before it
        if np.isnan(price[h]):
            price[h] = current
        current = price[h]
    return price, promo


def _blocks(
    series: Sequence[SeriesHistory],
    plan: Mapping[str, Sequence[PlanRow]] | None,
    horizon: int,
    freq: Freq,
    end: date,
) -> Iterator[tuple[list[int], engine.Block]]:
    for start in range(0, len(series), BLOCK):
        members = list(range(start, min(start + BLOCK, len(series))))
        regs = [_regularise(series[i], end, freq) for i in members]
        T = max(1, max(r.qty.shape[0] for r in regs))
        S = len(members)
        Y = np.full((S, T), np.nan)
        P = np.full((S, T), np.nan)
        R = np.zeros((S, T))
        for row, r in enumerate(regs):
            n = r.qty.shape[0]
            if n:
                Y[row, T - n :] = r.qty
                if r.price is not None:
                    P[row, T - n :] = r.price
                if r.promo is not None:
                    R[row, T - n :] = r.promo
        Pf = np.full((S, horizon), np.nan)
        Rf = np.full((S, horizon), np.nan)
        has_plan = np.zeros(S, dtype=bool)
        if plan:
            for row, i in enumerate(members):
                rows = plan.get(series[i].series_id)
                if rows is None:
                    continue
                known = P[row][~np.isnan(P[row])]
                last_price = float(known[-1]) if known.size else float("nan")
                Pf[row], Rf[row] = _plan_arrays(rows, last_price, end, horizon, freq, series[i].series_id)
                has_plan[row] = True
        yield members, engine.Block(Y=Y, P=P, R=R, Pf=Pf, Rf=Rf, has_plan=has_plan, end=end, freq=freq)


def forecast(
    series: Sequence[SeriesHistory],
    horizon: int,
    freq: Freq = "D",
    plan: Mapping[str, Sequence[PlanRow]] | None = None,
    *,
    end: date | None = None,
    use_model: bool = True,
    model_path: Path | None = None,
) -> list[SeriesForecast]:
    """Forecast every series ``horizon`` periods past the end of the history.

    ``end`` is the last day of history, shared by all series (default: the latest date in any
    series); a series whose sales stopped earlier has zero sales up to ``end``. ``plan`` maps a
    series id to the prices and promotions planned for the horizon; series without a plan are
    forecast from their history alone. ``use_model=False`` skips the ONNX model (the fallback path);
    ``model_path`` picks a model retrained on the shop's own sales instead of the shipped one.
    Results come back in the order of ``series``.

    Raises :class:`app.errors.InputError` for unusable input (negative quantities, a bad horizon).
    """
    _check_horizon(horizon, freq)
    if not series:
        return []
    seen: set[str] = set()
    for s in series:
        if s.series_id in seen:
            raise InputError(_("Item {sid} appears twice in the history.").format(sid=s.series_id))
        seen.add(s.series_id)
    last = end or _history_end(series)
    model = engine.load_model(model_path) if use_model else None
    labels = engine.future_dates(last, horizon, freq)
    # a huge batch (the nightly inventory cycle) replays one backtest window instead of several
    windows = engine.WINDOWS if len(series) <= LARGE_BATCH else 1
    out: list[SeriesForecast | None] = [None] * len(series)
    for members, block in _blocks(series, plan, horizon, freq, last):
        res = engine.run_block(block, horizon, model, windows)
        methods, classes = res.method_names(), res.class_names()
        for row, i in enumerate(members):
            out[i] = SeriesForecast(
                series_id=series[i].series_id,
                dates=labels,
                mean=res.mean[row],
                p10=res.p10[row],
                p90=res.p90[row],
                method=methods[row],
                demand_class=classes[row],
                details={"elasticity": float(res.elasticity[row]), "backtest_score": float(res.score[row])},
            )
    return [f for f in out if f is not None]


def what_if(
    history: SeriesHistory,
    prices: Sequence[float],
    horizon: int,
    freq: Freq = "D",
    *,
    promo: float = 0.0,
    end: date | None = None,
) -> WhatIf:
    """Expected demand over the horizon if the price were each of ``prices`` (for the pricing agent).

    The curve is the history-only forecast scaled by the item's fitted price response
    ``(P / current price) ** elasticity``, with the elasticity clipped to [-6, 0] so that a
    higher price never forecasts more sales. ``promo`` applies the fitted promotion lift.
    """
    _check_horizon(horizon, freq)
    if not prices or any(not p > 0 or math.isinf(p) for p in prices):
        raise InputError(_("Prices to compare must be numbers more than zero."))
    if not 0 <= promo <= 1:
        raise InputError(_("Item {sid}: promo must be between 0 and 1.").format(sid=history.series_id))
    last = end or _history_end([history])
    model = engine.load_model()
    _members, block = next(_blocks([history], None, horizon, freq, last))
    res = engine.run_block(block, horizon, model)
    curve = engine.price_curve(block, res, np.asarray(prices, dtype=np.float64), promo)
    per_period = [curve[j] for j in range(len(prices))]
    current = engine.current_price(block)
    return WhatIf(
        series_id=history.series_id,
        prices=[float(p) for p in prices],
        total=[float(c.sum()) for c in per_period],
        per_period=per_period,
        elasticity=float(res.elasticity[0]),
        current_price=None if np.isnan(current) else float(current),
    )
