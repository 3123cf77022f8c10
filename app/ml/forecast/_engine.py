"""The forecasting engine for one block of aligned series: candidates, rolling-origin CV, choice, intervals.

A block is a matrix of series on the same period grid (see :mod:`app.ml.forecast._calendar`).
For every series the engine

1. divides the series by its own scale (the mean of its recent observed periods), so every
   statistical method runs on a scale-free series and the forecast scales with the data;
2. takes price and promotion effects out (:mod:`app.ml.forecast._drivers`), so a promotion does
   not read as a new level; the plan's prices and promotions (or, without a plan, the series'
   usual promotion intensity) are put back on the forecast;
3. computes the candidates at ``K`` rolling forecast origins and at the end of history: naive,
   seasonal naive, the recent median, ETS (none/damped trend x none/additive/multiplicative
   seasons), Theta, Croston-SBA, TSB, for daily data the weekday x year decomposition and, when
   the ONNX model is there, the global gradient-boosted model;
4. scores each candidate per series by the **median** over the windows of its scaled mean
   absolute error (plus the absolute bias for intermittent items), so one bad window does not
   decide; picks the best, or where that is no worse the median of the best two (three for daily
   data) and two robust anchors;
5. for weekly, monthly and quarterly series, blends the choice with the combination (and with the
   price/promotion response where the series has prices or promotions), see :func:`_blend`;
6. puts p10/p90 around the forecast from the quantiles of the final forecast's CV errors at nearby
   horizon steps, calibrated per series by replaying the windows (:mod:`app.ml.forecast._intervals`):
   multiplicative (ratio) errors for a series that never sold zero, so its p10 is never 0, additive
   errors otherwise.

Nothing in 1-6 mixes series, except the price/promotion slopes, which are shrunk towards the
block's pooled slopes (documented in docs/forecasting.md): a series without prices or promotions
gets the same forecast whatever other series are in the call.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path

import numpy as np

from app.ml.forecast import _global as gl
from app.ml.forecast import _methods as fm
from app.ml.forecast import _seasonal as ss
from app.ml.forecast._calendar import RECENT, SEASON_LENGTH, Freq, future_labels
from app.ml.forecast._drivers import ELASTICITY_RANGE, Drivers, fit_drivers
from app.ml.forecast._global import Block
from app.ml.forecast._intervals import intervals
from app.ml.forecast._model import ForecastModel
from app.ml.forecast._model import load_model as _load_model
from app.ml.forecast._response import OFFSET, Response

METHODS = ("median", "naive", "snaive", "ses", "holt", "hw_add", "hw_mul", "hw_damped_add", "hw_damped_mul",
           "theta", "sba", "tsb", "weekday_year", "global", "response", "combined", "ets",
           "ets_theta", "snaive_growth")
MEDIAN, NAIVE, SNAIVE, SES, HOLT = 0, 1, 2, 3, 4
SBA, TSB, WEEKDAY_YEAR, GLOBAL, RESPONSE, COMBINED, ETS, ETS_THETA = 10, 11, 12, 13, 14, 15, 16, 17
SNAIVE_GROWTH = 18
THETA = METHODS.index("theta")
CLASS_METHOD = {fm.SMOOTH: SES, fm.ERRATIC: SES, fm.INTERMITTENT: SBA, fm.LUMPY: TSB, fm.DYING: TSB,
                fm.NONE: MEDIAN}
# rolling forecast origins replayed before the end of history
WINDOWS = 8
# fewest observed periods before an origin for the window to count
MIN_FIT = 4
# the combination (below) is used unless the single best beats it by this much
COMBINE_MARGIN = -0.02
# a single method replaces the robust level (the recent median or the response's level) only when
# it beats it by this share of the robust level's error, in the median window
MARGIN = 0.03
# a single method replaces the ETS + Theta combination only when clearly better: a few CV windows
# rank single methods by luck more often than not (on the tuning windows of aus_retail, choosing at
# 3% forecast 10% worse than the combination alone)
MARGIN_COMBINED = 0.10
# the shortest CV window and candidate path, in periods (daily data: the horizon itself)
MIN_WINDOW: dict[str, int] = {"D": 1, "W": 1, "M": 12, "Q": 4}
# the demand classes whose final forecast blends the choice with the combination (and the response)
BLEND_CLASSES = (fm.SMOOTH, fm.ERRATIC)
# an erratic series that repeats yearly has the seasonal robust default (ets_theta), not the flat median
SEASONAL_ERRATIC_DEFAULT = True
# a never-zero series' candidate paths are floored at this share of the lowest period of its last year (fifth
# session, PBS's 48 tuning cells: 1.0 cost 0.3 points of WAPE gain on average, 0.5 and 0.2 nothing; both put
# every never-zero series' p10 above 0)
NEVER_ZERO_FLOOR = 0.5
# a candidate that erred in any CV window by more than EXPLODE times the recent median's error and by more than
# EXPLODE_MIN of the series' scale is not chosen nor combined (weekly, monthly and quarterly data). Sixth session:
# on the Ansett passengers (seen once, blind, at -492% against the median of the last 8 at h 12) a multiplicative
# weekly season learnt across the 1989 pilots' strike put x5 spikes into the forecast, in the one or two CV windows
# of each year that the median over the windows does not see; with the rule 0.489 -> 0.096 WAPE there. On the 60
# tuning cells it is neutral (24 ahead, 23 behind, 13 unchanged; mean gain -0.01 points)
EXPLODE = 3.0
EXPLODE_MIN = 0.5
# how many of the best single candidates the combination takes, beside its two robust anchors. Sixth session, on
# the 60 tuning cells (OJ from history and with the plan, aus_retail, tourism, PBS; 4 origins 12 to 36 periods
# before the final windows x h 4/8/12): two instead of three put 41 cells ahead and 19 behind, the mean gain over
# the best simple baseline +0.40 points (PBS +1.42, OJ +0.28 / +0.30 with the plan, tourism +0.16, aus_retail
# -0.14); the third-best candidate of a few windows mostly dilutes the combination towards the flat anchors
# (PBS's season). Daily data keep three (not re-tuned: the generated kirana and the shop's forecasts unchanged)
COMBINE_TOP: dict[str, int] = {"D": 3, "W": 2, "M": 2, "Q": 2}
# a series with a plan has its price and promotion drivers fitted on the history before the DRIVER_WINDOWS_PLAN-th
# latest CV origin (weekly, monthly, quarterly data; WINDOWS: before the earliest, as every other series; see
# _fit_drivers). Seventh session, OJ with the plan, 12 tuning cells (4 origins x h 4/8/12, bench/forecast/tuning.py):
# mean gain over the best simple baseline +24.09% (WINDOWS) -> +28.06% (2), every cell ahead, h 12 most (+17.5 ->
# +23.8% at the latest origin); 1: +28.44% (every window but the latest seen by the slopes); 4: +27.11%. The same
# for every series (from history too): OJ from history 7 cells ahead, 5 behind, mean -0.23 points, so plans only
DRIVER_WINDOWS_PLAN = 2
# a series with a plan has the plan's price and promotion factor put back on the offset its slopes were fitted on
# (weekly, monthly, quarterly data). The drivers are a regression of log(qty / scale + OFFSET), so a period's sales
# are (level + OFFSET) x factor - OFFSET; level x factor shrinks a promotion's lift on a series that sells below its
# scale between promotions (the scale is the mean, promotions in it). Twenty-second session, OJ with the plan, 12
# tuning cells (bench/forecast/tuning.py): +28.06 -> +28.99%, 10 ahead / 2 behind (h 4 +0.7, h 8 +0.75, h 12 +1.35
# points on average), coverage cells 11 -> 11; the promotion weeks were 20-45% under what sold, 75-80% of the error.
# The same for the history adjusted (Z) too: +28.96%; for every series with prices or promotions (from history
# too): OJ from history +3.56 -> +1.07%, 2 ahead / 10 behind, so plans only, on the forecast only
PLAN_OFFSET = True
# the combination's weight against the chosen candidate in the blend (step 6 of docs/forecasting.md's method)
BLEND_COMB_WEIGHT = 0.5
# the Theta candidate's drift weight on the trend line (w = 1 - 1/theta of the optimised Theta method) picked per
# series by the median error over the older CV windows (weekly, monthly, quarterly data), among THETA_WEIGHTS (0.5:
# the standard Theta method). Seventh session, 60 tuning cells: weights 0.5 / 0.75 / 1: 35 ahead, 25 behind, mean
# +0.08 points (aus_retail +0.80, PBS -0.31, tourism -0.07, OJ -0.01 / 0.00); 0 to 1 by 0.25: 35 / 25, +0.05
THETA_CV = True
THETA_WEIGHTS: tuple[float, ...] = (0.5, 0.75, 1.0)
# seasonal naive times the year-on-year growth (``snaive_growth``) is a candidate for the weekly, monthly and
# quarterly erratic series whose swings repeat every year (PBS's scripts climbing through the year and collapsing
# each January, and growing or shrinking from one year to the next): the smoothers estimate that saw-tooth and
# round its edges, last year's shape copied and scaled keeps them. Eighth session, 60 tuning cells: mean gain
# +20.80 -> +21.46%, 9 ahead / 4 behind / 47 unchanged (PBS 8 / 4, worst -1.3 points; tourism 1 / 0). For every
# series it was +21.75% but 18 ahead / 17 behind (aus_retail 5 / 7, tourism 2 / 9: chosen on lucky windows)
GROWTH_CANDIDATE = True
# Theta's seasonal indices from the last this many seasons before each origin, per frequency, as a second seasonal
# span beside the whole history's (THETA_SEASON_CV: each series picks by CV, as it picks the drift weight). Weekly data
# only: 52 weeks are 364 days, so a holiday fixed to a date moves a day earlier in the 52-week cycle every year (two
# after a 29 February) and crosses a week boundary every five or six years, and a floating one (a Monday holiday) jumps
# a week as often; classical indices averaged over the six years of a 312-week history spread such a week's dip over
# two weeks at part depth, where ETS's seasonal states follow the latest year. Months and quarters are calendar
# periods and keep the whole history. Thirteenth session, 25 earlier origins (4 to 100 weeks before the final windows)
# x h 4 / 8 / 12 of two seen weekly sets: the Chicago rail set (20 series), ours 0.051 / 0.052 / 0.054 -> 0.050 /
# 0.050 / 0.052 (in place of the whole history's: 0.047 / 0.047 / 0.049); the gasoline series 0.0234 / 0.0255 /
# 0.0270 -> 0.0236 / 0.0256 / 0.0270 (in place: 0.0249 / 0.0269 / 0.0284, one season's indices are noisy); more in
# docs/forecasting.md ("Thirteenth session")
THETA_SEASON_YEARS: dict[str, int] = {"W": 1}
# a weekly, monthly or quarterly series that sells in few periods (intermittent, lumpy, dying) is not forecast, at the
# end, by a candidate whose path passes the highest period of its history: the mean of such a series lies far under
# its record, and a path above it is a model carried past its data (a multiplicative season fitted to a level near
# zero: an Ames neighbourhood with 5 house sales in 50 months, never more than 2 a month, was forecast 25.1 in one
# month by Holt-Winters multiplicative, 9.4 of the 71.9 points of the blind20 house sales' WAPE at h 4). The CV
# windows keep every candidate (EXPLODE judges them by their errors; at the end there is no error to judge, and
# dropping them in the windows too moved other series' choices: the influenza districts at h 12 +7.2% WAPE). A chosen
# candidate so dropped gives way to the class method (Croston-SBA or TSB); the combination takes the others.
# Twenty-first session (docs/forecasting.md, "Twenty-first session"): house sales h 4 0.719 -> 0.630
SPARSE_RECORD_END = True
# ... past this many times its record: a seasonal copy of the record month scaled by the price and promotion drivers
# (1.2 times it, a monthly item of the generated kirana) is a forecast, a multiplicative season's 3 to 26 times is not
SPARSE_RECORD_FACTOR = 1.5
# ... per series by CV beside the whole history's indices (False: in their place)
THETA_SEASON_CV = True
# a series whose level wanders: lag-1 autocorrelation of the driver-adjusted series at least this (the naive
# candidate's gate, below)
WANDER = 0.5
# a smooth daily series whose level wanders (gas, water or electricity sent each day, moving with the weather for
# weeks) has the weekday x year decomposition (an SES level that follows it, with the weekday shape) as its robust
# default, in place of the recent median of 28 days: a flat level that such a series leaves behind within a week.
# The combination's anchors stay the recent median and the response (with the decomposition in place of the
# response, the mean over 14 origins gained more, but the final h 8 cell lost 0.75%). Fifteenth session, on the seen
# daily utility set (blind14-daily-utility-demand, 22 series) at 14 origins (0 to 32 days before the final windows)
# x h 4 / 8 / 12 against the best of AutoETS, AutoTheta and the simple baselines; figures in docs/forecasting.md
# ("Fifteenth session"). A kirana's items sell around a level with day-to-day noise (lag-1 autocorrelation 0.17 at
# the median of the generated shop's smooth items): 1 of its 400 items passes the gate
WANDERING_DAILY_DEFAULT = True
# ... and, where the level wanders clearly (lag-1 autocorrelation at least WANDER_OUTRIGHT), takes it outright: neither
# a single candidate that won the CV windows nor the combination replaces it. The windows of such a series are a few
# days to two weeks each, and a level that wanders with the weather comes back within about that span as often as not,
# so a flat level (the recent median, the response's level, the combination anchored on both) wins windows by the
# luck of that return and then sits under a level that has moved (sixteenth session: the daily utility set's h 8 loss
# was one gas series whose level rose by two thirds in its last week, forecast at the recent median that had won its
# windows). The daily utility set at 14 origins (0 to 32 days before the final windows) x h 4 / 8 / 12, mean gain
# over the best of AutoETS, AutoTheta and the simple baselines: -3.54 / -6.33 / -6.82% -> +1.70 / +0.96 / +0.10%
# (34 of the 42 cells ahead, 6 behind), final cells -2.6 / -5.6 / +0.9% -> +2.4 / +2.8 / +2.8%. At 0.5 (the default's
# gate) the utility set gained more (+2.43 / +3.38 / +2.05%), but a few of the generated kirana's smooth items pass
# 0.5 or 0.6 with day-to-day noise that a wandering utility series does not have: at 0.5 and at 0.6 one of its tuning
# cells (28 days, 56 before the final window) lost 4.5 / 4.0 points of gain, nearly all on one item forecast by the
# decomposition at 1.8 times its recent level. At 0.7 none of the generated kiranas' forecasts moves (the shop's daily
# hashes of bench/forecast/forecast_hashes.py, the kirana's final cell and its 4 tuning cells are identical);
# docs/forecasting.md ("Sixteenth session")
WANDERING_DAILY_OUTRIGHT = True
WANDER_OUTRIGHT = 0.7
# a smooth weekly, monthly or quarterly series too short for any CV window gets the robust default of its kind, the ETS
# + Theta combination (where it has a forecast), not its class method, the flat SES level (seventeenth session)
NO_WINDOW_ETS_THETA = True
# ... and that is Theta alone (``NO_WINDOW_THETA``): on so short a history (under a CV window plus MIN_FIT periods) the
# ETS family's AICc pick is the flat SES level (the small-sample penalty of a trend's three parameters outweighs
# its fit: on the blind18 GDP set's 12-quarter series SES's AICc about 10 below Holt's), so ETS + Theta is half a flat
# level, and a series that grows is forecast at half its drift; Theta keeps the drift (half the linear trend) on the
# seasonally adjusted series. Nineteenth session, docs/forecasting.md ("Nineteenth session")
NO_WINDOW_THETA = True
# an erratic weekly, monthly or quarterly series whose level wanders clearly (lag-1 autocorrelation of the
# driver-adjusted series at least ERRATIC_WANDER, the gate of WANDER_OUTRIGHT) keeps the level smoothers (SES, Holt)
# among its candidates: its big values are a level that moved and stayed a while (a tourism flow that doubled, a
# telephone series that stepped up, an outbreak's counts), not rare spikes that a smoother would chase. Naive and
# seasonal naive stay out (a spike copied forward), and so do the seasonal models (the series showed no yearly
# season). Eighteenth session, docs/forecasting.md ("Eighteenth session")
ERRATIC_WANDER_SMOOTHERS = True
ERRATIC_WANDER = 0.7
ERRATIC_WANDER_METHODS: tuple[int, ...] = (SES, HOLT)


@dataclass
class BlockResult:
    mean: np.ndarray
    p10: np.ndarray
    p90: np.ndarray
    method: np.ndarray
    demand_class: np.ndarray
    score: np.ndarray
    elasticity: np.ndarray
    drivers: Drivers
    candidates: np.ndarray | None = None  # (len(METHODS), S, H) in the series' units, when asked for

    def method_names(self) -> list[str]:
        return [METHODS[m] for m in self.method]

    def class_names(self) -> list[str]:
        return [fm.CLASS_NAMES[c] for c in self.demand_class]


def load_model(path: Path | None = None) -> ForecastModel | None:
    return _load_model(path)


def future_dates(end: date, horizon: int, freq: Freq) -> list[date]:
    return future_labels(end, horizon, freq)


def series_scale(Y: np.ndarray, freq: Freq) -> np.ndarray:
    """Each series' scale: the mean of its recent observed periods (of all of them if those are zero)."""
    recent = fm.recent_mean(Y, 4 * RECENT[freq])
    whole = fm._nanreduce(np.nanmean, Y)
    s = np.where(recent > 0, recent, whole)
    return np.where(s > 0, s, 1.0)


