"""The inventory agent: watches every item, reorders before the shelf runs out, warns of excess and expiry.

Each cycle it computes every item's :class:`InventoryStatus` (stock, reorder point, order-up-to level,
turnover, forecast) from the cycle's demand (:mod:`app.agents.demand`), the supplier's learnt lead time
and the service level the goals ask for (:mod:`app.agents.replenishment`); items below their reorder
point are ordered, grouped into one purchase order per supplier in whole cases and at least the minimum
quantity, topped up to the supplier's minimum order value, and sent by WhatsApp through the outbox.
A supplier that is late with an order is bypassed for items another supplier sells. Festivals in the
coming weeks raise the demand the levels are built on, so stock arrives before the rush.

It also proposes alerts (overstock, expiry, late supplier) and publishes its view on the board for the
pricing agent and the engine: which items will run out before a delivery, which are overstocked, which
will expire.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any, ClassVar

import numpy as np

from app.agents import dropped_suppliers, fresh_cases, fresh_minimum, order_fit
from app.agents import replenishment as rp
from app.agents.base import Board
from app.agents.proposal import ALERT, PURCHASE_ORDER, Action, Proposal
from app.agents.snapshot import OVERDUE_GRACE_DAYS, Link, Snapshot
from app.domain.money import format_inr
from app.domain.qty import LOOSE_UNITS
from app.domain.reasons import Reason, named_item, quantity, reason
from app.i18n import _
from app.services import purchasing
from app.services.changes import Changes
from app.services.context import Origin, ServiceContext

NAME = "inventory"
OVERSTOCK_DAYS = 90
OVERSTOCK_MIN_PAISE = 50_000
CAN_ORDER_SHARE = 0.5  # join a supplier's order when below ROP + this share of (target - ROP)
TOP_UP_COVER = 2.0  # topping up to a supplier's minimum may order up to this many times the cover
LEAD_SD_SHARE = 0.25  # lead-time spread assumed before any delivery has been measured
REASON_LINES = 6
# open alerts of one kind at most: the ones worth the most money first. A long-tail shop can have tens of
# thousands of slow items; a seller reads a list of a hundred, not of forty thousand.
ALERTS_OPEN_MAX = 100
# an order this many days past its expected date is taken as lost, no longer as held by a stoppage: a perishable
# held back while its supplier sits on an earlier order of it (``_held_by_stoppage``) is ordered again after that
HELD_ORDER_MAX_DAYS = 28


@dataclass(frozen=True, kw_only=True)
class InventoryStatus:
    """The seed's ``InventoryStatus`` for one item (quantities in milli-units of its unit)."""

    sku: str
    current_stock: int
    on_order: int
    reorder_point: int
    max_stock: int
    turnover_rate: float  # times a year the stock sells through at the expected pace
    forecasted_demand: float  # units over the protection period (lead time + review)
    days_of_cover: float
    projected_at_arrival: int  # stock + on order - demand over the lead time
    supplier_id: int | None
    lead_time_days: int


@dataclass
class InventoryView:
    """What the inventory agent publishes on the board (arrays over the snapshot's items)."""

    rop: np.ndarray  # milli-units
    target: np.ndarray
    position: np.ndarray
    daily: np.ndarray  # expected units per day over the protection period
    cover_days: np.ndarray
    stockout_before_delivery: np.ndarray  # bool: expected to run out before an order placed now arrives
    overstock: np.ndarray  # bool
    expiring_excess: np.ndarray  # milli-units that will not sell before they expire
    lead_days: np.ndarray
    supplier: np.ndarray  # chosen supplier id (0: none)

    def top_up_limit(self, rows: np.ndarray, cover: float) -> np.ndarray:
        """The most (milli-units) a top-up to a supplier's minimum may bring ``rows`` to: ``cover`` times their cover
        above the reorder point."""
        return self.rop[rows] + cover * (self.target[rows] - self.rop[rows])

    def status(self, snap: Snapshot, i: int) -> InventoryStatus:
        daily = float(self.daily[i])
        stock = int(snap.on_hand[i])
        return InventoryStatus(
            sku=snap.skus[i], current_stock=stock, on_order=int(snap.on_order[i]), reorder_point=int(self.rop[i]),
            max_stock=int(self.target[i]),
            turnover_rate=round(daily * 365 / max(stock / 1000, 1e-9), 2) if stock > 0 else 0.0,
            forecasted_demand=round(daily * (int(self.lead_days[i]) + rp.REVIEW_DAYS), 3),
            days_of_cover=round(float(self.cover_days[i]), 1),
            projected_at_arrival=int(self.position[i] - daily * int(self.lead_days[i]) * 1000),
            supplier_id=int(self.supplier[i]) or None, lead_time_days=int(self.lead_days[i]))


