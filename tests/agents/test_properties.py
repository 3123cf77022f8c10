"""Property tests of the autonomy core: seed design properties 5, 6, 10 and 11, on copies of a real shop.

Each example starts from a fresh copy of the template shop (``conftest``), is put into a generated state
through the services (stock counts, orders on their way, suppliers' lead times, competitor prices, MRP and
cost, promotions, the margin floor and the autonomy limits) and lets the agents act; the assertions read
what the shop's books say afterwards. The expectations are computed here from the state and from what
the agents report (reorder points in their notes), never by calling the agents' own formulas.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any, ClassVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app import config
from app.agents import conflicts
from app.agents.base import Board
from app.agents.inventory import InventoryAgent
from app.agents.limits import Budget, Limits
from app.agents.planner import Directives
from app.agents.proposal import (
    ALERT,
    END_PROMOTION,
    PURCHASE_ORDER,
    SET_PRICE,
    START_PROMOTION,
    Action,
    Proposal,
)
from app.agents.snapshot import Snapshot, build_snapshot
from app.domain.reasons import rendered
from app.services import catalog, market, purchasing, suppliers
from app.services import settings as shop_settings
from app.services.market import CompetitorSighting
from app.services.purchasing import PoLine

from .conftest import ITEMS, SELLER, TODAY, Shop, open_copy

SKUS = tuple(ITEMS)
PERISHABLE = frozenset(sku for sku, spec in ITEMS.items() if spec[8])
CASE = {sku: spec[6] * 1000 for sku, spec in ITEMS.items()}
MOQ = {sku: spec[7] * 1000 for sku, spec in ITEMS.items()}
REGULAR = {sku: spec[4] for sku, spec in ITEMS.items()}
UNIT_COST = {sku: spec[3] for sku, spec in ITEMS.items()}
AGENT_EVENTS = ("PriceChanged", "PromotionSaved", "PurchaseOrderCreated", "PurchaseOrderSent", "AlertRaised",
                "AlertResolved")
PRICE_KINDS = (SET_PRICE, START_PROMOTION, END_PROMOTION)


# --- a shop per example ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def shop_copy(template, tmp_path_factory) -> Callable[[], Any]:
    """A context manager giving a fresh copy of the template shop, closed and removed afterwards (module scope:
    the template and the temporary folders live as long as the test session, so Hypothesis may share it)."""

    @contextmanager
    def make() -> Iterator[Shop]:
        folder = tmp_path_factory.mktemp("prop")
        found = open_copy(template, folder)
        try:
            yield found
        finally:
            found.store.close()
            shutil.rmtree(folder, ignore_errors=True)

    return make


# --- generated states ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ItemState:
    stock: int | None  # units on the shelf after a count (None: as the template left it)
    competitor_bp: int | None  # a competitor's price, as a share of our regular price
    promotion: str | None  # a promotion the seller set: "ended" yesterday, "running", "planned" for tomorrow
    promo_bp: int  # the promoted price, as a share of the regular price
    mrp_bp: int | None  # the new MRP as a share of the price on the shelf (0: no MRP, loose goods)
    cost_bp: int | None  # the new cost as a share of the regular price (may be above it)


@dataclass(frozen=True)
class ShopState:
    items: dict[str, ItemState]
    margin_floor_bp: int
    max_change_bp: int
    max_po_paise: int
    weekly_budget_paise: int = 0
    days_later: int = 0  # the cycle runs this many days after the state was set


def item_states(promotions: tuple[str, ...]) -> st.SearchStrategy[ItemState]:
    return st.builds(
        ItemState,
        stock=st.none() | st.integers(0, 60),
        competitor_bp=st.none() | st.integers(6000, 14_000),
        promotion=(st.none() | st.sampled_from(promotions)) if promotions else st.none(),
        promo_bp=st.integers(6000, 9900),
        mrp_bp=st.none() | st.just(0) | st.integers(10_000, 13_000),
        cost_bp=st.none() | st.integers(5000, 11_000),
    )


def shop_states(*, promotions: tuple[str, ...] = ("ended", "running"), later: bool = False,
                max_change: tuple[int, int] = (0, 5000),
                max_po: tuple[int, int] = (2_500_000, 2_500_000)) -> st.SearchStrategy[ShopState]:
    return st.builds(
        ShopState,
        items=st.dictionaries(st.sampled_from(SKUS), item_states(promotions), max_size=len(SKUS)),
        margin_floor_bp=st.integers(0, 3000),
        max_change_bp=st.integers(*max_change),
        max_po_paise=st.integers(*max_po),
        days_later=st.integers(0, 1) if later else st.just(0),
    )


PROMOTION_DAYS = {"ended": (-3, -1), "running": (-1, 2), "planned": (1, 3)}


def apply_state(shop: Shop, state: ShopState) -> None:
    """Put the shop in ``state`` through the services, as the seller would."""
    ctx = shop.ctx
    shop_settings.set_setting(ctx, "agents.pricing.cooldown_days", 0)  # every item may be repriced today
    shop_settings.set_setting(ctx, "agents.pricing.max_change_bp", state.max_change_bp)
    shop_settings.set_setting(ctx, "agents.inventory.max_po_paise", state.max_po_paise)
    shop_settings.set_setting(ctx, "agents.inventory.weekly_budget_paise", state.weekly_budget_paise)
    shop_settings.set_setting(ctx, config.MARGIN_FLOOR_BP.key, state.margin_floor_bp)
    sightings = []
    for sku, item in state.items.items():
        regular = shop.price(sku)
        if item.promotion is not None:
            first, last = PROMOTION_DAYS[item.promotion]
            market.plan_promotion(ctx, sku=sku, price_paise=max(100, regular * item.promo_bp // 10_000),
                                         starts_on=TODAY + timedelta(days=first), ends_on=TODAY + timedelta(days=last),
                                         confirmed=True, origin=SELLER)
        if item.mrp_bp is not None:  # the MRP may now be below the regular price a promotion will restore
            shelf = shop.price(sku)
            mrp = None if item.mrp_bp == 0 else shelf * item.mrp_bp // 10_000
            catalog.change_price(ctx, sku, price_paise=shelf, mrp_paise=mrp, confirmed=True, origin=SELLER)
        if item.cost_bp is not None:
            catalog.update_product(ctx, sku, cost_paise=max(1, regular * item.cost_bp // 10_000), confirmed=True,
                                   origin=SELLER)
        if item.competitor_bp is not None:
            sightings.append(CompetitorSighting(sku=sku, price_paise=max(1, regular * item.competitor_bp // 10_000),
                                                source="marketplace"))
        if item.stock is not None:
            shop.set_stock(sku, item.stock * 1000)
    if sightings:
        market.record_competitor_prices(ctx, sightings, origin=SELLER)
    if state.days_later:
        shop.clock.advance(timedelta(days=state.days_later))


# --- reading the books -----------------------------------------------------------------------------------
@dataclass
class Decision:
    id: int
    agent: str
    decision_type: str
    status: str
    reasoning: list[str]
    action: dict[str, Any]

    @property
    def kind(self) -> str:
        return self.action["kind"]

    @property
    def params(self) -> dict[str, Any]:
        return self.action["params"]

    def new_price(self) -> int | None:
        return Action.from_json(self.action).new_price


@dataclass
class Event:
    id: int
    type: str
    actor: str
    reason: str
    decision_id: int | None
    data: dict[str, Any] = field(default_factory=dict)


def last_event_id(shop: Shop) -> int:
    return shop.store.db().execute("SELECT coalesce(max(id), 0) FROM event").fetchone()[0]


def decisions(shop: Shop) -> list[Decision]:
    rows = shop.store.db().execute("SELECT id, agent, decision_type, status, reasoning_json, actions_json"
                                   " FROM agent_decision ORDER BY id").fetchall()
    # reasons are kept as message and values (app.domain.reasons) and read as sentences in the current language
    return [Decision(r[0], r[1], r[2], r[3], [rendered(e) for e in json.loads(r[4])], json.loads(r[5])[0])
            for r in rows]


def events_after(shop: Shop, mark: int) -> list[Event]:
    rows = shop.store.db().execute("SELECT id, type, actor, reason, decision_id, data_json FROM event WHERE id > ?"
                                   " ORDER BY id", (mark,)).fetchall()
    return [Event(r[0], r[1], r[2], r[3], r[4], json.loads(r[5])) for r in rows]


def products(shop: Shop) -> dict[str, tuple[int, int | None, int]]:
    """sku -> (price, MRP, cost)."""
    rows = shop.store.db().execute("SELECT sku, price_paise, mrp_paise, cost_paise FROM product").fetchall()
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def margin_floor(cost_paise: int, floor_bp: int) -> int:
    """Cost plus the minimum margin over cost, to the paisa above (written out here, not the app's helper)."""
    exact = cost_paise * (10_000 + floor_bp)
    return max(1, exact // 10_000 + (1 if exact % 10_000 else 0))


def price_problem(price: int, mrp: int | None, cost: int, floor_bp: int) -> str | None:
    if mrp is not None and price > mrp:
        return f"{price} above the MRP {mrp}"
    if price < margin_floor(cost, floor_bp):
        return f"{price} below the margin floor {margin_floor(cost, floor_bp)} (cost {cost}, {floor_bp} bp)"
    return None


def po_total(lines: list[dict[str, Any]]) -> int:
    return sum(int(line["cost_paise"]) * int(line["qty_milli"]) // 1000 for line in lines)


# --- Property 6 ------------------------------------------------------------------------------------------
@pytest.mark.slow
@given(state=shop_states(max_change=(0, 10_000)))
def test_no_agent_price_leaves_the_band_between_margin_floor_and_mrp(shop_copy, state):
    """Feature: tavyonix-seller-os, Property 6: Dynamic Pricing Optimization.
    Whatever the stock, competitor prices, MRP, cost, promotions, margin floor and autonomy limit, every price an
    executed decision puts on an item, and every price the cycle leaves in the product table, is at most the MRP
    and at least the cost plus the margin floor."""
    with shop_copy() as shop:
        apply_state(shop, state)
        before = products(shop)
        mark = last_event_id(shop)
        shop.engine().run_cycle()
        after = products(shop)
        floor_bp = state.margin_floor_bp
        executed = [d for d in decisions(shop) if d.status == "executed" and d.kind in PRICE_KINDS]
        # where the margin floor is above the MRP no price keeps both: ending a promotion then puts the MRP on the
        # item, as the law says (test_ending_a_promotion_when_the_floor_is_above_the_mrp). Everything else is checked.
        no_band = {d.params["sku"] for d in executed if d.kind == END_PROMOTION and empty_band(after, d, floor_bp)}
        for d in executed:
            price = d.new_price()
            if price is None or d.params["sku"] in no_band:  # None: the seller had changed the promoted price
                continue
            _old, mrp, cost = after[d.params["sku"]]
            problem = price_problem(price, mrp, cost, floor_bp)
            assert problem is None, f"decision {d.id} ({d.agent} {d.decision_type}) set {d.params['sku']}: {problem}"
        agent_changes = {}
        for e in events_after(shop, mark):
            if e.type == "PriceChanged":
                assert e.actor.startswith("agent:") and e.decision_id is not None, e
                agent_changes[e.data["sku"]] = e
                _old, mrp, cost = after[e.data["sku"]]
                problem = price_problem(e.data["new_price_paise"], mrp, cost, floor_bp)
                assert problem is None or e.data["sku"] in no_band, f"{e.actor} moved {e.data['sku']}: {problem}"
        for sku, (price, mrp, cost) in after.items():
            if price != before[sku][0]:
                assert sku in agent_changes, f"{sku} changed without a PriceChanged event"
                problem = price_problem(price, mrp, cost, floor_bp)
                assert problem is None or sku in no_band, f"{sku} is left at {problem}"


def empty_band(after: dict[str, tuple[int, int | None, int]], d: Decision, floor_bp: int) -> bool:
    _price, mrp, cost = after[d.params["sku"]]
    return mrp is not None and margin_floor(cost, floor_bp) > mrp


def test_ending_a_promotion_when_the_floor_is_above_the_mrp(kirana):
    """Feature: tavyonix-seller-os, Property 6: Dynamic Pricing Optimization.
    The minimal example Hypothesis found: a promotion on an item whose margin floor has come to lie above its MRP
    ends. No price then keeps both limits; the law wins: the promotion ends (its price does not stay on the shelf
    past its end) and the item goes back to the MRP, never above it."""
    apply_state(kirana, ShopState(items={"OIL1": ItemState(stock=None, competitor_bp=None, promotion="ended",
                                                           promo_bp=8078, mrp_bp=11077, cost_bp=None)},
                                  margin_floor_bp=1, max_change_bp=0, max_po_paise=2_500_000))
    assert products(kirana)["OIL1"] == (13813, 15300, 15300)  # on promotion; MRP 153.00; floor 153.02
    kirana.engine().run_cycle()
    price, mrp, _cost = products(kirana)["OIL1"]
    assert price == mrp == 15300
    assert not kirana.store.db().execute("SELECT count(*) FROM promotion WHERE sku = 'OIL1' AND status = 'active'"
                                         ).fetchone()[0]


# --- Property 10 (and 11): every action explained ---------------------------------------------------------
NEEDED_EVENTS = {SET_PRICE: {"PriceChanged"}, START_PROMOTION: {"PromotionSaved"}, END_PROMOTION: {"PromotionSaved"},
                 PURCHASE_ORDER: {"PurchaseOrderCreated", "PurchaseOrderSent"}}


@given(state=shop_states(promotions=("ended", "running", "planned"), later=True, max_po=(0, 1_000_000)))
def test_every_executed_action_has_events_that_say_why(shop_copy, state):
    """Feature: tavyonix-seller-os, Property 10: Multi-Agent Coordination.
    In any generated state, every decision of a cycle carries its reasoning, every executed one is tied to the
    events of what it changed (each with the agent as actor and a reason), and nothing an agent changed is left
    without a reason or tied to a decision that was not executed."""
    with shop_copy() as shop:
        apply_state(shop, state)
        mark = last_event_id(shop)
        shop.engine().run_cycle()
        found = decisions(shop)
        events = events_after(shop, mark)
        by_decision: dict[int, list[Event]] = defaultdict(list)
        for e in events:
            if e.decision_id is not None:
                by_decision[e.decision_id].append(e)
        pending = {row[0] for row in shop.store.db().execute(
            "SELECT decision_id FROM agent_approval WHERE status = 'pending'")}
        for d in found:
            assert d.reasoning and all(isinstance(r, str) and r.strip() for r in d.reasoning), d
            mine = by_decision[d.id]
            assert mine and mine[0].type == "DecisionRecorded" and mine[0].reason.strip(), (d, mine)
            types = {e.type for e in mine}
            done = types & set(AGENT_EVENTS)
            if d.status == "executed":
                needed = NEEDED_EVENTS.get(d.kind) or {"AlertRaised", "AlertResolved"}
                if d.kind == ALERT:
                    assert done & needed, (d, types)
                else:
                    assert needed <= types, (d, types)
                assert any(e.type == "DecisionStatusChanged" and e.data["new_status"] == "executed" for e in mine)
                for e in mine:
                    assert e.reason.strip() and e.actor == f"agent:{d.agent}", (d, e)
            else:
                assert not done, f"decision {d.id} is {d.status} but changed the shop: {types}"
            if d.status == "awaiting_approval":
                assert "ApprovalRequested" in types and d.id in pending, (d, types)
        executed_ids = {d.id for d in found if d.status == "executed"}
        seller_starts = {sku for sku, item in state.items.items()
                         if item.promotion == "planned" and state.days_later >= 1}
        for e in events:
            if e.type not in AGENT_EVENTS or not e.actor.startswith("agent:"):
                continue
            assert e.reason.strip(), e
            if e.decision_id is None:
                # the engine's housekeeping starting a promotion the seller planned: no decision record of its own
                # is written for it (a gap, reported), but its events still say why
                assert e.actor == "agent:engine" and e.data.get("sku") in seller_starts, e
                continue
            assert e.decision_id in executed_ids, e


# --- Property 10: conflicts --------------------------------------------------------------------------------
PROMOTED = "CHIPS"
GUPTA = 1  # the template's main supplier


@pytest.fixture(scope="module")
def promoted_snapshot(shop_copy) -> Snapshot:
    """The shop's picture with a promotion running on CHIPS (the conflict rules read only that from it)."""
    with shop_copy() as shop:
        market.plan_promotion(shop.ctx, sku=PROMOTED, price_paise=1800, starts_on=TODAY,
                                     ends_on=TODAY + timedelta(days=3), origin=SELLER)
        return build_snapshot(shop.store, now=shop.ctx.now(), today=shop.ctx.today(), limits=Limits.load(shop.store),
                              directives=Directives())


@st.composite
def proposals(draw, *, kinds=(SET_PRICE, START_PROMOTION, END_PROMOTION, PURCHASE_ORDER, ALERT),
              goals=(None, 1, 2)) -> Proposal:
    kind = draw(st.sampled_from(kinds))
    agent = draw(st.sampled_from(("alpha", "beta", "gamma")))
    if kind == PURCHASE_ORDER:
        lines = [{"sku": sku, "qty_milli": CASE[sku] * draw(st.integers(1, 3)), "cost_paise": UNIT_COST[sku]}
                 for sku in draw(st.lists(st.sampled_from(SKUS), min_size=1, max_size=3, unique=True))]
        params: dict[str, Any] = {"supplier_id": GUPTA, "lines": lines, "total_paise": po_total(lines),
                                  "via": "whatsapp", "confirmed": True}
    elif kind == ALERT:
        params = {"kind": draw(st.sampled_from(("overstock", "expiry"))), "items": [], "resolve": []}
    else:
        sku = draw(st.sampled_from(SKUS))
        old = REGULAR[sku]
        params = {"sku": sku, "price_paise": old * draw(st.integers(8500, 10_500)) // 10_000, "old_price_paise": old}
        if kind == START_PROMOTION:
            params.update(kind=draw(st.sampled_from(("campaign", "clearance"))), starts_on=TODAY.isoformat(),
                          ends_on=(TODAY + timedelta(days=2)).isoformat())
        elif kind == END_PROMOTION:
            params = {"sku": sku, "promotion_id": draw(st.integers(1, 2))}
    return Proposal(agent=agent, decision_type=f"test_{kind}", action=Action(kind=kind, params=params),
                    reasoning=[f"{agent} proposes {kind}"], expected={},
                    value_paise=draw(st.integers(-1000, 20_000)), confidence=draw(st.floats(0.0, 1.0)),
                    urgent=draw(st.booleans()), goal_id=draw(st.sampled_from(goals)))


def claims(p: Proposal) -> set[tuple[str, str]]:
    """What a proposal uses, written out from the rules: an item's price, an item's stock, an alert subject."""
    kind = p.action.kind
    if kind == PURCHASE_ORDER:
        return {("stock", line["sku"]) for line in p.action.params["lines"]}
    if kind == ALERT:
        return {("alert", p.action.params["kind"])}
    return {("price", p.action.params["sku"])}


def spend(p: Proposal) -> int:
    return po_total(p.action.params["lines"]) if p.action.kind == PURCHASE_ORDER else 0


def breaks_a_rule(p: Proposal, promo_id: int, stockout: set[str]) -> bool:
    """A price move on the promoted item (other than ending its promotion), or selling more of what runs out."""
    kind, params = p.action.kind, p.action.params
    if kind not in PRICE_KINDS:
        return False
    if params["sku"] == PROMOTED and not (kind == END_PROMOTION and params["promotion_id"] == promo_id):
        return True
    if params["sku"] in stockout:
        if kind == START_PROMOTION and params["kind"] != "clearance":
            return True
        if kind == SET_PRICE and params["price_paise"] < params["old_price_paise"]:
            return True
    return False


@given(batch=st.lists(proposals(), max_size=12), stockout=st.sets(st.sampled_from(SKUS)),
       priorities=st.tuples(st.integers(1, 5), st.integers(1, 5)),
       week=st.none() | st.integers(0, 60).map(lambda k: k * 10_000),
       cash=st.none() | st.integers(0, 60).map(lambda k: k * 10_000))
def test_conflicting_proposals_never_both_go_ahead_and_orders_stay_in_budget(promoted_snapshot, batch, stockout,
                                                                          priorities, week, cash):
    """Feature: tavyonix-seller-os, Property 10: Multi-Agent Coordination.
    For any set of proposals on overlapping items, prices and budget, the conflict resolution accepts at most one
    proposal per item price, item stock and alert subject, funds orders within the week's budget and the cash,
    keeps promises and stock-out forecasts, and rejects (or cuts) a proposal only for a stated, checkable reason."""
    promo_id = promoted_snapshot.promotions[PROMOTED].id
    goal_rank = {1: priorities[0], 2: priorities[1]}
    batch = [replace(p, reasoning=[f"#{k}", *p.reasoning]) for k, p in enumerate(batch)]  # a name for each
    original = {p.reasoning[0]: p for p in batch}
    out = conflicts.resolve(list(batch), promoted_snapshot, stockout=set(stockout), priorities=dict(goal_rank),
                            budget=Budget(week_left_paise=week, cash_left_paise=cash))
    decided = [p.reasoning[0] for p in out.accepted] + [r.proposal.reasoning[0] for r in out.rejected]
    assert sorted(decided) == sorted(original), "each proposal is decided exactly once"
    accepted = [original[p.reasoning[0]] for p in out.accepted]
    for p, o in zip(out.accepted, accepted, strict=True):
        if p is not o:  # an order cut to what the money left allows: some of its own lines, nothing else
            assert o.action.kind == PURCHASE_ORDER and p.agent == o.agent and p.reasoning[:-1] == o.reasoning, p
            lines = p.action.params["lines"]
            assert lines and all(line in o.action.params["lines"] for line in lines), (p, o)
            assert p.action.params["total_paise"] == spend(p) < spend(o), (p, o)
    used: set[tuple[str, str]] = set()
    for o in accepted:
        assert not claims(o) & used, f"two accepted proposals claim {claims(o) & used}"
        used |= claims(o)
        assert not breaks_a_rule(o, promo_id, set(stockout)), o
    spent = sum(spend(p) for p in out.accepted)
    for left in (week, cash):
        assert left is None or spent <= left, (spent, week, cash)

    def rank(p: Proposal) -> tuple:
        return (goal_rank.get(p.goal_id, 6) if p.goal_id is not None else 6, not p.urgent,
                -p.value_paise * p.confidence)

    budget_rejected = [r.proposal for r in out.rejected if r.kind == "budget"]
    for r in out.rejected:
        p = r.proposal
        assert r.reason and p is original[p.reasoning[0]], r
        if r.kind in ("promise", "stockout"):
            assert breaks_a_rule(p, promo_id, set(stockout)), r
        elif r.kind == "conflict":
            winner = r.winner
            assert winner is not None and claims(winner) & claims(p), r
            assert any(winner is o for o in accepted + budget_rejected), r
            assert rank(winner) <= rank(p), (rank(winner), rank(p))
        else:
            assert r.kind == "budget" and p.action.kind == PURCHASE_ORDER, r
            # not even one of its lines fits in what the accepted orders left
            for line in p.action.params["lines"]:
                cost = po_total([line])
                assert any(left is not None and cost > left - spent for left in (week, cash)), (r, week, cash, spent)
    for p in batch:  # alone on its resources and breaking no rule: nothing may stop a non-order
        alone = all(not (claims(p) & claims(q)) for q in batch if q is not p)
        if alone and p.action.kind != PURCHASE_ORDER and not breaks_a_rule(p, promo_id, set(stockout)):
            assert any(p is o for o in accepted), p


class Proposer:
    """A test agent (an agent like any other) that proposes what it is given."""

    TRIGGER: ClassVar[dict[str, Any]] = {"trigger": "interval", "hours": 1}

    def __init__(self, name: str, proposed: list[Proposal]) -> None:
        self.NAME = name
        self.proposed = proposed

    def propose(self, snap, board) -> list[Proposal]:
        return list(self.proposed)


@pytest.mark.slow
@given(batch=st.lists(proposals(kinds=(SET_PRICE, PURCHASE_ORDER), goals=(None,)), min_size=1, max_size=8),
       budget=st.sampled_from((0, 100_000, 300_000, 1_000_000)))
def test_the_engine_never_carries_out_two_claims_on_one_item(shop_copy, batch, budget):
    """Feature: tavyonix-seller-os, Property 10: Multi-Agent Coordination.
    When several agents propose prices and orders on overlapping items in one cycle, the engine records every
    proposal, changes each item's price at most once, orders each item at most once and spends no more than the
    week's purchase budget."""
    with shop_copy() as shop:
        apply_state(shop, ShopState(items={}, margin_floor_bp=500, max_change_bp=10_000, max_po_paise=10**9,
                                    weekly_budget_paise=budget))
        assert shop.supplier_id == GUPTA
        by_agent: dict[str, list[Proposal]] = defaultdict(list)
        for p in batch:
            by_agent[p.agent].append(p)
        mark = last_event_id(shop)
        report = shop.engine([Proposer(name, mine) for name, mine in by_agent.items()]).run_cycle()
        found = decisions(shop)
        assert len(found) == len(batch) == report.executed + report.rejected + report.escalated + report.failed
        executed = [d for d in found if d.status == "executed"]
        priced = Counter(d.params["sku"] for d in executed if d.kind == SET_PRICE)
        assert not [sku for sku, n in priced.items() if n > 1], priced
        changed = Counter(e.data["sku"] for e in events_after(shop, mark) if e.type == "PriceChanged")
        assert not [sku for sku, n in changed.items() if n > 1], changed
        db = shop.store.db()
        ordered = Counter(r[0] for r in db.execute("SELECT sku FROM purchase_order_line"))
        assert not [sku for sku, n in ordered.items() if n > 1], ordered
        total = db.execute("SELECT coalesce(sum(total_paise), 0) FROM purchase_order").fetchone()[0]
        assert total == sum(po_total(d.params["lines"]) for d in executed if d.kind == PURCHASE_ORDER)
        if budget:
            assert total <= budget


# --- Property 5 -------------------------------------------------------------------------------------------
def inventory_proposals(shop: Shop, stock: dict[str, int], coming: dict[str, int], lead: int,
                        backup_lead: int) -> tuple[list[Proposal], dict[str, Any]]:
    """Set the stock, the orders on their way and the lead times; the inventory agent's proposals and the
    status it reports per item."""
    ctx = shop.ctx
    suppliers.update_supplier(ctx, shop.supplier_id, lead_time_days=lead)
    suppliers.update_supplier(ctx, shop.backup_supplier_id, lead_time_days=backup_lead)
    for sku, units in stock.items():
        shop.set_stock(sku, units * 1000)
    if coming:
        lines = [PoLine(sku=sku, qty_milli=q * 1000) for sku, q in coming.items()]
        created = purchasing.create_purchase_order(ctx, supplier_id=shop.supplier_id, lines=lines, confirmed=True,
                                                   origin=SELLER)
        purchasing.send_purchase_order(ctx, created.id, origin=SELLER)
    engine = shop.engine()
    snap = build_snapshot(shop.store, now=ctx.now(), today=ctx.today(), limits=engine.limits(),
                          directives=Directives())
    board = Board(demand=engine.demand_model.demand(snap))
    found = InventoryAgent().propose(snap, board)
    view = board.notes["inventory"]
    return found, {sku: view.status(snap, snap.index[sku]) for sku in SKUS}


WELL_STOCKED = 150  # units: above every item's order-up-to level, whatever the lead time


@given(low=st.dictionaries(st.sampled_from(SKUS), st.integers(0, 40), max_size=len(SKUS)),
       coming=st.dictionaries(st.sampled_from(SKUS), st.integers(1, 30), max_size=3),
       lead=st.integers(0, 7), backup_lead=st.integers(0, 7))
def test_an_item_whose_stock_will_fall_below_its_reorder_point_is_reordered(shop_copy, low, coming, lead,
                                                                            backup_lead):
    """Feature: tavyonix-seller-os, Property 5: Inventory Monitoring and Restocking.
    For any stock, stock on order and suppliers' lead times, every item whose stock and orders on the way fall below
    the reorder point the inventory agent reports (the demand over the lead time and a day, plus safety stock) is on
    a proposed purchase order, in whole cases up to the agent's order-up-to level, and nothing already at that
    level is ordered."""
    stock = {sku: low.get(sku, WELL_STOCKED) for sku in SKUS}  # a few items run low, the rest are well stocked
    with shop_copy() as shop:
        found, status = inventory_proposals(shop, stock, coming, lead, backup_lead)
        leads = {shop.supplier_id: lead, shop.backup_supplier_id: backup_lead}
        position = {sku: (stock[sku] + coming.get(sku, 0)) * 1000 for sku in SKUS}
        orders = [p for p in found if p.action.kind == PURCHASE_ORDER]
        ordered: dict[str, int] = {}
        for p in orders:
            for line in p.action.params["lines"]:
                assert line["sku"] not in ordered, f"{line['sku']} on two orders"
                ordered[line["sku"]] = line["qty_milli"]
        for sku in SKUS:
            s = status[sku]
            # what the agent reports agrees with the state it was given
            assert (s.current_stock, s.on_order) == (stock[sku] * 1000, coming.get(sku, 0) * 1000), s
            assert s.supplier_id in leads and s.lead_time_days == leads[s.supplier_id], (s, leads)
            assert s.reorder_point >= s.forecasted_demand * 1000 - 1 and s.max_stock >= s.reorder_point, s
            if position[sku] < s.reorder_point and sku not in PERISHABLE:  # perishables: capped by their expiry
                assert sku in ordered, (f"{sku}: position {position[sku]} below the reorder point "
                                        f"{s.reorder_point}, not ordered", s)
                assert position[sku] + ordered[sku] >= s.max_stock, (sku, ordered[sku], s)
            if sku in ordered:
                qty = ordered[sku]
                assert qty % CASE[sku] == 0 and qty >= MOQ[sku], (sku, qty)
                assert position[sku] < s.max_stock, f"{sku} ordered at its order-up-to level: {s}"
        for p in orders:  # an order is placed only because one of the supplier's items fell below its reorder point
            supplier = p.action.params["supplier_id"]
            lines = {line["sku"] for line in p.action.params["lines"]}
            assert any(position[sku] < s.reorder_point for sku, s in status.items()
                       if s.supplier_id == supplier and sku in lines), (p.action.params["lines"], status)


class BadExample(Exception):
    """The example is not the state it means to be (not the bug an xfail test shows)."""


def test_an_order_is_not_placed_for_items_none_of_which_is_below_its_reorder_point(shop_copy):
    """Feature: tavyonix-seller-os, Property 5: Inventory Monitoring and Restocking.
    Found by the property above: when the only item below its reorder point is a perishable the agent will not
    order (milk that keeps a day, one unit short: what arrives would not sell before it expires), no order may go
    out for the other items, which are only low (at their reorder points)."""
    with shop_copy() as shop:
        catalog.update_product(shop.ctx, "MILK", shelf_life_days=1, origin=SELLER)
        _found, first = inventory_proposals(shop, dict.fromkeys(SKUS, WELL_STOCKED), {}, 0, 0)
        rop = {sku: first[sku].reorder_point // 1000 for sku in SKUS}
        stock = {**rop, "MILK": rop["MILK"] - 1, "CHIPS": WELL_STOCKED}  # the others at, not below, theirs
        found, status = inventory_proposals(shop, stock, {}, 0, 0)
        below = [sku for sku in SKUS if stock[sku] * 1000 < status[sku].reorder_point]
        if below != ["MILK"] or rop["MILK"] < 2:
            raise BadExample(f"meant only MILK below its reorder point: {below}, {rop}")
        orders = [p for p in found if p.action.kind == PURCHASE_ORDER]
        for p in orders:
            skus = [line["sku"] for line in p.action.params["lines"]]
            assert "MILK" in skus, (p.reasoning[0], skus)
        assert orders == [] or all("MILK" in [line["sku"] for line in p.action.params["lines"]] for p in orders)


# --- Property 11 ------------------------------------------------------------------------------------------
@given(state=shop_states(max_change=(0, 3000), max_po=(0, 1_500_000)))
def test_nothing_beyond_the_autonomy_limits_is_done_without_the_seller(shop_copy, state):
    """Feature: tavyonix-seller-os, Property 11: Goal-Based Autonomous Operation.
    For any autonomy limits (largest price move, largest purchase order) and shop state, every price move and
    purchase order the agents carry out on their own is within the limits, and every proposal beyond them waits in
    the approvals inbox (or was rejected) instead of being done."""
    with shop_copy() as shop:
        apply_state(shop, state)
        shelf = {sku: row[0] for sku, row in products(shop).items()}
        mark = last_event_id(shop)
        shop.engine().run_cycle()
        events = events_after(shop, mark)
        for e in events:  # the engine's housekeeping (ending a promotion) runs before the agents look
            if e.type == "PriceChanged" and e.actor == "agent:engine":
                shelf[e.data["sku"]] = e.data["new_price_paise"]
        pending = {row[0] for row in shop.store.db().execute(
            "SELECT decision_id FROM agent_approval WHERE status = 'pending'")}

        def beyond(d: Decision) -> str | None:
            if d.kind == PURCHASE_ORDER:
                total = po_total(d.params["lines"])
                return f"order of {total} > {state.max_po_paise}" if total > state.max_po_paise else None
            new = d.new_price()
            old = shelf[d.params["sku"]] if d.kind in PRICE_KINDS else None
            if new is not None and old and abs(new - old) * 10_000 > state.max_change_bp * old:
                return f"price {old} -> {new} beyond {state.max_change_bp} bp"
            return None

        mine = [d for d in decisions(shop) if d.agent in ("inventory", "pricing")]
        for d in mine:
            why = beyond(d)
            if d.status == "executed":
                assert why is None, f"decision {d.id} ({d.decision_type}) executed without approval: {why}"
            elif why is not None:
                assert d.status in ("awaiting_approval", "rejected"), (d, why)
            if d.status == "awaiting_approval":
                assert d.id in pending, d
        agent_ids = {d.id for d in mine}
        for e in events:  # and in the books: what the agents did on their own is within the limits
            if e.decision_id not in agent_ids:
                continue
            if e.type == "PriceChanged":
                old, new = e.data["old_price_paise"], e.data["new_price_paise"]
                assert abs(new - old) * 10_000 <= state.max_change_bp * old, e
            if e.type == "PurchaseOrderCreated":
                assert e.data["total_paise"] <= state.max_po_paise, e
        awaiting = {d.id for d in mine if d.status == "awaiting_approval"}
        assert not [e for e in events if e.decision_id in awaiting and e.type in AGENT_EVENTS]
