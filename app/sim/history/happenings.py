"""What happens to prices and the catalog over two years, decided up front from the seed: brands
revise their MRP, GST 2.0 cuts rates on 22 Sep 2025 (the owner passes the cut on), mandi rates move
the price of loose goods, a Diwali offer on dry fruits and gift packs, a distributor runs out of
something for a while, new products launch and old ones are discontinued. Part of
:class:`app.sim.history.simulate.Simulation`.
"""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

from app.domain.money import format_inr
from app.i18n import _
from app.services import catalog as catalog_service
from app.services.taxes import rate_table
from app.sim.history.catalog import MARGIN, Item
from app.sim.history.demand import poisson
from app.sim.history.shelf import ShelfKeeping
from app.store import catalog as catalog_store

__all__ = ["Happenings"]

GST_REFORM = date(2025, 9, 22)  # "GST 2.0": Notification 9/2025-CT(Rate)


class Happenings(ShelfKeeping):
    """Price changes and catalog changes through the history."""

    days: int
    end: date
    by_family: dict[int, list[Item]]
    events: dict[date, list[tuple[str, tuple]]]
    _mandi: dict[int, float]
    _offers: dict[int, int]
    _retiring: list[Item]
    _roster_dirty: bool

    def _create_items(self, batch: list[Item], day: date, seconds: int, *, report: bool = False) -> None:
        raise NotImplementedError

    def _plan_events(self) -> None:
        """Price and catalog events through the history, decided up front."""
        rng = random.Random(f"tavyonix-demo:{self.seed}:events")
        span = self.days
        events: list[tuple[date, int, str, tuple]] = []
        for fam, members in self.by_family.items():
            packed = [i for i in members if i.mrp is not None and i.mrp > 2000]
            if packed and not members[0].launch:
                for _n in range(poisson(rng, 0.55 * span / 365)):
                    events.append((self.start + timedelta(days=rng.randrange(1, max(2, span))), 1, "mrp",
                                   (fam, rng.uniform(0.03, 0.10))))
            if members[0].launch:
                events.append((self.start + timedelta(days=rng.randrange(1, max(2, int(span * 0.7)))), 0, "launch",
                               (fam,)))
            if members[0].retire:
                events.append((self.start + timedelta(days=rng.randrange(1, max(2, int(span * 0.6)))), 0, "retire",
                               (fam,)))
        if self.start < GST_REFORM <= self.end:
            events.append((GST_REFORM, 2, "gst", ()))
        for fday, name in self.model.festivals.items():
            if name == "diwali":
                begin = fday - timedelta(days=10)
                if self.start <= begin <= self.end:
                    events.append((begin, 3, "offer", (True,)))
                if self.start <= fday + timedelta(days=2) <= self.end:
                    events.append((fday + timedelta(days=2), 3, "offer", (False,)))
        for offset in range(1, span):
            day = self.start + timedelta(days=offset)
            if day.day in (1, 16):
                events.append((day, 4, "mandi", ()))
            if rng.random() < 1 / 60:  # a distributor runs out of something for a while
                fam = rng.choice(list(self.by_family))
                events.append((day, 5, "shortage", (fam, rng.randint(7, 20))))
        events.sort(key=lambda e: (e[0], e[1]))
        self.events: dict[date, list[tuple[str, tuple]]] = {}
        for day, _order, kind, args in events:
            self.events.setdefault(day, []).append((kind, args))

    def _change_price(self, item: Item, price: int, mrp: int | None, reason: str) -> None:
        if price == item.price and mrp == item.mrp:
            return
        catalog_service.change_price(self.ctx, item.sku, price_paise=price, mrp_paise=mrp, origin=self.origin(reason))
        item.price, item.mrp = price, mrp
        self.report.price_changes += 1

    def _reprice_below_cost(self, indexes: list[int]) -> tuple[bool, bool]:
        """Raise the price of any of these items that sells below its cost: (any changed, any still below)."""
        changed = still_below = False
        for index in indexes:
            item = self.items[index]
            cost = catalog_store.get(self.ctx.store.db(), item.sku).cost_paise
            if item.price >= cost:
                continue
            price = math.ceil(cost * 1.05 / 100) * 100
            if item.mrp is not None:
                price = min(price, item.mrp)
            self._change_price(item, price, item.mrp, _("the price was below the cost"))
            self.report.notes.append(f"repriced {item.sku} on {self.clock.now().date()}")
            changed, still_below = True, still_below or price < cost
        return changed, still_below

    def _event_mrp(self, day: date, fam: int, pct: float) -> None:
        for item in self.by_family[fam]:
            if not (item.listed and item.active) or item.mrp is None or item.mrp <= 2000:
                continue
            step = 500 if item.mrp >= 10_000 else 100
            new_mrp = math.ceil(item.mrp * (1 + pct) / step) * step
            discount = item.price / item.mrp
            new_price = min(new_mrp, max(item.price, int(new_mrp * discount) // 100 * 100))
            item.supplier_cost = round(item.supplier_cost * new_mrp / item.mrp)
            self._change_price(item, new_price, new_mrp, _("{brand} raised the MRP from {old} to {new}; new stock "
                                                           "costs more").format(brand=item.brand or item.name_en,
                                                                                old=format_inr(item.mrp),
                                                                                new=format_inr(new_mrp)))

    def _event_gst(self, day: date) -> None:
        table = rate_table(self.ctx.store)
        before = day - timedelta(days=1)
        for item in self.items:
            if item.own_rate_bp is not None or not item.listed:
                continue
            old, new = table.lookup(item.hsn, before), table.lookup(item.hsn, day)
            factor = (10_000 + new.rate_bp + new.cess_bp) / (10_000 + old.rate_bp + old.cess_bp)
            if factor >= 1:
                continue
            item.supplier_cost = round(item.supplier_cost * factor)
            if item.mrp is not None and item.mrp <= 2000:
                continue  # the 5, 10 and 20 rupee packs keep their price and grow in grammage instead
            if not item.active:
                continue
            new_cost = round(item.cost * factor)
            catalog_service.update_product(self.ctx, item.sku, cost_paise=new_cost, origin=self.origin(
                _("GST cut: the distributor credited the tax on stock in hand")))
            item.cost = new_cost
            mrp = None if item.mrp is None else max(100, round(item.mrp * factor / 100) * 100)
            price = max(new_cost, round(item.price * factor / 100) * 100)
            price = min(price, mrp) if mrp is not None else price
            self._change_price(item, price, mrp, _("GST on this item fell from {old}% to {new}% on 22 Sep 2025; "
                                                   "the price is lowered to pass it on").format(
                old=(old.rate_bp + old.cess_bp) / 100, new=(new.rate_bp + new.cess_bp) / 100))

    def _event_mandi(self, day: date) -> None:
        """Loose goods follow the wholesale market: onions and tomatoes swing, grains drift."""
        rng = self.rng
        for fam, members in self.by_family.items():
            head = members[0]
            if head.mrp is not None:
                continue
            sigma = 0.2 if head.category == "fresh" and head.unit == "kg" else 0.05
            level = self._mandi.get(fam, 1.0)
            level = math.exp(0.8 * math.log(level) + rng.gauss(0.004, sigma))
            self._mandi[fam] = level
            for item in members:
                if not (item.listed and item.active) or item.mrp is not None:
                    continue  # packed variants keep their MRP
                base_price, base_cost = self._base_price[item.index]
                item.supplier_cost = max(1, round(base_cost * level))
                floor = item.cost / (1 - MARGIN[item.category] / 3)
                price = max(math.ceil(floor / 100) * 100, round(base_price * level / 100) * 100, 100)
                if abs(price - item.price) >= 100:
                    self._change_price(item, price, None, _("Wholesale rate changed; now {price} a {unit}").format(
                        price=format_inr(price), unit=item.unit))

    def _event_offer(self, day: date, starting: bool) -> None:
        for item in self.items:
            if not (item.listed and item.active) or item.mrp is None:
                continue
            if not ({"gift", "dry_fruit"} & set(item.tags)):
                continue
            if starting:
                offer = max(max(item.cost, item.supplier_cost) + 100, int(item.price * 0.92) // 100 * 100)
                if offer < item.price:
                    self._offers[item.index] = item.price
                    self._change_price(item, offer, item.mrp, _("Diwali offer"))
            elif item.index in self._offers:
                back = min(item.mrp, max(self._offers.pop(item.index), item.price))
                self._change_price(item, back, item.mrp, _("Diwali offer over"))

    def _event_shortage(self, day: date, fam: int, length: int) -> None:
        self.shortages[fam] = day + timedelta(days=length)

    def _event_launch(self, day: date, fam: int) -> None:
        new = [item for item in self.by_family[fam] if not item.listed]
        if not new:
            return
        for item in new:
            item.on_hand = 0
        self._create_items(new, day, 7 * 3600 + 1900)
        sup = new[0].supplier
        lines = {item.index: max(item.moq, item.case * 2) for item in new}
        po_id = self._place(day, sup, lines, _("new launch: first stock"), deliver=False)
        self._arrival(day, po_id, "full")  # the salesman brought the first cartons with him

    def _event_retire(self, day: date, fam: int) -> None:
        for item in self.by_family[fam]:
            item.stop_ordering = True
            self._retiring.append(item)

    def _retire_sold_out(self) -> None:
        for item in self._retiring:
            if item.active and item.listed and item.on_hand <= 0 and item.on_order == 0:
                catalog_service.archive_product(self.ctx, item.sku, origin=self.origin(
                    _("the company stopped making it and the last one is sold")))
                item.active = False
                self._roster_dirty = True
