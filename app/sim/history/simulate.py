"""Two years of a kirana's days, written through the real services on a simulated clock.

Each simulated day is one ``store.write()`` block: every service call inside becomes a savepoint, so
the day commits once. Within a day the actions run in time order: expired milk and bread
go out at opening, deliveries arrive in the late morning, customers come through the day (more in the
morning and evening), khata payments come in, and after closing the owner orders from the
distributors whatever is running low. A customer asking for something the shelf does not have goes
without (a lost sale); nothing is ever sold that is not on the shelf.
"""

from __future__ import annotations

import bisect
import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from app import config
from app.domain.clock import IST, ManualClock
from app.domain.gst import round_off
from app.domain.pricing import line_amount
from app.domain.qty import MILLI
from app.errors import CreditLimitExceeded, NeedsConfirmation, UnusualQuantity
from app.i18n import _
from app.services import catalog as catalog_service
from app.services import khata, sales, suppliers
from app.services import settings as settings_service
from app.services.context import ServiceContext
from app.services.sales import PaymentIn, SaleLine
from app.services.shop import create_shop
from app.sim.history.catalog import Item
from app.sim.history.demand import Day, ShopperDemand, poisson
from app.sim.history.happenings import Happenings
from app.sim.history.people import SHOP, SHOP_PAN, STATE, SUPPLIERS, CustomerPlan, make_gstin, make_pan, make_phones
from app.sim.history.scale import SCALES, Report, Scale
from app.sim.history.shelf import RECENT_KEEP, OpenPo

__all__ = ["SCALES", "Report", "Scale", "Simulation"]

HOURS = (7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21)
HOUR_WEIGHTS = (4, 8, 9, 8, 6, 5, 4, 3, 4, 5, 8, 10, 11, 9, 5)
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
Progress = Callable[[float, str], None]


@dataclass
class Customer:
    id: int
    plan: CustomerPlan
    limit: int
    balance: int
    weight: float
    pay_day: int  # day of month (monthly), weekday (weekly), or days between payments (slow)
    next_pay: date | None = None


