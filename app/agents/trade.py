"""The trade agent: it proposes, through the decision engine, what the seller should know to export without
loss and on time. It never writes: its proposals are alerts the engine records and carries out.

- ``hold_stock``: the units of an export order taken "through the agents" (``place_export_order(...,
  through_agents=True)``). The engine decides: within the limits it holds them at once; when the hold would leave
  fewer units for the counter than the inventory agent expects to sell before a delivery ordered now arrives (or
  there is no stock picture, or the seller has not chosen the agents' limits), it waits for the seller's approval.
- ``export_price``: an item whose export route (with the seller's logistics quote) keeps less than 10 % of
  the price after cost, logistics and fees, with the lowest export price that keeps 10 %. The floors are
  also published on the board (``board.notes['trade']['export_floor_paise']``).
- **export prices asked of the pricing agent**: the lowest price each item on an export listing may have
  (``export_routes.export_floors``) is put on the board as the trade agent's request
  (``board.notes['trade']['export_price_requests']``); the pricing agent, which runs after it, answers with its
  own proposals, decided by the engine like any price change. ``observe`` puts the requests on the board without
  proposing (the engine calls it when the pricing agent runs alone).
- ``export_overdue``: an export under the LUT past its 3-month deadline without proof of export (IGST with
  interest is now due; urgent).

It reads the exports and quotes from the shop (``store``) as well as the cycle's snapshot: neither is in the
snapshot. Each alert is proposed once while it applies and resolved when it no longer does.
"""

from __future__ import annotations

from typing import Any, ClassVar

from app.agents.base import Board
from app.agents.proposal import ALERT, HOLD_STOCK, Action, Proposal
from app.agents.snapshot import Snapshot
from app.domain.money import format_inr
from app.domain.qty import format_qty
from app.domain.reasons import named_item, quantity, reason
from app.domain.trade.routes import TARGET_MARGIN_BP, export_floor
from app.domain.trade.terms import COUNTRY_NAMES
from app.i18n import _
from app.services import export_routes, exports
from app.store import alerts as alert_store
from app.store import decisions as decision_store
from app.store import export_orders as export_order_store
from app.store.db import Store

__all__ = ["TradeAgent"]

NAME = "trade"


