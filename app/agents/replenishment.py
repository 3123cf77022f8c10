"""Reorder arithmetic on arrays: protection demand, safety stock, reorder point, order-up-to, cases.

For an item reviewed every day (``REVIEW_DAYS``) and delivered ``L`` days after ordering, an order placed
today protects the shelf for ``L + R`` days. With the forecast's daily means and variances over those days
and the supplier's lead-time spread ``sL``::

    safety stock   SS  = z * sqrt(sum var + daily² * sL²)
    reorder point  ROP = sum mean (L + R days) + SS
    order-up-to    S   = ROP + sum mean over the next ``cover`` days (capped for perishables)

and the agent orders ``S - position`` (rounded up to whole cases, at least the minimum order) as soon as
the position (stock + what is on order) is below ``ROP``.
"""

from __future__ import annotations

from statistics import NormalDist

import numpy as np

REVIEW_DAYS = 1
PERISHABLE_SELL_SHARE = 0.7  # order at most what sells in this share of the shelf life
# the newsvendor's critical ratio for perishables, kept within this range: below it the shelf would be empty
# most days, above it a low-margin item (milk at 7%) would throw away more than it earns
FRESH_QUANTILE_RANGE = (0.5, 0.7)
_NORMAL = NormalDist()


def z_value(service_level: float) -> float:
    return NormalDist().inv_cdf(min(max(service_level, 0.5), 0.999))


def window_sum(values: np.ndarray, start: np.ndarray, length: np.ndarray) -> np.ndarray:
    """Per row, the sum of ``values[row, start : start + length]`` (clipped to the horizon)."""
    n, horizon = values.shape
    cum = np.concatenate([np.zeros((n, 1), dtype=values.dtype), np.cumsum(values, axis=1)], axis=1)
    a = np.clip(start, 0, horizon)
    b = np.clip(start + length, 0, horizon)
    rows = np.arange(n)
    return cum[rows, b] - cum[rows, a]


def round_to_case(qty_milli: np.ndarray, case_milli: np.ndarray, moq_milli: np.ndarray) -> np.ndarray:
    """Whole cases, at least the minimum order quantity (itself rounded up to whole cases); 0 stays 0."""
    case = np.maximum(case_milli, 1)
    cases = -(-np.maximum(qty_milli, 0) // case)
    min_cases = -(-moq_milli // case)
    out = np.maximum(cases, min_cases) * case
    return np.where(qty_milli > 0, out, 0)


def round_down_to_case(qty_milli: np.ndarray, case_milli: np.ndarray, moq_milli: np.ndarray, *,
                       allow_share: float) -> np.ndarray:
    """Whole cases not above ``qty`` (for perishables: what does not sell is thrown away); one case (or the
    minimum) when ``qty`` is at least ``allow_share`` of it, else nothing."""
    case = np.maximum(case_milli, 1)
    least = np.maximum(-(-moq_milli // case), 1) * case
    cases = (np.maximum(qty_milli, 0) // case) * case
    out = np.where(cases >= least, cases, np.where(qty_milli >= allow_share * least, least, 0))
    return np.where(qty_milli > 0, out, 0)


def levels(mean: np.ndarray, var: np.ndarray, *, lead_days: np.ndarray, lead_sd: np.ndarray,
           z: np.ndarray, cover_days: np.ndarray, shelf_life: np.ndarray,
           margin_share: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """Reorder point and order-up-to level (units) per item, with the pieces they are made of.

    ``margin_share`` ((price - cost) / price per item) sets how far a perishable's stock may reach into the
    uncertain part of its demand: a unit thrown away costs its cost, a unit not stocked only its margin, so
    a perishable is stocked to the demand quantile ``margin / price`` (the newsvendor's critical ratio),
    kept within [FRESH_QUANTILE_RANGE]."""
    protect = lead_days + REVIEW_DAYS
    zeros = np.zeros_like(lead_days)
    demand_protect = window_sum(mean, zeros, protect)
    var_protect = window_sum(var, zeros, protect)
    daily = demand_protect / np.maximum(protect, 1)
    safety = z * np.sqrt(var_protect + (daily * lead_sd) ** 2)
    rop = demand_protect + safety
    cycle = window_sum(mean, protect, cover_days)
    target = rop + cycle
    perishable = shelf_life > 0
    sellable_days = lead_days + np.floor(shelf_life * PERISHABLE_SELL_SHARE).astype(np.int64)
    cap = window_sum(mean, zeros, np.maximum(sellable_days, 1)) + 0.5 * safety
    target = np.where(perishable, np.maximum(np.minimum(target, cap), rop), target)
    demand_lead = window_sum(mean, zeros, lead_days)
    # what an order arriving after the lead time can sell before it expires (perishables only): the expected
    # sales over most of the shelf life with a little of the safety stock, but never more than the expected
    # sales over the whole shelf life (the honest baseline's cap, a rule the agent could always have used)
    fresh_days = np.maximum(np.floor(shelf_life * PERISHABLE_SELL_SHARE).astype(np.int64), 1)
    whole_life = np.maximum(shelf_life.astype(np.int64), 1)
    fresh_mean = window_sum(mean, lead_days, whole_life)
    share = np.full(mean.shape[0], 0.5) if margin_share is None else np.asarray(margin_share, dtype=np.float64)
    z_fresh = np.array([_NORMAL.inv_cdf(float(r)) for r in np.clip(np.nan_to_num(share, nan=0.5),
                                                                   *FRESH_QUANTILE_RANGE)])
    window = window_sum(mean, lead_days, fresh_days)
    sells_fresh = np.minimum(np.maximum(window + z_fresh * np.sqrt(window_sum(var, lead_days, fresh_days)), 0),
                             fresh_mean)
    return {"rop": rop, "target": target, "safety": safety, "demand_protect": demand_protect, "daily": daily,
            "demand_lead": demand_lead, "protect_days": protect, "sells_fresh": sells_fresh,
            "fresh_mean": fresh_mean}
