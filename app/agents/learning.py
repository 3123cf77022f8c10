"""Learning from outcomes: expected against realised for each decision, and the beliefs that follow.

* **Price elasticity** (per item, nudged for its category too): after a price change, the item's sales
  rate in the week after against the two weeks before, divided by the same ratio for the rest of its
  category over the same days (so a festival or a rainy week is not mistaken for the price's effect),
  gives the response the price change really had; the belief moves part of the way toward it, more when
  the evidence is strong (many units, a clear price move).
* **Supplier lead times** (mean and spread per supplier): the days from sending to receipt, learnt when
  the goods come. Orders of one supplier received on the same day are one observation, their average wait,
  not one each; the backlog a stoppage releases at once is read from its newest order's wait (the older ones
  waited out the stoppage): a three-week outage is one slow delivery, not twenty. An order already later
  than believed is evidence too, so an outage is noticed while it lasts, but once per stoppage and censored
  ("at least W days": the expected lead given it has already taken W), and when the delivery comes it
  replaces that guess instead of adding to it, so no late order counts twice.
* **Forecast bias** (per item): units really sold over an order's horizon (counting only days the item
  was in stock) against the demand the order was planned on, less the part of that surprise the forecaster
  has corrected by itself since (a later order's forecast shows how far it moved; see ``uncorrected``).
* **Festival lifts** (per festival and category): after the festival, the category's sales in its shopping
  days against the four weeks before.

Each update is a ``BeliefUpdated`` event with its evidence, tied to the decision it came from; each
evaluated decision gets its realised outcome (``DecisionEvaluated``). Later cycles read the beliefs.
"""

from __future__ import annotations

import json
import logging
import math
from datetime import date, datetime, timedelta
from typing import Any

import numpy as np

from app.agents.festival_priors import PRIORS, windows
from app.agents.price_model import ELASTICITY_RANGE, PRIOR_COMPETITOR, PRIOR_ELASTICITY
from app.domain.clock import IST, from_iso, local_date, to_iso
from app.i18n import _
from app.services import beliefs, decisions
from app.services.beliefs import BeliefChange
from app.services.context import Origin, ServiceContext
from app.store import beliefs as belief_store
from app.store import catalog as catalog_store
from app.store import decisions as decision_store
from app.store import events as event_store
from app.store import market as market_store
from app.store import purchasing as po_store
from app.store import sales_history as history
from app.store import stock as stock_store

log = logging.getLogger(__name__)

LEARNER = Origin(actor="agent:engine", reason="learning from outcomes")
PRICE_WINDOW = 7
BEFORE_WINDOW = 14
LEAD_ALPHA = 0.3
LEAD_LOOKBACK = 30  # days of deliveries learnt from when a supplier has no delivery learnt yet
BIAS_STEP = 0.3
BIAS_RANGE = (0.5, 2.0)
MIN_UNITS = 5.0
FOLLOW_DAYS = 2  # the learner runs daily: an order older than this was already compared


def uncorrected(surprise: float, moved: float) -> float:
    """The part of a window's surprise (units sold over units planned) the forecaster has not corrected by itself.

    A forecaster that lags a surge plans the window low; by the time the window is learnt from it has often
    caught up (``moved``: its week ahead now over its week ahead then). Learning the whole surprise as a bias
    would then count the surge twice, and the belief keeps multiplying the caught-up forecast until an order's
    window says otherwise, which an item overstocked on it does not give for months (the chemist's drinks
    after the fever season, "Issue 14, sixteenth session" in docs/agents.md). Only a move in the surprise's
    direction counts, and never more than the surprise: the evidence is weakened, never turned round."""
    if surprise > 1:
        return surprise / min(max(moved, 1.0), surprise)
    if surprise < 1:
        return surprise / max(min(moved, 1.0), surprise)
    return surprise


def stepped(old: float, target: float) -> float:
    """The bias belief moved a step (``BIAS_STEP``) from ``old`` toward the belief a window bears out.

    The step is arithmetic, so the belief settles where the windows' ratios of units sold to units planned average
    1. A geometric step (``old ** 0.7 * target ** 0.3``) settles where their *geometric* mean is 1, which on an item
    selling a few units a window (a window with none sold counts 1/3) is well under the arithmetic one: the slow
    items' beliefs settled near 0.86 while they sold 1.03-1.09 times the forecaster's level ("Issue 14, seventeenth
    and eighteenth sessions" in docs/agents.md)."""
    return float(np.clip(old + BIAS_STEP * (target - old), *BIAS_RANGE))