class TradeAgent:
    NAME = NAME
    TRIGGER: ClassVar[dict[str, Any]] = {"trigger": "cron", "hour": 9, "minute": 15}

    def __init__(self, store: Store) -> None:
        self.store = store

    def observe(self, snap: Snapshot, board: Board) -> dict[str, int | None]:
        """Ask the pricing agent, through the board, for the export listings' floors (without proposing)."""
        requests = export_routes.export_floors(self.store, snap.skus, target_bp=snap.limits.margin_floor_bp)
        board.notes.setdefault(NAME, {})["export_price_requests"] = requests
        return requests

    def propose(self, snap: Snapshot, board: Board) -> list[Proposal]:
        self.observe(snap, board)
        proposals = self._holds(snap, board)
        wanted: dict[str, dict[str, dict[str, Any]]] = {"export_price": {}, "export_overdue": {}}
        quotes = {(q.route, q.country): q for q in export_routes.quotes(self.store)}
        floors: dict[str, int] = {}
        for found in export_routes.scores(self.store, snap.today):
            i = snap.index.get(found.sku)
            quote = quotes.get((found.route, found.country))
            if not found.scored or i is None or quote is None or found.margin_bp is None:
                continue
            floor = export_floor(cost_paise=int(snap.cost[i]), logistics_paise=found.logistics_paise or 0,
                                 fee_bp=quote.fee_bp + quote.duty_bp)
            if floor is not None:
                floors[found.sku] = max(floors.get(found.sku, 0), floor)
            if found.margin_bp >= TARGET_MARGIN_BP:
                continue
            country = COUNTRY_NAMES.get(found.country, found.country)
            message = (_("{item} to {country} by {route}: at {price} it keeps {margin} a unit after logistics and "
                         "fees; quote at least {floor} for a 10 % margin.") if floor else
                       _("{item} to {country} by {route}: at {price} it keeps {margin} a unit; the fee leaves no "
                         "room for a margin.")).format(
                item=snap.names[i], country=country, route=found.route, price=format_inr(int(snap.price[i])),
                margin=format_inr(found.margin_paise or 0), floor=format_inr(floor or 0))
            wanted["export_price"][f"{found.sku}:{found.route}:{found.country}"] = {
                "severity": "info", "message": message,
                "data": {"sku": found.sku, "route": found.route, "country": found.country,
                         "margin_paise": found.margin_paise, "floor_paise": floor}}
        for item in exports.open_exports(self.store):
            if item.state(snap.today) == "overdue":
                wanted["export_overdue"][item.invoice_no] = {
                    "severity": "critical", "data": {"order_id": item.order_id, "deadline": item.deadline.isoformat()},
                    "message": _("Export {invoice} was not shipped within 3 months (by {day}): pay IGST of {igst} "
                                 "with interest, or record its proof of export if it left.").format(
                        invoice=item.invoice_no, day=item.deadline.strftime("%d-%m-%Y"),
                        igst=format_inr(item.igst_due_paise))}
        board.notes[NAME]["export_floor_paise"] = floors
        return proposals + [p for kind, items in wanted.items() if (p := self._alerts(snap, kind, items)) is not None]

    def _holds(self, snap: Snapshot, board: Board) -> list[Proposal]:
        """One proposal per export order whose hold waits for the engine (and is not already awaiting the seller)."""
        db = self.store.db()
        pending = export_order_store.pending_holds(db)
        if not pending:
            return []
        waiting = {int(p.get("export_order_id", 0)) for p in decision_store.pending_approval_params(db, "export_hold")}
        view = board.notes.get("inventory")
        out = []
        for order_id in pending:
            if order_id in waiting:
                continue
            lines = export_order_store.order_lines(db, order_id)
            wanted: dict[str, int] = {}
            for sku, qty, _price in lines:
                wanted[sku] = wanted.get(sku, 0) + qty
            held = export_order_store.reserved_many(db, list(wanted))
            why_seller, notes = None, []
            for sku, qty in wanted.items():
                i = snap.index.get(sku)
                if i is None:
                    continue
                left = int(snap.on_hand[i]) - held[sku] - qty  # for the counter and online once this order holds
                name, unit = snap.names[i], snap.units[i]
                if view is None:
                    why_seller = why_seller or reason("There is no stock picture to check what the counter needs.")
                    continue
                expected = float(view.daily[i]) * int(view.lead_days[i])
                notes.append(_("{name}: {left} left for the counter and online after holding {qty}; about {expected} "
                               "expected to sell in the {days} days a delivery ordered now takes.").format(
                    name=name, left=format_qty(max(left, 0), unit), qty=format_qty(qty, unit),
                    expected=round(expected, 1),
                    days=int(view.lead_days[i])))
                if left < 0:
                    why_seller = why_seller or reason("Only {free} of {name} are free: the order needs {qty}.",
                                                      free=quantity(max(left + qty, 0), unit),
                                                      name=named_item(sku, name), qty=quantity(qty, unit))
                elif left / 1000 < expected:
                    why_seller = why_seller or reason(
                        "Holding {qty} of {name} leaves {left} for the counter, below the {expected} expected to sell "
                        "before a delivery ordered now arrives.", qty=quantity(qty, unit),
                        name=named_item(sku, name), left=quantity(left, unit), expected=round(expected, 1))
            units = sum(wanted.values()) // 1000
            first = _("Hold {units} unit(s) for export order {id}, so the counter and the marketplaces cannot sell "
                      "them before it is invoiced.").format(units=units, id=order_id)
            out.append(Proposal(
                agent=NAME, decision_type="export_hold",
                action=Action(kind=HOLD_STOCK, params={"export_order_id": order_id, "items": [
                    {"sku": sku, "qty_milli": qty} for sku, qty in wanted.items()]}),
                reasoning=[first, *notes], expected={"held_units": units}, value_paise=0, confidence=0.9,
                needs_seller=why_seller, goal_id=snap.directives.goal_id))
        return out

    def _alerts(self, snap: Snapshot, kind: str, items: dict[str, dict[str, Any]]) -> Proposal | None:
        # the snapshot holds only the stock agents' kinds; this agent's own open alerts are read here
        already = snap.open_alerts.get(kind) or alert_store.open_alert_subjects(self.store.db(), kind)
        new = {subject: item for subject, item in sorted(items.items()) if subject not in already}
        resolve = sorted(set(already) - set(items))
        if not new and not resolve:
            return None
        action = Action(kind=ALERT, params={"kind": kind, "items": [{"subject": s, **item} for s, item in new.items()],
                                            "resolve": resolve})
        reasoning = [item["message"] for item in list(new.values())[:5]] or [
            _("{count} earlier alert(s) no longer apply.").format(count=len(resolve))]
        return Proposal(agent=NAME, decision_type=f"alert_{kind}", action=action, reasoning=reasoning,
                        expected={"alerts": len(new), "resolved": len(resolve)}, value_paise=0, confidence=0.8,
                        urgent=kind == "export_overdue", goal_id=snap.directives.goal_id)

