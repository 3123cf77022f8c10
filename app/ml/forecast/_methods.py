"""Per-series forecasting methods, vectorised over a block of series.

Every function takes ``Y``: a float matrix, one row per series and one column per period (oldest
first, the last column is the last period of history). ``NaN`` means "not observed": before the
item existed, or a period whose sales are unknown. Methods skip those periods instead of reading
them as zero sales. Each returns the per-period forecast for the next periods (flat over the
horizon), one value per series; they refit on every call, so they always follow the shop's own
history.

Demand classes follow Syntetos, Boylan & Croston (2005): ADI (average periods between sales) and
CV² (squared coefficient of variation of the non-zero sales) split items into smooth, erratic,
intermittent and lumpy. We add *dying* (no sale for much longer than the item's usual gap, after
selling before) and *none* (never sold).
"""

from __future__ import annotations

import numpy as np

ADI_CUT = 1.32
CV2_CUT = 0.49

SMOOTH, ERRATIC, INTERMITTENT, LUMPY, DYING, NONE = range(6)
CLASS_NAMES = ("smooth", "erratic", "intermittent", "lumpy", "dying", "none")

SES_ALPHAS = np.array([0.05, 0.1, 0.2, 0.3, 0.5], dtype=np.float64)
CROSTON_ALPHA = 0.1
TSB_ALPHA_SIZE = 0.1
TSB_ALPHAS_PROB = np.array([0.05, 0.1, 0.2, 0.4], dtype=np.float64)


def last_k(Y: np.ndarray, k: int) -> np.ndarray:
    """The last ``k`` periods of each row (fewer if the matrix is shorter)."""
    return Y[:, -k:] if Y.shape[1] >= k else Y


def _nanreduce(fn, A: np.ndarray, empty: float = 0.0) -> np.ndarray:
    # rows that are all-NaN give ``empty`` instead of a warning and a NaN
    seen = ~np.isnan(A)
    out = np.full(A.shape[0], empty, dtype=np.float64)
    rows = seen.any(axis=1)
    if rows.any():
        out[rows] = fn(A[rows], axis=1)
    return out


def nan_quantile(X: np.ndarray, q: float | np.ndarray) -> np.ndarray:
    """The ``q`` quantile (linear interpolation) along the last axis, skipping NaN; NaN where all are.

    numpy's nanquantile and nanmedian loop over the rows in Python for small arrays; a sort of the
    whole block is far faster for thousands of short rows. ``q`` may be an array, one level per row.
    """
    Xs = np.sort(X, axis=-1)  # NaN sort last
    n = (~np.isnan(X)).sum(axis=-1)
    pos = q * np.maximum(n - 1, 0)
    lo = np.floor(pos).astype(np.int64)
    hi = np.minimum(lo + 1, np.maximum(n - 1, 0))
    a = np.take_along_axis(Xs, lo[..., None], axis=-1)[..., 0]
    b = np.take_along_axis(Xs, hi[..., None], axis=-1)[..., 0]
    return np.where(n > 0, a + (pos - lo) * (b - a), np.nan)


def recent_median(Y: np.ndarray, k: int) -> np.ndarray:
    """Median of the last ``k`` observed periods: the robust baseline every choice is held against."""
    return np.nan_to_num(nan_quantile(last_k(Y, k), 0.5)) if Y.shape[1] else np.zeros(Y.shape[0])


def recent_mean(Y: np.ndarray, k: int) -> np.ndarray:
    return _nanreduce(np.nanmean, last_k(Y, k))


def never_zero(Y: np.ndarray) -> np.ndarray:
    """(S,) True for a series with observed periods, none of them without sales (NaN = not observed)."""
    seen = ~np.isnan(Y)
    return seen.any(axis=1) & ~(seen & (np.nan_to_num(Y) <= 0)).any(axis=1)


