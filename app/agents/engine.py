"""The decision engine: agents propose, the engine decides (the seed's Central Decision Engine).

A cycle (:meth:`DecisionEngine.run_cycle`):

1. housekeeping: lapse unanswered approvals, start planned promotions that are due, end finished ones;
2. one :class:`~app.agents.snapshot.Snapshot` of the shop and the demand over the coming weeks, shared by
   every agent through the :class:`~app.agents.base.Board`;
3. each agent proposes (inventory first, then pricing), behind its circuit breaker and with retries; a
   failing agent is skipped and escalated, the others carry on;
4. conflicts are resolved (:mod:`app.agents.conflicts`): by goal priority and expected value, promises and
   stock-out forecasts first, purchase orders within the budget and the cash;
5. every proposal becomes a decision with its reasoning, alternatives and expected outcome. What is
   beyond the agent's autonomy waits in the approvals inbox; what crosses a hard limit is refused;
   the rest is carried out through the services (each change an event tied to its decision);
6. the day's stock picture and each agent's run are recorded.

:meth:`learn` compares expected with realised outcomes and updates the beliefs later cycles use;
:meth:`review_goals` measures the goals' progress and adjusts their plans. One cycle runs at a time.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from app.agents import conflicts, goal_outlook, lookahead, planner
from app.agents import execute as executor
from app.agents.approval_life import request_life_days
from app.agents.base import Agent, Board
from app.agents.breaker import CircuitBreaker, retry
from app.agents.demand import DemandForecaster
from app.agents.errors import HardLimitBreached
from app.agents.inventory import InventoryAgent, stock_picture
from app.agents.learning import Learner
from app.agents.limits import Budget, Limits, autonomy_breach
from app.agents.lookahead import switched_on
from app.agents.pricing import PricingAgent
from app.agents.proposal import END_PROMOTION, Action, Proposal
from app.agents.snapshot import build_snapshot, purchase_budget
from app.agents.trade import TradeAgent
from app.domain.money import format_inr
from app.domain.reasons import items_in, kept_text, reason
from app.errors import AppError
from app.i18n import _
from app.services import agent_runs, alerts, decisions, market
from app.services.context import SELLER, Origin, ServiceContext
from app.store import catalog
from app.store import decisions as decision_store
from app.store import market as market_store

log = logging.getLogger(__name__)

ENGINE = "engine"
BATCH = 100  # decisions per transaction: the counter never waits long for the write lock
LAPSED_ALERT = "approvals_lapsed"  # the note that requests lapsed unanswered


@dataclass
class CycleReport:
    day: date
    trigger: str
    proposals: int = 0
    executed: int = 0
    escalated: int = 0
    rejected: int = 0
    failed: int = 0
    skipped_agents: list[str] = field(default_factory=list)
    failed_agents: list[str] = field(default_factory=list)
    decisions: list[int] = field(default_factory=list)
    forecasts_refreshed: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


class DecisionEngine:
    def __init__(self, ctx: ServiceContext, agents: Sequence[Agent] | None = None, *,
                 demand_model: DemandForecaster | None = None, limit_overrides: dict[str, Any] | None = None,
                 attempts: int = 3, backoff_s: float = 0.5, sleep: Callable[[float], None] = time.sleep,
                 breaker_threshold: int = 3, breaker_cooldown: timedelta = timedelta(hours=1)) -> None:
        self.ctx = ctx
        # the trade agent before the pricing agent: it asks, through the board, for the export listings' floors
        chosen = list(agents) if agents is not None else [InventoryAgent(), TradeAgent(ctx.store),
                                                          PricingAgent(ctx.store)]
        self.agents: dict[str, Agent] = {a.NAME: a for a in chosen}
        self.demand_model = demand_model or DemandForecaster()
        self.limit_overrides = dict(limit_overrides or {})
        self.attempts, self.backoff_s, self.sleep = attempts, backoff_s, sleep
        self.breakers = {name: CircuitBreaker(name, threshold=breaker_threshold, cooldown=breaker_cooldown)
                         for name in self.agents}
        self.learner = Learner(ctx)
        self._lock = threading.RLock()

    # --- goals ---------------------------------------------------------------------------------
    def process_business_goal(self, goal_id: int) -> dict[str, Any]:
        """Turn a goal into its execution plan (stored in the goal); the agents follow it from the next cycle."""
        with self._lock:
            return planner.process_business_goal(self.ctx, goal_id)

    def review_goals(self) -> dict[int, dict[str, Any]]:
        with self._lock:
            db = self.ctx.store.db()
            out = {}
            for goal in planner.active_goals(db, self.ctx.today()):
                if goal.plan is None:
                    planner.process_business_goal(self.ctx, goal.id)
                out[goal.id] = planner.review_goal(self.ctx, goal.id)
            return out

    def goal_outlook(self) -> list[goal_outlook.GoalOutlook]:
        """Each active goal's metrics so far and by its last day at this pace (the Today page); nothing written."""
        with self.ctx.store.read() as db:
            return goal_outlook.outlook(db, self.ctx.today())

    def limits(self) -> Limits:
        return Limits.load(self.ctx.store, **self.limit_overrides)

    def plan_next(self) -> list[lookahead.Plan]:
        """What the agents would propose now, and what of it would wait for the seller; nothing is done."""
        with self._lock:
            limits = self.limits()
            names = [n for n in self.agents if switched_on(self.ctx.store, n)]
            return lookahead.plans(self.ctx, {n: self.agents[n] for n in names}, self.demand_model, limits,
                                   inventory=self.agents.get("inventory"), trade=self.agents.get("trade"))

    # --- the cycle -----------------------------------------------------------------------------
    def run_cycle(self, only: Sequence[str] | None = None, *, trigger: str = "cycle") -> CycleReport:
        with self._lock:
            return self._cycle(only, trigger)

    def _cycle(self, only: Sequence[str] | None, trigger: str) -> CycleReport:
        ctx = self.ctx
        started = ctx.now_iso()
        report = CycleReport(day=ctx.today(), trigger=trigger)
        limits = self.limits()
        names = [n for n in self.agents if only is None or n in only]
        for name in [n for n in names if not switched_on(ctx.store, n)]:  # the seller turned this one off
            names.remove(name)
            report.skipped_agents.append(name)
            agent_runs.record_run(ctx, agent=name, trigger=trigger, started_at=started, status="skipped",
                                  error=_("Switched off by the seller."))
        if not names:
            return report  # every agent asked for is switched off
        if not limits.enabled:
            for name in names:
                agent_runs.record_run(ctx, agent=name, trigger=trigger, started_at=started, status="skipped",
                                      error=_("The agents are switched off."))
            return report
        clock = time.perf_counter()
        self._housekeeping(limits)
        directives = planner.directives_for(ctx.store.db(), ctx.today())
        snap = build_snapshot(ctx.store, now=ctx.now(), today=ctx.today(), limits=limits, directives=directives)
        report.seconds["snapshot"] = time.perf_counter() - clock
        clock = time.perf_counter()
        board = Board(demand=self.demand_model.demand(snap))
        report.forecasts_refreshed = self.demand_model.last_refreshed
        report.seconds["forecast"] = time.perf_counter() - clock
        inventory = self.agents.get("inventory")
        if inventory is not None and "inventory" not in names and hasattr(inventory, "observe"):
            # pricing alone (its own trigger, or `agents run --agent pricing`) still needs the stock picture:
            # clearance of overstock and no price cuts on what runs out before the next delivery
            try:
                inventory.observe(snap, board)
            except Exception:
                log.exception("the inventory agent's stock picture failed; pricing runs without it")
        trade = self.agents.get("trade")
        if trade is not None and "trade" not in names and "pricing" in names and hasattr(trade, "observe"):
            # pricing alone still answers the trade agent's export price requests (its floors on the board)
            try:
                trade.observe(snap, board)
            except Exception:
                log.exception("the trade agent's export price requests failed; pricing runs without them")
        proposals: list[Proposal] = []
        attempts_used: dict[str, int] = {}
        for name in names:
            clock = time.perf_counter()
            found, attempts = self._ask(name, snap, board, report, started, trigger)
            attempts_used[name] = attempts
            if found is not None:
                proposals += found
            report.seconds[name] = time.perf_counter() - clock
        report.proposals = len(proposals)
        clock = time.perf_counter()
        stockout = set()
        view = board.notes.get("inventory")
        if view is not None:
            stockout = {snap.skus[i] for i in range(snap.size) if view.stockout_before_delivery[i]}
        priorities = {g.id: g.priority for g in planner.active_goals(ctx.store.db(), ctx.today())}
        resolution = conflicts.resolve(proposals, snap, stockout=stockout, priorities=priorities,
                                       budget=snap.budget)
        counts = self._carry_out(resolution, snap, limits, report)
        report.seconds["decide"] = time.perf_counter() - clock
        if view is not None:
            agent_runs.record_stock_day(ctx, business_date=ctx.today().isoformat(), **stock_picture(snap, view),
                                        origin=Origin(actor="agent:inventory",
                                                      reason=kept_text(reason("The day's stock picture."))))
        for name in names:
            if name in report.skipped_agents or name in report.failed_agents:
                continue
            mine = counts.get(name, {})
            agent_runs.record_run(ctx, agent=name, trigger=trigger, started_at=started, status="ok",
                                  attempts=attempts_used.get(name, 1), proposals=mine.get("proposals", 0),
                                  executed=mine.get("executed", 0), escalated=mine.get("escalated", 0),
                                  rejected=mine.get("rejected", 0))
        return report

    def _ask(self, name: str, snap, board: Board, report: CycleReport, started: str,
             trigger: str) -> tuple[list[Proposal] | None, int]:
        """One agent's proposals, behind its breaker and with retries; None when it was skipped or failed."""
        ctx, breaker = self.ctx, self.breakers[name]
        if not breaker.allow(ctx):
            report.skipped_agents.append(name)
            agent_runs.record_run(ctx, agent=name, trigger=trigger, started_at=started, status="skipped",
                                  error=_("Paused by its circuit breaker until {at}.").format(
                                      at=breaker.retry_at.isoformat() if breaker.retry_at else "-"))
            return None, 0
        try:
            found, attempts = retry(lambda: self.agents[name].propose(snap, board), attempts=self.attempts,
                                    backoff_s=self.backoff_s, sleep=self.sleep)
        except Exception as exc:  # an agent's bug must not stop the other agents
            log.exception("agent %s failed", name)
            report.failed_agents.append(name)
            error = f"{type(exc).__name__}: {exc}"
            opened = breaker.failure(ctx, error)
            agent_runs.record_run(ctx, agent=name, trigger=trigger, started_at=started, status="failed",
                                  attempts=self.attempts, error=error)
            if opened:
                self._escalate_failure(name, error, breaker)
            return None, self.attempts
        breaker.success(ctx)
        return found, attempts

    def _escalate_failure(self, name: str, error: str, breaker: CircuitBreaker) -> None:
        message = _("The {agent} agent failed {n} times in a row and is paused until {at}. Last error: {error}").format(
            agent=name, n=breaker.failures, at=breaker.retry_at.isoformat() if breaker.retry_at else "-",
            error=error[:200])
        alerts.raise_alert(self.ctx, kind="agent_failure", subject=name, severity="critical", message=message,
                               data={"failures": breaker.failures}, origin=Origin(actor="agent:engine", reason=message))

    # --- deciding ------------------------------------------------------------------------------
    def _carry_out(self, resolution: conflicts.Resolution, snap, limits: Limits,
                   report: CycleReport) -> dict[str, dict[str, int]]:
        counts: dict[str, dict[str, int]] = {}

        def count(agent: str, what: str) -> None:
            mine = counts.setdefault(agent, {})
            mine[what] = mine.get(what, 0) + 1

        work: list[tuple[str, Proposal, Any]] = [("reject", r.proposal, r) for r in resolution.rejected]
        work += [("do", p, None) for p in resolution.accepted]
        self._name_items([proposal for _fate, proposal, _rejection in work])
        cash = Budget(week_left_paise=None, cash_left_paise=snap.budget.cash_left_paise)
        if cash.cash_left_paise is not None:  # the accepted orders were already taken off the cycle's budget
            cash.cash_left_paise += sum(p.action.spend_paise for p in resolution.accepted)
        for start in range(0, len(work), BATCH):
            with self.ctx.store.write():
                for fate, proposal, rejection in work[start:start + BATCH]:
                    count(proposal.agent, "proposals")
                    if fate == "reject":
                        self._record(proposal, "rejected", extra=[rejection.reason],
                                     alternatives=[rejection.winner.summary()] if rejection.winner else [])
                        report.rejected += 1
                        count(proposal.agent, "rejected")
                        continue
                    current = int(snap.price[snap.index[proposal.skus[0]]]) if proposal.skus and \
                        proposal.skus[0] in snap.index else None
                    breach = autonomy_breach(proposal, limits, current_price=current)
                    if breach is not None:
                        self._escalate(proposal, breach, limits)
                        report.escalated += 1
                        count(proposal.agent, "escalated")
                        continue
                    decision_id, status = self._execute(proposal, limits, cash)
                    report.decisions.append(decision_id)
                    if status == "executed":
                        report.executed += 1
                        count(proposal.agent, "executed")
                    else:
                        report.failed += 1
        return counts

    def _name_items(self, proposals: Sequence[Proposal]) -> None:
        """The Hindi names of the items the proposals' reasons name, in one look-up a cycle, so what is kept of a
        reason reads by the item's Hindi name when the seller reads Hindi (the reasons' text is unchanged)."""
        named = items_in([[p.reasoning, p.needs_seller, p.action.params, p.alternatives] for p in proposals])
        if not named:
            return
        skus = sorted({found.sku for found in named})
        products = {}
        for start in range(0, len(skus), 500):  # an alert proposal may name hundreds: under SQLite's bound limit
            products.update(catalog.get_many(self.ctx.store.db(), skus[start:start + 500]))
        for found in named:
            product = products.get(found.sku)
            found.name_hi = product.name_hi if product is not None else ""

    def _record(self, proposal: Proposal, status: str, *, extra: Sequence[str] = (),
                alternatives: Sequence[dict[str, Any]] = ()) -> int:
        changes = decisions.record_decision(
            self.ctx, agent=proposal.agent, decision_type=proposal.decision_type, status=status,
            reasoning=[*proposal.reasoning, *extra], actions=[proposal.action.to_json()],
            alternatives=[*proposal.alternatives, *alternatives], expected=proposal.expected,
            context={**proposal.context, "value_paise": proposal.value_paise, "urgent": proposal.urgent},
            confidence=round(min(max(proposal.confidence, 0.0), 1.0), 3), goal_id=proposal.goal_id)
        return int(changes.id)

    def _escalate(self, proposal: Proposal, why: str, limits: Limits) -> int:
        decision_id = self._record(proposal, "awaiting_approval", extra=[reason("Needs the seller: {why}", why=why)])
        # kept as message and values, so Approvals reads in the language of the moment
        summary = reason("{first} {why}", first=proposal.reasoning[0], why=why)
        decisions.request_approval(
            self.ctx, decision_id, summary=kept_text(summary), kind=proposal.decision_type,
            expires=self.ctx.now() + timedelta(days=request_life_days(self.ctx.store.db(),
                                                                      limits.approval_expiry_days)))
        return decision_id

    def _execute(self, proposal: Proposal, limits: Limits, cash: Budget | None) -> tuple[int, str]:
        """Record the decision, then carry it out; a refusal or failure leaves the decision saying why."""
        decision_id = self._record(proposal, "proposed")
        return decision_id, self._do(decision_id, proposal.agent, proposal.action, proposal.reasoning[0],
                                     proposal.goal_id, limits, cash)

    def _do(self, decision_id: int, agent: str, action: Action, why: str, goal_id: int | None, limits: Limits,
            cash: Budget | None) -> str:
        ctx = self.ctx
        origin = Origin(actor=f"agent:{agent}", reason=why[:500], goal_id=goal_id, decision_id=decision_id)
        try:
            with ctx.store.write():
                _changes, done = executor.carry_out(ctx, action, origin, limits, cash=cash)
                decisions.set_decision_status(ctx, decision_id, "executed", reason=why[:500],
                                                     actions=[done.to_json()], origin=origin)
            if cash is not None and cash.cash_left_paise is not None:
                cash.take(action.spend_paise)
            return "executed"
        except HardLimitBreached as exc:
            decisions.set_decision_status(ctx, decision_id, "rejected", origin=origin,
                                                 reason=_("Refused at a hard limit: {why}").format(
                                                     why="; ".join(exc.violations)))
            return "rejected"
        except AppError as exc:
            decisions.set_decision_status(ctx, decision_id, "failed", origin=origin,
                                                 reason=_("Could not be done: {why}").format(why=str(exc)))
            return "failed"

    # --- approvals -----------------------------------------------------------------------------
    def approve(self, approval_id: int, *, note: str = "", origin: Origin = SELLER) -> str:
        """The seller approves: the decision is carried out now (hard limits checked again). Returns its status."""
        with self._lock:
            changes = decisions.decide_approval(self.ctx, approval_id, approve=True, note=note, origin=origin)
            self._seller_answered()
            decision = decision_store.decision(self.ctx.store.db(), int(changes.id))
            assert decision is not None
            action = Action.from_json(decision.actions[0])
            limits = self.limits()
            cash = purchase_budget(self.ctx.store.db(), limits, planner.Directives(), self.ctx.now())
            cash.week_left_paise = None  # the seller's approval overrides the plan's budget, never the cash
            return self._do(decision.id, decision.agent, action, decision.reasoning[0], decision.goal_id, limits, cash)

    def reject(self, approval_id: int, *, note: str = "", origin: Origin = SELLER) -> None:
        with self._lock:
            decisions.decide_approval(self.ctx, approval_id, approve=False, note=note, origin=origin)
            self._seller_answered()

    def _seller_answered(self) -> None:
        """The seller is answering again: the note that requests lapsed has been read."""
        alerts.resolve_alerts(self.ctx, kind=LAPSED_ALERT, subjects=["inbox"], origin=Origin(actor="agent:engine"))

    # --- housekeeping --------------------------------------------------------------------------
    def _housekeeping(self, limits: Limits) -> None:
        ctx = self.ctx
        lapsed = decisions.expire_approvals(ctx, origin=Origin(actor="agent:engine"))
        if lapsed.decisions:
            self._tell_lapsed(len(lapsed.decisions), limits)
        today = ctx.today()
        for promo in market_store.open_promotions(ctx.store.db()):
            try:
                if promo.status == "active" and date.fromisoformat(promo.ends_on) < today:
                    why = _("Promotion {id} on {sku} ended on {day}.").format(id=promo.id, sku=promo.sku,
                                                                           day=promo.ends_on)
                    proposal = Proposal(agent=ENGINE, decision_type="promotion_end",
                                        action=Action(kind=END_PROMOTION, params={"sku": promo.sku,
                                                                                  "promotion_id": promo.id}),
                                        reasoning=[why], expected={}, value_paise=0, confidence=1.0,
                                        goal_id=promo.goal_id)
                    self._execute(proposal, limits, None)
                elif promo.status == "planned" and date.fromisoformat(promo.starts_on) <= today:
                    why = _("Promotion {id} on {sku} starts today at {price}.").format(
                        id=promo.id, sku=promo.sku, price=format_inr(promo.price_paise))
                    # its price passed the below-cost check (or the seller confirmed it) when it was planned
                    market.start_promotion(ctx, promo.id, confirmed=True,
                                                  origin=Origin(actor="agent:engine", reason=why,
                                                                goal_id=promo.goal_id))
            except AppError:
                log.exception("promotion %s could not move on", promo.id)

    def _tell_lapsed(self, count: int, limits: Limits) -> None:
        """Requests vanish from Approvals when they lapse: say so, and how long the next ones will wait (one open
        note, refreshed while the seller stays away, closed when they answer a request)."""
        days = request_life_days(self.ctx.store.db(), limits.approval_expiry_days)
        message = reason("{n} approval request(s) lapsed before you answered them. The agents will ask again for what "
                         "the shop still needs; new requests now wait {days} days for your answer.", n=count, days=days)
        alerts.raise_alert(self.ctx, kind=LAPSED_ALERT, subject="inbox", severity="warning", message=message,
                           data={"lapsed": count, "wait_days": days}, origin=Origin(actor="agent:engine"))

    # --- learning ------------------------------------------------------------------------------
    def learn(self) -> dict[str, int]:
        """Compare expected and realised outcomes of past decisions; update the beliefs."""
        with self._lock:
            return self.learner.learn()

    def now(self) -> datetime:
        return self.ctx.now()
