"""A supplier the shop has stopped buying from altogether is still ordered from now and then (issue 14).

The perishable newsvendor (:mod:`app.agents.fresh_cases`) leaves out an item whose smallest case does not pay
over its shelf life. When that is every item of a supplier (a milk agent's 2-day milk and curd at 7-8% margin in
cases of 10-20), nothing is ordered from it again: the item's history goes blind (no day in stock), its forecast
falls back to what it sold when last on the shelf, the probe rule judges a case at that pace and refuses it, and
the supplier is left unordered all year while customers ask for its items (the temple town, seeds 2 and 3; the
issue's target: "never a supplier left unordered for more than a lead time plus a week while its items are
short"). So once such a supplier has gone unordered for its lead time plus a week, one order of the line that is
expected to lose least goes to it: whole cases of one item, just enough for the supplier's minimum, no more than
a probe may cost. What it sells is read as demand again, so the next orders are judged on the shop's own sales.

An order the seller sits on does not keep a supplier (fifteenth session). Kota's milk agent (a ₹1,000 minimum,
next-day milk and dahi) was asked for every day, but each order the newsvendor cut below the minimum went to the
seller, who answers after four days, and every approval expired unanswered after three: 211 days without an order
sent while the rule stood aside, for the supplier had an order proposed that day or items awaiting the seller. So
while some of a supplier's items await the seller, neither those nor another order proposed today that must wait
for the seller count as ordering: when the supplier has gone unsent-to for its lead time plus a week, the order to
the minimum, of an item not awaiting the seller, goes out in place of today's waiting ones. A seller who answers
by the next morning never has an item awaiting at the cycle, and the rule reads as before for them.
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import numpy as np

from app.agents import fresh_cases, fresh_minimum
from app.agents.proposal import PURCHASE_ORDER, Action, Proposal
from app.domain.money import format_inr
from app.domain.reasons import named_item, quantity, reason

if TYPE_CHECKING:
    from app.agents.inventory import InventoryView
    from app.agents.snapshot import Link, Snapshot

__all__ = ["KEEP_AFTER_DAYS", "MADE_UP_MAX_COVER_DAYS", "keep_orders"]

KEEP_AFTER_DAYS = 7  # beyond the supplier's lead time: the bound
KEEPS_DAYS = 90  # an item that keeps is judged on what it sells over this many days
# the most days of cover an order made up to a supplier's minimum may bring a line to: held at 14% a year, a year of
# cover costs about 14% of what the goods cost, while a line out of stock loses its whole margin (25-45%) on every
# unit asked for, and the lines with the least cover are filled first, so few reach it. It was 180 days (the blind21
# kite maker's fourteen lines sell ₹200 a day at cost off-season: its ₹15,000 minimum is 75 days of all of them, out
# of reach at 90 days a line), but off-season a range that already holds months of cover could not make its minimum
# within 180 days: the kite maker's 45 days unordered while a reel was out, the blind19 Dehradun hosiery
# distributor's 55 (its ₹10,000 minimum was ₹700-₹8,000 of room at 180 days, ₹12,000-₹27,000 at a year; issue 14,
# twenty-fourth session)
MADE_UP_MAX_COVER_DAYS = 365
# an item with a shelf life joins a made-up order when that life is at least KEEPS_LIFE_DAYS, and then never past half
# its life of cover: a packet of cornflakes or a soap with 500 days of life is as sure to sell before it expires as
# one with none. Reading every shelf life as perishable left the Dehradun distributor (33 of its 37 lines breakfast
# and personal-care packets with 500-650 days of life) with nothing to make its orders up with: its ₹850-₹7,000
# orders waited for the seller, were approved and held under the minimum (app.agents.order_minimum tops up only with
# goods without a shelf life) every other day for 24 days on main, 55 with the narrower price reading, while up to
# four of its lines were out
KEEPS_LIFE_DAYS = 360


def keep_orders(snap: Snapshot, view: InventoryView, lv: dict[str, np.ndarray], chosen: list[Link | None],
                proposals: list[Proposal], agent: str) -> list[Proposal]:
    """``proposals`` with one order more to each supplier none of whose items is on the shelf or on its way, that
    has gone unordered (no order sent) for its lead time plus ``KEEP_AFTER_DAYS`` and has no order proposed today
    (one waiting for the seller counts only while none of its items awaits the seller already): the line of one of
    its items not awaiting the seller with the highest expected profit (the least loss), in whole cases up to the
    supplier's minimum order, if that costs at most a probe (``fresh_cases.PROBE_MAX_PAISE``). Today's proposals
    to such a supplier that would wait for the seller are dropped for it."""
    members: dict[int, list[int]] = defaultdict(list)
    for i, link in enumerate(chosen):
        if link is not None:
            members[link.supplier_id].append(i)
    # the seller already sits on orders of the supplier's items: one more that waits for the seller is not an order
    unanswered = {s for s, items in members.items() if any(snap.skus[i] in snap.pending_order for i in items)}
    # nor one under the minimum of a supplier that sells nothing that keeps: approved, it is held (order_minimum)
    held = {s for s, items in members.items() if fresh_minimum.nothing_keeps(snap, view, np.array(items))}
    ordered = {int(p.action.params["supplier_id"]) for p in proposals if p.kind == PURCHASE_ORDER
               and (p.needs_seller is None or not (int(p.action.params["supplier_id"]) in unanswered
                                                   or _under_minimum(snap, p, held)))}
    out = []
    for supplier_id, items in sorted(members.items()):
        supplier: Any = snap.suppliers.get(supplier_id)
        if supplier is None or supplier_id in ordered:
            continue
        if any(snap.on_hand[i] > 0 or view.position[i] > 0 or snap.open_lines.get(i) for i in items):
            continue  # still stocked or on its way: the ordinary orders keep it
        asked = [i for i in items if view.daily[i] > 0]
        if not asked:
            continue
        lead = int(view.lead_days[items].max())
        last = snap.last_sent.get(supplier_id)
        unordered = (snap.today - last).days if last is not None else min(fresh_cases.days_out(snap, i)
                                                                            for i in asked)
        if unordered < lead + KEEP_AFTER_DAYS:
            continue
        best: tuple[float, int, int, float] | None = None  # (expected profit, item, milli-units, cost)
        for i in asked:
            if snap.skus[i] in snap.pending_order:
                continue  # should the seller still approve it, the item is not bought twice
            link = chosen[i]
            assert link is not None
            case = max(int(link.case_milli), 1)
            cases = max(-(-int(link.moq_milli) // case), 1,
                        math.ceil(supplier.min_order_paise / max(case * link.cost_paise / 1000, 1)))
            qty = cases * case
            spend = qty * link.cost_paise / 1000
            if spend > fresh_cases.PROBE_MAX_PAISE:
                continue
            mean = float(lv["whole_life_mean"][i]) if snap.shelf_life[i] > 0 else float(view.daily[i]) * KEEPS_DAYS
            value = fresh_cases.profit(mean, mean, 0.0, qty / 1000, float(snap.price[i]), float(link.cost_paise))
            if best is None or value > best[0]:
                best = (value, i, qty, spend)
        if best is None:
            continue
        value, i, qty, spend = best
        out.append(_order(snap, view, supplier, chosen[i], i, qty, round(spend), value, unordered, lead, agent))
    kept = {int(p.action.params["supplier_id"]) for p in out}
    # the orders to a kept supplier that would have waited for the seller give way to the one that goes out
    proposals = [p for p in proposals if p.needs_seller is None or int(p.action.params.get("supplier_id", -1))
                 not in kept or p.kind != PURCHASE_ORDER] + out
    for supplier_id, items in sorted(members.items()):
        supplier = snap.suppliers.get(supplier_id)
        if supplier is None or supplier_id in kept:
            continue
        made = _made_up(snap, view, chosen, items, proposals, supplier, agent)
        if made is not None:
            proposals = [p for p in proposals if p.kind != PURCHASE_ORDER
                         or int(p.action.params.get("supplier_id", -1)) != supplier_id] + [made]
    return proposals


def _made_up(snap: Snapshot, view: InventoryView, chosen: list[Link | None], items: list[int],
             proposals: list[Proposal], supplier: Any, agent: str) -> Proposal | None:
    """Today's order to ``supplier`` made up to its minimum with more of its goods that keep, when nothing has been
    sent to it for its lead time plus ``KEEP_AFTER_DAYS`` while some of its goods that keep are out of stock with
    nothing on its way, and today's order (if any) is under its minimum and waits for the seller (None otherwise).

    The twenty-first session's Jaipur festival-goods shop (blind21): the kite maker's order came to ₹7,000-₹14,700
    against its ₹15,000 minimum every day from April to November. The seller approved it, and it was held when it
    was carried out (app.agents.order_minimum: none of the maker's other kites was "needed soon", under 30 days of
    cover), so nothing was sent for 235 days while up to ten of its fourteen kites and reels were out; the rule
    above stood aside, for some were still on the shelf, and the agent's own top-up may not take an item past twice
    its cover. Goods that keep sell later: a few more cases of them cost weeks of holding (14% a year), the items
    left out cost their whole margin every day. So the order is made up one case at a time to the line with the
    fewest days of cover, never past ``MADE_UP_MAX_COVER_DAYS`` of it (nor half its shelf life); if that cannot
    reach the minimum, nothing changes."""
    minimum = int(supplier.min_order_paise or 0)
    mine = [p for p in proposals if p.kind == PURCHASE_ORDER and int(p.action.params["supplier_id"]) == supplier.id]
    if minimum <= 0 or snap.refused.get(supplier.id) or any(
            p.needs_seller is None or int(p.action.params.get("total_paise", 0)) >= minimum for p in mine):
        return None  # an order goes out today, or the seller decides on a valid one, or refused one lately
    pending = snap.pending_order
    # an item that keeps and is out is one the agent wants (a perishable may be left out on purpose: fresh_cases)
    short = [i for i in items if _keeps(snap, i) and view.daily[i] > 0 and snap.on_hand[i] <= 0
             and view.position[i] <= 0 and not snap.open_lines.get(i) and snap.skus[i] not in pending]
    if not short:
        return None
    lead = int(view.lead_days[items].max())
    last = snap.last_sent.get(supplier.id)
    # nothing sent within the snapshot's memory (SENT_MEMORY_DAYS): the longest any short line has waited is a floor
    # on the days unordered. The shortest reset the count whenever one more line ran out (the kite maker: a reel out
    # from a day, a second line nine days later, and the count back to 0)
    unordered = (snap.today - last).days if last is not None else max(fresh_cases.days_out(snap, i) for i in short)
    if unordered < lead + KEEP_AFTER_DAYS:
        return None
    qty: dict[int, int] = {}
    cost: dict[int, int] = {}
    for p in mine:  # what the agent asked for today stays
        for line in p.action.params["lines"]:
            i = snap.index[str(line["sku"])]
            qty[i] = qty.get(i, 0) + int(line["qty_milli"])
            cost[i] = int(line.get("cost_paise") or chosen[i].cost_paise)  # type: ignore[union-attr]
    keeps = [i for i in items if _keeps(snap, i) and view.daily[i] > 0 and snap.skus[i] not in pending
             and chosen[i] is not None and chosen[i].cost_paise > 0]  # type: ignore[union-attr]
    total = sum(q * cost[i] // 1000 for i, q in qty.items())

    def cover(i: int, extra: int) -> float:
        return (float(view.position[i]) + qty.get(i, 0) + extra) / 1000 / float(view.daily[i])

    while total < minimum and keeps:
        i = min(keeps, key=lambda k: (cover(k, 0), snap.skus[k]))
        link = chosen[i]
        assert link is not None
        case = max(int(link.case_milli), 1)
        step = case if qty.get(i) else max(-(-int(link.moq_milli) // case), 1) * case
        if cover(i, step) > _max_cover(snap, i):
            keeps.remove(i)  # a case more would sit on the shelf too long
            continue
        qty[i] = qty.get(i, 0) + step
        cost.setdefault(i, int(link.cost_paise))
        total += step * cost[i] // 1000
    if total < minimum:
        return None
    return _made_up_order(snap, view, supplier, mine, qty, cost, total, unordered, len(short), lead, agent)


def _keeps(snap: Snapshot, i: int) -> bool:
    """Whether item ``i`` may join a made-up order: no shelf life, or one of ``KEEPS_LIFE_DAYS`` or more."""
    life = int(snap.shelf_life[i])
    return life <= 0 or life >= KEEPS_LIFE_DAYS


def _max_cover(snap: Snapshot, i: int) -> float:
    """The most days of cover a made-up order may bring item ``i`` to: never past half its shelf life."""
    life = int(snap.shelf_life[i])
    return float(MADE_UP_MAX_COVER_DAYS) if life <= 0 else min(float(MADE_UP_MAX_COVER_DAYS), life / 2)


def _made_up_order(snap: Snapshot, view: InventoryView, supplier: Any, mine: list[Proposal], qty: dict[int, int],
                   cost: dict[int, int], total: int, unordered: int, short: int, lead: int, agent: str) -> Proposal:
    arrival = snap.today + timedelta(days=lead)
    rows = sorted(qty, key=lambda i: snap.skus[i])
    margin = {i: max(float(snap.price[i]) - cost[i], 0.0) for i in rows}
    # what the order enables: each line's units up to what it sells over the horizon goods that keep are judged on
    value = int(sum(margin[i] * min(qty[i] / 1000, float(view.daily[i]) * KEEPS_DAYS) for i in rows))
    earlier = mine[0] if mine else None
    lines_expected = dict(earlier.expected.get("lines", {})) if earlier is not None else {}
    for i in rows:
        sku = snap.skus[i]
        lines_expected[sku] = {**lines_expected.get(sku, {"daily_demand": round(float(view.daily[i]), 4),
                                                          "position_milli": int(view.position[i]),
                                                          "rop_milli": int(view.rop[i]),
                                                          "target_milli": int(view.target[i]),
                                                          "runs_out_first": False}), "qty_milli": qty[i]}
    why: list[str] = [reason(
        "Nothing has been sent to {supplier} for {days} days while {count} of its items are out of stock, and an "
        "order under its minimum of {minimum} is held; this one is made up to the minimum with more of what it "
        "sells that keeps: {total}.", supplier=supplier.name, days=unordered, count=short,
        minimum=format_inr(int(supplier.min_order_paise)), total=format_inr(total))]
    if earlier is not None:
        why += earlier.reasoning
    action = Action(kind=PURCHASE_ORDER, params={
        "supplier_id": supplier.id, "total_paise": total, "expected_on": arrival.isoformat(),
        "via": supplier.order_via, "confirmed": False,
        "lines": [{"sku": snap.skus[i], "qty_milli": qty[i], "cost_paise": cost[i]} for i in rows]})
    context = dict(earlier.context) if earlier is not None else {
        "supplier_id": supplier.id, "service_level": snap.directives.service_level, "lead_days": lead,
        "festival_share": 0.0}
    return Proposal(
        agent=agent, decision_type=earlier.decision_type if earlier is not None else "restock", action=action,
        reasoning=why, expected={"spend_paise": total, "arrival_on": arrival.isoformat(),
                                 "horizon_days": lead + KEEPS_DAYS,
                                 "units_enabled": round(sum(qty.values()) / 1000, 2), "margin_enabled_paise": value,
                                 "lines": lines_expected},
        value_paise=value, confidence=0.5, alternatives=earlier.alternatives if earlier is not None else [],
        context={**context, "keeps_supplier": True, "made_up_to_minimum": True}, goal_id=snap.directives.goal_id,
        urgent=True)



def _under_minimum(snap: Snapshot, proposal: Proposal, held: set[int]) -> bool:
    supplier_id = int(proposal.action.params["supplier_id"])
    supplier: Any = snap.suppliers.get(supplier_id)
    return supplier_id in held and supplier is not None \
        and int(proposal.action.params.get("total_paise", 0)) < supplier.min_order_paise


def _order(snap: Snapshot, view: InventoryView, supplier: Any, link: Link | None, i: int, qty: int, total: int,
           value: float, unordered: int, lead: int, agent: str) -> Proposal:
    assert link is not None
    arrival = snap.today + timedelta(days=lead)
    sku, unit = snap.skus[i], snap.units[i]
    why: list[str] = [reason(
        "Nothing has been ordered from {supplier} for {days} days and none of its items is on the shelf; one order "
        "of the item expected to lose least keeps the supplier and shows whether its items sell again: {qty} of "
        "{name} ({total}, expected result {value}).", supplier=supplier.name, days=unordered,
        qty=quantity(qty, unit), name=named_item(sku, snap.names[i]), total=format_inr(total),
        value=format_inr(round(value / 100) * 100, decimals=False))]
    via = supplier.order_via
    action = Action(kind=PURCHASE_ORDER, params={
        "supplier_id": supplier.id, "lines": [{"sku": sku, "qty_milli": qty, "cost_paise": int(link.cost_paise)}],
        "total_paise": total, "expected_on": arrival.isoformat(), "via": via, "confirmed": False})
    horizon = lead + max(int(snap.shelf_life[i]), 1) if snap.shelf_life[i] > 0 else lead + KEEPS_DAYS
    return Proposal(
        agent=agent, decision_type="restock", action=action, reasoning=why,
        expected={"spend_paise": total, "arrival_on": arrival.isoformat(), "horizon_days": horizon,
                  "units_enabled": round(qty / 1000, 2), "margin_enabled_paise": int(value),
                  "lines": {sku: {"qty_milli": qty, "daily_demand": round(float(view.daily[i]), 4),
                                  "position_milli": int(view.position[i]), "rop_milli": int(view.rop[i]),
                                  "target_milli": int(view.target[i]), "runs_out_first": False}}},
        value_paise=int(value), confidence=0.5,
        context={"supplier_id": supplier.id, "service_level": snap.directives.service_level, "lead_days": lead,
                 "festival_share": 0.0, "keeps_supplier": True},
        goal_id=snap.directives.goal_id, urgent=False)
