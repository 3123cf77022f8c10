"""Reorder arithmetic on arrays: protection demand, safety stock, reorder point, order-up-to, cases.

For an item reviewed every day (``REVIEW_DAYS``) and delivered ``L`` days after ordering, an order placed
today protects the shelf for ``L + R`` days. With the forecast's daily means and variances over those days
and the supplier's lead-time spread ``sL``::

    safety stock   SS  = z * sqrt(sum var + daily² * sL²)
    reorder point  ROP = sum mean (L + R days) + SS
    order-up-to    S   = ROP + sum mean over the next ``cover`` days (capped for perishables: the newsvendor below)

and the agent orders ``S - position`` (rounded up to whole cases, at least the minimum order) as soon as
the position (stock + what is on order) is below ``ROP``.
"""

from __future__ import annotations

from statistics import NormalDist

import numpy as np

REVIEW_DAYS = 1
# the newsvendor's critical ratio for a perishable's order-up-to level, kept within this range: the level is an
# upper bound (the whole cases ordered are chosen by expected profit in app.agents.fresh_cases); below 0.02 or
# above 0.98 a normal approximation of a few units' demand means nothing
FRESH_QUANTILE_RANGE = (0.02, 0.98)
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
           margin_share: np.ndarray | None = None,
           service_floor: float | np.ndarray = 0.0) -> dict[str, np.ndarray]:
    """Reorder point and order-up-to level (units) per item, with the pieces they are made of.

    ``margin_share`` ((price - cost) / price per item) sets how far a perishable's stock may reach into the
    uncertain part of its demand: a unit thrown away costs its cost, a unit not stocked only its margin, so
    a perishable is stocked to the demand quantile ``margin / price`` (the newsvendor's critical ratio) of its
    demand over the shelf life a delivery has when it arrives (``life_mean``, ``life_var``: from the lead time
    on), kept within [FRESH_QUANTILE_RANGE], and never under ``service_floor`` (the seller's
    ``agents.inventory.fresh_service_bp``: the least chance that a delivery lasts its shelf life)."""
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
    demand_lead = window_sum(mean, zeros, lead_days)
    # a perishable's delivery sells over the shelf life it has from the day it arrives (after what is left then):
    # the newsvendor stocks it up to the demand quantile margin / price of that window, for a unit thrown away
    # costs its cost and a unit not stocked its margin; never under the reorder point (the service level)
    whole_life = np.maximum(shelf_life.astype(np.int64), 1)
    life_mean = window_sum(mean, lead_days, whole_life)
    life_var = np.maximum(window_sum(var, lead_days, whole_life), life_mean)
    share = np.full(mean.shape[0], 0.5) if margin_share is None else np.asarray(margin_share, dtype=np.float64)
    share = np.maximum(share, service_floor)  # per item (app.agents.fresh_cases.item_floors) or one for all
    z_fresh = np.array([_NORMAL.inv_cdf(float(r)) for r in np.clip(np.nan_to_num(share, nan=0.5),
                                                                   *FRESH_QUANTILE_RANGE)])
    cap = demand_lead + np.maximum(life_mean + z_fresh * np.sqrt(life_var), 0)
    target = np.where(perishable, np.maximum(np.minimum(target, cap), rop), target)
    # whether a case pays (app.agents.fresh_cases) is judged over the whole shelf life, also where it reaches past
    # the forecast's horizon: a biscuit that keeps 139 days, read only over the ~32 days the forecast covers, at
    # 0.6 a day "threw away" 5 of a case of 24 and was left out of stock. Past the horizon at the lower of the
    # forecast's last day and its average, so a rising forecast (a surge) is not carried further than it reaches.
    # The order-up-to level above keeps the window the forecast covers.
    beyond = np.clip(lead_days + whole_life - mean.shape[1], 0, whole_life)
    tail_mean = np.minimum(mean[:, -1], mean.mean(axis=1)) if mean.shape[1] else np.zeros(mean.shape[0])
    tail_var = np.minimum(var[:, -1], var.mean(axis=1)) if var.shape[1] else np.zeros(var.shape[0])
    whole_mean = life_mean + beyond * tail_mean
    whole_var = np.maximum(life_var + beyond * tail_var, whole_mean)
    # the demand a delivery meets before the next one could arrive (ordered at the next review): what a perishable's
    # unit sold after that would only have displaced a fresher unit of that delivery (app.agents.fresh_cases)
    review = np.full(mean.shape[0], REVIEW_DAYS, dtype=np.int64)
    review_mean = window_sum(mean, lead_days, review)
    review_var = np.maximum(window_sum(var, lead_days, review), review_mean)
    return {"rop": rop, "target": target, "safety": safety, "demand_protect": demand_protect, "daily": daily,
            "demand_lead": demand_lead, "protect_days": protect, "life_mean": life_mean, "life_var": life_var,
            "whole_life_mean": whole_mean, "whole_life_var": whole_var, "review_mean": review_mean,
            "review_var": review_var,
            # the least critical ratio each perishable's cases are judged at (app.agents.fresh_cases.order_quantities)
            "service_floor": np.broadcast_to(np.asarray(service_floor, dtype=np.float64), mean.shape[:1])}
