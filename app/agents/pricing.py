"""The pricing agent: each item's price where it earns most, inside [margin floor, MRP].

It moves a price only on the shop's own evidence: a competitor's price, an elasticity learnt from this shop's
sales, or stock that will expire (clearance); otherwise the price stays (the MRP, where the shop starts).
Prices are shop price points (whole rupees, half rupees under Rs 20), the margin floor rounded up to one.
For every such item that sells, it compares candidate prices (the current one moved by up to 15%, the
competitor's price and a rupee under it, the floor and the MRP) by expected margin a day, using the
demand at today's price and the price response of :mod:`app.agents.price_model` with the item's learnt
elasticity. A goal that weighs revenue adds revenue to the objective. It proposes a change only when the
gain is worth the churn, not more often than the cooldown, never on an item under a promised promotion.

Stock that will expire before it sells gets a clearance promotion (a temporary price, as low as the
floor, that ends when the stock would have expired); overstocked items count their cost a little lower
so they sell faster. Price cuts on items the inventory agent expects to run out of are not proposed.
Every change goes through ``catalog.change_price``, which updates every channel through the outbox.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any, ClassVar

import numpy as np

from app.agents import price_model
from app.agents.base import Board
from app.agents.demand import elasticities
from app.agents.limits import floor_price
from app.agents.proposal import SET_PRICE, START_PROMOTION, Action, Proposal
from app.agents.snapshot import Snapshot
from app.domain.money import format_inr
from app.domain.reasons import named_item, reason
from app.i18n import _
from app.store.db import Store

NAME = "pricing"
STEPS = np.round(np.arange(-0.15, 0.1501, 0.01), 4)
BLIND_RAISE = 0.05  # largest raise at a time when no competitor price is known
MIN_DAILY_UNITS = 0.05
MIN_GAIN_SHARE = 0.02
MIN_GAIN_PAISE_PER_DAY = 50
HORIZON_DAYS = 7
HOLDING_PER_DAY = 0.24 / 365  # capital, space and ageing: what a day on the shelf costs, share of cost
MAX_PROPOSALS = 2000
# Other readings of the price response a move must also pay under, as (own elasticity, competitor sensitivity)
# multiples of the belief: customers three quarters as price-sensitive with half the pull to the competitor, and
# half again as sensitive. A learnt belief is trusted closer: its spread is LEARNT_SPREAD of the prior's.
# The low reading was (0.5, 0.25), a walk to the competitor of -1.5 against the prior's -6: under it no cut towards
# a cheaper competitor ever paid, and on shops with nothing short-lived to save (woollens, festival goods) the
# agents earned what `ss` earns, 2-3% over it where a price a few percent under the MRP earned 7% more (issue 14,
# twenty-third session: "the shops that keep").
ROBUST_READINGS = ((0.75, 0.5), (1.5, 1.5))
LEARNT_SPREAD = 0.5
# a clearance must also pay under the older, wider low reading and with no pull back from the competitor:
# customers' walk to a competitor is the prior (never learnt from this shop), and a cut of a few percent read as
# winning them back was a lift of 1.6x that did not come (issue 14, tenth session: on the fresh supermarket three
# clearances in four, 6.9% off for a day, were followed by the batch thrown out, and the cleared items lost ₹16,793
# against prices held at the MRP)
CLEARANCE_READINGS = ((0.5, 0.25), (1.5, 1.5), (0.5, 0.0))


class PricingAgent:
    NAME = NAME
    TRIGGER: ClassVar[dict[str, Any]] = {"trigger": "cron", "hour": 7, "minute": 30}

    def __init__(self, store: Store | None = None) -> None:
        # kept for its callers: the export listings' floors now come from the trade agent's requests on the board
        self.store = store

    def propose(self, snap: Snapshot, board: Board) -> list[Proposal]:
        n = snap.size
        if n == 0:
            return []
        inventory = board.notes.get("inventory")
        limits = snap.limits
        floor = np.array([floor_price(int(c), limits.margin_floor_bp) for c in snap.cost], dtype=np.int64)
        loose_ceiling = (snap.price * (10_000 + limits.max_price_change_bp)) // 10_000
        ceiling = np.where(snap.mrp > 0, snap.mrp, loose_ceiling)
        # the trade agent's requests, through the engine's board: an export listing never below its landed-cost
        # floor; an unknown floor leaves the item alone
        lows: dict[str, int | None] = (board.notes.get("trade") or {}).get("export_price_requests") or {}
        if lows:
            for sku, low in lows.items():
                i = snap.index[sku]
                floor[i] = max(int(floor[i]), low) if low is not None else int(ceiling[i]) + 1
        daily = board.demand.mean[:, :HORIZON_DAYS].mean(axis=1)
        blocked = self._blocked(snap, floor, ceiling)
        proposals = self._clearance(snap, board, inventory, floor, ceiling, blocked)
        cleared = {p.skus[0] for p in proposals}
        cooldown = np.array([self._cooling(snap, sku) for sku in snap.skus])
        eligible = ~blocked & ~cooldown & (daily >= MIN_DAILY_UNITS)
        eligible &= np.array([sku not in cleared for sku in snap.skus])
        # the price stays where it is (the MRP, in most shops) unless the shop's own evidence says otherwise:
        # a competitor's price, or an elasticity learnt from this shop's sales (expiry is the clearance above)
        eligible &= (snap.competitor > 0) | np.array([source_kind(snap, i) != "prior" for i in range(n)])
        rows = np.nonzero(eligible)[0]
        if rows.size:
            proposals += self._reprice(snap, board, inventory, rows, floor, ceiling, daily)
        return proposals

    @staticmethod
    def _blocked(snap: Snapshot, floor: np.ndarray, ceiling: np.ndarray) -> np.ndarray:
        """Items the agent leaves alone: no room between floor and ceiling, promised prices, pending approvals."""
        blocked = floor > ceiling
        for sku in list(snap.promotions) + list(snap.pending_approval):
            i = snap.index.get(sku)
            if i is not None:
                blocked[i] = True
        return blocked

    @staticmethod
    def _cooling(snap: Snapshot, sku: str) -> bool:
        last = snap.last_price_change.get(sku)
        return last is not None and (snap.today - last).days < snap.limits.price_cooldown_days

    # --- regular prices ----------------------------------------------------------------------
    def _reprice(self, snap: Snapshot, board: Board, inventory, rows: np.ndarray, floor: np.ndarray,
                 ceiling: np.ndarray, daily: np.ndarray) -> list[Proposal]:
        price = snap.price[rows]
        comp = snap.competitor[rows]
        grid = price_model.candidate_grid(price, comp, floor[rows], ceiling[rows], STEPS)
        # raising blind (no competitor known) goes in small steps; above a known competitor, never further up
        blind = (comp == 0)[:, None] & (grid > price[:, None] * (1 + BLIND_RAISE))
        above = ((comp > 0) & (price >= comp))[:, None] & (grid > price[:, None])
        grid = np.where(blind | above, price[:, None], grid)
        if inventory is not None:  # no cuts on what will run out before the next delivery anyway
            short = inventory.stockout_before_delivery[rows][:, None] & (grid < price[:, None])
            grid = np.where(short, price[:, None], grid)
        e_all, k_all = elasticities(snap)
        e, k = e_all[rows][:, None], k_all[rows][:, None]
        learnt = np.array([source_kind(snap, int(i)) != "prior" for i in rows])[:, None]
        comp_learnt = np.array([snap.categories[int(i)] in snap.beliefs.get("competitor_sensitivity", {})
                                for i in rows])[:, None]
        cost = snap.cost[rows].astype(np.float64)
        if inventory is not None:
            excess = np.clip(np.nan_to_num(inventory.cover_days[rows], posinf=0.0) - 60, 0, 300)
            cost = cost * (1 - np.minimum(0.1, HOLDING_PER_DAY * excess))
        weight = snap.directives.revenue_weight
        base = price[:, None].astype(np.float64)
        comp_f = comp[:, None].astype(np.float64)

        def objective_for(own: np.ndarray, sensitivity: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            q = daily[rows][:, None] * price_model.response(grid, base, own, comp_f, sensitivity)
            return (grid - cost[:, None]) * q + weight * grid * q, q

        objective, q = objective_for(e, k)
        # A move must earn more under every plausible reading of the evidence, not only under the central
        # one: a competitor's price says nothing of how many of this shop's customers would walk to it, and
        # the competitor sensitivity is a prior (never learnt), so a cut that pays only if customers are as
        # price-sensitive as the prior guesses is not made. Matching a cheaper competitor down to the margin
        # floor lost half the profit on the price-war and fresh-goods scenarios (docs/agents.md).
        worst = objective - objective[:, -1:]
        for own_share, comp_share in ROBUST_READINGS:
            own = np.where(learnt, e * (1 + (own_share - 1) * LEARNT_SPREAD), e * own_share)
            sensitivity = np.where(comp_learnt, k * (1 + (comp_share - 1) * LEARNT_SPREAD), k * comp_share)
            alt, _q = objective_for(np.clip(own, *price_model.ELASTICITY_RANGE), sensitivity)
            worst = np.minimum(worst, alt - alt[:, -1:])
        best = np.argmax(worst, axis=1)
        r = np.arange(rows.size)
        current = objective[:, -1]
        gain = worst[r, best]
        wanted = (grid[r, best] != price) & (gain >= np.maximum(MIN_GAIN_SHARE * np.abs(current),
                                                                MIN_GAIN_PAISE_PER_DAY))
        picks = np.nonzero(wanted)[0]
        picks = picks[np.argsort(-gain[picks])][:MAX_PROPOSALS]
        out = []
        for j in picks:
            i = int(rows[j])
            out.append(self._price_proposal(snap, i, int(grid[j, best[j]]), grid[j], q[j], objective[j],
                                            float(e[j, 0]), int(floor[i]), int(ceiling[i]), inventory))
        return out

    def _price_proposal(self, snap: Snapshot, i: int, new: int, grid: np.ndarray, q: np.ndarray,
                        objective: np.ndarray, elasticity: float, floor: int, ceiling: int, inventory) -> Proposal:
        old = int(snap.price[i])
        cost = int(snap.cost[i])
        pos_new = int(np.nonzero(grid == new)[0][0])
        q_new, q_old = float(q[pos_new]), float(q[-1])
        comp = int(snap.competitor[i])
        name = named_item(snap.skus[i], snap.names[i])
        profit_new, profit_old = (new - cost) * q_new, (old - cost) * q_old
        source = self._source(snap, i)
        reasoning = [
            reason("{name}: price {old} to {new} (MRP {mrp}, margin floor {floor}, competitor {comp}).",
                name=name, old=format_inr(old), new=format_inr(new),
                mrp=format_inr(int(snap.mrp[i])) if snap.mrp[i] else reason("none"), floor=format_inr(floor),
                comp=format_inr(comp) if comp else reason("not known")),
            reason("Expected {q_new} sold a day at {new} against {q_old} at {old}: margin {m_new} a day against "
                   "{m_old} (price elasticity {e}, {source}).",
                q_new=format(q_new, ".1f"), q_old=format(q_old, ".1f"), new=format_inr(new), old=format_inr(old),
                m_new=format_inr(round(profit_new)), m_old=format_inr(round(profit_old)), e=format(elasticity, ".1f"),
                source=source),
        ]
        if comp and new > comp:
            reasoning.append(reason("Still above the competitor's {comp}: the item sells on convenience.",
                comp=format_inr(comp)))
        elif comp and new <= comp < old:
            reasoning.append(reason("The competitor sells at {comp}; above it customers walk away.",
                comp=format_inr(comp)))
        if inventory is not None and inventory.overstock[i]:
            reasoning.append(reason("{days} days of stock on the shelf: selling faster is worth a little margin.",
                days=round(min(float(inventory.cover_days[i]), 999))))
        if snap.directives.revenue_weight:
            reasoning.append(reason("The goal counts revenue too (weight {w}).", w=snap.directives.revenue_weight))
        order = np.argsort(-objective)
        alternatives = []
        for pos in order:
            price = int(grid[pos])
            if len(alternatives) == 3:
                break
            if price == new or any(a["price_paise"] == price for a in alternatives):
                continue
            margin = round((price - cost) * float(q[pos]))
            alternatives.append({"price_paise": price, "units_per_day": round(float(q[pos]), 3),
                                 "margin_per_day_paise": margin,
                                 "why": _("{price}: margin {margin} a day.").format(price=format_inr(price),
                                                                                   margin=format_inr(margin))})
        confidence = {"learnt": 0.75, "category": 0.6}.get(source_kind(snap, i), 0.5) - (0 if comp else 0.1)
        gain = (float(objective[pos_new]) - float(objective[-1])) * HORIZON_DAYS
        return Proposal(
            agent=NAME, decision_type="reprice", action=Action(kind=SET_PRICE, params={"sku": snap.skus[i],
                                                                                   "price_paise": new,
                                                                                   "old_price_paise": old}),
            reasoning=reasoning,
            expected={"horizon_days": HORIZON_DAYS, "units": round(q_new * HORIZON_DAYS, 2),
                      "units_at_old_price": round(q_old * HORIZON_DAYS, 2),
                      "revenue_paise": round(new * q_new * HORIZON_DAYS),
                      "profit_paise": round(profit_new * HORIZON_DAYS),
                      "profit_at_old_price_paise": round(profit_old * HORIZON_DAYS)},
            value_paise=round(gain), confidence=max(0.3, confidence), alternatives=alternatives[:3],
            context={"cost_paise": cost, "mrp_paise": int(snap.mrp[i]) or None, "floor_paise": floor,
                     "ceiling_paise": ceiling, "competitor_paise": comp or None, "elasticity": round(elasticity, 3),
                     "elasticity_source": source, "daily_units": round(q_old, 4)},
            goal_id=snap.directives.goal_id)

    @staticmethod
    def _source(snap: Snapshot, i: int) -> str:
        kind = source_kind(snap, i)
        if kind == "learnt":
            return reason("learnt from this item's sales")
        if kind == "category":
            return reason("learnt from its category")
        return reason("a first guess, not yet learnt")

    # --- clearance ---------------------------------------------------------------------------
    def _clearance(self, snap: Snapshot, board: Board, inventory, floor: np.ndarray, ceiling: np.ndarray,
                   blocked: np.ndarray) -> list[Proposal]:
        if inventory is None:
            return []
        rows = np.nonzero((inventory.expiring_excess > 0) & ~blocked)[0]
        out = []
        if rows.size == 0:
            return out
        e_all, k_all = elasticities(snap, list(rows))
        for pos, i in enumerate(rows):
            days = int(max(snap.expiry_days[i], 1))
            batch = snap.near_expiry[i] / 1000.0
            price = int(snap.price[i])
            grid = price_model.candidate_grid(np.array([price]), snap.competitor[[i]], floor[[i]], ceiling[[i]],
                                              STEPS * 2)[0]
            grid = grid[grid <= price]
            daily = board.demand.mean[i, :days].mean()
            stock = max(snap.on_hand[i], 0) / 1000.0
            cost = float(snap.cost[i])

            shelf = _Shelf(grid=grid, price=price, comp=float(snap.competitor[i]), daily=daily, stock=stock,
                           days=days, cost=cost, batch=batch)
            value, sold = shelf.recovered(e_all[pos], k_all[pos])
            sold_now = min(stock, daily * days)
            now = (price - cost) * sold_now - cost * max(batch - sold_now, 0)
            # a clearance must pay under every plausible reading of the customers' response, as a price change
            # must: on the bakery scenario a clearance priced on the prior alone (-1.5) cut the price of a whole
            # shelf of fresh bread for the sake of its oldest batch, 813 times in a year
            learnt = source_kind(snap, int(i)) != "prior"
            worst = value - now
            for own_share, comp_share in CLEARANCE_READINGS:
                own = e_all[pos] * (1 + (own_share - 1) * LEARNT_SPREAD) if learnt else e_all[pos] * own_share
                own = float(np.clip(own, *price_model.ELASTICITY_RANGE))
                alt, _sold = shelf.recovered(own, k_all[pos] * comp_share)
                worst = np.minimum(worst, alt - now)
            best = int(np.argmax(worst))
            new = int(grid[best])
            recovered = value
            if new >= price or worst[best] < MIN_GAIN_PAISE_PER_DAY * days:
                continue
            name = named_item(snap.skus[i], snap.names[i])
            reasoning = [
                reason("{name}: {qty} units expire within {days} days; at {old} only about {sold} would sell by "
                       "then.", name=name, qty=format(batch, "g"), days=days, old=format_inr(price),
                       sold=format(daily * days, ".1f")),
                reason("Clearance at {new} until {end}: about {sold_new} sell, recovering {more} more than "
                       "waiting.", new=format_inr(new), end=(snap.today + timedelta(days=days - 1)).isoformat(),
                       sold_new=format(float(sold[best]), ".1f"), more=format_inr(round(float(recovered[best]) - now))),
            ]
            action = Action(kind=START_PROMOTION, params={
                "sku": snap.skus[i], "price_paise": new, "old_price_paise": price, "kind": "clearance",
                "starts_on": snap.today.isoformat(), "ends_on": (snap.today + timedelta(days=days - 1)).isoformat()})
            out.append(Proposal(
                agent=NAME, decision_type="clearance_expiry", action=action, reasoning=reasoning,
                expected={"horizon_days": days, "units": round(float(sold[best]), 2),
                          "revenue_paise": round(new * float(sold[best])),
                          "waste_units_avoided": round(min(batch, float(sold[best])) - min(batch, sold_now), 2)},
                value_paise=round(float(recovered[best]) - now), confidence=0.6,
                alternatives=[{"price_paise": price, "why": _("Keep {old}: about {waste} units go to waste.").format(
                    old=format_inr(price), waste=f"{max(batch - sold_now, 0):.1f}")}],
                context={"batch_units": batch, "days_left": days, "floor_paise": int(floor[i])},
                goal_id=snap.directives.goal_id))
        return out


@dataclass(frozen=True)
class _Shelf:
    """One item's stock facing a clearance: candidate prices ``grid`` against the ``price`` now."""

    grid: np.ndarray
    price: int
    comp: float
    daily: float
    stock: float
    days: int
    cost: float
    batch: float

    def recovered(self, e: float, k: float) -> tuple[np.ndarray, np.ndarray]:
        """Over the days left: margin on every unit sold at a candidate price (fresh stock too), minus the cost of
        the expiring batch that does not sell (sold oldest first); and the units sold."""
        q = self.daily * price_model.response(self.grid.astype(np.float64), float(self.price), e, self.comp, k)
        sold = np.minimum(self.stock, q * self.days)
        return (self.grid - self.cost) * sold - self.cost * np.maximum(self.batch - sold, 0), sold


def source_kind(snap: Snapshot, i: int) -> str:
    if snap.skus[i] in snap.beliefs.get("elasticity", {}):
        return "learnt"
    if f"cat:{snap.categories[i]}" in snap.beliefs.get("elasticity", {}):
        return "category"
    return "prior"