def followed(learnt: float, moved: float) -> float:
    """A bias belief learnt against one level of the forecaster, held against the level it has moved to since
    (``moved``: its own level now over its level then, the belief divided out of both).

    The belief says the item sells ``learnt`` times what the forecaster then said. A forecaster that has since
    risen toward that (the chemist's drinks in the fever season, the bakery's eggs when its method changed) has
    taken up that much of it by itself; multiplying the new level by the whole belief counts the difference twice
    ("Issue 14, seventeenth session" in docs/agents.md). As ``uncorrected``: only a move in the belief's direction
    counts, never more than the belief, and a move back gives the belief back (it is held against the level it was
    learnt against, not worn down step by step)."""
    return uncorrected(learnt, moved)


def _raw_week(line: dict[str, Any]) -> float:
    """An order line's week ahead a day as the forecaster gave it, the bias belief of the day divided out (0.0 on a
    line from before the belief was kept with it: such a line is compared as it is, belief and all)."""
    week = float(line.get("week_daily") or 0)
    bias = float(line.get("bias") or 0)
    return week / bias if week > 0 and bias > 0 else 0.0


def _newest_forecasts(pending: list[decision_store.Decision]) -> dict[str, tuple[date, float, float]]:
    """Per item, the newest of these orders that carries its week's forecast: (day decided, units a day, the same
    without the bias belief or 0.0 where the line does not say the belief)."""
    newest: dict[str, tuple[date, float, float]] = {}
    for decision in pending:
        action = decision.actions[0] if decision.actions else {}
        if action.get("kind") != "purchase_order":
            continue
        decided = _day(decision.decided_at or decision.created_at)
        for sku, line in decision.expected.get("lines", {}).items():
            week = float(line.get("week_daily") or 0)
            if week > 0 and (sku not in newest or newest[sku][0] <= decided):
                newest[sku] = (decided, week, _raw_week(line))
    return newest


def _day(iso: str) -> date:
    """The shop-local date of a stored time (the shop's zone is IST unless set otherwise)."""
    return local_date(from_iso(iso), IST)


