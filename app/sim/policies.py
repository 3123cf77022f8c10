"""The three ways of running the simulated shop: the agents, and two baselines in the same harness.

* ``kirana``: the price stays at MRP - 5%; each morning, an item whose stock is under 7 days of its
  average sales (last 28 days) and that is not already on order gets one case (at least the minimum
  order) from its usual supplier; an empty shelf is always reordered.
* ``ss``: (s, S) on a 28-day moving average ``m`` with its daily standard deviation ``sd`` and the
  supplier's stated lead time ``L``: ``s = m (L + 1) + 1.65 sd sqrt(L + 1)``, ``S = s + 7 m``; when stock
  plus what is on order is at or under ``s``, order up to ``S`` in whole cases. Prices as ``kirana``.
* ``agents``: the decision engine with the inventory and pricing agents, working toward the scenario's
  goal; a simulated seller answers the approvals inbox after ``seller.delay_days``.

Baselines write through the same services as the agents (purchase orders created, sent, received).
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date, timedelta
from typing import Protocol

from app.agents.engine import DecisionEngine
from app.services import goals, market, purchasing
from app.services.context import Origin
from app.services.market import CompetitorSighting
from app.services.purchasing import PoLine
from app.sim.world import World
from app.store import decisions as decision_store

__all__ = ["POLICIES", "AgentsPolicy", "KiranaPolicy", "Policy", "SsPolicy"]

SELLER = Origin(actor="seller", reason="the shopkeeper's own routine")


class Policy(Protocol):
    name: str

    def start(self, world: World) -> None: ...

    def morning(self, world: World, day: date) -> None: ...


def _order(world: World, wanted: dict[int, list[tuple[str, int]]], note: str) -> None:
    """One purchase order per supplier, created and sent as the shopkeeper does (minimums accepted)."""
    for supplier_id, lines in sorted(wanted.items()):
        created = purchasing.create_purchase_order(
            world.ctx, supplier_id=supplier_id, lines=[PoLine(sku=s, qty_milli=q) for s, q in lines], note=note,
            confirmed=True, origin=SELLER)
        purchasing.send_purchase_order(world.ctx, created.id, origin=SELLER)


class KiranaPolicy:
    name = "kirana"

    def start(self, world: World) -> None:
        pass

    def morning(self, world: World, day: date) -> None:
        on_hand = world.on_hand()
        average = world.sales_window(day, 28).sum(axis=1) / 28
        ordered = world.on_order_skus()
        wanted: dict[int, list[tuple[str, int]]] = defaultdict(list)
        for i, item in enumerate(world.scenario.items):
            if item.sku in ordered:
                continue
            if on_hand[i] < 7 * average[i] * 1000 or on_hand[i] <= 0:
                supplier_id = world.supplier_ids[item.suppliers[0][0]]
                wanted[supplier_id].append((item.sku, max(item.case_milli, item.moq_milli)))
        _order(world, wanted, "kirana: a case when under 7 days of sales")


class SsPolicy:
    name = "ss"

    def start(self, world: World) -> None:
        pass

    def morning(self, world: World, day: date) -> None:
        on_hand = world.on_hand()
        window = world.sales_window(day, 28)
        mean = window.mean(axis=1)
        sd = window.std(axis=1)
        on_order = world.on_order_milli()
        wanted: dict[int, list[tuple[str, int]]] = defaultdict(list)
        for i, item in enumerate(world.scenario.items):
            key = item.suppliers[0][0]
            lead = world.supplier_spec[key].lead_time_days
            s = mean[i] * (lead + 1) + 1.65 * sd[i] * math.sqrt(lead + 1)
            big_s = s + 7 * mean[i]
            position = (on_hand[i] + on_order.get(item.sku, 0)) / 1000
            if mean[i] == 0:
                if on_hand[i] <= 0 and on_order.get(item.sku, 0) == 0:
                    wanted[world.supplier_ids[key]].append((item.sku, max(item.case_milli, item.moq_milli)))
                continue
            if position <= s:
                need = (big_s - position) * 1000
                cases = max(math.ceil(need / item.case_milli), math.ceil(item.moq_milli / item.case_milli), 1)
                wanted[world.supplier_ids[key]].append((item.sku, cases * item.case_milli))
        _order(world, wanted, "ss: order up to S at or under s")


class AgentsPolicy:
    name = "agents"

    def __init__(self) -> None:
        self.engine: DecisionEngine | None = None
        self._seen: dict[str, tuple[int, date]] = {}

    def start(self, world: World) -> None:
        overrides = dict(world.scenario.settings.get("limits", {}))
        self.engine = DecisionEngine(world.ctx, limit_overrides=overrides, sleep=lambda _s: None)
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


POLICIES = {"kirana": KiranaPolicy, "ss": SsPolicy, "agents": AgentsPolicy}
