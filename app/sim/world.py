"""The simulated shop and the physical world around its books: a temporary shop file run by the real
services on a :class:`~app.domain.clock.ManualClock`, the goods on the shelf in dated lots (sold oldest
first, thrown away when they expire), and the suppliers' trucks.

Everything that changes the books goes through the services: receiving a delivery, writing off expired
goods, the day's sales (one bill for the day's customers, capped at what is on the shelf).
"""

from __future__ import annotations

import shutil
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from app.agents import inventory as inventory_agent
from app.domain.clock import IST, ManualClock
from app.events import EventBus
from app.services import catalog, inventory, purchasing, sales, shop, suppliers
from app.services import settings as settings_service
from app.services.context import Origin, ServiceContext
from app.services.sales import PaymentIn, SaleLine
from app.sim.lots import Lots
from app.sim.market import Market
from app.sim.scenario import Scenario
from app.store import Store, open_store

__all__ = ["EVENING", "MORNING", "Metrics", "World"]

MORNING = time(9, 0)
EVENING = time(19, 0)
SELLER = Origin(actor="seller", reason="the shopkeeper")


@dataclass
class Metrics:
    days: int = 0
    requested: float = 0.0
    filled: float = 0.0
    substituted: float = 0.0
    priced_away: float = 0.0  # customers who would have come at the reference price, lost to the shop's price
    refused_orders: int = 0  # orders a supplier sent back for being under its minimum order value
    short_unordered_max: int = 0  # longest run of days an item that sells was out with nothing on order
    short_unordered_supplier: str = ""
    # the test of a supplier, not of an item: the longest run of measured days a supplier had an item
    # customers ask for out of stock and no order sent to it (a draft the seller has not approved does not count),
    # and the most days such a run went past that supplier's lead time plus a week
    supplier_unordered_max: int = 0
    supplier_unordered_over: int = 0
    supplier_unordered_supplier: str = ""
    supplier_unordered_last_day: str = ""  # the day that run had reached its length (to trace it)
    revenue_paise: int = 0
    cogs_paise: int = 0
    waste_paise: int = 0
    waste_units: float = 0.0
    stockout_days: int = 0
    inventory_value_sum: float = 0.0
    purchase_orders: int = 0
    cycles: list[dict[str, Any]] = field(default_factory=list)
    # item by item, to say where one policy gains or loses against another (summed by category in the JSON):
    # paise thrown away, units asked for and not served from the item (some went to a substitute), units sold,
    # paise of margin at the shelf price (tax inside, so it reads above the revenue's margin) earned and lost to
    # unserved demand, and the day-end stock value summed
    item_waste_paise: np.ndarray | None = None
    item_unserved: np.ndarray | None = None
    item_sold: np.ndarray | None = None
    item_margin_paise: np.ndarray | None = None
    item_lost_margin_paise: np.ndarray | None = None  # the unserved units at the day's shelf price less cost
    item_stock_value_sum: np.ndarray | None = None


