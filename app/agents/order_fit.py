"""Shaping one supplier's purchase order to what the seller allows (pure arithmetic on the order's rows).

* **the autonomy limit**: an order worth more than the agent may spend alone is cut to the most urgent
  lines that fit (whole cases, at least the minimum quantity); the rest waits for the next day's order,
  so a large need is met over a few days instead of waiting in the approvals inbox (or never);
* **after a refusal**: the seller refused an order to this supplier in the approvals inbox. The next one
  asks only for the items short of their reorder point, only what brings them back to it, items the
  seller has not already refused first; the very same order is asked again no sooner than a lead time
  after the refusal, so the inbox never fills with the order the seller declined yesterday.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from app.agents import replenishment as rp
from app.agents.snapshot import Snapshot
from app.store.refused_orders import RefusedOrder


def urgency(runs_out: np.ndarray, position: np.ndarray, rop: np.ndarray,
            refused_skus: np.ndarray | None = None) -> np.ndarray:
    """Row order, most urgent first: not yet refused, runs out before a delivery, lowest cover of the ROP."""
    cover = position / np.maximum(rop, 1)
    keys = [cover, ~runs_out]
    if refused_skus is not None:
        keys.append(refused_skus)
    return np.lexsort(keys)


def fit_to_cap(qty: np.ndarray, case: np.ndarray, moq: np.ndarray, unit_cost: np.ndarray, order: np.ndarray,
               cap_paise: int) -> np.ndarray:
    """``qty`` cut to at most ``cap_paise`` in ``order``: whole lines while they fit, then the whole cases (at
    least the minimum quantity) of a line that fits in part; lines after the money runs out get nothing."""
    out = np.zeros_like(qty)
    total = 0
    for k in order:
        if qty[k] <= 0:
            continue
        cost = int(qty[k]) * int(unit_cost[k]) // 1000
        if total + cost <= cap_paise:
            out[k] = qty[k]
            total += cost
            continue
        case_cost = int(case[k]) * int(unit_cost[k]) // 1000
        cases = (cap_paise - total) // case_cost if case_cost > 0 else 0
        part = min(int(cases) * int(case[k]), int(qty[k]))
        if part > 0 and part >= moq[k]:
            out[k] = part
            total += part * int(unit_cost[k]) // 1000
    return out


def after_refusal(refusals: list[RefusedOrder], *, skus: list[str], qty: np.ndarray, short: np.ndarray,
                  to_rop: np.ndarray, case: np.ndarray, moq: np.ndarray, today: date,
                  lead_days: int) -> np.ndarray | None:
    """The order to ask for after the seller refused ``refusals`` (newest first): the short items only, each
    to its reorder point; None when that is exactly what was refused less than a lead time ago."""
    smaller = np.where(short, np.minimum(qty, rp.round_to_case(to_rop, case, moq)), 0)
    lines = {skus[k]: int(smaller[k]) for k in range(len(skus)) if smaller[k] > 0}
    if not lines:
        return None
    for refused in refusals:
        if refused.lines == lines and (today - date.fromisoformat(refused.refused_at[:10])).days < max(lead_days, 1):
            return None
    return smaller


def shape(snap: Snapshot, view, supplier, rows: np.ndarray, case: np.ndarray, moq: np.ndarray, unit_cost: np.ndarray,
      qty: np.ndarray) -> np.ndarray | None:
    """The order after a refusal (short items to their reorder point) and within the autonomy limit
    (the most urgent lines; the rest tomorrow). ``view`` is the inventory agent's ``InventoryView``."""
    refusals = snap.refused.get(supplier.id, [])
    if refusals:
        qty = after_refusal(
            refusals, skus=[snap.skus[i] for i in rows], qty=qty, short=view.position[rows] < view.rop[rows],
            to_rop=view.rop[rows] - view.position[rows], case=case, moq=moq, today=snap.today,
            lead_days=int(view.lead_days[rows].max()))
        if qty is None:
            return None
    cap = snap.limits.max_po_paise
    if int((qty * unit_cost // 1000).sum()) > cap >= supplier.min_order_paise:
        refused = np.array([snap.skus[i] in refusals[0].lines for i in rows]) if refusals else None
        order = urgency(view.stockout_before_delivery[rows], view.position[rows], view.rop[rows], refused)
        fitted = fit_to_cap(qty, case, moq, unit_cost, order, cap)
        spend = int((fitted * unit_cost // 1000).sum())
        # a short item whose smallest order is over the limit would never be ordered: the seller decides
        least = rp.round_to_case(np.ones_like(case), case, moq) * unit_cost // 1000
        stuck = ((qty > 0) & (view.position[rows] < view.rop[rows]) & (least > cap)).any()
        if spend > 0 and spend >= supplier.min_order_paise and not stuck:
            qty = fitted
    return qty