class Simulation(Happenings):
    """The shop through its days: set-up, then each day's customers, deliveries, payments and orders."""

    def __init__(self, ctx: ServiceContext, clock: ManualClock, items: list[Item], *, seed: int, start: date,
                 days: int, scale: Scale, progress: Progress) -> None:
        self.ctx, self.clock, self.items = ctx, clock, items
        self.seed, self.start, self.days, self.scale = seed, start, days, scale
        self.end = start + timedelta(days=days - 1)  # the last day of trading
        self.progress = progress
        self.rng = random.Random(f"tavyonix-demo:{seed}:days")
        self.model = ShopperDemand(start, self.end, base_bills=scale.base_bills, seed=seed)
        self.report = Report(items=len(items))
        self.supplier_ids: list[int] = []
        self.customers: list[Customer] = []
        self.customer_cum: list[float] = []
        self.open_pos: dict[int, OpenPo] = {}
        self.arrivals: dict[date, list[tuple[int, str]]] = {}  # day -> [(po id, what happens)]
        self.due: list[dict[int, bool]] = [{} for _ in SUPPLIERS]  # per supplier: items at reorder point
        self.shortages: dict[int, date] = {}  # family -> the day the distributor has it again
        self.pending: list[tuple[str, tuple]] = []  # price and catalog events waiting for an open day
        self.by_family: dict[int, list[Item]] = {}
        for item in items:
            self.by_family.setdefault(item.family, []).append(item)
        self._groups: list[tuple[str, tuple[str, ...], list[int], list[float]]] = []
        self._roster_dirty = True
        self._mandi: dict[int, float] = {}
        self._base_price: dict[int, tuple[int, int]] = {}  # loose/no-MRP items: (price, supplier cost) at start
        self._offers: dict[int, int] = {}  # item index -> price before a festival offer
        self._round_to_rupee = True
        self._touched: list[Item] = []  # items asked for today
        self._perishables = [item for item in items if item.tracks_expiry]
        self._retiring: list[Item] = []

    def setup(self) -> None:
        ctx, rng = self.ctx, random.Random(f"tavyonix-demo:{self.seed}:people")
        day = self.start
        self.at(day, 6 * 3600)
        create_shop(ctx, gstin=make_gstin(STATE, SHOP_PAN), **SHOP)
        self._round_to_rupee = settings_service.get(ctx.store, config.ROUND_TO_RUPEE)
        phones = make_phones(rng, len(SUPPLIERS) + 60)
        for n, plan in enumerate(SUPPLIERS):
            self.at(day, 6 * 3600 + 60 + n)
            pan = make_pan(rng, "F", plan.surname)
            changes = suppliers.create_supplier(
                ctx, name=plan.name, contact_person=plan.contact_person, phone=phones[n], whatsapp=phones[n],
                gstin=make_gstin(STATE, pan), address=plan.address, lead_time_days=plan.lead_time_days,
                min_order_paise=plan.min_order_rupees * 100, payment_terms_days=plan.payment_terms_days,
                visit_days=",".join(DAY_NAMES[d] for d in plan.visit_days), notes=plan.notes)
            self.supplier_ids.append(changes.id)
        self._plan_stock_levels()
        self._create_items([item for item in self.items if not item.launch], day, 6 * 3600 + 300, report=True)
        self._create_customers(rng, phones[len(SUPPLIERS):], day)
        self._plan_events()

    def _create_items(self, batch: list[Item], day: date, seconds: int, *, report: bool = False) -> None:
        for first in range(0, len(batch), 500):
            self.at(day, seconds + first // 500)
            with self.ctx.store.write():  # one commit per 500 items
                self._create_chunk(batch[first:first + 500])
            if report and len(batch) > 1000:
                self.progress(0.02 + 0.2 * min(1.0, (first + 500) / len(batch)),
                              _("Putting {count} items on the shelves").format(count=f"{len(batch):,}"))
        self._roster_dirty = True

    def _create_chunk(self, chunk: list[Item]) -> None:
        ctx, day = self.ctx, self.clock.now().astimezone(IST).date()
        for item in chunk:
            catalog_service.create_product(
                ctx, sku=item.sku, name_en=item.name_en, name_hi=item.name_hi, keywords=item.keywords,
                brand=item.brand, category=item.category, unit=item.unit, pack_size=item.pack_size,
                barcode=item.barcode, hsn_code=item.hsn, gst_rate_bp=item.own_rate_bp, price_paise=item.price,
                mrp_paise=item.mrp, cost_paise=item.cost, reorder_point_milli=item.reorder_point,
                reorder_qty_milli=item.reorder_qty, max_stock_milli=item.max_stock,
                shelf_life_days=item.shelf_life, opening_stock_milli=item.on_hand)
            suppliers.link_product(ctx, self.supplier_ids[item.supplier], item.sku, cost_paise=item.supplier_cost,
                                   case_size_milli=item.case, moq_milli=item.moq,
                                   supplier_code=f"{SUPPLIERS[item.supplier].key[:3].upper()}{item.index:06d}")
            if item.alt_supplier is not None:
                suppliers.link_product(ctx, self.supplier_ids[item.alt_supplier], item.sku,
                                       cost_paise=round(item.supplier_cost * 1.04), case_size_milli=item.case,
                                       moq_milli=item.moq)
            if item.tracks_expiry and item.on_hand:
                item.lots.add(item.on_hand, day.toordinal() + (item.shelf_life or 1))
            item.listed = True

    def _create_customers(self, rng: random.Random, phones: list[str], day: date) -> None:
        from app.sim.history.people import make_customers

        limits = {"cash": (0, 0), "monthly": (3000, 8000), "weekly": (2000, 5000), "slow": (20000, 40000)}
        visits = {"cash": 1.0, "monthly": 1.3, "weekly": 1.1, "slow": 1.4}
        for n, plan in enumerate(make_customers(rng)):
            self.at(day, 6 * 3600 + 1800 + n)
            low, high = limits[plan.kind]
            limit = rng.randrange(low, high + 1, 500) * 100 if high else 0
            opening = 0
            if plan.kind == "slow":
                opening = rng.randrange(4000, 15000, 50) * 100
            elif plan.kind == "monthly" and rng.random() < 0.6:
                opening = rng.randrange(200, 2500, 10) * 100
            elif plan.kind == "weekly" and rng.random() < 0.4:
                opening = rng.randrange(100, 800, 10) * 100
            changes = khata.create_customer(
                self.ctx, name=plan.name, name_hi=plan.name_hi, phone=phones[n],
                address=f"{plan.area}, Kothrud, Pune", credit_limit_paise=limit, opening_balance_paise=opening,
                notes=_("pays at the start of the month") if plan.kind == "monthly" else "")
            pay_day = {"monthly": rng.randint(1, 7), "weekly": rng.randrange(7), "slow": rng.randint(15, 45),
                       "cash": 0}[plan.kind]
            customer = Customer(changes.id, plan, limit, opening, visits[plan.kind] * math.exp(rng.gauss(0, 0.5)),
                                pay_day)
            if plan.kind == "slow":
                customer.next_pay = day + timedelta(days=rng.randint(1, pay_day))
            self.customers.append(customer)
        total = 0.0
        for customer in self.customers:
            total += customer.weight
            self.customer_cum.append(total)

    def run(self) -> Report:
        for offset in range(self.days):
            day = self.start + timedelta(days=offset)
            with self.ctx.store.write():
                self.run_day(day)
            if offset % 5 == 0 or offset == self.days - 1:
                self.progress(0.25 + 0.73 * (offset + 1) / self.days,
                              _("Recording the shop's sales: {day}").format(day=day.strftime("%d-%m-%Y")))
        return self.report

    def run_day(self, day: date) -> None:
        described = self.model.describe(day)
        self.pending.extend(self.events.get(day, ()))
        if not described.open:
            self.report.closed_days += 1
            if day in self.arrivals:  # deliveries wait for the shop to open
                self.arrivals.setdefault(day + timedelta(days=1), []).extend(self.arrivals.pop(day))
            return
        rng = self.rng
        self.at(day, 7 * 3600)
        self._throw_out_expired(day)
        self.at(day, 7 * 3600 + 1800)
        pending, self.pending = self.pending, []
        for kind, args in pending:
            getattr(self, f"_event_{kind}")(day, *args)
        if self._roster_dirty:
            self._build_roster()
        weights = self._day_weights(described)
        actions: list[tuple[int, int, str, tuple]] = []
        for n, (po_id, what) in enumerate(self.arrivals.pop(day, ())):
            supplier = self.open_pos[po_id].supplier if po_id in self.open_pos else 0
            actions.append((10 * 3600 + supplier * 900 + rng.randrange(600), n, "arrival", (po_id, what)))
        bills = poisson(rng, described.bills_mean)
        for n in range(bills):
            hour = rng.choices(HOURS, HOUR_WEIGHTS)[0]
            actions.append((hour * 3600 + rng.randrange(3600), 1000 + n, "bill", ()))
        for n, customer in enumerate(self._payers(day)):
            actions.append((9 * 3600 + rng.randrange(12 * 3600), 100_000 + n, "payment", (customer,)))
        if rng.random() < 0.15:
            actions.append((14 * 3600 + rng.randrange(3600), 200_000, "damage", ()))
        if day.weekday() == 6 and day.day <= 7:
            actions.append((15 * 3600, 200_001, "count", ()))
        actions.sort()
        for seconds, _n, kind, args in actions:
            moment = self.at(day, seconds)
            if kind == "bill":
                self._bill(day, moment, weights)
            elif kind == "arrival":
                self._arrival(day, *args)
            elif kind == "payment":
                self._khata_payment(*args)
            elif kind == "damage":
                self._damage()
            elif kind == "count":
                self._count()
        self.at(day, 21 * 3600 + 40 * 60)
        today = day.toordinal()
        touched, self._touched = self._touched, []
        for item in touched:
            self._recent(item, today - 1)
            item.recent = item.recent * RECENT_KEEP + item.asked_today * (1 - RECENT_KEEP)
            item.recent_on = today
        self._reorder(day, touched)
        for item in touched:
            item.asked_today = 0
        self._retire_sold_out()

    def _build_roster(self) -> None:
        groups: dict[tuple[str, tuple[str, ...]], tuple[list[int], list[float]]] = {}
        for item in self.items:
            if not (item.listed and item.active):
                continue
            members, cum = groups.setdefault((item.category, item.tags), ([], []))
            members.append(item.index)
            cum.append((cum[-1] if cum else 0.0) + item.lines_per_day)
        self._groups = [(cat, tags, members, cum) for (cat, tags), (members, cum) in groups.items()]
        self._roster_dirty = False

    def _day_weights(self, described: Day) -> list[float]:
        cum, total = [], 0.0
        for category, tags, _members, weights in self._groups:
            total += weights[-1] * self.model.group_multiplier(described, category, tags)
            cum.append(total)
        return cum

    def _pick(self, weights: list[float]) -> Item:
        rng = self.rng
        group = self._groups[min(len(weights) - 1, bisect.bisect_right(weights, rng.random() * weights[-1]))]
        members, cum = group[2], group[3]
        return self.items[members[min(len(members) - 1, bisect.bisect_right(cum, rng.random() * cum[-1]))]]

    def _bill(self, day: date, moment: datetime, weights: list[float]) -> None:
        rng = self.rng
        customer = None
        if self.customers and rng.random() < self.scale.customer_share:
            customer = self.customers[bisect.bisect_right(self.customer_cum, rng.random() * self.customer_cum[-1])]
        lines_wanted = rng.choices(range(1, len(self.scale.line_weights) + 1), self.scale.line_weights)[0]
        if customer is not None and day.day <= 7 and customer.plan.kind != "cash":
            lines_wanted += rng.randint(0, 4)  # the monthly shopping on the khata
        basket: dict[int, int] = {}
        for _n in range(lines_wanted):
            item = self._pick(weights)
            if item.index in basket:
                continue
            want = rng.choice(item.sell)
            if not item.asked_today:
                self._touched.append(item)
            item.asked_today += want
            take = want if item.on_hand >= want else item.on_hand - item.on_hand % (50 if item.loose else MILLI)
            if take <= 0:
                self.report.lost_lines += 1
                continue
            basket[item.index] = take
        if not basket:
            return
        lines = [SaleLine(sku=self.items[i].sku, qty_milli=q) for i, q in basket.items()]
        # GST is inside the price, so the bill's total is the sum of its lines plus the round-off
        # (what billing.price_bill gives with no discounts)
        total = sum(line_amount(self.items[i].price, q) for i, q in basket.items())
        if self._round_to_rupee:
            total += round_off(total)
        payments = self._payments(customer, total)
        customer_id = customer.id if customer is not None else None
        try:
            sales.record_sale(self.ctx, lines=lines, payments=payments, customer_id=customer_id, at=moment)
        except CreditLimitExceeded:
            raise  # the khata is tracked exactly: this would be a bug here
        except UnusualQuantity:
            # a big basket (a function, a wholesale buyer): the owner checks it and says yes
            sales.record_sale(self.ctx, lines=lines, payments=payments, customer_id=customer_id, at=moment,
                              confirmed=True)
        except NeedsConfirmation:
            # A price left below a cost that rose (the model tries hard to avoid it): the owner
            # notices at the counter, corrects the price and bills again. Sales are never forced.
            changed, still_below = self._reprice_below_cost(list(basket))
            if not changed:
                raise
            self.clock.set(moment)
            total = sum(line_amount(self.items[i].price, q) for i, q in basket.items())
            if self._round_to_rupee:
                total += round_off(total)
            if customer is not None:
                customer.balance -= sum(p.amount_paise for p in payments if p.method == "khata")
            payments = self._payments(customer, total)
            # only an MRP under the new cost makes the owner sell at a loss, and he confirms it
            sales.record_sale(self.ctx, lines=lines, payments=payments, customer_id=customer_id, at=moment,
                              confirmed=still_below)
        for index, qty in basket.items():
            self._take(self.items[index], qty)
        self.report.bills += 1
        self.report.lines += len(lines)
        self.report.revenue_paise += total

    def _payments(self, customer: Customer | None, total: int) -> list[PaymentIn]:
        rng = self.rng
        progress = (self.clock.now().date() - self.start).days / max(1, self.days)
        if customer is not None and customer.plan.kind != "cash":
            share = {"monthly": 0.6, "weekly": 0.55, "slow": 0.8}[customer.plan.kind]
            if rng.random() < share:
                cash = 0 if rng.random() < 0.85 else total // 2 // 1000 * 1000
                credit = total - cash
                if customer.balance + credit <= customer.limit:
                    customer.balance += credit
                    payments = [PaymentIn(method="khata", amount_paise=credit)]
                    if credit < total:
                        payments.append(PaymentIn(method="cash", amount_paise=total - credit))
                    return payments
        roll = rng.random()
        upi_share = 0.37 + 0.15 * progress
        if total >= 30_000 and roll < 0.05:
            return [PaymentIn(method="card", amount_paise=total, reference=f"{rng.randrange(10**6):06d}")]
        if total >= 20_000 and roll < 0.08:
            cash = total // 2 // 10_000 * 10_000 or total // 2
            return [PaymentIn(method="cash", amount_paise=cash),
                    PaymentIn(method="upi", amount_paise=total - cash, reference=self._upi_ref())]
        if roll < 0.08 + upi_share:
            return [PaymentIn(method="upi", amount_paise=total, reference=self._upi_ref())]
        return [PaymentIn(method="cash", amount_paise=total, tendered_paise=self._tendered(total))]

    def _upi_ref(self) -> str:
        return f"{self.rng.randrange(10**11, 10**12)}"

    def _tendered(self, total: int) -> int:
        roll = self.rng.random()
        if roll < 0.4:
            return total
        for note in (1000, 5000, 10_000, 20_000, 50_000, 200_000):
            if note >= total and (roll < 0.75 or note >= 2 * total):
                return note
        return -(-total // 50_000) * 50_000

    def _payers(self, day: date) -> list[Customer]:
        due = []
        for customer in self.customers:
            kind = customer.plan.kind
            if customer.balance <= 0 or kind == "cash":
                continue
            if (kind == "monthly" and day.day == customer.pay_day) or (
                    kind == "weekly" and day.weekday() == customer.pay_day):
                due.append(customer)
            elif kind == "slow" and customer.next_pay is not None and day >= customer.next_pay:
                customer.next_pay = day + timedelta(days=customer.pay_day + self.rng.randint(-5, 10))
                due.append(customer)
        return due

    def _khata_payment(self, customer: Customer) -> None:
        rng, balance = self.rng, customer.balance
        if balance <= 0:
            return
        if customer.plan.kind == "slow":
            amount = min(balance, rng.randrange(300, 2500, 50) * 100)
        elif rng.random() < 0.8:
            amount = balance
        else:
            amount = min(balance, max(10_000, int(balance * rng.uniform(0.5, 0.9)) // 10_000 * 10_000))
        method = "upi" if rng.random() < 0.4 else "cash"
        khata.receive_payment(self.ctx, customer.id, amount, method=method,
                              reference=self._upi_ref() if method == "upi" else "")
        customer.balance -= amount
        self.report.khata_payments += 1