class Learner:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        # per item, the newest order not yet evaluated: (day decided, its week's forecast a day), see _purchase
        self._newest_forecast: dict[str, tuple[date, float, float]] = {}

    def learn(self) -> dict[str, int]:
        ctx = self.ctx
        db = ctx.store.db()
        today = ctx.today()
        counts = {"evaluated": 0, "beliefs": 0}
        pending = decision_store.unevaluated(db, decided_before=to_iso(ctx.now() - timedelta(hours=12)))
        self._newest_forecast = _newest_forecasts(pending)
        for decision in pending:
            try:
                done = self._evaluate(decision, today, counts)
            except Exception:  # a decision that cannot be evaluated must not stop the others
                log.exception("evaluating decision %s failed", decision.id)
                done = False
            counts["evaluated"] += int(done)
        counts["beliefs"] += self._follow_forecaster(today)
        counts["beliefs"] += self._lead_times(today)
        counts["beliefs"] += self._festivals(today)
        return counts

    # --- one decision --------------------------------------------------------------------------
    def _evaluate(self, decision: decision_store.Decision, today: date, counts: dict[str, int]) -> bool:
        action = decision.actions[0] if decision.actions else {}
        kind = action.get("kind")
        decided = _day(decision.decided_at or decision.created_at)
        if kind == "set_price":
            if (today - decided).days < PRICE_WINDOW:
                return False
            return self._price(decision, action["params"], decided, counts)
        if kind == "purchase_order":
            horizon = int(decision.expected.get("horizon_days", 7))
            if (today - decided).days < horizon:
                return False
            return self._purchase(decision, action["params"], decided, horizon, counts)
        if kind == "start_promotion":
            ends = date.fromisoformat(action["params"]["ends_on"])
            if today <= ends:
                return False
            return self._promotion(decision, action["params"], decided, ends)
        decisions.record_outcome(self.ctx, decision.id, {"noted": True}, origin=LEARNER)
        return True

    def _days(self, sku: str, start: date, end: date) -> tuple[np.ndarray, np.ndarray]:
        """(units sold, in stock at the close) per day from ``start`` to ``end``."""
        db = self.ctx.store.db()
        n = (end - start).days + 1
        sold = np.zeros(n)
        for day, qty in history.item_sales_by_day(db, sku, start.isoformat(), end.isoformat()):
            sold[(date.fromisoformat(day) - start).days] = qty / 1000
        moved = np.zeros(n + 1)
        since = datetime.combine(start, datetime.min.time(), tzinfo=IST)
        for day, qty in stock_store.item_moves(db, sku, to_iso(since), 330):
            j = min((date.fromisoformat(day) - start).days, n)
            if j >= 0:
                moved[j] += qty / 1000
        after = np.cumsum(moved[::-1])[::-1]
        closing = stock_store.on_hand(db, sku) / 1000 - after[1:]
        return sold, closing > 0

    def _price(self, decision: decision_store.Decision, params: dict[str, Any], decided: date,
               counts: dict[str, int]) -> bool:
        ctx = self.ctx
        db = ctx.store.db()
        sku = params["sku"]
        p0, p1 = float(params.get("old_price_paise") or 0), float(params["price_paise"])
        product = catalog_store.get(db, sku)
        if product is None or p0 <= 0:
            decisions.record_outcome(ctx, decision.id, {"noted": True}, origin=LEARNER)
            return True
        before_start = decided - timedelta(days=BEFORE_WINDOW)
        end = decided + timedelta(days=PRICE_WINDOW - 1)
        sold, in_stock = self._days(sku, before_start, end)
        b_sold, b_ok = sold[:BEFORE_WINDOW], in_stock[:BEFORE_WINDOW]
        a_sold, a_ok = sold[BEFORE_WINDOW:], in_stock[BEFORE_WINDOW:]
        realised: dict[str, Any] = {"units": round(float(a_sold.sum()), 2), "days_in_stock": int(a_ok.sum()),
                                    "profit_paise": round((p1 - product.cost_paise) * float(a_sold.sum())),
                                    "revenue_paise": round(p1 * float(a_sold.sum()))}
        expected = decision.expected
        category = product.category or ""
        if a_ok.sum() >= 4 and b_ok.sum() >= 7 and b_sold[b_ok].sum() > 0:
            rate_before = b_sold[b_ok].mean()
            rate_after = a_sold[a_ok].mean()
            control = self._control(category, sku, before_start, decided, end)
            observed = (rate_after / rate_before) / control
            realised.update({"rate_before": round(float(rate_before), 4), "rate_after": round(float(rate_after), 4),
                             "control_ratio": round(control, 4), "observed_ratio": round(float(observed), 4)})
            if expected.get("units_at_old_price"):
                realised["expected_ratio"] = round(expected["units"] / expected["units_at_old_price"], 4)
            units = float(b_sold.sum() + a_sold.sum())
            move = abs(math.log(p1 / p0))
            weight = min(1.0, units / 40) * min(1.0, move / 0.04)
            if weight > 0.05 and observed > 0:
                counts["beliefs"] += self._update_elasticity(decision, product, category, p0, p1, float(observed),
                                                             weight)
        decisions.record_outcome(ctx, decision.id, realised, origin=LEARNER, reason=_(
            "A week after the price change: {units} sold (expected {expected}).").format(
            units=realised["units"], expected=expected.get("units", "?")))
        return True

    def _control(self, category: str, sku: str, before_start: date, decided: date, end: date) -> float:
        """How the rest of the category moved between the two windows (1.0 when it sold too little to tell)."""
        db = self.ctx.store.db()
        before = history.category_sales(db, category, before_start.isoformat(),
                                         (decided - timedelta(days=1)).isoformat(), (sku,)) / BEFORE_WINDOW
        after = history.category_sales(db, category, decided.isoformat(), end.isoformat(), (sku,)) / PRICE_WINDOW
        if before < 5_000 / BEFORE_WINDOW or after <= 0:
            return 1.0
        return float(np.clip(after / before, 0.5, 2.0))

    def _update_elasticity(self, decision: decision_store.Decision, product, category: str, p0: float, p1: float,
                           observed: float, weight: float) -> int:
        db = self.ctx.store.db()
        context = decision.context
        old = float(context.get("elasticity", PRIOR_ELASTICITY))
        comp = float(context.get("competitor_paise") or 0)
        k = _belief(db, "competitor_sensitivity", category, PRIOR_COMPETITOR)
        shift = 0.0
        if comp > 0:
            shift = k * (math.log(max(p1, comp) / comp) - math.log(max(p0, comp) / comp))
        implied = float(np.clip((math.log(observed) - shift) / math.log(p1 / p0), -10.0, 0.5))
        new = float(np.clip(old + 0.5 * weight * (implied - old), *ELASTICITY_RANGE))
        cat_old = _belief(db, "elasticity", f"cat:{category}", PRIOR_ELASTICITY)
        cat_new = float(np.clip(cat_old + 0.15 * weight * (implied - cat_old), *ELASTICITY_RANGE))
        evidence = {"old_price_paise": p0, "new_price_paise": p1, "observed_ratio": round(observed, 4),
                    "implied": round(implied, 3), "weight": round(weight, 3)}
        beliefs.update_beliefs(self.ctx, [
            BeliefChange(kind="elasticity", subject=product.sku, value=round(new, 4), evidence=evidence,
                         decision_id=decision.id),
            BeliefChange(kind="elasticity", subject=f"cat:{category}", value=round(cat_new, 4), evidence=evidence,
                         decision_id=decision.id),
        ], origin=Origin(actor=LEARNER.actor, reason=_("Sales answered the price change of {name}.").format(
            name=product.name_en)))
        return 2

    def _purchase(self, decision: decision_store.Decision, params: dict[str, Any], decided: date, horizon: int,
                  counts: dict[str, int]) -> bool:
        ctx = self.ctx
        db = ctx.store.db()
        po_id = params.get("po_id")
        state = po_store.purchase_order_state(db, int(po_id)) if po_id else None
        realised: dict[str, Any] = {}
        changes: list[BeliefChange] = []
        if state is not None:
            status, po_no, sent_at, _expected_on, _supplier = state
            receipts = stock_store.receipts_of_po(db, po_no)
            realised["status"] = status
            if receipts and sent_at:
                lead = (_day(receipts[0][2]) - _day(sent_at)).days
                realised["lead_time_days"] = lead
                realised["expected_lead_days"] = decision.context.get("lead_days")  # learnt in _lead_times
        end = decided + timedelta(days=horizon - 1)
        lines: dict[str, Any] = {}
        festive = float(decision.context.get("festival_share", 0)) > 0.05
        for sku, planned in decision.expected.get("lines", {}).items():
            sold, in_stock = self._days(sku, decided, end)
            known = int(in_stock.sum())
            daily = float(planned.get("daily_demand", 0))
            expected_units = daily * known
            actual = float(sold[in_stock].sum())
            lines[sku] = {"units": round(float(sold.sum()), 2), "days_in_stock": known,
                          "expected_units_in_stock_days": round(expected_units, 2),
                          "stockout_days": horizon - known}
            current = belief_store.get(db, "forecast_bias", sku)
            learnt = self._bias_learnt(current)
            fresh = learnt is not None and learnt[2] > decided  # this window was learnt from
            if (not festive and not fresh and known >= horizon / 2 and expected_units >= MIN_UNITS
                    and not market_store.promoted_between(db, sku, decided.isoformat(), end.isoformat())):
                surprise = float(np.clip(actual / expected_units, 1 / 3, 3))
                moved = self._forecast_moved(sku, decided, planned)
                old = 1.0 if current is None else current.value
                # the belief the window was planned with times what it left to learn is where the window puts the
                # belief; the step goes that way from the belief as it stands, which may have been held against a
                # later level of the forecaster since (_follow_forecaster): the same as the window's otherwise
                planned_with = float(planned.get("bias") or 0) or old
                target = planned_with * uncorrected(surprise, moved)
                new = stepped(old, target)
                if abs(new - old) > 0.01:
                    newer = self._newest_forecast.get(sku)
                    level = newer[2] if newer is not None and newer[0] > decided else _raw_week(planned)
                    changes.append(BeliefChange(kind="forecast_bias", subject=sku, value=round(new, 4),
                                                evidence={"expected_units": round(expected_units, 2),
                                                          "units": round(actual, 2), "days": known,
                                                          "forecast_moved": round(moved, 4),
                                                          "learnt": round(new, 4), "level": round(level, 4),
                                                          "learnt_on": self.ctx.today().isoformat()},
                                                decision_id=decision.id))
        realised["lines"] = lines
        realised["stockout_days"] = sum(v["stockout_days"] for v in lines.values())
        if changes:
            beliefs.update_beliefs(ctx, changes, origin=Origin(
                actor=LEARNER.actor, reason=_("What the purchase order's items really sold, and when it came.")))
            counts["beliefs"] += len(changes)
        decisions.record_outcome(ctx, decision.id, realised, origin=LEARNER, reason=_(
            "Over the order's {days} days: {out} item-days out of stock.").format(days=horizon,
                                                                                  out=realised["stockout_days"]))
        return True

    def _forecast_moved(self, sku: str, decided: date, planned: dict[str, Any]) -> float:
        """How far the forecaster's own week ahead has moved since the order was planned (1.0 when no later
        order of the item shows it). Both orders carry the bias belief of the day: it cannot have changed
        between them, or this order's window would be a fresh one, not learnt from."""
        newer = self._newest_forecast.get(sku)
        then = float(planned.get("week_daily") or 0)
        if newer is None or newer[0] <= decided or then <= 0 or newer[1] <= 0:
            return 1.0
        raw_then = _raw_week(planned)
        if raw_then > 0 and newer[2] > 0:  # the belief may have been held against a new level in between
            return newer[2] / raw_then
        return newer[1] / then

    def _bias_learnt(self, current: belief_store.Belief | None) -> tuple[float, float, date] | None:
        """(the belief as last learnt, the forecaster's level it was learnt against or 0.0 where not kept, the day
        it was learnt) of an item's bias belief; None before anything was learnt. A belief since held against a new
        level of the forecaster keeps these from its learning."""
        if current is None:
            return None
        found = event_store.get(self.ctx.store.db(), current.event_id) if current.event_id is not None else None
        evidence = dict(json.loads(found.data_json).get("evidence") or {}) if found is not None else {}
        if "learnt_on" not in evidence:  # learnt before the level was kept with it
            return current.value, 0.0, _day(current.updated_at)
        return float(evidence["learnt"]), float(evidence["level"]), date.fromisoformat(evidence["learnt_on"])

    def _follow_forecaster(self, today: date) -> int:
        """Each item's bias belief held against the level its forecaster stands at now (as its newest order shows)
        rather than the level it was learnt against: see :func:`followed`. Only orders of the last days are looked
        at: an older one was already."""
        db = self.ctx.store.db()
        changes = []
        for sku, (decided, _week, raw) in sorted(self._newest_forecast.items()):
            if raw <= 0 or (today - decided).days > FOLLOW_DAYS:
                continue
            current = belief_store.get(db, "forecast_bias", sku)
            learnt = self._bias_learnt(current)
            if current is None or learnt is None or learnt[1] <= 0 or decided < learnt[2]:
                continue
            value = followed(learnt[0], raw / learnt[1])
            if abs(value - current.value) > 0.005:
                changes.append(BeliefChange(kind="forecast_bias", subject=sku, value=round(value, 4), evidence={
                    "learnt": learnt[0], "level": learnt[1], "learnt_on": learnt[2].isoformat(),
                    "forecast_level": round(raw, 4)}))
        if changes:
            beliefs.update_beliefs(self.ctx, changes, origin=Origin(
                actor=LEARNER.actor, reason=_("The forecast of these items has moved toward what they were "
                                              "learnt to sell.")))
        return len(changes)

    def _promotion(self, decision: decision_store.Decision, params: dict[str, Any], decided: date, ends: date) -> bool:
        sold, in_stock = self._days(params["sku"], decided, ends)
        realised = {"units": round(float(sold.sum()), 2), "days_in_stock": int(in_stock.sum())}
        decisions.record_outcome(self.ctx, decision.id, realised, origin=LEARNER, reason=_(
            "The promotion sold {units} (expected {expected}).").format(units=realised["units"],
                                                                       expected=decision.expected.get("units", "?")))
        return True

    # --- beliefs that need no decision ---------------------------------------------------------
    def _lead_times(self, today: date) -> int:
        """Each supplier's lead time from the deliveries of the days before today, then from its orders still out.

        Deliveries are grouped by supplier and day received: one observation per group, the average days its
        orders took, or the newest order's days when the group ends a stoppage already guessed at. A supplier
        whose oldest open order is later than believed gets one censored observation per stoppage (none again
        until a delivery has been learnt); the delivery that ends it starts from the belief as it was before
        that guess. A backlog that lands in pieces ends with its last piece: a delivery while older late orders of
        the supplier are still out teaches nothing (:func:`_backlog_left`)."""
        db = self.ctx.store.db()
        start_of_today = to_iso(datetime.combine(today, datetime.min.time(), tzinfo=IST))
        earliest = to_iso(datetime.combine(today - timedelta(days=LEAD_LOOKBACK), datetime.min.time(), tzinfo=IST))
        groups: dict[int, dict[date, list[tuple[str, int, int | None]]]] = {}
        for _po_id, po_no, supplier_id, sent_at, received_at, decision_id in po_store.received_between(
                db, earliest, start_of_today):
            received = _day(received_at)
            groups.setdefault(supplier_id, {}).setdefault(received, []).append(
                (po_no, (received - _day(sent_at)).days, decision_id))
        oldest_late: dict[int, tuple[int, int]] = {}
        # (day sent, day received or None while still out) of each supplier's orders sent within the lookback, for
        # the backlog test below: those received today too (the learner may run after the truck), and those still
        # out whatever date they are now expected on; older ones still out are taken as lost, not as backlog
        sent_days: dict[int, list[tuple[date, date | None]]] = {}
        for supplier_id, sent_at, received_at in db.execute(
                "SELECT supplier_id, sent_at, received_at FROM purchase_order WHERE sent_at IS NOT NULL"
                " AND sent_at >= ? AND status IN ('sent', 'partly_received', 'received')", (earliest,)).fetchall():
            sent_days.setdefault(supplier_id, []).append(
                (_day(sent_at), _day(received_at) if received_at else None))
        for po_id, supplier_id, sent_at, _expected in po_store.late_orders(db, (today - timedelta(days=1)).isoformat()):
            waited = (today - _day(sent_at)).days
            if waited > oldest_late.get(supplier_id, (0, 0))[0]:
                oldest_late[supplier_id] = (waited, po_id)
        changes: list[BeliefChange] = []
        for supplier_id in sorted(set(groups) | set(oldest_late)):
            mean, sd, evidence = self._lead_belief(supplier_id)
            learnt_to = date.fromisoformat(evidence["received_on"]) if evidence.get("received_on") else None
            for received, orders in sorted(groups.get(supplier_id, {}).items()):
                if learnt_to is not None and received <= learnt_to:
                    continue
                released = bool(evidence.get("still_open"))
                if released and _backlog_left(sent_days.get(supplier_id, []), received,
                                              (evidence.get("before") or [mean])[0]):
                    # a stoppage's backlog that lands in pieces (its orders sent on different days come on
                    # different trucks): a piece with more of the backlog still out is not the end of the stoppage.
                    # Read as one, its oldest order's wait (the chemist's 22 days) became the lead time, and the
                    # orders still out then raised a second guess; with it the spread of 8-10 days, so the
                    # reorder points of the distributor's perishables stood at two weeks of the fever season's
                    # pace and their cases expired a month later. The guess stands until the last piece.
                    continue
                if released and evidence.get("before"):
                    mean, sd = evidence["before"]  # the delivery replaces the guess made while it was out
                # a backlog the stoppage releases at once is read from its newest order: the older ones waited
                # out the stoppage, the newest least, nearest to what an order sent now will take
                days = (min(lead for _no, lead, _d in orders) if released
                        else sum(lead for _no, lead, _d in orders) / len(orders))
                mean, sd = lead_update(mean, sd, days)
                evidence = {"po": [no for no, _lead, _d in orders], "days": round(days, 2),
                            "received_on": received.isoformat()}
                changes.append(BeliefChange(kind="lead_time", subject=str(supplier_id), value=round(mean, 3),
                                            spread=round(sd, 3), evidence=evidence, decision_id=orders[0][2]))
                learnt_to = received
            if supplier_id in oldest_late and not evidence.get("still_open"):
                waited, po_id = oldest_late[supplier_id]
                if waited > mean + 1:
                    before = [round(mean, 3), round(sd, 3)]
                    mean, sd = lead_update(mean, sd, at_least(mean, sd, waited))
                    evidence = {"po_id": po_id, "waiting_days": waited, "still_open": True, "before": before,
                                "received_on": evidence.get("received_on")}
                    changes.append(BeliefChange(kind="lead_time", subject=str(supplier_id), value=round(mean, 3),
                                                spread=round(sd, 3), evidence=evidence))
        if changes:
            beliefs.update_beliefs(self.ctx, changes, origin=Origin(
                actor=LEARNER.actor, reason=_("How long the supplier's orders took, or are taking.")))
        return len(changes)

    def _lead_belief(self, supplier_id: int) -> tuple[float, float, dict[str, Any]]:
        """(mean, spread, evidence of the last update) of a supplier's lead time; the supplier's own figure
        with a quarter of it as the spread before anything was learnt."""
        db = self.ctx.store.db()
        current = belief_store.get(db, "lead_time", str(supplier_id))
        if current is None:
            row = db.execute("SELECT lead_time_days FROM supplier WHERE id = ?", (supplier_id,)).fetchone()
            mean = float(row[0]) if row else 1.0
            return mean, max(0.5, 0.25 * mean), {}
        found = event_store.get(db, current.event_id) if current.event_id is not None else None
        evidence = dict(json.loads(found.data_json).get("evidence") or {}) if found is not None else {}
        return current.value, current.spread or 0.5, evidence

    def _festivals(self, today: date) -> int:
        db = self.ctx.store.db()
        changes = []
        for key, first, day in windows(today - timedelta(days=10), today - timedelta(days=1)):
            if day >= today:
                continue
            for category, prior in PRIORS[key][1].items():
                subject = f"{key}:{category}"
                current = belief_store.get(db, "festival_lift", subject)
                if current is not None and _day(current.updated_at) >= first:
                    continue
                length = (day - first).days + 1
                during = history.category_sales(db, category, first.isoformat(), day.isoformat()) / length
                base_start = first - timedelta(days=28)
                before = history.category_sales(db, category, base_start.isoformat(),
                                                (first - timedelta(days=1)).isoformat()) / 28
                if before * 28 < 10_000:  # fewer than 10 units in four weeks: nothing to learn from
                    continue
                observed = float(np.clip(during / before, 0.5, 6.0))
                old = current.value if current else prior
                new = round(old + 0.6 * (observed - old), 4)
                changes.append(BeliefChange(kind="festival_lift", subject=subject, value=new,
                                            evidence={"festival_day": day.isoformat(), "observed": round(observed, 3),
                                                      "units_per_day_during": round(during / 1000, 2),
                                                      "units_per_day_before": round(before / 1000, 2)}))
        if changes:
            beliefs.update_beliefs(self.ctx, changes, origin=Origin(
                actor=LEARNER.actor, reason=_("How much more each category sold for the festival.")))
        return len(changes)