class InventoryAgent:
    NAME = NAME
    TRIGGER: ClassVar[dict[str, Any]] = {"trigger": "cron", "hour": "8,17", "minute": 5}

    def observe(self, snap: Snapshot, board: Board) -> tuple[InventoryView, list[Link | None]]:
        """The stock picture (levels, what runs out before a delivery) on the board, without proposing."""
        view, chosen = self._levels(snap, board)
        board.notes[NAME] = view
        return view, chosen

    def propose(self, snap: Snapshot, board: Board) -> list[Proposal]:
        view, chosen = self.observe(snap, board)
        proposals = self._orders(snap, board, view, chosen)
        proposals += self._alerts(snap, view)
        return proposals

    # --- levels --------------------------------------------------------------------------------
    def _levels(self, snap: Snapshot, board: Board) -> tuple[InventoryView, list[Link | None]]:
        n = snap.size
        chosen = [self._choose_supplier(snap, i) for i in range(n)]
        lead = np.array([self._lead(snap, link)[0] if link else 2 for link in chosen], dtype=np.int64)
        lead_sd = np.array([self._lead(snap, link)[1] if link else 1.0 for link in chosen], dtype=np.float64)
        directives = snap.directives
        # the shop's setting is the floor; a goal's plan may ask for more, never for less
        service = max(directives.service_level, snap.limits.service_level_bp / 10_000)
        z = np.full(n, rp.z_value(service))
        cover = np.full(n, directives.cover_days or snap.limits.cover_days, dtype=np.int64)
        if directives.max_inventory_value_paise:
            cover = np.minimum(cover, 5)
        demand = board.demand
        lv = rp.levels(demand.mean, demand.var, lead_days=lead, lead_sd=lead_sd, z=z, cover_days=cover,
                       shelf_life=snap.shelf_life,
                       margin_share=(snap.price - snap.cost) / np.maximum(snap.price, 1),
                       service_floor=fresh_cases.item_floors(snap, snap.limits.fresh_service_bp / 10_000))
        late_suppliers = self._late_suppliers(snap)
        position = snap.on_hand + snap.on_order
        for i in range(n):  # a late order still counts when no other supplier can replace it
            link = chosen[i]
            if snap.overdue[i] and (link is None or link.supplier_id in late_suppliers):
                position[i] += snap.overdue[i]
        daily = lv["daily"]
        with np.errstate(divide="ignore", invalid="ignore"):
            cover_days = np.where(daily > 0, np.maximum(snap.on_hand, 0) / 1000 / daily, np.inf)
        stockout = (snap.on_hand / 1000.0) < lv["demand_lead"] + 0.5 * lv["safety"]
        value = np.maximum(snap.on_hand, 0) * snap.cost / 1000
        overstock = (cover_days > OVERSTOCK_DAYS) & (value > OVERSTOCK_MIN_PAISE) & (snap.shelf_life == 0)
        days_left = np.minimum(snap.expiry_days, demand.mean.shape[1])
        sells_before = rp.window_sum(demand.mean, np.zeros(n, dtype=np.int64), days_left.astype(np.int64))
        expiring = np.maximum(snap.near_expiry - np.floor(sells_before * 1000).astype(np.int64), 0)
        # countable items are ordered and counted in whole units; loose goods to the gram
        grain = np.array([1 if unit in LOOSE_UNITS else 1000 for unit in snap.units], dtype=np.int64)
        expiring = expiring // grain * grain  # "2 pcs will expire", never "2.912 pcs"
        view = InventoryView(
            rop=_up(lv["rop"] * 1000, grain), target=_up(lv["target"] * 1000, grain),
            position=position, daily=daily, cover_days=cover_days, stockout_before_delivery=stockout,
            overstock=overstock, expiring_excess=np.where(snap.near_expiry > 0, expiring, 0), lead_days=lead,
            supplier=np.array([link.supplier_id if link else 0 for link in chosen], dtype=np.int64))
        board.notes["inventory_levels"] = lv
        board.notes["late_suppliers"] = late_suppliers
        return view, chosen

    @staticmethod
    def _lead(snap: Snapshot, link: Link) -> tuple[int, float]:
        subject = str(link.supplier_id)
        mean = snap.belief("lead_time", subject, float(link.lead_days))
        spread = snap.belief_spread("lead_time", subject, max(0.5, LEAD_SD_SHARE * link.lead_days))
        return max(int(np.ceil(mean - 1e-9)), 0), spread

    @staticmethod
    def _late_suppliers(snap: Snapshot) -> dict[int, tuple[int, str]]:
        """{supplier: (days late, PO id)} for suppliers with an order past its expected date + grace."""
        late: dict[int, tuple[int, str]] = {}
        for lines in snap.open_lines.values():
            for line in lines:
                if line.expected_on is None or line.status == "draft":
                    continue
                days = (snap.today - line.expected_on).days
                if days > 2 and days > late.get(line.supplier_id, (0, ""))[0]:
                    late[line.supplier_id] = (days, str(line.po_id))
        return late

    def _choose_supplier(self, snap: Snapshot, i: int) -> Link | None:
        links = snap.links.get(i)
        if not links:
            return None
        late = {line.supplier_id for line in snap.open_lines.get(i, ()) if line.expected_on is not None
                and line.status != "draft" and (snap.today - line.expected_on).days > 2}
        usable = [link for link in links if link.supplier_id not in late] or links
        preferred = int(snap.preferred_supplier[i])

        def rank(link: Link) -> tuple:
            lead_mean = snap.belief("lead_time", str(link.supplier_id), float(link.lead_days))
            return (link.cost_paise * (1 + 0.004 * lead_mean), link.supplier_id != preferred, link.supplier_id)

        return min(usable, key=rank)

    @staticmethod
    def _held_by_stoppage(snap: Snapshot, i: int, link: Link) -> bool:
        """Whether perishable item ``i`` waits for an overdue order of it that its chosen supplier still holds.

        A new order from that supplier cannot come before the one it already holds: in a stoppage they all
        come together when it ends. And the order would be sized on the lead time the stoppage itself has
        inflated, times the pace of the moment, so a perishable bought then is thrown away when the backlog
        lands with it. The item is ordered again once the backlog has landed (from what it brought and the
        lead time the delivery taught), or once the order is so late it is taken as lost."""
        if snap.shelf_life[i] <= 0:
            return False
        for line in snap.open_lines.get(i, ()):
            if line.supplier_id != link.supplier_id or line.expected_on is None or line.status == "draft":
                continue
            if OVERDUE_GRACE_DAYS < (snap.today - line.expected_on).days <= HELD_ORDER_MAX_DAYS:
                return True
        return False

    # --- purchase orders ---------------------------------------------------------------------
    def _orders(self, snap: Snapshot, board: Board, view: InventoryView, chosen: list[Link | None]) -> list[Proposal]:
        lv = board.notes["inventory_levels"]
        trigger = view.position < view.rop
        can_order = view.position < view.rop + CAN_ORDER_SHARE * (view.target - view.rop)
        by_supplier: dict[int, list[int]] = defaultdict(list)
        everything: dict[int, list[int]] = defaultdict(list)  # top-up candidates: all the supplier's items
        for i in range(snap.size):
            link = chosen[i]
            if link is None or snap.skus[i] in snap.pending_order or self._held_by_stoppage(snap, i, link):
                continue
            if view.daily[i] <= 0 and snap.on_hand[i] > 0:
                continue
            everything[link.supplier_id].append(i)
            if can_order[i]:
                by_supplier[link.supplier_id].append(i)
        proposals = []
        for supplier_id, members in sorted(by_supplier.items()):
            if not any(trigger[i] for i in members):
                continue
            others = [i for i in everything[supplier_id] if i not in set(members)]
            proposals += self._order_for(snap, board, view, lv, chosen, supplier_id, members, others)
        return dropped_suppliers.keep_orders(snap, view, lv, chosen, proposals, NAME)

    def _order_for(self, snap: Snapshot, board: Board, view: InventoryView, lv: dict, chosen: list[Link | None],
                   supplier_id: int, members: list[int], others: list[int]) -> list[Proposal]:
        proposal = self._order(snap, board, view, lv, chosen, supplier_id, members, others, reroute=True)
        if proposal is None:
            return []
        return self._around_limits(snap, board, view, lv, chosen, supplier_id, members, others, proposal) or [proposal]

    def _order(self, snap: Snapshot, board: Board, view: InventoryView, lv: dict, chosen: list[Link | None],
               supplier_id: int, members: list[int], others: list[int], *, reroute: bool) -> Proposal | None:
        supplier = snap.suppliers[supplier_id]
        rows = np.array(members + others, dtype=np.int64)
        case = np.array([chosen[i].case_milli for i in rows], dtype=np.int64)
        moq = np.array([chosen[i].moq_milli for i in rows], dtype=np.int64)
        unit_cost = np.array([chosen[i].cost_paise for i in rows], dtype=np.int64)
        need = np.where(np.arange(rows.size) < len(members), view.target[rows] - view.position[rows], 0)
        qty = rp.round_to_case(need, case, moq)
        probes: list[int] = []
        perishable = snap.shelf_life[rows] > 0
        unstocked: list[tuple[int, float, float]] = []  # (item, units a case sells fresh, its expected loss)
        if perishable.any():  # whole cases by expected profit over the shelf life left at arrival (fresh_cases)
            qty, probes, unstocked = fresh_cases.order_quantities(snap, view.position, lv, rows, case, moq,
                                                                  unit_cost, qty, service_floor=lv["service_floor"])
        total = int((qty * unit_cost // 1000).sum())
        needs_seller = None
        if total < supplier.min_order_paise:
            qty, total = self._top_up(snap, view, rows, case, moq, unit_cost, qty, supplier.min_order_paise)
        shaped = order_fit.shape(snap, view, supplier, rows, case, moq, unit_cost, qty)
        if shaped is None:
            return None  # the seller refused this very order less than a lead time ago
        if shaped is not qty:
            qty, total = shaped, int((shaped * unit_cost // 1000).sum())
        whole = rows, case, moq, unit_cost, qty  # with the lines cut to nothing, for a top-up with perishables
        keep = qty > 0
        rows, case, moq, unit_cost, qty = rows[keep], case[keep], moq[keep], unit_cost[keep], qty[keep]
        if rows.size == 0 or not (view.position[rows] < view.rop[rows]).any():
            return None  # the items that called for an order were all cut (perishables): the rest can wait
        if total < supplier.min_order_paise:
            if not view.stockout_before_delivery[rows].any():
                return None  # nothing runs out before a later, bigger order: wait
            moved = self._second_supplier(snap, board, view, lv, chosen, supplier, rows, total) if reroute else None
            if moved is not None:
                return moved
            # nothing that keeps could make it up, here or when it is carried out: an approved order would be held
            fresh = fresh_minimum.top_up(snap, view, lv, *whole, supplier.min_order_paise, TOP_UP_COVER) \
                if fresh_minimum.nothing_keeps(snap, view, whole[0]) else None
            if fresh is not None:
                keep = fresh > 0
                rows, case, moq, unit_cost, qty = (a[keep] for a in (*whole[:4], fresh))
                total = int((qty * unit_cost // 1000).sum())
        if total < supplier.min_order_paise:
            needs_seller = reason("The order ({total}) is below {supplier}'s minimum of {minimum}.",
                                  total=format_inr(total), supplier=supplier.name,
                                  minimum=format_inr(supplier.min_order_paise))
        lead = int(view.lead_days[rows].max())
        arrival = snap.today + timedelta(days=lead)
        margin = np.maximum(snap.price[rows] - unit_cost, 0)
        protect_cover = lv["demand_protect"][rows] + lv["target"][rows] - lv["rop"][rows]
        enabled = np.minimum(qty / 1000.0, np.maximum(protect_cover - view.position[rows] / 1000.0, 0))
        value = int((margin * enabled).sum())
        festival_share = self._festival_share(board, rows, lead)
        decision_type = "prestock_festival" if festival_share >= 0.15 else "restock"
        lines, expected_lines = [], {}
        for k, i in enumerate(rows):
            sku = snap.skus[i]
            lines.append({"sku": sku, "qty_milli": int(qty[k]), "cost_paise": int(unit_cost[k])})
            # the forecast's week ahead, festivals left out: what the learner sets a later order's against to see
            # how far the forecaster has moved by itself (app.agents.learning, forecast bias), with the bias belief
            # in it so the learner can divide it out
            week = board.demand.mean[i, :7] / np.maximum(board.demand.festival[i, :7], 1e-6)
            expected_lines[sku] = {"qty_milli": int(qty[k]), "daily_demand": round(float(view.daily[i]), 4),
                                   "week_daily": round(float(week.mean()), 4) if week.size else 0.0,
                                   "bias": round(snap.belief("forecast_bias", sku, 1.0), 4),
                                   "position_milli": int(view.position[i]), "rop_milli": int(view.rop[i]),
                                   "target_milli": int(view.target[i]),
                                   "runs_out_first": bool(view.stockout_before_delivery[i])}
        via = supplier.order_via
        action = Action(kind=PURCHASE_ORDER, params={
            "supplier_id": supplier_id, "lines": lines, "total_paise": total, "expected_on": arrival.isoformat(),
            "via": via, "confirmed": needs_seller is not None})
        reasoning = self._reasons(snap, board, view, rows, qty, supplier, total, arrival, festival_share)
        ordered = set(rows.tolist())
        for i in probes:
            if i in ordered:
                reasoning.append(reason("{name} has been out of stock for {days} days and its recent sales do not pay "
                                        "for a case; one case is ordered to see whether it sells again.",
                                        name=named_item(snap.skus[i], snap.names[i]),
                                        days=fresh_cases.days_out(snap, i)))
        for i, sold, loss in sorted(unstocked, key=lambda u: -u[2])[:REASON_LINES // 2]:
            link = chosen[i]
            reasoning.append(reason("Not stocked: {name}. A case of {case} would sell about {sold} before it "
                                    "expires ({days} days) and lose about {loss}.",
                                    name=named_item(snap.skus[i], snap.names[i]),
                                    case=quantity(link.case_milli if link else 0, snap.units[i]),
                                    sold=format(sold, ".1f"), days=int(snap.shelf_life[i]),
                                    loss=format_inr(round(loss / 100) * 100, decimals=False)))
        urgent_count = int(view.stockout_before_delivery[rows].sum())
        alternatives = [{"option": "wait", "why": _("Waiting a day: {n} of these items are expected to run out "
                                                    "before a later order could arrive.").format(n=urgent_count)}]
        for i in rows[:3]:
            others = [link for link in snap.links.get(int(i), ()) if link.supplier_id != supplier_id]
            for other in others[:1]:
                name = getattr(snap.suppliers.get(other.supplier_id), "name", other.supplier_id)
                alternatives.append({"option": "other_supplier", "sku": snap.skus[i], "supplier_id": other.supplier_id,
                                     "why": _("{name} from {supplier}: {cost} a unit against {chosen}.").format(
                                         name=snap.names[i], supplier=name, cost=format_inr(other.cost_paise),
                                         chosen=format_inr(int(unit_cost[list(rows).index(i)])))})
        methods = {board.demand.method[i] for i in rows}
        confidence = 0.75 if methods - {"rate"} else 0.55
        return Proposal(
            agent=NAME, decision_type=decision_type, action=action, reasoning=reasoning,
            expected={"spend_paise": total, "arrival_on": arrival.isoformat(),
                      "horizon_days": lead + int(snap.directives.cover_days or snap.limits.cover_days),
                      "units_enabled": round(float(enabled.sum()), 2), "margin_enabled_paise": value,
                      "lines": expected_lines},
            value_paise=value, confidence=confidence, alternatives=alternatives,
            context={"supplier_id": supplier_id, "service_level": snap.directives.service_level,
                     "lead_days": lead, "festival_share": round(festival_share, 3)},
            goal_id=snap.directives.goal_id, urgent=bool(urgent_count), needs_seller=needs_seller)

    def _second_supplier(self, snap: Snapshot, board: Board, view: InventoryView, lv: dict,
                         chosen: list[Link | None], supplier: Any, rows: np.ndarray, total: int) -> Proposal | None:
        """The order to another supplier when this one's is under its minimum and an item runs out before a later
        order could come: the order's items that supplier also sells, at its price and in its cases, when every
        item that runs out is among them and they make that supplier's own minimum (the rest, which can wait,
        waits). Without it the order waited in the approvals inbox for the seller, and was split only once the
        seller had approved it (app.agents.order_minimum), a day or more after the shelf ran empty."""
        urgent = {int(i) for i in rows if view.stockout_before_delivery[i]}
        for other_id, links in _offers(snap, board, rows, supplier.id):
            if not urgent <= set(links):
                continue
            rerouted = list(chosen)
            for i, link in links.items():
                rerouted[i] = link
            proposal = self._order(snap, board, view, lv, rerouted, other_id, sorted(links), [], reroute=False)
            if proposal is None or proposal.needs_seller is not None:
                continue  # under that supplier's minimum too: the seller decides on the first order
            proposal.reasoning.append(reason(
                "{supplier}'s order would come to {total}, under its minimum of {minimum}, and {count} of its items "
                "would run out before a later order; {other} sells them and takes this order instead.",
                supplier=supplier.name, total=format_inr(total), minimum=format_inr(supplier.min_order_paise),
                count=len(urgent), other=snap.suppliers[other_id].name))
            return proposal
        return None

    def _around_limits(self, snap: Snapshot, board: Board, view: InventoryView, lv: dict, chosen: list[Link | None],
                       supplier_id: int, members: list[int], others: list[int], proposal: Proposal) -> list[Proposal]:
        """The order split across suppliers to fit the seller's limits (empty when it is not needed or cannot be).

        When ``proposal`` (to the usual supplier) cannot go out alone today (``order_fit.blocked``: over the
        autonomy limit and not cut to fit, or the purchase money left under that supplier's minimum), its items
        that run out before a later order could come go to the supplier that sells the most of them, at its
        price and in its cases, in an order that makes that supplier's minimum and costs no more than
        ``order_fit.room`` (the limit, per order, and the money left). What is left of the first order waits for
        the seller, so together nothing goes out alone beyond the limit. Without it, such an order waited in the
        approvals inbox (or was not funded) while the shelf ran empty."""
        if proposal.action.params["supplier_id"] != supplier_id:
            return []  # already sent to a second supplier (under the usual one's minimum)
        supplier = snap.suppliers[supplier_id]
        stop = order_fit.blocked(snap, supplier, proposal.action.spend_paise)
        rows = np.array([snap.index[line["sku"]] for line in proposal.action.params["lines"]], dtype=np.int64)
        urgent = [int(i) for i in rows if view.stockout_before_delivery[i]]
        if stop is None or not urgent:
            return []
        why, room = stop.why, order_fit.room(snap)
        capped = replace(snap, limits=replace(snap.limits, max_po_paise=room))
        # an order the seller would send after a day's wait comes after the usual lead time plus that day: an item
        # goes elsewhere only when it comes no later than the usual lead time, else waiting is as fast; unless the
        # seller refused an order to this supplier lately, when the wait may have no end
        waits = stop.seller_sends and not snap.refused.get(supplier_id)
        for other_id, offered in _offers(snap, board, np.array(urgent, dtype=np.int64), supplier_id):
            links = {i: link for i, link in offered.items()
                     if not waits or self._lead(snap, link)[0] <= int(view.lead_days[i])}
            if not links:
                continue
            # the order's other items that supplier sells may top it up to its own minimum
            sold = {int(i): link for i in rows for link in snap.links.get(int(i), ()) if link.supplier_id == other_id}
            extra = [i for i in sold if i not in offered]  # items that can wait
            rerouted, lead = list(chosen), view.lead_days.copy()
            for i, link in sold.items():  # its price, its cases and its lead time for the day it comes
                rerouted[i], lead[i] = link, self._lead(snap, link)[0]
            moved = self._order(capped, board, replace(view, lead_days=lead), lv, rerouted, other_id, sorted(links),
                                extra, reroute=False)
            if moved is None or moved.needs_seller is not None or moved.action.spend_paise > room:
                continue
            other = snap.suppliers[other_id].name
            left = snap.budget.left_paise
            within = (reason("the {limit} the agent may spend alone", limit=format_inr(snap.limits.max_po_paise))
                      if left is None or left >= snap.limits.max_po_paise else
                      reason("the {left} of purchase money left", left=format_inr(left)))
            moved.reasoning.append(reason(
                "{supplier}'s order of {total} cannot go out without you: {why}. {count} of its items would run out "
                "before then; {other} sells them and takes them in this order of {spend}, within {within}.",
                supplier=supplier.name, total=format_inr(proposal.action.spend_paise), why=why, count=len(links),
                other=other, spend=format_inr(moved.action.spend_paise), within=within))
            moved_skus = set(moved.skus)
            rest = self._order(snap, board, view, lv, chosen, supplier_id,
                               [i for i in members if snap.skus[i] not in moved_skus],
                               [i for i in others if snap.skus[i] not in moved_skus], reroute=False)
            if rest is None:
                return [moved]
            if waits and rest.action.spend_paise < supplier.min_order_paise <= proposal.action.spend_paise:
                continue  # the seller would approve an order the usual supplier refuses: one valid order is better
            split = reason("{other} takes the {count} items that run out first in an order of its own; the rest "
                           "of this order waits for you: {why}.", other=other, count=len(moved_skus), why=why)
            rest.reasoning.append(split)
            rest.needs_seller = rest.needs_seller or split
            return [moved, rest]
        return []

    @staticmethod
    def _top_up(snap: Snapshot, view: InventoryView, rows: np.ndarray, case: np.ndarray, moq: np.ndarray,
                unit_cost: np.ndarray, qty: np.ndarray, minimum: int) -> tuple[np.ndarray, int]:
        """Add whole cases of the supplier's fastest non-perishable sellers until the order reaches the supplier's
        minimum, never beyond ``TOP_UP_COVER`` times an item's cover (a new line starts at its minimum)."""
        qty = qty.copy()
        limit = view.top_up_limit(rows, TOP_UP_COVER)
        order = np.argsort(-view.daily[rows] * unit_cost)
        total = int((qty * unit_cost // 1000).sum())
        progress = True
        while total < minimum and progress:
            progress = False
            for k in order:
                i = rows[k]
                step = case[k] if qty[k] else max(case[k], -(-moq[k] // case[k]) * case[k])
                if snap.shelf_life[i] > 0 or view.daily[i] <= 0 or view.position[i] + qty[k] + step > limit[k]:
                    continue
                qty[k] += step
                total += int(step * unit_cost[k] // 1000)
                progress = True
                if total >= minimum:
                    break
        return qty, total

    @staticmethod
    def _festival_share(board: Board, rows: np.ndarray, lead: int) -> float:
        demand = board.demand
        window = slice(0, min(lead + 14, demand.mean.shape[1]))
        total = demand.mean[rows, window].sum()
        base = (demand.mean[rows, window] / np.maximum(demand.festival[rows, window], 1e-9)).sum()
        return float((total - base) / total) if total > 0 else 0.0

    def _reasons(self, snap: Snapshot, board: Board, view: InventoryView, rows: np.ndarray, qty: np.ndarray,
                 supplier, total: int, arrival: date, festival_share: float) -> list[str]:
        below = int((view.position[rows] < view.rop[rows]).sum())
        joined = len(rows) - below
        # "and 0 more are low" and "1 items are" read as a machine talking: the sentence follows the counts
        if len(rows) == 1 and below == 1:
            first = reason("{supplier}: one item is below its reorder point; one order of {total}, expected on {day}.",
                           supplier=supplier.name, total=format_inr(total), day=arrival.isoformat())
        elif joined == 0:
            first = reason("{supplier}: {below} items are below their reorder point; one order of {total} for them, "
                           "expected on {day}.",
                           supplier=supplier.name, below=below, total=format_inr(total), day=arrival.isoformat())
        else:
            first = reason("{supplier}: {below} items are below their reorder point and {joined} more are low; one "
                           "order of {total} for {lines} items, expected on {day}.",
                           supplier=supplier.name, below=below, joined=joined, total=format_inr(total),
                           lines=len(rows), day=arrival.isoformat())
        reasons = [first]
        order = np.argsort(-(view.rop[rows] - view.position[rows]) / np.maximum(view.rop[rows], 1))
        for k in order[:REASON_LINES]:
            i = int(rows[k])
            unit = snap.units[i]
            reasons.append(reason("{name}: {stock} in stock, {coming} coming; about {daily} sell a day, so the "
                                  "reorder point for {days} days until a delivery is {rop}; ordering {qty}.",
                name=named_item(snap.skus[i], snap.names[i]), stock=quantity(max(int(snap.on_hand[i]), 0), unit),
                coming=quantity(int(view.position[i] - max(snap.on_hand[i], 0)), unit),
                daily=format(float(view.daily[i]), ".1f"), days=int(view.lead_days[i]) + rp.REVIEW_DAYS,
                rop=quantity(int(view.rop[i]), unit), qty=quantity(int(qty[k]), unit)))
        if len(rows) > REASON_LINES:
            reasons.append(reason("... and {n} more items.", n=len(rows) - REASON_LINES))
        if festival_share >= 0.15:
            names = ", ".join(sorted({f"{key} ({day.isoformat()})" for key, _first, day in board.demand.festival_days}))
            reasons.append(reason("Festival ahead: {festivals}. {pct}% of the demand ordered for comes from the "
                                  "festival lift.", festivals=names, pct=round(festival_share * 100)))
        late = board.notes.get("late_suppliers", {})
        bypassed = sorted({line.supplier_id for i in rows for line in snap.open_lines.get(int(i), ())
                           if line.supplier_id in late and line.supplier_id != supplier.id})
        for other in bypassed:
            days, po = late[other]
            name = getattr(snap.suppliers.get(other), "name", other)
            reasons.append(reason("{name} is {days} days late with order {po}; these items are ordered from "
                                  "{supplier} instead.", name=name, days=days, po=po, supplier=supplier.name))
        return reasons

    # --- alerts ------------------------------------------------------------------------------
    def _alerts(self, snap: Snapshot, view: InventoryView) -> list[Proposal]:
        proposals = []
        wanted: dict[str, dict[str, dict[str, Any]]] = {"overstock": {}, "expiry": {}, "late_supplier": {}}
        for i in np.nonzero(view.overstock)[0]:
            value = int(max(snap.on_hand[i], 0) * snap.cost[i] // 1000)
            days = round(min(float(view.cover_days[i]), 999))
            wanted["overstock"][snap.skus[i]] = {
                "severity": "info", "data": {"days": days, "value_paise": value}, "weight": value,
                "message": reason("{name}: about {days} days of stock ({value}); the pricing agent may clear some.",
                                  name=named_item(snap.skus[i], snap.names[i]), days=days,
                                  value=format_inr(value))}
        for i in np.nonzero(view.expiring_excess > 0)[0]:
            wanted["expiry"][snap.skus[i]] = {
                "severity": "warning", "weight": int(view.expiring_excess[i]) * int(snap.cost[i]) // 1000,
                "data": {"qty_milli": int(view.expiring_excess[i]),
                                                "days_left": int(snap.expiry_days[i])},
                "message": _expiry_message(named_item(snap.skus[i], snap.names[i]),
                                           quantity(int(view.expiring_excess[i]), snap.units[i]),
                                           int(snap.expiry_days[i]))}
        for i in np.nonzero(snap.expired > 0)[0]:
            wanted["expiry"][snap.skus[i]] = {  # expired stock before anything else
                "severity": "critical", "weight": 10**15 + int(snap.expired[i]) * int(snap.cost[i]) // 1000,
                "data": {"expired_milli": int(snap.expired[i])},
                "message": reason("{name}: {qty} has passed its expiry date; take it off the shelf and record it "
                                  "as waste.", name=named_item(snap.skus[i], snap.names[i]),
                                  qty=quantity(int(snap.expired[i]), snap.units[i]))}
        for supplier_id, (days, po) in InventoryAgent._late_suppliers(snap).items():
            name = getattr(snap.suppliers.get(supplier_id), "name", supplier_id)
            wanted["late_supplier"][str(supplier_id)] = {
                "severity": "warning", "data": {"days_late": days, "po_id": po}, "weight": days,
                "message": reason("{name} is {days} days late with purchase order {po}.", name=name, days=days,
                                  po=po)}
        for kind, items in wanted.items():
            already = snap.open_alerts.get(kind, {})
            resolve = sorted(set(already) - set(items))
            room = max(ALERTS_OPEN_MAX - (len(already) - len(resolve)), 0)
            fresh = sorted((subject for subject in items if subject not in already),
                           key=lambda subject: (-items[subject]["weight"], subject))[:room]
            new = {subject: {k: v for k, v in items[subject].items() if k != "weight"} for subject in fresh}
            if not new and not resolve:
                continue
            reasoning = [reason("{n} new {kind} alerts; {m} earlier ones no longer apply.", n=len(new),
                                kind=_alert_word(kind), m=len(resolve))]
            reasoning += [item["message"] for item in list(new.values())[:REASON_LINES]]
            action = Action(kind=ALERT, params={"kind": kind, "items": [{"subject": s, **item} for s, item in
                                                                        sorted(new.items())], "resolve": resolve})
            proposals.append(Proposal(agent=NAME, decision_type=f"alert_{kind}", action=action, reasoning=reasoning,
                                      expected={"alerts": len(new), "resolved": len(resolve)}, value_paise=0,
                                      confidence=0.9, goal_id=snap.directives.goal_id))
        return proposals


def _offers(snap: Snapshot, board: Board, rows: np.ndarray, supplier_id: int) -> list[tuple[int, dict[int, Link]]]:
    """The other suppliers (not late, known) that sell some of ``rows``: (supplier, {item: its link}), the one
    that sells the most of them first."""
    late = board.notes.get("late_suppliers", {})
    offers: dict[int, dict[int, Link]] = defaultdict(dict)
    for i in rows:
        for link in snap.links.get(int(i), ()):
            if link.supplier_id != supplier_id and link.supplier_id not in late and link.supplier_id in snap.suppliers:
                offers[link.supplier_id][int(i)] = link
    return sorted(offers.items(), key=lambda kv: (-len(kv[1]), kv[0]))


def _expiry_message(name: str, qty: str, days: int) -> str:
    if days <= 0:
        return reason("{name}: {qty} expires today unless it sells.", name=name, qty=qty)
    if days == 1:
        return reason("{name}: {qty} expires tomorrow unless it sells faster.", name=name, qty=qty)
    return reason("{name}: {qty} will expire within {days} days unless it sells faster.", name=name, qty=qty,
                  days=days)


def _up(milli: np.ndarray, grain: np.ndarray) -> np.ndarray:
    return (np.ceil(milli / grain) * grain).astype(np.int64)


def stock_picture(snap: Snapshot, view: InventoryView) -> dict[str, Any]:
    """The day's summary the engine stores (``stock_day``): items out, availability weighted by demand."""
    selling = view.daily > 0
    out = selling & (snap.on_hand <= 0)
    weight = view.daily[selling].sum()
    availability = float(view.daily[selling & ~out].sum() / weight) if weight > 0 else 1.0
    value = int((np.maximum(snap.on_hand, 0) * snap.cost // 1000).sum())
    return {"active_skus": int(snap.size), "out_of_stock": int(out.sum()), "availability": round(availability, 4),
            "inventory_value_paise": value}


def receive_against_po(ctx: ServiceContext, po_id: int, *, delivered: dict[str, int] | None = None,
                       expires_on: dict[str, date] | None = None, origin: Origin | None = None) -> Changes:
    """Goods arrived for a purchase order: receive what came (everything still due when ``delivered`` is None),
    with expiry dates, through the purchasing service (stock, average cost and marketplace quantities)."""
    return purchasing.receive_purchase_order(
        ctx, po_id, received=delivered, expires_on=expires_on,
        origin=origin or Origin(actor=f"agent:{NAME}", reason=_("Received against the purchase order.")))


def _alert_word(kind: str) -> Reason | str:
    """The alert's kind as a word the seller reads in their language (a kept reason, so Hindi reads Hindi)."""
    words = {"overstock": reason("overstock"), "expiry": reason("expiry"), "late_supplier": reason("late supplier")}
    return words.get(kind, kind)