def origins(T: int, horizon: int, n_windows: int) -> list[int]:
    """Forecast origins of the CV windows, latest first: back to back, each a horizon long
    (at least four periods, so short horizons still see several weeks or months)."""
    stride = max(4, horizon)
    return [T - horizon - w * stride for w in range(n_windows) if T - horizon - w * stride >= MIN_FIT]


def _yearly(Z: np.ndarray, freq: Freq) -> np.ndarray:
    """(S,) True for a weekly, monthly or quarterly series whose autocorrelation at the season's lag is
    significant (90%) over its whole history: a property of the series, which decides only what may compete
    and what the robust default is, never a forecast by itself."""
    m = SEASON_LENGTH[freq]
    if freq == "D" or m <= 1:
        return np.zeros(Z.shape[0], dtype=bool)
    return ss.seasonal_strength(Z, m)[1]


def _paths(Z: np.ndarray, cuts: list[int], H: int, freq: Freq, cls: np.ndarray, yearly: np.ndarray) -> np.ndarray:
    """Statistical candidates' paths (len(METHODS), C, S, H) on the scale-free, driver-adjusted Z."""
    S = Z.shape[0]
    m = SEASON_LENGTH[freq]
    out = np.full((len(METHODS), len(cuts), S, H), np.nan)
    out[MEDIAN] = ss.recent_median(Z, cuts, H, RECENT[freq])
    out[NAIVE] = ss.naive(Z, cuts, H)
    # daily shop data: the weekday x year decomposition stands in for the trended seasonal models
    # (a trend over a few weeks of kirana sales is noise, and the daily cycle must stay fast)
    daily = freq == "D"
    fine = not daily
    fits = {SES: (1, False, "N")}
    if not daily:
        fits[HOLT] = (1, True, "N")
    if m > 1:
        out[SNAIVE] = ss.seasonal_naive(Z, cuts, H, m)
        if GROWTH_CANDIDATE and not daily:
            out[SNAIVE_GROWTH] = ss.seasonal_naive_growth(Z, cuts, H, m)
        fits.update({5: (m, False, "A"), 6: (m, False, "M")})
        if not daily:
            fits.update({7: (m, True, "A"), 8: (m, True, "M")})
    aicc = np.full((len(METHODS), len(cuts), S), np.inf)
    for k, (mm, trend, season) in fits.items():
        out[k], crit = ss.ets(Z, cuts, H, mm, trend, season, fine)
        aicc[k] = np.where(np.isfinite(crit) & np.isfinite(out[k]).all(axis=2), crit, np.inf)
    # the ETS family's own choice, by AICc on each origin's history (as AutoETS chooses): one candidate
    # that a few CV windows cannot pull towards the variant that was lucky in them
    pick = np.argmin(aicc, axis=0)  # (C, S)
    picked = np.take_along_axis(out, pick[None, :, :, None], axis=0)[0]
    out[ETS] = np.where(np.isfinite(np.min(aicc, axis=0))[:, :, None], picked, np.nan)
    if THETA_CV and not daily:
        years = THETA_SEASON_YEARS.get(freq)
        lines = ss.theta_lines(Z, cuts, H, m, THETA_WEIGHTS)
        if years is not None and THETA_SEASON_CV:
            # both seasonal spans compete per series, as the drift weights do (the whole history first: a tie keeps it)
            lines = np.concatenate([lines, ss.theta_lines(Z, cuts, H, m, THETA_WEIGHTS, years)])
        elif years is not None:
            lines = ss.theta_lines(Z, cuts, H, m, THETA_WEIGHTS, years)
        out[9] = _theta_by_cv(lines, Z, cuts, H)
    else:
        out[9] = ss.theta(Z, cuts, H, m)
    # the two model families averaged (the M3/M4 lesson: a plain combination of ETS and Theta beats
    # choosing between them on a few windows); the robust default of weekly, monthly and quarterly series
    out[ETS_THETA] = (out[ETS] + out[9]) / 2
    sba = fm.croston_sba(Z, cuts)
    tsb = fm.tsb(Z, cuts)
    out[SBA] = sba[:, :, None]
    out[TSB] = tsb[:, :, None]
    if freq == "D":
        out[WEEKDAY_YEAR] = ss.weekday_year(Z, cuts, H)
    # intermittent methods only where demand is intermittent; a smooth series gains nothing from them
    inter = np.isin(cls, (fm.INTERMITTENT, fm.LUMPY, fm.DYING))
    out[SBA] = np.where(inter[None, :, None], out[SBA], np.nan)
    out[TSB] = np.where(inter[None, :, None], out[TSB], np.nan)
    # erratic demand (big, rare spikes): smoothers, seasonal ETS and one-value methods chase the
    # spikes, so such a series keeps to the robust levels (the recent median, the response's
    # geometric level), the global model and the combination
    # ... unless its swings come back every year (see _yearly): a yearly rise and fall (PBS prescriptions
    # climbing through the year and collapsing each January) is a season for the seasonal methods, not spikes
    erratic = (cls == fm.ERRATIC) & ~yearly
    out[SNAIVE_GROWTH] = np.where(((cls == fm.ERRATIC) & yearly)[None, :, None], out[SNAIVE_GROWTH], np.nan)
    # ... but one whose level wanders clearly keeps the level smoothers (ERRATIC_WANDER_SMOOTHERS)
    moving = _moving_level(Z, cls, freq)
    for k in (NAIVE, SNAIVE, SES, HOLT, 5, 6, 7, 8, 9, WEEKDAY_YEAR, ETS, ETS_THETA):
        masked = erratic & ~moving if k in ERRATIC_WANDER_METHODS else erratic
        out[k] = np.where(masked[None, :, None], np.nan, out[k])
    # repeating the last period only where the series wanders (lag-1 autocorrelation of at least
    # 0.5): a few lucky windows must not hand a noisy series to it
    out[NAIVE] = np.where((ss.lag_correlation(Z, 1) >= WANDER)[None, :, None], out[NAIVE], np.nan)
    # repeating the last period is no forecast for an item that has periods without sales: it
    # would forecast zero after every quiet period
    had_zero = (np.nan_to_num(Z, nan=1.0) <= 0).any(axis=1)
    out[NAIVE] = np.where(had_zero[None, :, None], np.nan, out[NAIVE])
    # in place: the paths of a block of 1,024 daily series are tens of MB, and each copy costs page faults
    return np.maximum(out, 0.0, out=out)


