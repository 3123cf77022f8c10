"""How the agents think sales answer to price: pure arithmetic on arrays, shared by pricing and demand.

Sales at price ``p`` relative to sales at ``p0``::

    q(p) / q(p0) = (p / p0) ** e  *  g(p) / g(p0),    g(p) = (max(p, C) / C) ** k

``e`` is the item's own price elasticity (a belief learnt from the shop's price changes; prior
``PRIOR_ELASTICITY``), ``C`` the lowest fresh competitor price and ``k`` how sharply customers walk to the
competitor once the shop is dearer (prior ``PRIOR_COMPETITOR``). Without a known competitor ``g`` is 1.
"""

from __future__ import annotations

import numpy as np

PRIOR_ELASTICITY = -1.5
PRIOR_COMPETITOR = -6.0
ELASTICITY_RANGE = (-8.0, -0.2)


def competitor_factor(price: np.ndarray, competitor: np.ndarray, k: np.ndarray) -> np.ndarray:
    comp = np.where(competitor > 0, competitor, 1.0)
    above = np.maximum(price / comp, 1.0)
    return np.where(competitor > 0, above ** k, 1.0)


def response(price: np.ndarray, base_price: np.ndarray, elasticity: np.ndarray, competitor: np.ndarray,
             k: np.ndarray) -> np.ndarray:
    """q(price) / q(base_price), element-wise (all arguments broadcast)."""
    price = np.asarray(price, dtype=np.float64)
    base = np.maximum(np.asarray(base_price, dtype=np.float64), 1.0)
    own = (np.maximum(price, 1.0) / base) ** elasticity
    return own * competitor_factor(price, competitor, k) / competitor_factor(base, competitor, k)


def price_points(raw: np.ndarray) -> np.ndarray:
    """Round to the prices a kirana writes: whole rupees from ₹20, half rupees below."""
    raw = np.asarray(raw, dtype=np.float64)
    step = np.where(raw >= 2000, 100, 50)
    return (np.round(raw / step) * step).astype(np.int64)


def candidate_grid(current: np.ndarray, competitor: np.ndarray, floor: np.ndarray, ceiling: np.ndarray,
                   steps: np.ndarray) -> np.ndarray:
    """(items, candidates) prices: the current price moved by ``steps`` (fractions), the competitor's price
    and a rupee under it, the floor and the ceiling; rounded to price points and kept within [floor, ceiling]."""
    cur = current.astype(np.float64)[:, None]
    moved = cur * (1.0 + steps[None, :])
    comp = competitor.astype(np.float64)[:, None]
    extra = np.concatenate([np.where(comp > 0, comp, cur), np.where(comp > 0, comp - 100, cur),
                            floor[:, None].astype(np.float64), ceiling[:, None].astype(np.float64), cur], axis=1)
    grid = price_points(np.concatenate([moved, extra], axis=1))
    # the band's ends as price points too: the floor rounded up (never a price like 60.14), the ceiling down
    low, high = price_points_up(floor), price_points_down(ceiling)
    high = np.where(high < low, ceiling, high)
    low = np.where(high < low, floor, low)
    grid = np.clip(grid, low[:, None], high[:, None])
    grid[:, -1] = current  # the current price itself, unrounded, is always a candidate
    return grid


def _step(raw: np.ndarray) -> np.ndarray:
    return np.where(raw >= 2000, 100, 50)


def price_points_up(raw: np.ndarray) -> np.ndarray:
    """The lowest shop price point at or above ``raw`` (paise)."""
    raw = np.asarray(raw, dtype=np.int64)
    step = _step(raw)
    return -(-raw // step) * step


def price_points_down(raw: np.ndarray) -> np.ndarray:
    """The highest shop price point at or below ``raw`` (paise)."""
    raw = np.asarray(raw, dtype=np.int64)
    step = _step(raw)
    return raw // step * step
