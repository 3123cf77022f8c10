"""Seasonal and trend methods, vectorised over a block of series, numpy only.

Every function takes ``Z`` (S, T): the series divided by their own scale, ``NaN`` where a period is
not observed. ``cuts`` are forecast origins: the method sees the columns before the cut only. Each
returns forecast paths of shape (len(cuts), S, H), ``NaN`` where the method has too little history
at that origin. All methods are homogeneous of degree one (multiplying ``Z`` by ``c`` multiplies the
forecast by ``c``), which keeps the forecaster scale-free.

Season positions are the column index modulo the season length ``m``: every series of a block
shares the same period grid, so a column is the same week of the year (or weekday) for all of them.
"""

from __future__ import annotations

import numpy as np

from app.ml.forecast import _methods as fm

# (alpha, beta, phi, gamma) grids; parameters are picked per series by in-sample one-step error
_ALPHA_N = (0.05, 0.1, 0.2, 0.35, 0.6, 0.9)
_GRIDS: dict[tuple[bool, str], list[tuple[float, float, float, float]]] = {
    (False, "N"): [(a, 0.0, 1.0, 0.0) for a in _ALPHA_N],
    (True, "N"): [(a, b, p, 0.0) for a in (0.1, 0.3, 0.6) for b in (0.05, 0.2) for p in (0.85, 0.95)],
    (False, "A"): [(a, 0.0, 1.0, g) for a in (0.05, 0.15, 0.4) for g in (0.05, 0.2)],
    (False, "M"): [(a, 0.0, 1.0, g) for a in (0.05, 0.15, 0.4) for g in (0.05, 0.2)],
    (True, "A"): [(a, 0.05, p, g) for a in (0.1, 0.3) for p in (0.85, 0.95) for g in (0.05, 0.2)],
    (True, "M"): [(a, 0.05, p, g) for a in (0.1, 0.3) for p in (0.85, 0.95) for g in (0.05, 0.2)],
}
# finer grids where the series are few and short (weekly, monthly, quarterly): closer to the maximum
# likelihood fit that AutoETS finds by optimisation; daily data keep the small grids to stay fast. alpha
# stays at most 0.9: nearer 1, SES becomes the naive forecast, which one quiet period would drive to
# zero (naive is never used for a series with a zero period)
_A5 = (0.03, 0.1, 0.2, 0.35, 0.6, 0.9)
_FINE: dict[tuple[bool, str], list[tuple[float, float, float, float]]] = {
    (False, "N"): [(a, 0.0, 1.0, 0.0) for a in (0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.75, 0.9)],
    (True, "N"): [(a, b, p, 0.0) for a in _A5 for b in (0.01, 0.05, 0.15, 0.3) for p in (0.8, 0.9, 0.95, 0.98)],
    (False, "A"): [(a, 0.0, 1.0, g) for a in _A5 for g in (0.01, 0.05, 0.1, 0.2, 0.35)],
    (False, "M"): [(a, 0.0, 1.0, g) for a in _A5 for g in (0.01, 0.05, 0.1, 0.2, 0.35)],
    (True, "A"): [(a, b, p, g) for a in _A5 for b in (0.01, 0.05, 0.15) for p in (0.8, 0.9, 0.98)
                  for g in (0.01, 0.05, 0.15, 0.3)],
    (True, "M"): [(a, b, p, g) for a in _A5 for b in (0.01, 0.05, 0.15) for p in (0.8, 0.9, 0.98)
                  for g in (0.01, 0.05, 0.15, 0.3)],
}
_EPS = 1e-6


def first_observed(Z: np.ndarray) -> np.ndarray:
    seen = ~np.isnan(Z)
    return np.where(seen.any(axis=1), np.argmax(seen, axis=1), Z.shape[1])