def _moving_level(Z: np.ndarray, cls: np.ndarray, freq: Freq) -> np.ndarray:
    """(S,) True for an erratic weekly, monthly or quarterly series whose level wanders clearly
    (``ERRATIC_WANDER_SMOOTHERS``); daily data are left as they were (the agents' forecasts)."""
    if not ERRATIC_WANDER_SMOOTHERS or freq == "D":
        return np.zeros(Z.shape[0], dtype=bool)
    return (cls == fm.ERRATIC) & (ss.lag_correlation(Z, 1) >= ERRATIC_WANDER)


def _theta_by_cv(lines: np.ndarray, Z: np.ndarray, cuts: list[int], H: int) -> np.ndarray:
    """The Theta candidate (C, S, H) with its drift weight picked per series and origin by the median over
    the older CV windows of each weight's mean absolute error (the final forecast: over all of them), as the
    optimised Theta method picks its theta, but by out-of-sample error; the standard weight (0.5) where no
    older window is scorable."""
    W, n_cuts, S, _H = lines.shape
    T = Z.shape[1]
    err = np.full((W, n_cuts, S), np.nan)
    for c, cut in enumerate(cuts):
        if cut + H <= T:
            act = Z[:, cut : cut + H]
            seen = ~np.isnan(act)
            with np.errstate(invalid="ignore", divide="ignore"):
                err[:, c] = (np.abs(np.where(seen, lines[:, c] - np.nan_to_num(act), 0.0)).sum(axis=2)
                             / seen.sum(axis=1))
    err = np.where(np.isnan(lines).any(axis=3), np.nan, err)
    standard = THETA_WEIGHTS.index(0.5)
    out = lines[standard].copy()
    rows = np.arange(S)
    for c, cut in enumerate(cuts):
        older = [j for j, o in enumerate(cuts) if o + H <= cut]  # windows whose outcome is known at this origin
        if not older:
            continue
        sc = fm.nan_quantile(np.moveaxis(err[:, older], 1, -1), 0.5)  # (W, S)
        # rounded, so that a tie stays a tie when the series is multiplied by 1,000 (float noise), and a tie
        # goes to the first weight (the standard one comes first in THETA_WEIGHTS)
        sc = np.where(np.isnan(sc), np.inf, np.round(sc, 9))
        best = np.argmin(sc, axis=0)
        best = np.where(np.isfinite(sc[best, rows]), best, standard)
        out[c] = lines[best, c, rows]
    return out