def _belief(db, kind: str, subject: str, default: float) -> float:
    found = belief_store.get(db, kind, subject)
    return default if found is None else float(found.value)


def _backlog_left(orders: list[tuple[date, date | None]], received: date, normal: float) -> bool:
    """Whether, on the day ``received``, an order of the supplier sent before it was still out and already late by
    the supplier's normal lead time (``normal``, the belief before the stoppage was guessed): more of a stoppage's
    backlog still to come. ``orders`` are (day sent, day received, or None while still open)."""
    return any(sent < received and (got is None or got > received) and (received - sent).days > normal + 1
               for sent, got in orders)


def lead_update(mean: float, sd: float, days: float) -> tuple[float, float]:
    """One observation of ``days`` moves the believed lead time a share ``LEAD_ALPHA`` of the way and widens
    or narrows its spread (an exponentially weighted mean and variance; the spread never under 0.3 day)."""
    delta = days - mean
    var = (1 - LEAD_ALPHA) * (sd * sd + LEAD_ALPHA * delta * delta)
    return mean + LEAD_ALPHA * delta, max(math.sqrt(var), 0.3)


def at_least(mean: float, sd: float, waited: float) -> float:
    """The lead time expected of an order that has already waited ``waited`` days, the belief being a normal
    (mean, sd): E[L | L >= waited], never under ``waited`` (a censored observation)."""
    a = (waited - mean) / sd
    tail = 0.5 * math.erfc(a / math.sqrt(2))
    # far in the tail (the normal's tail underflows) the hazard is a + 1/a to within a thousandth
    hazard = a + 1 / a if tail < 1e-12 else math.exp(-a * a / 2) / math.sqrt(2 * math.pi) / tail
    return max(waited, mean + sd * hazard)