def classify(Y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(class, ADI, CV²) of each series; see the module docstring for the classes."""
    seen = ~np.isnan(Y)
    n_seen = seen.sum(axis=1)
    sold = seen & (np.nan_to_num(Y) > 0)
    n_sold = sold.sum(axis=1)
    adi = np.where(n_sold > 0, n_seen / np.maximum(n_sold, 1), np.inf)
    sizes = np.where(sold, Y, np.nan)
    mean_size = _nanreduce(np.nanmean, sizes)
    std_size = _nanreduce(np.nanstd, sizes)
    cv2 = np.where(mean_size > 0, (std_size / np.maximum(mean_size, 1e-12)) ** 2, 0.0)
    # periods since the last sale, counting only observed periods
    seen_after = np.cumsum(seen[:, ::-1], axis=1)[:, ::-1]  # observed periods from t to the end
    last_sale_pos = np.where(sold.any(axis=1), Y.shape[1] - 1 - np.argmax(sold[:, ::-1], axis=1), -1)
    since = np.where(
        last_sale_pos >= 0,
        seen_after[np.arange(Y.shape[0]), np.maximum(last_sale_pos, 0)] - 1,
        n_seen,
    )
    cls = np.where(adi <= ADI_CUT, np.where(cv2 <= CV2_CUT, SMOOTH, ERRATIC),
                   np.where(cv2 <= CV2_CUT, INTERMITTENT, LUMPY))
    dying = (n_sold >= 2) & (since > np.maximum(2.5 * adi, 4)) & (since >= 4)
    cls = np.where(dying, DYING, cls)
    cls = np.where(n_sold == 0, NONE, cls)
    return cls.astype(np.int64), adi, cv2


def _first_obs_mean(Y: np.ndarray, k: int) -> np.ndarray:
    seen = ~np.isnan(Y)
    count = np.cumsum(seen, axis=1)
    use = seen & (count <= k)
    n = use.sum(axis=1)
    return np.where(n > 0, np.where(use, Y, 0.0).sum(axis=1) / np.maximum(n, 1), 0.0)


def _cuts(T: int, cuts: list[int] | None) -> list[int]:
    return [T] if cuts is None else list(cuts)


def ses(Y: np.ndarray, cuts: list[int] | None = None, alphas: np.ndarray = SES_ALPHAS) -> np.ndarray:
    """Simple exponential smoothing (ETS(A,N,N)) with alpha picked per series by one-step error.

    Returns the level per series, shape (len(cuts), S): the state after the first ``cut``
    periods, for each cut (default: the whole history). One pass serves every backtest window.
    """
    S, T = Y.shape
    cuts = _cuts(T, cuts)
    out = np.zeros((len(cuts), S))
    level = np.repeat(_first_obs_mean(Y, 4)[:, None], len(alphas), axis=1)
    sse = np.zeros_like(level)
    a = alphas[None, :]
    seen = ~np.isnan(Y)
    Y0 = np.where(seen, Y, 0.0)
    rows = np.arange(S)
    for t in range(T + 1):
        for c, cut in enumerate(cuts):
            if cut == t:
                out[c] = np.maximum(level[rows, np.argmin(sse, axis=1)], 0.0)
        if t == T:
            break
        err = (Y0[:, t : t + 1] - level) * seen[:, t : t + 1]
        sse += err * err
        level += a * err
    return out


def croston_sba(Y: np.ndarray, cuts: list[int] | None = None, alpha: float = CROSTON_ALPHA) -> np.ndarray:
    """Croston's method with the Syntetos-Boylan bias correction: (1 - alpha/2) * size / interval.

    Shape (len(cuts), S), as :func:`ses`.
    """
    S, T = Y.shape
    cuts = _cuts(T, cuts)
    out = np.zeros((len(cuts), S))
    size = np.zeros(S)
    interval = np.ones(S)
    started = np.zeros(S, dtype=bool)
    gap = np.zeros(S)
    seen = ~np.isnan(Y)
    sold_all = seen & (np.where(seen, Y, 0.0) > 0)
    Y0 = np.where(seen, Y, 0.0)
    for t in range(T + 1):
        for c, cut in enumerate(cuts):
            if cut == t:
                out[c] = np.where(started, (1 - alpha / 2) * size / np.maximum(interval, 1.0), 0.0)
        if t == T:
            break
        gap += seen[:, t]
        sale = sold_all[:, t]
        fresh = sale & ~started
        later = sale & started
        y = Y0[:, t]
        size = np.where(fresh, y, np.where(later, size + alpha * (y - size), size))
        interval = np.where(fresh, gap, np.where(later, interval + alpha * (gap - interval), interval))
        started |= sale
        gap = np.where(sale, 0.0, gap)
    return out


def tsb(Y: np.ndarray, cuts: list[int] | None = None, alpha_size: float = TSB_ALPHA_SIZE,
        alphas_prob: np.ndarray = TSB_ALPHAS_PROB) -> np.ndarray:
    """Teunter-Syntetos-Babai: demand probability x size, the probability updated every period.

    Unlike Croston it decays while an item stops selling, so dying items fade towards zero.
    The probability's smoothing constant is picked per series by one-step error.
    Shape (len(cuts), S), as :func:`ses`.
    """
    S, T = Y.shape
    cuts = _cuts(T, cuts)
    out = np.zeros((len(cuts), S))
    A = len(alphas_prob)
    seen = ~np.isnan(Y)
    Y0 = np.where(seen, Y, 0.0)
    sold = seen & (Y0 > 0)
    first_k = np.cumsum(seen, axis=1) <= 8
    n0 = (seen & first_k).sum(axis=1)
    p0 = np.where(n0 > 0, (sold & first_k).sum(axis=1) / np.maximum(n0, 1), 0.0)
    n_sold = sold.sum(axis=1)
    first_sizes = np.where(sold & (np.cumsum(sold, axis=1) <= 4), Y0, 0.0).sum(axis=1)
    size = np.where(n_sold > 0, first_sizes / np.maximum(np.minimum(n_sold, 4), 1), 0.0)
    prob = np.repeat(p0[:, None], A, axis=1)
    sse = np.zeros((S, A))
    a = alphas_prob[None, :]
    rows = np.arange(S)
    for t in range(T + 1):
        for c, cut in enumerate(cuts):
            if cut == t:
                out[c] = np.maximum(prob[rows, np.argmin(sse, axis=1)] * size, 0.0)
        if t == T:
            break
        ok = seen[:, t : t + 1]
        d = sold[:, t : t + 1]
        err = (Y0[:, t : t + 1] - prob * size[:, None]) * ok
        sse += err * err
        prob += a * (d - prob) * ok
        size = np.where(sold[:, t], size + alpha_size * (Y0[:, t] - size), size)
    return out


def weekday_profile(Y: np.ndarray, last_weekday: int, weeks: int = 8, shrink: float = 2.0) -> np.ndarray:
    """Multiplicative weekday indices of daily series, shape (S, 7), indexed by weekday (0 = Monday).

    Built from the last ``weeks`` weeks and shrunk towards 1 (``shrink`` pseudo-weeks), so an
    item with a few sales does not get a wild weekday pattern.
    """
    S, T = Y.shape
    n = min(T, 7 * weeks)
    recent = Y[:, T - n :]
    dow = (last_weekday - np.arange(n)[::-1]) % 7
    total = _nanreduce(np.nanmean, recent)
    prof = np.ones((S, 7))
    for d in range(7):
        cols = recent[:, dow == d]
        if cols.shape[1] == 0:
            continue
        seen = ~np.isnan(cols)
        s = np.where(seen, cols, 0.0).sum(axis=1)
        c = seen.sum(axis=1)
        prof[:, d] = (s + shrink * total) / np.maximum((c + shrink) * total, 1e-12)
    prof = np.where(total[:, None] > 0, prof, 1.0)
    return prof / prof.mean(axis=1, keepdims=True)