class World:
    def __init__(self, scenario: Scenario, seed: int, *, workdir: Path | None = None) -> None:
        self.scenario = scenario
        self.seed = seed
        self.market = Market(scenario, seed)
        self._tmp = None if workdir else tempfile.mkdtemp(prefix="tavyonix-sim-")
        self.dir = Path(workdir or self._tmp)
        self.store: Store = open_store(self.dir / "sim.db", create=True, exclusive=False)
        # a throw-away file: durability on power cut does not matter here, speed does
        self.store.db().conn.execute("PRAGMA synchronous=OFF")
        first = scenario.start - timedelta(days=scenario.warmup_days)
        self.clock = ManualClock(self.at(first, MORNING))
        self.ctx = ServiceContext(self.store, EventBus(), self.clock)
        self.items = scenario.items
        self.index = {item.sku: i for i, item in enumerate(self.items)}
        self.supplier_ids: dict[str, int] = {}
        self.supplier_spec = {s.key: s for s in scenario.suppliers}
        self.spec_by_name = {s.name: s for s in scenario.suppliers}  # the books name a supplier, the scenario keys it
        self.by_supplier: dict[str, list[int]] = defaultdict(list)  # usual supplier -> its items
        for i, item in enumerate(scenario.items):
            self.by_supplier[item.suppliers[0][0]].append(i)
        self.lots = [Lots() for _ in self.items]  # expiry as a date, None for goods that keep
        self.deliveries: dict[date, list[tuple[int, str]]] = defaultdict(list)  # day -> (po id, supplier key)
        self._scheduled: set[int] = set()
        self.metrics = Metrics()
        self.approvals_seen = 0
        self.counting = False
        self.pace = np.zeros(len(self.items))  # units a day, smoothed over about four weeks of demand
        self.short_run = np.zeros(len(self.items), dtype=np.int64)
        self.supplier_run: dict[str, int] = dict.fromkeys(self.by_supplier, 0)
        self.stocked: dict[date, np.ndarray] = {}  # day -> bool per item: the shelf opened the evening with stock
        self.customers: Any = None  # the named households and marketing (app.sim.customers), when switched on

    @staticmethod
    def at(day: date, moment: time) -> datetime:
        return datetime.combine(day, moment, tzinfo=IST).astimezone(UTC)

    def close(self) -> None:
        self.store.close()
        if self._tmp:
            shutil.rmtree(self._tmp, ignore_errors=True)

    # --- setting the shop up -------------------------------------------------------------------
    def build(self) -> None:
        s, ctx = self.scenario, self.ctx
        shop.create_shop(ctx, name=s.name[:60] or "Simulated kirana", state_code=s.state_code,
                         gst_scheme="unregistered")
        for key, value in s.settings.items():
            if key == "limits":
                continue
            settings_service.set_setting(ctx, key, value)
        for spec in s.suppliers:
            self.supplier_ids[spec.key] = int(suppliers.create_supplier(
                ctx, name=spec.name, whatsapp=spec.whatsapp, lead_time_days=spec.lead_time_days,
                min_order_paise=spec.min_order_paise).id)
        # the shelf price is the MRP, as in a real kirana; the policies (and the agents) move it from there
        ref = self.market.mrp
        first = s.start - timedelta(days=s.warmup_days)
        for i, item in enumerate(self.items):
            catalog.create_product(ctx, sku=item.sku, name_en=item.name, price_paise=int(ref[i]),
                                   mrp_paise=item.mrp_paise, cost_paise=item.cost_paise, category=item.category or None,
                                   unit=item.unit, shelf_life_days=item.shelf_life or None)
            for key, cost in item.suppliers:
                suppliers.link_product(ctx, self.supplier_ids[key], item.sku, cost_paise=cost,
                                       case_size_milli=item.case_milli, moq_milli=item.moq_milli)
            opening = max(round(item.base_rate * s.opening_cover_days) * 1000, item.case_milli)
            if item.shelf_life:
                opening = min(opening, max(item.case_milli, int(item.base_rate * item.shelf_life * 0.7) * 1000))
            expires = first + timedelta(days=item.shelf_life) if item.shelf_life else None
            inventory.receive_stock(ctx, item.sku, opening, unit_cost_paise=item.cost_paise, expires_on=expires,
                                    source_ref=f"opening:{item.sku}", origin=SELLER)
            self.lots[i].add(opening, expires)

    # --- reading the books ---------------------------------------------------------------------
    def on_hand(self) -> np.ndarray:
        found = dict(self.store.db().execute("SELECT sku, on_hand_milli FROM stock").fetchall())
        return np.array([found.get(item.sku, 0) for item in self.items], dtype=np.int64)

    def product_columns(self) -> tuple[np.ndarray, np.ndarray]:
        """(price, cost) in paise, as the books have them now."""
        rows = dict((r[0], (r[1], r[2])) for r in self.store.db().execute(
            "SELECT sku, price_paise, cost_paise FROM product"))
        price = np.array([rows[item.sku][0] for item in self.items], dtype=np.int64)
        cost = np.array([rows[item.sku][1] for item in self.items], dtype=np.int64)
        return price, cost

    def sales_window(self, day: date, days: int) -> np.ndarray:
        """(items, days) units sold on the ``days`` days before ``day``."""
        out = np.zeros((len(self.items), days))
        start = day - timedelta(days=days)
        for sku, business_date, qty in self.store.db().execute(
                "SELECT l.sku, o.business_date, sum(l.qty_milli) FROM orders o JOIN order_line l ON l.order_id = o.id"
                " WHERE o.business_date >= ? AND o.business_date < ? GROUP BY 1, 2",
                (start.isoformat(), day.isoformat())):
            out[self.index[sku], (date.fromisoformat(business_date) - start).days] = qty / 1000
        return out

    def in_stock_pace(self, day: date, days: int) -> tuple[np.ndarray, np.ndarray]:
        """(mean, standard deviation) of daily sales over the ``days`` before ``day``, counting only the days
        the shelf had the item (what the shopkeeper knows: an empty shelf sells nothing, whatever the demand)."""
        sold = self.sales_window(day, days)
        open_days = np.stack([self.stocked.get(day - timedelta(days=days - k), np.ones(len(self.items), dtype=bool))
                              for k in range(days)], axis=1)
        count = open_days.sum(axis=1)
        mean = np.where(count > 0, (sold * open_days).sum(axis=1) / np.maximum(count, 1), 0.0)
        var = np.where(count > 1, (((sold - mean[:, None]) ** 2) * open_days).sum(axis=1) / np.maximum(count, 1), 0.0)
        return mean, np.sqrt(var)

    def on_order_milli(self) -> dict[str, int]:
        return dict(self.store.db().execute(
            "SELECT l.sku, sum(l.qty_milli - l.received_milli) FROM purchase_order_line l JOIN purchase_order o"
            " ON o.id = l.po_id WHERE o.status IN ('draft', 'sent', 'partly_received') GROUP BY l.sku").fetchall())

    def on_order_skus(self) -> set[str]:
        return set(self.on_order_milli())

    def note_cycle(self, report) -> None:
        if self.counting:
            self.metrics.cycles.append({"day": report.day.isoformat(), "executed": report.executed,
                                        "escalated": report.escalated, "rejected": report.rejected,
                                        "failed": report.failed, "forecasts": report.forecasts_refreshed,
                                        "seconds": round(sum(report.seconds.values()), 3)})

    # --- the day -------------------------------------------------------------------------------
    def morning(self, day: date, *, agents_receive: bool) -> None:
        self.clock.set(self.at(day, MORNING))
        for po_id, _key in self.deliveries.pop(day, []):
            self._receive(po_id, day, agents_receive)
        self._expire(day)

    def schedule_sent_orders(self, day: date) -> None:
        """Trucks for the orders sent since the last look (arrival from the supplier's lead time and outages)."""
        rows = self.store.db().execute(
            "SELECT o.id, s.name, o.total_paise FROM purchase_order o JOIN supplier s ON s.id = o.supplier_id"
            " WHERE o.status = 'sent'").fetchall()
        for po_id, supplier_name, total in rows:
            if po_id in self._scheduled:
                continue
            self._scheduled.add(po_id)
            spec = self.spec_by_name[supplier_name]
            if total < spec.min_order_paise:  # the distributor's van does not come for less than its minimum
                purchasing.cancel_purchase_order(self.ctx, po_id, origin=Origin(
                    actor="supplier", reason="under the supplier's minimum order value"))
                if self.counting:
                    self.metrics.refused_orders += 1
                continue
            days = self.market.lead_days(spec.key, spec.lead_time_days, spec.jitter_days, day)
            self.deliveries[day + timedelta(days=days)].append((po_id, spec.key))
            if self.counting:
                self.metrics.purchase_orders += 1

    def _receive(self, po_id: int, day: date, agents_receive: bool) -> None:
        lines = self.store.db().execute(
            "SELECT sku, qty_milli - received_milli FROM purchase_order_line WHERE po_id = ? AND"
            " qty_milli > received_milli", (po_id,)).fetchall()
        if not lines:
            return
        delivered = {sku: qty for sku, qty in lines}
        expires = {}
        for sku in delivered:
            item = self.items[self.index[sku]]
            if item.shelf_life:
                expires[sku] = day + timedelta(days=item.shelf_life)
        if agents_receive:
            inventory_agent.receive_against_po(self.ctx, po_id, delivered=delivered, expires_on=expires)
        else:
            purchasing.receive_purchase_order(self.ctx, po_id, received=delivered, expires_on=expires, origin=SELLER)
        for sku, qty in delivered.items():
            self.lots[self.index[sku]].add(qty, expires.get(sku))

    def _expire(self, day: date) -> None:
        _price, cost = self.product_columns()
        for i, lots in enumerate(self.lots):
            gone = lots.throw_out(day)
            if gone:
                inventory.record_wastage(self.ctx, self.items[i].sku, gone, note="expired", origin=SELLER)
                if self.counting:
                    self.metrics.waste_paise += gone * int(cost[i]) // 1000
                    self.metrics.waste_units += gone / 1000
                    self.per_item("item_waste_paise")[i] += gone * int(cost[i]) // 1000

    def evening(self, day: date) -> None:
        self.clock.set(self.at(day, EVENING))
        price, cost = self.product_columns()
        demand, priced_away = self.market.demand_and_priced_away(day, price)
        # on the shelf when the shop opened (before the named households' bills took their part): what the
        # shopkeeper's "the item was in stock that day" means
        shelf = np.array([lots.total() for lots in self.lots], dtype=np.int64) // 1000
        self.stocked[day] = shelf > 0
        if self.customers is not None:  # their own bills first, carved out of the day's demand
            demand = self.customers.evening(day, demand, self.counting)
            shelf = np.array([lots.total() for lots in self.lots], dtype=np.int64) // 1000
        self.stocked.pop(day - timedelta(days=120), None)
        sold = np.minimum(demand, shelf)
        unmet = demand - sold
        # the named households' units the shelf could not serve look for a substitute like everyone's
        looking = unmet + self.customers.unmet if self.customers is not None else unmet
        extra = np.zeros_like(sold)
        group = self.market.group
        for i in np.nonzero(looking)[0]:
            if group[i] < 0:
                continue
            wanting = int(np.floor(looking[i] * self.market.substitution[i]))
            if wanting <= 0:
                continue
            mates = [j for j in np.nonzero(group == group[i])[0] if j != i]
            mates.sort(key=lambda j: -(shelf[j] - sold[j] - extra[j]))
            for j in mates:
                free = shelf[j] - sold[j] - extra[j]
                take = min(free, wanting)
                if take > 0:
                    extra[j] += take
                    wanting -= take
                if wanting <= 0:
                    break
        total = sold + extra
        lines = [SaleLine(sku=self.items[i].sku, qty_milli=int(total[i]) * 1000) for i in np.nonzero(total)[0]]
        if lines:
            quote = sales.quote_sale(self.ctx, lines=lines)
            paid = [PaymentIn(method="cash", amount_paise=quote.total_paise)]
            sales.record_sale(self.ctx, lines=lines, payments=paid, note="the day's customers", confirmed=True,
                              origin=SELLER)
            for i in np.nonzero(total)[0]:
                self.lots[i].take(int(total[i]) * 1000)
            if self.counting:
                self.metrics.revenue_paise += int(quote.bill.split.taxable_paise)
                self.metrics.cogs_paise += int((total * cost).sum())
        if self.counting:
            m = self.metrics
            m.days += 1
            m.requested += float(demand.sum())
            m.filled += float(sold.sum())
            m.substituted += float(extra.sum())
            m.priced_away += float(priced_away.sum())
            closing = self.on_hand()
            self._track_short(closing, demand, day)
            m.stockout_days += int((closing <= 0).sum())
            m.inventory_value_sum += float((np.maximum(closing, 0) * cost).sum() / 1000)
            self.per_item("item_unserved")[:] += unmet
            self.per_item("item_sold")[:] += total
            self.per_item("item_margin_paise")[:] += total * (price - cost)
            self.per_item("item_lost_margin_paise")[:] += unmet * (price - cost)
            self.per_item("item_stock_value_sum")[:] += np.maximum(closing, 0) * cost / 1000

    def per_item(self, name: str) -> np.ndarray:
        """One of the metrics' item-by-item arrays, made on first use."""
        values = getattr(self.metrics, name)
        if values is None:
            values = np.zeros(len(self.items), dtype=np.float64)
            setattr(self.metrics, name, values)
        return values

    def _track_short(self, closing: np.ndarray, demand: np.ndarray, day: date) -> None:
        """The longest run of days an item customers ask for closed empty with nothing on order."""
        self.pace += (demand - self.pace) / 28
        ordered = self.on_order_skus()
        asked_for_and_empty = (closing <= 0) & (self.pace >= 0.1)
        short = asked_for_and_empty & np.array([item.sku not in ordered for item in self.items])
        self.short_run = np.where(short, self.short_run + 1, 0)
        worst = int(self.short_run.argmax())
        if self.short_run[worst] > self.metrics.short_unordered_max:
            self.metrics.short_unordered_max = int(self.short_run[worst])
            self.metrics.short_unordered_supplier = self.items[worst].suppliers[0][0]
        if self.counting:
            self._track_supplier_short(asked_for_and_empty, day)

    def _track_supplier_short(self, short_items: np.ndarray, day: date) -> None:
        """Days each supplier went with one of its items short, that item on no order on its way from anyone
        (sent, not yet in), and no order on its way from the supplier itself."""
        sent_from: set[str] = set()
        coming: set[str] = set()
        for name, sku in self.store.db().execute(
                "SELECT s.name, l.sku FROM purchase_order o JOIN supplier s ON s.id = o.supplier_id"
                " JOIN purchase_order_line l ON l.po_id = o.id"
                " WHERE o.status IN ('sent', 'partly_received') AND l.qty_milli > l.received_milli"):
            sent_from.add(self.spec_by_name[name].key)
            coming.add(sku)
        uncovered = short_items & np.array([item.sku not in coming for item in self.items])
        m = self.metrics
        for key, items in self.by_supplier.items():
            waiting = key not in sent_from and bool(uncovered[items].any())
            self.supplier_run[key] = self.supplier_run[key] + 1 if waiting else 0
            run = self.supplier_run[key]
            if run > m.supplier_unordered_max:
                m.supplier_unordered_max, m.supplier_unordered_supplier = run, key
                m.supplier_unordered_last_day = day.isoformat()
            m.supplier_unordered_over = max(m.supplier_unordered_over,
                                            run - self.supplier_spec[key].lead_time_days - 7)

    def check_books(self) -> None:
        """The books' stock equals the goods on the shelf (the simulator's own consistency check)."""
        books = self.on_hand()
        shelf = np.array([lots.total() for lots in self.lots], dtype=np.int64)
        assert (books == shelf).all(), [(self.items[i].sku, books[i], shelf[i]) for i in np.nonzero(books != shelf)[0]]