def _window_scores(cands: np.ndarray, actual: np.ndarray, bias_w: np.ndarray) -> np.ndarray:
    """Scaled MAE (+ bias_w x |bias|) of each candidate in one window, (M, S); NaN where not scorable."""
    seen = ~np.isnan(actual)
    n = seen.sum(axis=1)
    err = np.where(seen[None], cands - np.nan_to_num(actual)[None], 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mae = np.abs(err).sum(axis=2) / n[None]
        bias = np.abs(err.sum(axis=2)) / n[None]
    sc = mae + bias_w[None] * bias
    bad = np.isnan(cands).any(axis=2) | (n[None] == 0)
    return np.where(bad, np.nan, sc)


def run_block(block: Block, horizon: int, model: ForecastModel | None, n_windows: int = WINDOWS,
              keep_candidates: bool = False) -> BlockResult:
    """Forecast one block; ``n_windows`` CV windows are replayed. ``keep_candidates`` keeps every
    candidate's forecast (for the benchmark's "each method alone" figures)."""
    Y, P, R = block.Y, block.P, block.R
    S, T = Y.shape
    freq = block.freq
    # monthly and quarterly candidates forecast and are scored over at least a year: on a shorter window
    # the choice rests on which months happened to fall in it (weekly and daily data: the horizon, since
    # a year of weeks or days per window would leave too few windows); the first ``horizon`` steps are
    # the forecast
    H = max(horizon, MIN_WINDOW[freq])
    cls, _adi, _cv2 = fm.classify(Y)
    scale = series_scale(Y, freq)
    cuts = origins(T, H, n_windows)
    drivers = _fit_drivers(block, scale, cuts)
    factor = drivers.factor(P, R)
    Z = Y / scale[:, None] / factor
    # the offset the plan's factor goes back on, per series (0: the factor multiplies, as for a series without plan)
    off = np.where(block.has_plan & (freq != "D") & PLAN_OFFSET, OFFSET, 0.0)
    all_cuts = [*cuts, T]
    yearly = _yearly(Z, freq)
    paths = _paths(Z, all_cuts, H, freq, cls, yearly)  # (M, C, S, H) in adjusted units
    paths[RESPONSE] = drivers.log_level(Y / scale[:, None], P, R, all_cuts, freq)[:, :, None]
    # put the drivers back: in a window the prices and promotions that happened (if the series has
    # a plan), else the usual intensity before the origin; at the end, the plan or the usual intensity
    fac = np.ones((len(all_cuts), S, H))
    usuals = np.ones((len(all_cuts), S))
    for c, cut in enumerate(all_cuts):
        usual = usuals[c] = drivers.usual(P[:, :cut], R[:, :cut], RECENT[freq])
        if cut < T:
            window = factor[:, cut : cut + H]
            if window.shape[1] < H:
                window = np.pad(window, ((0, 0), (0, H - window.shape[1])), constant_values=1.0)
            fac[c] = np.where(block.has_plan[:, None], window, usual[:, None])
        else:
            planned = drivers.factor(block.Pf, block.Rf)
            if planned.shape[1] < H:  # past the horizon the plan says nothing: the usual intensity
                planned = np.concatenate([planned, np.repeat(usual[:, None], H - planned.shape[1], axis=1)], axis=1)
            fac[c] = np.where(block.has_plan[:, None], planned, usual[:, None])
    if off.any():
        paths = _put_back(paths, fac[None], off)
    else:
        paths *= fac[None]
    # the robust level is the plain recent median of the series as sold, moved only by how far the
    # plan departs from the usual prices and promotions: the baseline every other candidate has to beat
    med = ss.recent_median(Y / scale[:, None], all_cuts, H, RECENT[freq])
    paths[MEDIAN] = _put_back(med, fac / usuals[:, :, None], off) if off.any() else med * (fac / usuals[:, :, None])
    # an item that sells on few days is not forecast zero while it still sells (a dying item fades
    # through TSB instead): absolute error alone would reward the zero median of its quiet days
    sells = np.isin(cls, (fm.INTERMITTENT, fm.LUMPY))
    zero = paths.max(axis=3) <= 0  # (M, C, S); a path with a NaN is not zero (NaN <= 0 is False)
    paths[zero & sells[None, None, :]] = np.nan
    # nor at the response's level: a geometric mean, exp(mean log(qty + 0.1)) - 0.1, which is a typical level
    # for a series that sells every period but not for one that mostly sells nothing (a Poisson item at 0.3 a
    # day: 0.05), and the median-of-window-errors choice cannot reject it there (absolute error rewards the low
    # forecast about as much as the bias term punishes it)
    paths[RESPONSE][:, sells] = np.nan
    # a series that never had a period without sales is not forecast to sell nothing in any period: a path
    # that falls to zero is an additive model carried past the data (a trend extrapolated through a collapse,
    # an additive season deeper than the level it now sits on: on PBS, medicines that fell from hundreds of
    # scripts a month to tens were forecast 0, and so was their p10). Every candidate path of such a series
    # is floored at the lowest period of its last year (season) before the origin: the shape is kept where it
    # is right (a yearly low) and the forecast stays on the series' own lowest level where it overshoots
    never_zero = fm.never_zero(Y)
    sparse = np.isin(cls, (fm.INTERMITTENT, fm.LUMPY, fm.DYING))
    span = max(SEASON_LENGTH[freq], RECENT[freq])
    for c, cut in enumerate(all_cuts):
        low = fm._nanreduce(np.nanmin, fm.last_k(Y[:, :cut], span) / scale[:, None])
        floor = np.where(never_zero, NEVER_ZERO_FLOOR * low, 0.0)
        np.maximum(paths[:, c], floor[None, :, None], out=paths[:, c])
    if SPARSE_RECORD_END and freq != "D" and sparse.any():
        record = np.where(sparse, fm._nanreduce(np.nanmax, Y / scale[:, None], empty=np.inf), np.inf)
        past = (paths[:, -1] > SPARSE_RECORD_FACTOR * record[None, :, None]).any(axis=2)  # (M, S)
        paths[:, -1][past] = np.nan
    if model is not None and freq == "D":
        # the global model is the costly candidate: it is replayed at the latest three origins only
        # (enough for the "at least half of the windows" rule when there are up to six)
        some = [*all_cuts[: min(3, len(cuts))], T]
        at = [all_cuts.index(c) for c in some]
        paths[GLOBAL][at] = _global_paths(block, some, H, model) / scale[None, :, None]
    bias_w = np.isin(cls, (fm.INTERMITTENT, fm.LUMPY, fm.DYING)).astype(np.float64)
    C = len(cuts)
    win_sc = np.full((len(METHODS), C, S), np.nan)
    actual = np.full((C, S, H), np.nan)
    nobs = np.cumsum(~np.isnan(Y), axis=1)
    for c, cut in enumerate(cuts):
        actual[c] = Y[:, cut : cut + H] / scale[:, None]
        valid = nobs[:, cut - 1] >= MIN_FIT
        actual[c] = np.where(valid[:, None], actual[c], np.nan)
        win_sc[:, c] = _window_scores(paths[:, c], actual[c], bias_w)
    if freq != "D":  # daily data not re-tuned: the kirana's and the shop's forecasts stay as they were
        win_sc = _drop_explosive(win_sc, EXPLODE, EXPLODE_MIN)
    lag1 = ss.lag_correlation(Z, 1)
    wandering = (freq == "D") & (cls == fm.SMOOTH) & (lag1 >= WANDER) & WANDERING_DAILY_DEFAULT
    method, score, robust = _choose(win_sc, cls, freq == "D", yearly, wandering)
    # the combination: per step, the median of the best two (daily: three) single candidates and the robust levels
    top = _top(win_sc, COMBINE_TOP[freq], cls)
    rows = np.arange(S)
    members = [paths[top[:, k], :, rows].transpose(1, 0, 2) for k in range(COMBINE_TOP[freq])]
    # and the two robust levels, so that a few noisy winners of a few windows cannot carry it alone;
    # where the winners agree, the median of the members stays within their range
    # (for a series whose robust default is the ETS + Theta combination, that combination twice)
    by_default = (robust == ETS_THETA)[None, :, None]
    members += [np.where(by_default, paths[ETS_THETA], paths[MEDIAN]),
                np.where(by_default, paths[ETS_THETA], paths[RESPONSE])]
    comb = fm.nan_quantile(np.stack(members, axis=-1), 0.5)
    paths[COMBINED] = comb
    for c in range(C):
        win_sc[COMBINED, c] = _window_scores(paths[COMBINED, c][None], actual[c], bias_w)[0]
    comb_score = np.round(_median_score(win_sc[COMBINED]), 9)
    use_comb = np.isfinite(comb_score) & (np.isnan(score) | (comb_score <= score * (1 + COMBINE_MARGIN)))
    method = np.where(use_comb, COMBINED, method)
    score = np.where(use_comb, comb_score, score)
    if WANDERING_DAILY_OUTRIGHT:
        outright = wandering & (lag1 >= WANDER_OUTRIGHT) & np.isfinite(paths[WEEKDAY_YEAR, -1, :, 0])
        outright &= robust == WEEKDAY_YEAR
        method = np.where(outright, WEEKDAY_YEAR, method)
        score = np.where(outright, _median_score(win_sc[WEEKDAY_YEAR]), score)
    # series without any CV window: the method of their demand class
    fallback = np.array([CLASS_METHOD[int(k)] for k in cls])
    first = fallback
    if NO_WINDOW_ETS_THETA and freq != "D":
        short = np.isfinite(paths[THETA, -1, :, 0]) & NO_WINDOW_THETA
        first = np.where((cls == fm.SMOOTH) & np.isfinite(paths[ETS_THETA, -1, :, 0]),
                         np.where(short, THETA, ETS_THETA), fallback)
    no_cv = np.isnan(score)
    method = np.where(no_cv & np.isfinite(paths[first, -1, rows, 0]), first, method)
    method = np.where(no_cv & ~np.isfinite(paths[method, -1, rows, 0]), MEDIAN, method)
    method = np.where(cls == fm.NONE, MEDIAN, method)
    # a chosen method without a forecast at the end (an intermittent item's recent median, zero and masked there
    # though it was not in the CV windows that chose it) gives way to the class method, not to a forecast of 0
    hole = ~np.isfinite(paths[method, -1, rows, 0]) & np.isfinite(paths[fallback, -1, rows, 0])
    method = np.where(hole & (cls != fm.NONE), fallback, method)
    final = paths[method, :, rows]  # (S, C + 1, H): the chosen candidate in every window and at the end
    # a chosen forecast with a hole (seasonal naive where the same week a year ago is unknown, on OJ's gappy
    # weeks) takes the recent median at that step instead of a forecast of 0 (and a p10 of 0); in the CV
    # windows a hole stays a hole (that window's error at that step is not known)
    end, med_end = final[:, -1], paths[MEDIAN, -1]
    final[:, -1] = np.where(np.isnan(end) & ~np.isnan(med_end), med_end, end)
    if freq != "D":
        final = _blend(final, paths, cls, _driven(block.P, block.R), block.has_plan)
    mean_z = np.nan_to_num(final[:, -1])
    mean_z = np.where((cls == fm.NONE)[:, None], 0.0, mean_z)  # never sold: nothing to expect
    errs = final[:, :C] - actual.transpose(1, 0, 2)  # (S, C, H)
    mean_z, errs = mean_z[:, :horizon], errs[:, :, :horizon]
    p10, p90 = intervals(mean_z, errs, Y, scale, freq)
    kept = paths[:, -1, :, :horizon] * scale[None, :, None] if keep_candidates else None
    return BlockResult(mean_z * scale[:, None], p10, p90, method, cls, score,
                       np.clip(drivers.response.elasticity, *ELASTICITY_RANGE), drivers, kept)


def _put_back(x: np.ndarray, fac: np.ndarray, off: np.ndarray) -> np.ndarray:
    """``x`` (..., S, H) times the factor on the offset of the fit: (x + k) F - k, per series k; exactly x F where
    k is 0 or F is 1, and not below 0 where the factor lowers the forecast."""
    k = off[:, None]
    out = x * fac + k * (fac - 1.0)
    return np.where((fac < 1.0) & (out < 0.0) & (k > 0), 0.0, out)


def _fit_drivers(block: Block, scale: np.ndarray, cuts: list[int]) -> Drivers:
    """The price and promotion slopes, fitted on the history before the earliest CV origin (no window's outcome
    seen), or for a weekly, monthly or quarterly series with a plan before the ``DRIVER_WINDOWS_PLAN``-th
    latest origin: at h 12 on OJ's 121 weeks the earliest of 7 origins is week 13, too few weeks to learn a
    price response from, and the plan's prices are what that series' forecast rests on."""
    Y, P, R = block.Y, block.P, block.R
    first = min(cuts) if cuts else Y.shape[1]
    drivers = fit_drivers(Y[:, :first], P[:, :first], R[:, :first], scale, block.freq)
    k = DRIVER_WINDOWS_PLAN
    if block.freq == "D" or not block.has_plan.any() or len(cuts) <= k:
        return drivers
    cut = cuts[k - 1] if k > 0 else Y.shape[1]
    later = fit_drivers(Y[:, :cut], P[:, :cut], R[:, :cut], scale, block.freq).response
    old = drivers.response
    return Drivers(Response(**{f.name: np.where(block.has_plan, getattr(later, f.name), getattr(old, f.name))
                               for f in fields(Response)}))


def _driven(P: np.ndarray, R: np.ndarray) -> np.ndarray:
    """(S,) True for a series whose history has price changes or promotions."""
    hi, lo = fm._nanreduce(np.nanmax, P, np.nan), fm._nanreduce(np.nanmin, P, np.nan)
    return (np.nan_to_num(hi - lo) > 0) | (np.nan_to_num(R).sum(axis=1) > 0)


def _blend(final: np.ndarray, paths: np.ndarray, cls: np.ndarray, driven: np.ndarray,
           planned: np.ndarray) -> np.ndarray:
    """The forecast of a weekly, monthly or quarterly series (S, C + 1, H), every window and the end: the
    chosen candidate averaged with the combination, and for a series with prices or promotions then with the
    response's level (a regression on price and promotion: another family than the smoothers).

    Choosing one candidate on a few windows has a variance of its own; half-way to the combination keeps
    most of what the choice found (on the tuning windows, 0.5-1.5 points better than either alone on
    aus_retail and tourism). The response's weight follows what it knows that the smoothers do not: with a
    plan (the future prices and promotions) it takes half of the forecast (on orange juice with the plan,
    4 tuning origins x 3 horizons: +23.8% on average against the median of the last 8, worst +16.3%, against
    +21.9% and +8.7% at a quarter); without one it only carries the usual promotion intensity forward and is
    the most erratic of the four, so the choice, the combination, the response and the recent median take a
    quarter each (orange juice from history: worst cell -1.5% against -4.9% at half, the same +3.4% mean)."""
    steady = np.isin(cls, BLEND_CLASSES)[:, None, None]
    comb = paths[COMBINED].transpose(1, 0, 2)
    w = BLEND_COMB_WEIGHT
    out = np.where(steady & ~np.isnan(comb), (1 - w) * final + w * comb, final)
    resp = paths[RESPONSE].transpose(1, 0, 2)
    use = steady & driven[:, None, None] & ~np.isnan(resp)
    comb_f = np.where(np.isnan(comb), final, comb)
    med = paths[MEDIAN].transpose(1, 0, 2)
    med_f = np.where(np.isnan(med), final, med)
    quarters = (final + comb_f + resp + med_f) / 4
    return np.where(use, np.where(planned[:, None, None], (out + resp) / 2, quarters), out)


def _drop_explosive(win_sc: np.ndarray, ratio: float, least: float) -> np.ndarray:
    """The window scores (M, C, S) with every window of a candidate made unscorable (so it cannot be chosen
    nor combined) where that candidate, in any one window, erred more than ``ratio`` times the recent median
    and by more than ``least`` of the series' scale: the median over the windows is robust to one bad window,
    and so it also hides a method that blows up in it."""
    base = win_sc[MEDIAN]
    with np.errstate(invalid="ignore"):
        bad = ((win_sc > ratio * base[None]) & (win_sc > least)).any(axis=1)  # (M, S)
    bad[MEDIAN] = False
    return np.where(bad[:, None, :], np.nan, win_sc)


def _median_score(sc: np.ndarray) -> np.ndarray:
    """Median over the windows (C, S) -> (S,); NaN if a window the series has is missing."""
    if sc.shape[0] == 0:
        return np.full(sc.shape[1:], np.nan)
    return fm.nan_quantile(np.moveaxis(sc, 0, -1), 0.5)


def _baseline(win_sc: np.ndarray, cls: np.ndarray | None) -> np.ndarray:
    """(S,) the candidate each series' others are scored against, window by window: the recent median; for an
    item that sells on few days and whose recent median is zero (its path is masked, see :func:`run_block`, so
    it has no window score), the method of its demand class (Croston-SBA or TSB).

    With the median as the only baseline, such an item had no eligible candidate at all: every one scored
    inf, the single choice fell to the masked median and the combination to the only member left, the
    response's geometric level, which a zero-heavy history pulls to near zero (a Poisson item selling 0.3 a
    day was forecast about 0.05 a day, its SBA forecast 0.29 unused; in the shop the inventory agent then
    stocked such items at the floor of its band, 0.6 times their recent pace)."""
    S = win_sc.shape[2]
    if cls is None:
        return np.full(S, MEDIAN, dtype=np.int64)
    klass = np.array([CLASS_METHOD[int(k)] for k in cls], dtype=np.int64)
    return np.where(np.isfinite(win_sc[MEDIAN]).any(axis=0), MEDIAN, klass)


def _eligible_scores(win_sc: np.ndarray, cls: np.ndarray | None = None) -> np.ndarray:
    """(M, S) score of each candidate: the baseline's median window score plus the median, over the
    windows both have, of the candidate's score minus the baseline's. Comparing window by window
    keeps a method that lacks the oldest windows (too little history there) comparable. A candidate
    needs at least half of the series' windows; inf otherwise. The baseline is the recent median, or with
    ``cls`` given, the class method where the median has no window score (see :func:`_baseline`)."""
    rows = np.arange(win_sc.shape[2])
    base = win_sc[_baseline(win_sc, cls), :, rows].T  # (C, S)
    have = (~np.isnan(base)).sum(axis=0)
    diff = win_sc - base[None]
    n = (~np.isnan(diff)).sum(axis=1)
    med = _median_score(diff.transpose(1, 0, 2)) + _median_score(base)[None]
    # rounded: a tie must stay a tie when the series is multiplied by 1,000 (float noise)
    med = np.where((n >= np.maximum((have + 1) // 2, 1)) & np.isfinite(med), np.round(med, 9), np.inf)
    med[COMBINED] = np.inf
    return med


def _choose(win_sc: np.ndarray, cls: np.ndarray, daily: bool, yearly: np.ndarray,
            wandering: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    med = _eligible_scores(win_sc, cls)
    best = np.argmin(med, axis=0)
    rows = np.arange(med.shape[1])
    # the robust default of the demand class: the recent median, but Croston-SBA or TSB for items
    # that sell on few days (their median is zero); for smooth weekly, monthly and quarterly series,
    # the ETS + Theta combination, which follows trend and season where the median cannot
    robust = np.array([CLASS_METHOD[int(k)] if k in (fm.INTERMITTENT, fm.LUMPY, fm.DYING) else MEDIAN
                       for k in cls], dtype=np.int64)
    if not daily:
        # and for an erratic series whose swings repeat every year: its flat recent median (and the flat
        # response level beside it in the combination) would erase the season the other candidates follow
        seasonal_default = (cls == fm.SMOOTH) | ((cls == fm.ERRATIC) & yearly & SEASONAL_ERRATIC_DEFAULT)
        robust = np.where(seasonal_default & np.isfinite(med[ETS_THETA]), ETS_THETA, robust)
    if wandering is not None:
        # a smooth daily series whose level wanders (see WANDERING_DAILY_DEFAULT): the weekday x year decomposition
        robust = np.where(wandering & np.isfinite(med[WEEKDAY_YEAR]), WEEKDAY_YEAR, robust)
    robust = np.where(np.isfinite(med[robust, rows]), robust, MEDIAN)
    base = med[robust, rows]
    with np.errstate(invalid="ignore"):
        margin = np.where(robust == ETS_THETA, MARGIN_COMBINED, MARGIN)
        best = np.where(med[best, rows] < base - margin * np.abs(base), best, robust)
    score = med[best, rows]
    return best, np.where(np.isfinite(score), score, np.nan), robust


def _top(win_sc: np.ndarray, k: int, cls: np.ndarray | None = None) -> np.ndarray:
    """(S, k) indices of the k best candidates (ties and unscorable ones fall back to the recent median, which
    the combination skips where it is masked)."""
    med = _eligible_scores(win_sc, cls)
    order = np.argsort(med, axis=0)[:k].T
    ok = np.isfinite(np.take_along_axis(med.T, order, axis=1))
    return np.where(ok, order, MEDIAN)


def _global_paths(block: Block, cuts: list[int], H: int, model: ForecastModel) -> np.ndarray:
    """The global model's forecasts (C, S, H) in the series' own units, at each origin."""
    S, T = block.Y.shape
    out = np.full((len(cuts), S, H), np.nan)
    Y, P, R = block.Y, block.P, block.R
    old_drivers, _w, _b = gl.fit_drivers(block, H, 1)
    Yadj = old_drivers.adjust(Y, P, R)
    states = gl.local_states(Yadj, cuts)
    for c, cut in enumerate(cuts):
        if cut < T:
            stop = min(cut + H, T)
            plan_p = np.full((S, H), np.nan)
            plan_r = np.full((S, H), np.nan)
            plan_p[:, : stop - cut] = np.where(block.has_plan[:, None], P[:, cut:stop], np.nan)
            plan_r[:, : stop - cut] = np.where(block.has_plan[:, None], R[:, cut:stop], np.nan)
            idx = np.arange(cut - T + 1, cut - T + 1 + H)
        else:
            plan_p, plan_r, idx = block.Pf, block.Rf, np.arange(1, H + 1)
        cands, _ = gl._candidates(Y[:, :cut], P[:, :cut], R[:, :cut], plan_p, plan_r, idx, block.end, block.freq,
                                  model, states[c], Yadj[:, :cut])
        out[c] = cands[gl.GLOBAL] if cands.shape[0] > gl.GLOBAL else np.nan
    return out


def current_price(block: Block) -> float:
    known = block.P[0][~np.isnan(block.P[0])]
    return float(known[-1]) if known.size else float("nan")


def price_curve(block: Block, res: BlockResult, prices: np.ndarray, promo: float) -> np.ndarray:
    """Forecast of the block's first series at each price, shape (len(prices), H)."""
    base = res.mean[0]
    now = current_price(block)
    resp = res.drivers.response
    ref = now if not np.isnan(now) else float(resp.ref_price[0])
    b = float(res.elasticity[0])
    lift = float(np.exp(np.clip(resp.promo_lift[0], 0.0, 3.0) * promo))
    factors = np.ones_like(prices) if np.isnan(ref) else (prices / ref) ** b
    return base[None, :] * factors[:, None] * lift