def _init(Z: np.ndarray, m: int, season: str, trend: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Initial level (S,), trend (S,) and season (S, m), as of the period before each series' first
    observation, by the heuristic of Hyndman et al. (2008): a line fitted to the first two cycles (the
    first 4 periods without a season), the season from the values around that line, and the line refitted
    to the deseasonalised values. Two cycles: a CV origin needs two cycles before it, so nothing after an
    origin is read."""
    S, T = Z.shape
    k = 2 * m if m > 1 else 4
    f = first_observed(Z)
    idx = f[:, None] + np.arange(k)[None, :]
    vals = Z[np.arange(S)[:, None], np.minimum(idx, T - 1)]
    vals = np.where(idx < T, vals, np.nan)
    tt = np.arange(k, dtype=np.float64)[None, :]

    def line(v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        seen = ~np.isnan(v)
        n = np.maximum(seen.sum(axis=1), 1)
        mt = np.where(seen, tt, 0.0).sum(axis=1) / n
        mv = np.where(seen, v, 0.0).sum(axis=1) / n
        dt = np.where(seen, tt - mt[:, None], 0.0)
        slope = (dt * np.where(seen, v - mv[:, None], 0.0)).sum(axis=1) / np.maximum((dt * dt).sum(axis=1), _EPS)
        slope = np.where(seen.sum(axis=1) >= 3, slope, 0.0)
        return mv - slope * mt, slope  # the line's value at t = 0, and its slope

    seas = np.zeros((S, m)) if season != "M" else np.ones((S, m))
    if season != "N" and m > 1:
        a, b = line(vals)
        fit = a[:, None] + b[:, None] * tt
        pos = idx % m
        if season == "A":
            dev = vals - fit
        else:
            with np.errstate(divide="ignore", invalid="ignore"):
                dev = np.where(fit > _EPS, vals / fit, np.nan)
        for j in range(m):
            at = np.where(pos == j, dev, np.nan)
            seas[:, j] = fm._nanreduce(np.nanmean, at, empty=0.0 if season == "A" else 1.0)
        if season == "A":
            seas -= seas.mean(axis=1, keepdims=True)
            adj = vals - seas[np.arange(S)[:, None], pos]
        else:
            seas = np.clip(np.where(np.isfinite(seas), seas, 1.0), 0.05, 20.0)
            seas /= np.maximum(seas.mean(axis=1, keepdims=True), _EPS)
            adj = vals / seas[np.arange(S)[:, None], pos]
    else:
        adj = vals
    if trend:
        a, b = line(adj)
        level = a - b  # the line one period before the first observation
    else:
        level, b = fm._nanreduce(np.nanmean, adj[:, : max(min(m, 4), 4)]), np.zeros(S)
    return level, b, seas


def ets(Z: np.ndarray, cuts: list[int], H: int, m: int, trend: bool, season: str,
        fine: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """ETS / Holt-Winters: additive damped trend or none; seasonality none
    ("N"), additive ("A") or multiplicative ("M"), season length ``m``. Parameters per series from a grid
    (``fine``: the larger one) by in-sample one-step squared error up to each cut. Returns the paths (C, S, H)
    and the AICc of each fit (C, S), NaN where there is too little history."""
    S, T = Z.shape
    if season == "N":
        m = 1
    grid = np.array((_FINE if fine else _GRIDS)[(trend, season)], dtype=np.float64)
    P = grid.shape[0]
    al, be, ph, ga = (grid[:, i][None, :] for i in range(4))
    level0, trend0, seas0 = _init(Z, m, season, trend)
    f = first_observed(Z)
    lvl = np.repeat(level0[:, None], P, axis=1)
    b = np.zeros((S, P))
    seas = np.repeat(seas0[:, None, :], P, axis=1)  # (S, P, m)
    sse = np.zeros((S, P))
    seen = ~np.isnan(Z)
    Z0 = np.nan_to_num(Z)
    nobs = np.cumsum(seen, axis=1)
    out = np.full((len(cuts), S, H), np.nan)
    aicc = np.full((len(cuts), S), np.nan)
    # parameters of the information criterion: smoothing parameters, damping and the initial states
    k = 2 + 3 * trend + (m if season != "N" else 0)
    need = 2 * m if season != "N" else (4 if not trend else 6)
    rows = np.arange(S)
    damp = np.cumsum(ph[0][None, :] ** np.arange(1, H + 1)[:, None], axis=0)  # (H, P)
    cut_at = {c: i for i, c in enumerate(cuts)}
    for t in range(T + 1):
        if t in cut_at:
            best = np.argmin(sse, axis=1)
            lv, bb = lvl[rows, best], b[rows, best]
            path = lv[:, None] + bb[:, None] * damp[:, best].T
            if season != "N":
                pos = (t + np.arange(H)) % m
                sv = seas[rows, best][:, pos]
                path = path + sv if season == "A" else path * sv
            n = nobs[:, t - 1] if t > 0 else np.zeros(S, dtype=np.int64)
            enough = n >= need
            out[cut_at[t]] = np.where(enough[:, None], path, np.nan)
            # AICc of the Gaussian likelihood, as AutoETS selects models (the variance is one more
            # parameter); the scale only shifts log(SSE) by the same amount for every model
            with np.errstate(divide="ignore", invalid="ignore"):
                crit = (n * np.log(np.maximum(sse[rows, best], _EPS * _EPS * n) / np.maximum(n, 1)) + 2 * (k + 1)
                        + 2 * (k + 1) * (k + 2) / (n - k - 2))
            aicc[cut_at[t]] = np.where(enough & (n > k + 2), crit, np.nan)
        if t == T:
            break
        ok = seen[:, t][:, None]
        y = Z0[:, t][:, None]
        starts = (f == t)[:, None]  # the states hold from the period before a series' first value
        lvl = np.where(starts, level0[:, None], lvl)
        b = np.where(starts, trend0[:, None], b)
        lp = lvl + ph * b
        if season == "N":
            err = y - lp
            new_l = lp + al * err
        else:
            j = t % m
            s_old = seas[:, :, j]
            if season == "A":
                err = y - lp - s_old
                new_l = lp + al * (y - s_old - lp)
                new_s = s_old + ga * (y - lp - s_old)
            else:
                s_safe = np.maximum(s_old, _EPS)
                err = y - lp * s_safe
                new_l = lp + al * (y / s_safe - lp)
                new_s = np.clip(s_old + ga * (y / np.maximum(lp, _EPS) - s_old), 0.05, 20.0)
            seas[:, :, j] = np.where(ok, new_s, s_old)
        sse += np.where(ok, err * err, 0.0)
        new_b = ph * b + be * (new_l - lp)
        lvl = np.where(ok, new_l, lp)
        b = np.where(ok, new_b, ph * b)
    return out, aicc


def seasonal_strength(Zc: np.ndarray, m: int, years: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Classical multiplicative seasonal indices (S, m) by column position, and whether the
    autocorrelation at lag ``m`` is significant (90%, Bartlett), per series. ``years``: the indices from the
    detrended ratios of the last ``years`` seasons only (the significance still from the whole history)."""
    S, T = Zc.shape
    idx = np.ones((S, m))
    sig = np.zeros(S, dtype=bool)
    if m <= 1 or 2 * m + 1 > T:
        return idx, sig
    # centred moving average of length m (2 x m when m is even)
    X = np.nan_to_num(Zc)
    W = (~np.isnan(Zc)).astype(np.float64)
    k = np.ones(m + 1) if m % 2 == 0 else np.ones(m)
    if m % 2 == 0:
        k[0] = k[-1] = 0.5
    cs = _conv_rows(X, k)
    cw = _conv_rows(W, k)
    # a full window only: a partial one would depend on where the block starts, not on the series
    ma = np.where(cw >= k.sum() - 1e-9, cs / np.maximum(cw, _EPS), np.nan)
    half = (len(k) - 1) // 2
    ratio = np.full((S, T), np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio[:, half : T - half] = np.where(ma > _EPS, Zc[:, half : T - half] / ma, np.nan)
    pos = np.arange(T) % m
    if years is not None:
        # the latest ``years`` seasons of ratios that the centred average reaches (it stops half a season early)
        ratio[:, : max(T - half - years * m, 0)] = np.nan
    for j in range(m):
        idx[:, j] = fm._nanreduce(np.nanmean, ratio[:, pos == j], empty=1.0)
    idx = np.where(np.isfinite(idx) & (idx > 0), idx, 1.0)
    idx /= idx.mean(axis=1, keepdims=True)
    # autocorrelation at lag m on the observed values
    mu = fm._nanreduce(np.nanmean, Zc)
    D = np.where(np.isnan(Zc), 0.0, Zc - mu[:, None])
    den = (D * D).sum(axis=1)
    r = np.zeros((S, m))
    for lag in range(1, m + 1):
        r[:, lag - 1] = (D[:, lag:] * D[:, :-lag]).sum(axis=1) / np.maximum(den, _EPS)
    acf = r[:, m - 1]
    n = (~np.isnan(Zc)).sum(axis=1)
    limit = 1.645 * np.sqrt((1 + 2 * (r[:, : m - 1] ** 2).sum(axis=1)) / np.maximum(n, 1))
    sig = (acf > limit) & (n >= 2 * m + 1)
    return idx, sig


def _conv_rows(X: np.ndarray, k: np.ndarray) -> np.ndarray:
    """Valid-mode convolution of every row with a short kernel (a sum of shifted rows)."""
    L = len(k)
    n = X.shape[1] - L + 1
    out = np.zeros((X.shape[0], max(n, 0)))
    for i, w in enumerate(k):
        out += w * X[:, i : i + n]
    return out


def theta(Z: np.ndarray, cuts: list[int], H: int, m: int) -> np.ndarray:
    """The Theta method (SES with drift, half the linear-trend slope), on the seasonally adjusted
    series when the seasonality at lag ``m`` is significant (classical decomposition)."""
    return theta_lines(Z, cuts, H, m, (0.5,))[0]


def theta_lines(Z: np.ndarray, cuts: list[int], H: int, m: int, weights: tuple[float, ...],
                years: int | None = None) -> np.ndarray:
    """Theta forecasts (len(weights), C, S, H) with the drift at each weight ``w`` of the linear-trend slope:
    ``w = 1 - 1/theta`` of the optimised Theta method (0: SES, 0.5: the standard Theta, theta = 2). ``years``:
    the seasonal indices from the last ``years`` seasons before each origin only (see :func:`seasonal_strength`)."""
    S, _T = Z.shape
    out = np.full((len(weights), len(cuts), S, H), np.nan)
    w = np.asarray(weights, dtype=np.float64)[:, None, None]
    h = np.arange(1, H + 1)[None, :]
    for c, cut in enumerate(cuts):
        Zc = Z[:, :cut]
        idx, sig = seasonal_strength(Zc, m, years)  # the significance is the whole history's either way
        idx = np.where(sig[:, None], idx, 1.0)
        pos_hist = np.arange(cut) % max(m, 1)
        A = Zc / idx[:, pos_hist]
        seen = ~np.isnan(A)
        n = seen.sum(axis=1)
        tt = np.where(seen, np.arange(cut)[None, :], 0.0)
        mt = tt.sum(axis=1) / np.maximum(n, 1)
        my = np.where(seen, A, 0.0).sum(axis=1) / np.maximum(n, 1)
        dt = np.where(seen, tt - mt[:, None], 0.0)
        slope = (dt * np.where(seen, A - my[:, None], 0.0)).sum(axis=1) / np.maximum((dt * dt).sum(axis=1), _EPS)
        lvl, alpha = _ses_alpha(A)
        path = lvl[None, :, None] + w * slope[None, :, None] * (h - 1 + 1 / alpha[:, None])[None]
        pos = (cut + np.arange(H)) % max(m, 1)
        out[:, c] = np.where((n >= 6)[None, :, None], path * idx[None, :, pos], np.nan)
    return out


def _ses_alpha(A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """SES level at the end of ``A`` and its alpha, picked per series by one-step error."""
    alphas = np.array((0.1, 0.2, 0.4, 0.7, 0.95))
    S, T = A.shape
    level = np.repeat(fm._first_obs_mean(A, 4)[:, None], len(alphas), axis=1)
    sse = np.zeros_like(level)
    seen = ~np.isnan(A)
    A0 = np.nan_to_num(A)
    for t in range(T):
        err = (A0[:, t : t + 1] - level) * seen[:, t : t + 1]
        sse += err * err
        level += alphas[None, :] * err
    best = np.argmin(sse, axis=1)
    return level[np.arange(S), best], alphas[best]


def naive(Z: np.ndarray, cuts: list[int], H: int) -> np.ndarray:
    """The last observed value before each cut."""
    S, T = Z.shape
    seen = ~np.isnan(Z)
    pos = np.where(seen, np.arange(T)[None, :], -1)
    np.maximum.accumulate(pos, axis=1, out=pos)
    out = np.full((len(cuts), S, H), np.nan)
    for c, cut in enumerate(cuts):
        if cut == 0:
            continue
        p = pos[:, cut - 1]
        v = np.where(p >= 0, Z[np.arange(S), np.maximum(p, 0)], np.nan)
        out[c] = v[:, None]
    return out


def seasonal_naive(Z: np.ndarray, cuts: list[int], H: int, m: int) -> np.ndarray:
    """The value one season before each target (the one before that if unobserved)."""
    S, _T = Z.shape
    out = np.full((len(cuts), S, H), np.nan)
    for c, cut in enumerate(cuts):
        for j in range(H):
            col = cut + j - m * (1 + j // m)
            v = Z[:, col] if col >= 0 else np.full(S, np.nan)
            back = col - m
            if back >= 0:
                v = np.where(np.isnan(v), Z[:, back], v)
            out[c, :, j] = v
    return out


def seasonal_naive_growth(Z: np.ndarray, cuts: list[int], H: int, m: int) -> np.ndarray:
    """Seasonal naive times the year-on-year growth at each origin: the mean of the last season's observed
    periods over the mean of the season before it, clipped to [0.5, 2] (NaN without two seasons before the
    origin). It copies last year's shape, where the smoothers estimate it."""
    out = seasonal_naive(Z, cuts, H, m)
    for c, cut in enumerate(cuts):
        if cut < 2 * m:
            out[c] = np.nan
            continue
        now = fm._nanreduce(np.nanmean, Z[:, cut - m : cut], np.nan)
        before = fm._nanreduce(np.nanmean, Z[:, cut - 2 * m : cut - m], np.nan)
        with np.errstate(invalid="ignore", divide="ignore"):
            g = np.where(before > 0, np.clip(now / before, 0.5, 2.0), np.nan)
        out[c] *= g[:, None]
    return out


def recent_median(Z: np.ndarray, cuts: list[int], H: int, k: int) -> np.ndarray:
    out = np.full((len(cuts), Z.shape[0], H), np.nan)
    for c, cut in enumerate(cuts):
        Zc = Z[:, max(cut - k, 0) : cut]
        ok = (~np.isnan(Zc)).any(axis=1)
        out[c] = np.where(ok, fm.recent_median(Zc, k), np.nan)[:, None]
    return out


def weekday_year(Z: np.ndarray, cuts: list[int], H: int) -> np.ndarray:
    """Daily data, two seasons: SES level on the weekday-adjusted series x weekday index x yearly
    factor (the same days a year ago against the four weeks before them; 1 without a year of history)."""
    S, _T = Z.shape
    out = np.full((len(cuts), S, H), np.nan)
    for c, cut in enumerate(cuts):
        Zc = Z[:, max(cut - 364 - 60, 0) : cut]
        off = max(cut - 364 - 60, 0)
        recent = Z[:, max(cut - 56, 0) : cut]
        pos_r = (np.arange(max(cut - 56, 0), cut)) % 7
        mean_r = fm._nanreduce(np.nanmean, recent)
        wd = np.ones((S, 7))
        for d in range(7):
            cols = recent[:, pos_r == d]
            if cols.shape[1]:
                seen = ~np.isnan(cols)
                s = np.where(seen, cols, 0.0).sum(axis=1)
                n = seen.sum(axis=1)
                wd[:, d] = (s + 2.0 * mean_r) / np.maximum((n + 2.0) * mean_r, _EPS)
        wd = np.where(mean_r[:, None] > 0, wd, 1.0)
        wd /= wd.mean(axis=1, keepdims=True)
        pos_all = np.arange(off, cut) % 7
        A = Zc / wd[:, pos_all]
        lvl, _alpha = _ses_alpha(A[:, -min(A.shape[1], 120):])
        year = np.ones((S, H))
        if cut >= 364 + 28 + 7:
            base = fm._nanreduce(np.nanmean, Z[:, cut - 364 - 28 : cut - 364], empty=np.nan)
            for j in range(H):
                a = cut - 364 + j - 7
                fut = fm._nanreduce(np.nanmean, Z[:, a : a + 15], empty=np.nan)
                year[:, j] = np.where((base > _EPS) & np.isfinite(fut), fut / np.maximum(base, _EPS), 1.0)
            year = np.clip(year, 0.25, 4.0)
        pos = (cut + np.arange(H)) % 7
        n = (~np.isnan(recent)).sum(axis=1)
        out[c] = np.where((n >= 14)[:, None], lvl[:, None] * wd[:, pos] * year, np.nan)
    return out


def lag_correlation(Z: np.ndarray, lag: int) -> np.ndarray:
    """Autocorrelation at ``lag`` of the observed values of each series (0 with too few)."""
    mu = fm._nanreduce(np.nanmean, Z)
    D = np.where(np.isnan(Z), 0.0, Z - mu[:, None])
    den = (D * D).sum(axis=1)
    r = (D[:, lag:] * D[:, :-lag]).sum(axis=1) / np.maximum(den, _EPS)
    return np.where((~np.isnan(Z)).sum(axis=1) > lag + 3, r, 0.0)
