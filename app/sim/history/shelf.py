"""Keeping the shelf: how much of each item to hold, what to order from whom and when, deliveries
arriving (in full, in part, late or not at all), and stock leaving other than by sale (expired milk,
a torn packet, the monthly count). Part of :class:`app.sim.history.simulate.Simulation`.

The owner reorders an item when what is on the shelf and on order falls to its reorder point: enough
for the distributor's lead time and the days until the salesman's next visit, raised ahead of a
festival; he orders up to a level that lasts some days more, in whole cases. Perishables are ordered
for the next morning only, so little goes off.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from app.domain.clock import IST, ManualClock
from app.domain.qty import MILLI
from app.i18n import _
from app.services import inventory, purchasing
from app.services.context import Origin, ServiceContext
from app.services.purchasing import PoLine
from app.sim.history.catalog import Item
from app.sim.history.demand import ShopperDemand
from app.sim.history.people import SUPPLIERS

if TYPE_CHECKING:
    from app.sim.history.scale import Report, Scale

__all__ = ["RECENT_KEEP", "OpenPo", "ShelfKeeping"]

RECENT_KEEP = 27 / 28  # the owner's memory of how fast things sell: about four weeks


@dataclass
class OpenPo:
    po_id: int
    supplier: int
    lines: dict[int, int]  # item index -> milli-units still due
    extra: float  # an alternative distributor charges a little more than the usual one


class ShelfKeeping:
    """Stock levels, restocking by purchase order, and stock that leaves without a sale."""

    ctx: ServiceContext
    clock: ManualClock
    items: list[Item]
    rng: random.Random
    model: ShopperDemand
    seed: int
    start: date
    scale: Scale
    report: Report
    supplier_ids: list[int]
    open_pos: dict[int, OpenPo]
    arrivals: dict[date, list[tuple[int, str]]]
    due: list[dict[int, bool]]
    shortages: dict[int, date]
    _base_price: dict[int, tuple[int, int]]
    _perishables: list[Item]

    def origin(self, reason: str = "") -> Origin:
        return Origin(actor="seller", reason=reason)

    def at(self, day: date, seconds: int) -> datetime:
        """Set the clock to ``seconds`` after midnight (IST) on ``day``."""
        moment = datetime(day.year, day.month, day.day, tzinfo=IST) + timedelta(seconds=seconds)
        self.clock.set(moment)
        return moment

    def _plan_stock_levels(self) -> None:
        """What the owner knows about each item on day one: how fast it sells, when to reorder, how much."""
        total = sum(item.lines_per_day for item in self.items)
        lines_a_day = self.scale.base_bills * self.scale.mean_lines
        init = random.Random(f"tavyonix-demo:{self.seed}:stock")
        for item in self.items:
            mean_qty = sum(item.sell) / len(item.sell)
            item.units_per_day = lines_a_day * item.lines_per_day / total * mean_qty
            item.recent = item.units_per_day
            item.recent_on = self.start.toordinal() - 1
            point, upto = self._levels(item, item.units_per_day, 1.0)
            item.reorder_point = point
            item.max_stock = upto
            item.reorder_qty = max(item.case, upto - point)
            if item.tracks_expiry:
                item.on_hand = self._whole(item, item.units_per_day * init.uniform(1.0, 1.8))
            else:
                item.on_hand = self._whole(item, point + init.uniform(0.3, 1.0) * item.reorder_qty)
            item.on_hand = max(item.on_hand, item.case if item.units_per_day * 30 >= item.case else MILLI)
            if item.mrp is None:
                self._base_price[item.index] = (item.price, item.supplier_cost)

    def _whole(self, item: Item, milli: float) -> int:
        """Round up to whole pieces (or to 50 g / 50 ml for loose goods)."""
        step = 50 if item.loose else MILLI
        return max(step, math.ceil(milli / step) * step)

    def _cover(self, item: Item) -> tuple[int, float]:
        plan = SUPPLIERS[item.supplier]
        review = 7 / len(plan.visit_days)
        return plan.lead_time_days, review

    def _levels(self, item: Item, rate: float, outlook: float) -> tuple[int, int]:
        """(reorder point, order-up-to level) in milli-units for a sale rate in milli-units a day."""
        lead, review = self._cover(item)
        if item.tracks_expiry:
            # enough to reach the next delivery, and no more than will sell before it goes off
            days = min(2.0, max(1.0, (item.shelf_life or 2) - 1.5))
            point = self._whole(item, rate * lead * 1.1 * outlook)
            return point, max(point, self._whole(item, rate * (lead + days) * 1.1 * outlook))
        point = self._whole(item, rate * (lead + review) * 1.3 * outlook)
        return point, point + max(item.case, self._whole(item, rate * self.scale.order_days * outlook))

    def _recent(self, item: Item, as_of: int) -> float:
        """The owner's sense of an item's daily sale, milli-units, after the quiet days up to ``as_of``."""
        gap = as_of - item.recent_on
        if gap > 0:
            item.recent *= RECENT_KEEP ** gap
            item.recent_on = as_of
        return item.recent

    def _take(self, item: Item, qty: int) -> None:
        item.on_hand -= qty
        if item.tracks_expiry:
            item.lots.take(qty)

    def _throw_out_expired(self, day: date) -> None:
        yesterday = day.toordinal() - 1  # a lot is good through the day before its use-by day
        for item in self._perishables:
            expired = item.lots.throw_out(yesterday)
            if expired:
                inventory.record_wastage(self.ctx, item.sku, expired, note=_("expired"),
                                         origin=self.origin(_("past its use-by date")))
                item.on_hand -= expired
                self.report.wasted_moves += 1

    def _damage(self) -> None:
        rng = self.rng
        candidates = [i for i in self.items if i.listed and i.active and i.on_hand >= MILLI]
        if not candidates:
            return
        item = rng.choice(candidates)
        qty = rng.choice((100, 200, 250)) if item.loose else MILLI
        note = rng.choice((_("packet torn"), _("damaged by rats"), _("dropped and broken"))) if not item.loose \
            else _("spilt while weighing")
        inventory.record_wastage(self.ctx, item.sku, qty, note=note)
        self._take(item, qty)
        self.report.wasted_moves += 1

    def _count(self) -> None:
        """The monthly shelf count of a few items finds the odd missing packet."""
        rng = self.rng
        candidates = [i for i in self.items if i.listed and i.active and not i.tracks_expiry]
        for item in rng.sample(candidates, min(8, len(candidates))):
            counted = item.on_hand
            if item.loose and counted >= 500 and rng.random() < 0.5:
                counted -= rng.choice((50, 100, 150, 200))
            elif not item.loose and counted >= MILLI and rng.random() < 0.3:
                counted -= MILLI
            inventory.count_stock(self.ctx, item.sku, counted)
            self._take(item, item.on_hand - counted)

    def _reorder(self, day: date, touched: list[Item]) -> None:
        """After closing: what is at its reorder point goes on the next order to its distributor."""
        for item in touched:
            if item.stop_ordering:
                continue
            point, _upto = self._levels(item, item.recent, self._outlook(item, day))
            if item.on_hand + item.on_order <= point:
                self.due[item.supplier][item.index] = True
        for sup, plan in enumerate(SUPPLIERS):
            due = self.due[sup]
            if not due:
                continue
            visit = day.weekday() in plan.visit_days
            today = day.toordinal()
            urgent = any(self.items[i].on_hand <= self._levels(self.items[i], self._recent(self.items[i], today),
                                                               1.0)[0] // 4 for i in due)
            if visit or urgent:
                self._order(day, sup, visit)

    def _outlook(self, item: Item, day: date) -> float:
        lead, review = self._cover(item)
        return self.model.outlook(day, max(1, round(lead + review)), item.category, item.tags)

    def _order(self, day: date, sup: int, visit: bool) -> None:
        plan = SUPPLIERS[sup]
        lines: dict[int, int] = {}
        alt_lines: dict[int, dict[int, int]] = {}
        for index in list(self.due[sup]):
            item = self.items[index]
            point, upto = self._levels(item, self._recent(item, day.toordinal()), self._outlook(item, day))
            position = item.on_hand + item.on_order
            if position > point or item.stop_ordering:
                del self.due[sup][index]
                continue
            qty = max(item.moq, math.ceil((upto - position) / item.case) * item.case)
            if self.shortages.get(item.family, day) > day:
                if item.alt_supplier is None:
                    continue  # nobody has it: wait for the distributor
                alt_lines.setdefault(item.alt_supplier, {})[index] = qty
            else:
                lines[index] = qty
            del self.due[sup][index]
        total = sum(self.items[i].supplier_cost * q // MILLI for i, q in lines.items())
        if lines and total < plan.min_order_rupees * 100 and not visit:
            # too small for a delivery of its own: it goes on the salesman's next visit
            for index in lines:
                self.due[sup][index] = True
            lines = {}
        if lines:
            self._place(day, sup, lines, _("{count} items at their reorder point").format(count=len(lines)))
        for alt, alt_set in alt_lines.items():
            self._place(day, alt, alt_set, _("{supplier} is out of stock of these").format(supplier=plan.name),
                        extra=0.04)

    def _place(self, day: date, sup: int, lines: dict[int, int], reason: str, extra: float = 0.0,
               deliver: bool = True) -> int:
        ctx, rng = self.ctx, self.rng
        costs = {i: round(self.items[i].supplier_cost * (1 + extra)) for i in lines}
        po_lines = [PoLine(sku=self.items[i].sku, qty_milli=q, cost_paise=costs[i]) for i, q in lines.items()]
        origin = self.origin(reason)
        po_id = purchasing.create_purchase_order(ctx, supplier_id=self.supplier_ids[sup], lines=po_lines,
                                                 confirmed=True, origin=origin).id
        # Orders go to the visiting salesman or by phone: "print" keeps the demo from queueing
        # WhatsApp messages to made-up numbers.
        purchasing.send_purchase_order(ctx, po_id, via="print", origin=origin)
        for index, qty in lines.items():
            self.items[index].on_order += qty
        self.open_pos[po_id] = OpenPo(po_id, sup, dict(lines), extra)
        self.report.purchase_orders += 1
        if deliver:
            lead = SUPPLIERS[sup].lead_time_days + (1 if rng.random() < 0.08 else 0)
            roll = rng.random()
            what = "cancel" if roll < 0.015 else "partial" if roll < 0.055 else "full"
            self.arrivals.setdefault(day + timedelta(days=max(1, lead)), []).append((po_id, what))
        return po_id

    def _arrival(self, day: date, po_id: int, what: str) -> None:
        ctx, po = self.ctx, self.open_pos[po_id]
        if what == "cancel":
            purchasing.cancel_purchase_order(ctx, po_id, origin=self.origin(_("the distributor could not deliver")))
            for index, qty in po.lines.items():
                self.items[index].on_order -= qty
                self.due[self.items[index].supplier][index] = True
            del self.open_pos[po_id]
            return
        received = dict(po.lines)
        if what == "partial":
            short = max(received, key=lambda i: (received[i], -i))
            item = self.items[short]
            half = received[short] // 2 // item.case * item.case
            if half:
                received[short] = half
            else:
                del received[short]
            if not received:
                received, what = dict(po.lines), "full"
        expires = {self.items[i].sku: day + timedelta(days=self.items[i].shelf_life or 1)
                   for i in received if self.items[i].tracks_expiry}
        # the distributor bills at the day's rate (after an MRP revision, a GST change or a mandi move)
        costs = {i: round(self.items[i].supplier_cost * (1 + po.extra)) for i in received}
        purchasing.receive_purchase_order(ctx, po_id, received={self.items[i].sku: q for i, q in received.items()},
                                          costs={self.items[i].sku: c for i, c in costs.items()}, expires_on=expires)
        for index, qty in received.items():
            item = self.items[index]
            before = item.on_hand
            # the services' weighted-average cost, kept alongside
            unit_cost = costs[index]
            item.cost = round((before * item.cost + qty * unit_cost) / (before + qty)) \
                if before > 0 and item.cost > 0 else unit_cost
            item.on_hand += qty
            item.on_order -= qty
            po.lines[index] -= qty
            if item.tracks_expiry:
                item.lots.add(qty, day.toordinal() + (item.shelf_life or 1))
        po.lines = {i: q for i, q in po.lines.items() if q}
        if po.lines:
            self.arrivals.setdefault(day + timedelta(days=2), []).append((po_id, "full"))
        else:
            del self.open_pos[po_id]
