"""The ways of running the simulated shop: the agents (all, or one agent alone), and two honest baselines in
the same harness. Every policy starts from the same books, priced at MRP.

* ``kirana``: a competent shopkeeper's routine. Prices stay at MRP. Each morning, an item that is not
  already on order and whose stock is under ``L + 3`` days of its pace (``L`` the usual supplier's stated
  lead time; pace: the larger of the last 28 and 91 days' average sales on the days the shelf had the
  item, as a shopkeeper knows an empty shelf sells nothing) is ordered up to ``L + 14`` days
  of its pace in whole cases (at least the minimum quantity). A perishable is never ordered beyond what
  sells within its shelf life after what is left when the truck comes (whole cases, rounded down; nothing
  when not even the minimum sells in time).
* ``ss``: a textbook (s, S) on the 28-day mean ``m`` and standard deviation ``sd`` of daily sales (on the
  days the shelf had the item):
  ``s = m (L + 1) + 1.65 sd sqrt(L + 1)``, ``S = s + 7 m``, capped for perishables at what sells within
  the shelf life (as ``kirana``); when stock plus what is on order is at or under ``s``, order up to
  ``S`` in whole cases. Prices stay at MRP.
* both: a supplier's minimum order value is met by adding whole cases of its fastest-selling items that
  keep (never beyond four weeks of their pace); an order that still falls short waits for a later day.
* ``agents``: the decision engine with the inventory and pricing agents, working toward the scenario's
  goal; a simulated seller answers the approvals inbox after ``seller.delay_days``. ``inventory`` and
  ``pricing`` run one agent alone (prices stay at MRP under ``inventory``; ``pricing`` reorders as
  ``ss``).

Baselines write through the same services as the agents (purchase orders created, sent, received).
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date, timedelta
from typing import Protocol

import numpy as np

from app.agents.engine import DecisionEngine
from app.agents.inventory import InventoryAgent
from app.agents.pricing import PricingAgent
from app.services import goals, market, purchasing
from app.services.context import Origin
from app.services.market import CompetitorSighting
from app.services.purchasing import PoLine
from app.sim.world import World
from app.store import decisions as decision_store

__all__ = ["POLICIES", "AgentsPolicy", "KiranaPolicy", "Policy", "SsPolicy"]

SELLER = Origin(actor="seller", reason="the shopkeeper's own routine")
TOP_UP_COVER_DAYS = 28


class Policy(Protocol):
    name: str

    def start(self, world: World) -> None: ...

    def morning(self, world: World, day: date) -> None: ...


def _fresh_cap(item, rate: float, on_hand_milli: int, lead: int) -> int:
    """Perishables: the most (milli-units, whole cases) that sells within the shelf life after what is left
    when the truck comes; 0 when not even the minimum quantity would. Items that keep: no cap (-1)."""
    if not item.shelf_life:
        return -1
    left = max(on_hand_milli / 1000 - rate * lead, 0.0)
    sells = rate * item.shelf_life - left
    cases = int(max(sells, 0) * 1000 // item.case_milli)
    least = max(math.ceil(item.moq_milli / item.case_milli), 1)
    return cases * item.case_milli if cases >= least else 0


def _cases(item, need_milli: float) -> int:
    least = max(math.ceil(item.moq_milli / item.case_milli), 1)
    return max(math.ceil(need_milli / item.case_milli), least) * item.case_milli


def _order(world: World, day: date, wanted: dict[str, dict[int, int]], rate: np.ndarray, note: str) -> None:
    """One purchase order per supplier, created and sent as the shopkeeper does. Under the supplier's minimum
    order value it adds cases of the supplier's fastest sellers that keep, up to four weeks of their pace;
    an order still short of the minimum waits."""
    on_hand = world.on_hand()
    on_order = world.on_order_milli()
    for key, lines in sorted(wanted.items()):
        spec = world.supplier_spec[key]
        total = sum(qty * world.items[i].cost_paise // 1000 for i, qty in lines.items())
        if total < spec.min_order_paise:
            mine = [i for i in world.by_supplier.get(key, ()) if not world.items[i].shelf_life and rate[i] > 0]
            mine.sort(key=lambda i: -rate[i] * world.items[i].cost_paise)
            progress = True
            while total < spec.min_order_paise and progress:
                progress = False
                for i in mine:
                    item = world.items[i]
                    step = item.case_milli if i in lines else _cases(item, item.case_milli)
                    have = on_hand[i] + on_order.get(item.sku, 0) + lines.get(i, 0)
                    if have + step > rate[i] * TOP_UP_COVER_DAYS * 1000:
                        continue
                    lines[i] = lines.get(i, 0) + step
                    total += step * item.cost_paise // 1000
                    progress = True
                    if total >= spec.min_order_paise:
                        break
        if total < spec.min_order_paise:
            continue
        created = purchasing.create_purchase_order(
            world.ctx, supplier_id=world.supplier_ids[key],
            lines=[PoLine(sku=world.items[i].sku, qty_milli=q) for i, q in sorted(lines.items())], note=note,
            confirmed=True, origin=SELLER)
        purchasing.send_purchase_order(world.ctx, created.id, origin=SELLER)


class KiranaPolicy:
    name = "kirana"

    def start(self, world: World) -> None:
        pass

    def morning(self, world: World, day: date) -> None:
        on_hand = world.on_hand()
        rate = np.maximum(world.in_stock_pace(day, 28)[0], world.in_stock_pace(day, 91)[0])
        ordered = world.on_order_skus()
        wanted: dict[str, dict[int, int]] = defaultdict(dict)
        for i, item in enumerate(world.scenario.items):
            if item.sku in ordered:
                continue
            key = item.suppliers[0][0]
            lead = world.supplier_spec[key].lead_time_days
            if on_hand[i] > 0 and on_hand[i] >= rate[i] * (lead + 3) * 1000:
                continue
            qty = _cases(item, rate[i] * (lead + 14) * 1000 - max(on_hand[i], 0))
            cap = _fresh_cap(item, rate[i], int(on_hand[i]), lead)
            if cap >= 0:
                qty = min(qty, cap)
            if qty > 0:
                wanted[key][i] = qty
        _order(world, day, wanted, rate, "kirana: up to two weeks of sales in whole cases")


class SsPolicy:
    name = "ss"

    def start(self, world: World) -> None:
        pass

    def morning(self, world: World, day: date) -> None:
        on_hand = world.on_hand()
        mean, sd = world.in_stock_pace(day, 28)
        on_order = world.on_order_milli()
        wanted: dict[str, dict[int, int]] = defaultdict(dict)
        for i, item in enumerate(world.scenario.items):
            key = item.suppliers[0][0]
            lead = world.supplier_spec[key].lead_time_days
            position = (on_hand[i] + on_order.get(item.sku, 0)) / 1000
            if mean[i] == 0:
                if on_hand[i] <= 0 and on_order.get(item.sku, 0) == 0 and not item.shelf_life:
                    wanted[key][i] = _cases(item, item.case_milli)
                continue
            s = mean[i] * (lead + 1) + 1.65 * sd[i] * math.sqrt(lead + 1)
            big_s = s + 7 * mean[i]
            if position > s:
                continue
            qty = _cases(item, (big_s - position) * 1000)
            cap = _fresh_cap(item, mean[i], int(on_hand[i] + on_order.get(item.sku, 0)), lead)
            if cap >= 0:
                qty = min(qty, cap)
            if qty > 0:
                wanted[key][i] = qty
        _order(world, day, wanted, mean, "ss: order up to S at or under s")


class AgentsPolicy:
    name = "agents"
    receives = True  # deliveries come in through the inventory agent's receiving

    def __init__(self) -> None:
        self.engine: DecisionEngine | None = None
        self._seen: dict[str, tuple[int, date]] = {}

    def _agents(self) -> list:
        return [InventoryAgent(), PricingAgent()]

    def start(self, world: World) -> None:
        overrides = dict(world.scenario.settings.get("limits", {}))
        overrides.setdefault("chosen", True)  # a scenario's limits are the simulated seller's choice
        self.engine = DecisionEngine(world.ctx, self._agents(), limit_overrides=overrides, sleep=lambda _s: None)
        spec = world.scenario.goal
        if spec:
            s = world.scenario
            goal = goals.create_goal(world.ctx, description=spec["description"], metrics=spec["metrics"],
                                     starts_on=s.start, ends_on=s.start + timedelta(days=s.days - 1),
                                     priority=int(spec.get("priority", 2)))
            self.engine.process_business_goal(int(goal.id))

    def morning(self, world: World, day: date) -> None:
        assert self.engine is not None
        self._competitors(world, day)
        self._answer_approvals(world, day)
        self.engine.learn()
        if day.weekday() == 0:
            self.engine.review_goals()
        report = self.engine.run_cycle(trigger="daily")
        world.note_cycle(report)

    def _competitors(self, world: World, day: date) -> None:
        """What a marketplace sync would bring in: competitor prices of the items the shop can see online,
        when they change and once a week."""
        prices = world.market.competitor_prices(day)
        sightings = []
        for i, item in enumerate(world.scenario.items):
            if not item.observed:
                continue
            price = int(prices[i])
            last = self._seen.get(item.sku)
            if last is None or last[0] != price or (day - last[1]).days >= 7:
                sightings.append(CompetitorSighting(sku=item.sku, price_paise=price, source="marketplace", seen_on=day))
                self._seen[item.sku] = (price, day)
        if sightings:
            market.record_competitor_prices(world.ctx, sightings, origin=Origin(actor="sync:marketplace"))

    def _answer_approvals(self, world: World, day: date) -> None:
        assert self.engine is not None
        seller = world.scenario.seller
        delay = int(seller.get("delay_days", 1))
        approves = seller.get("approves", "all")
        for approval in decision_store.approvals(world.ctx.store.db()):
            if (day - date.fromisoformat(approval.created_at[:10])).days < delay:
                continue
            if approves == "all":
                self.engine.approve(approval.id, note="simulated seller", origin=Origin(actor="seller"))
            elif approves == "none":
                self.engine.reject(approval.id, note="simulated seller", origin=Origin(actor="seller"))
        world.approvals_seen = len(decision_store.approvals(world.ctx.store.db(), status=None, limit=1_000_000))


class InventoryOnlyPolicy(AgentsPolicy):
    """The inventory agent alone: prices stay at MRP."""

    name = "inventory"

    def _agents(self) -> list:
        return [InventoryAgent()]


class PricingOnlyPolicy(AgentsPolicy):
    """The pricing agent alone, with ``ss`` reordering (the stock it prices comes from the textbook routine)."""

    name = "pricing"

    def __init__(self) -> None:
        super().__init__()
        self._ss = SsPolicy()

    def _agents(self) -> list:
        return [PricingAgent()]

    def morning(self, world: World, day: date) -> None:
        self._ss.morning(world, day)
        super().morning(world, day)


POLICIES = {"kirana": KiranaPolicy, "ss": SsPolicy, "agents": AgentsPolicy, "inventory": InventoryOnlyPolicy,
            "pricing": PricingOnlyPolicy}
