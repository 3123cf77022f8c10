"""Shaping one supplier's purchase order to what the seller allows (pure arithmetic on the order's rows).

* **the autonomy limit**: an order worth more than the agent may spend alone is cut to the most urgent
  lines that fit (whole cases, at least the minimum quantity); the rest waits for the next day's order,
  so a large need is met over a few days instead of waiting in the approvals inbox (or never);
* **after a refusal**: the seller refused an order to this supplier in the approvals inbox. The next one
  asks only for the items short of their reorder point, only what brings them back to it, items the
  seller has not already refused first; the very same order is asked again no sooner than a lead time
  after the refusal, so the inbox never fills with the order the seller declined yesterday;
* **when the usual supplier cannot be ordered from alone**: its order cannot be cut to the autonomy limit
  (its minimum order is above the limit) or cannot be funded (the purchase money left is under its
  minimum). :func:`blocked` says why, :func:`room` how much an order to another supplier of the items about
  to run out may cost (within the limit, which is per order, and the money left), and the inventory agent
  (``InventoryAgent._around_limits``) sends those items there while the rest of the order waits for the seller.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from app.agents import replenishment as rp
from app.agents.snapshot import Snapshot
from app.domain.money import format_inr
from app.domain.reasons import Reason, reason
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


def room(snap: Snapshot) -> int:
    """The most an order the agent sends alone may cost today: the autonomy limit (which holds per order, see
    ``limits.autonomy_breach``) and never more than the purchase money left."""
    left = snap.budget.left_paise
    cap = max(snap.limits.max_po_paise, 0)
    return cap if left is None else min(cap, left)


@dataclass(frozen=True)
class Blocked:
    """Why an order cannot go out alone today; ``seller_sends`` when the seller's approval would send it (over the
    limit), not when it waits for purchase money to free up (not funded: it is never even asked)."""

    why: Reason
    seller_sends: bool


def blocked(snap: Snapshot, supplier, total: int) -> Blocked | None:
    """Why an order of ``total`` (already shaped by :func:`shape`) to ``supplier`` cannot go out today without the
    seller (None when it can, or when nothing may go out alone anyway: limits not chosen, or a zero limit).

    A supplier whose minimum order is above the autonomy limit can never be sent an order alone (an order under
    its minimum waits for the seller too); an order still over the limit after shaping could not be cut to fit
    (a case bigger than the limit); purchase money left under the supplier's minimum funds no valid order to it
    (the engine's budget trim, ``conflicts._trim_to_budget``, can only leave it under the minimum)."""
    cap = snap.limits.max_po_paise
    if not snap.limits.chosen or room(snap) <= 0:
        return None
    minimum = int(supplier.min_order_paise or 0)
    if minimum > cap:
        return Blocked(reason("its minimum order of {minimum} is above the {limit} the agent may spend alone",
                              minimum=format_inr(minimum), limit=format_inr(cap)), seller_sends=True)
    if total > cap:
        return Blocked(reason("it is above the {limit} the agent may spend alone and cannot be cut to fit",
                              limit=format_inr(cap)), seller_sends=True)
    left = snap.budget.left_paise
    if left is not None and left < minimum:
        return Blocked(reason("only {left} of purchase money is left, under its minimum of {minimum}",
                              left=format_inr(left), minimum=format_inr(minimum)), seller_sends=False)
    return None
