"""The books a shopkeeper keeps besides the sales report: sales by the hour, the day book, stock value with
the slow movers, and khata ageing. Each is read-only, is built from the store's reads, and turns into a
:class:`~app.services.report_tables.Printable` for the PDF and the workbook (the Reports page and
``report hours|daybook|stock|khata``).

- **By the hour**: bills and sales in each hour of the shop's day (its own time zone) over the period.
- **Day book**: every sale, credit note, khata payment, payment to a supplier and purchase bill of the period in
  time order, with the money that came in and went out (khata is neither: it is owed) and the totals by way.
- **Stock value**: what is on the shelf at cost and at the selling price, by category; the **slow movers** are
  items with stock that sold nothing in the period, the dearest stock first, with the day they last sold.
- **Khata ageing**: what each customer owes split by the age of the credit still unpaid (payments settle the
  oldest first), 0–30, 31–60, 61–90 and over 90 days, the oldest debt first: the list to remind from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from app.domain.clock import from_iso, shop_zone, to_iso
from app.domain.money import format_inr
from app.domain.qty import format_qty
from app.i18n import _, language
from app.services.report_tables import Printable, ReportTable, Rupees
from app.services.sales_report import check_period
from app.store import book_reports as reads
from app.store import khata_age

__all__ = ["AGE_BUCKETS", "DayBook", "KhataAgeing", "StockValue", "day_book", "day_book_printable",
           "hours_printable", "khata_ageing", "khata_printable", "sales_by_hour", "stock_printable", "stock_value",
           "zone_of"]

AGE_BUCKETS = (30, 60, 90)  # days: 0-30, 31-60, 61-90, over 90
SLOW_MOVERS = 200  # the dearest this many; the rest are in the total


def _day_text(day: str | date) -> str:
    return (date.fromisoformat(day) if isinstance(day, str) else day).strftime("%d-%m-%Y")


def _period_text(start: date, end: date) -> str:
    if start == end:
        return _("on {day}").format(day=_day_text(start))
    return _("{start} to {end}").format(start=_day_text(start), end=_day_text(end))


# --- by the hour -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class HourRow:
    hour: int  # 0..23, shop time
    bills: int
    sales_paise: int
    taxable_paise: int

    @property
    def label(self) -> str:
        return f"{self.hour:02d}–{(self.hour + 1) % 24:02d}"


def sales_by_hour(store: Any, start: date, end: date, zone: tzinfo) -> list[HourRow]:
    """The hours from the first with a bill to the last (all 24 when there were none: an empty chart)."""
    check_period(start, end)
    bills = [0] * 24
    sales = [0] * 24
    taxable = [0] * 24
    for at, total, before_tax in reads.bills_with_times(store.db(), start.isoformat(), end.isoformat()):
        hour = from_iso(at).astimezone(zone).hour
        bills[hour] += 1
        sales[hour] += total
        taxable[hour] += before_tax
    used = [h for h in range(24) if bills[h]]
    first, last = (used[0], used[-1]) if used else (0, 23)
    return [HourRow(h, bills[h], sales[h], taxable[h]) for h in range(first, last + 1)]


def hours_printable(rows: list[HourRow], start: date, end: date) -> Printable:
    busiest = max(rows, key=lambda r: r.sales_paise, default=None)
    if busiest is not None and busiest.bills:
        lines = [_("Busiest hour: {hour}, {bills} bills, {sales}.").format(
            hour=busiest.label, bills=busiest.bills, sales=format_inr(busiest.sales_paise))]
    else:
        lines = [_("No sales in this period.")]
    table = ReportTable(_("Sales by hour"), [_("Hour"), _("Bills"), _("Sales"), _("Before tax")],
                        [[r.label, r.bills, Rupees(r.sales_paise), Rupees(r.taxable_paise)] for r in rows],
                        total=[_("Total"), sum(r.bills for r in rows), Rupees(sum(r.sales_paise for r in rows)),
                               Rupees(sum(r.taxable_paise for r in rows))])
    return Printable(_("Sales by hour"), _period_text(start, end), lines, [table])


# --- day book ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class DayBookEntry:
    at: str  # shop time, "dd-mm-yyyy HH:MM" (a supplier payment or purchase bill: its date)
    kind: str  # sale, return, collection, supplier_payment, purchase
    number: str
    party: str
    amount_paise: int
    in_paise: int = 0
    out_paise: int = 0
    khata_paise: int = 0  # put on the khata (a credit note taken off it: below zero)
    way: str = ""

    @property
    def what(self) -> str:
        return {"sale": _("Sale"), "return": _("Credit note"), "collection": _("Khata payment"),
                "supplier_payment": _("Paid to supplier"), "purchase": _("Purchase bill")}[self.kind]


@dataclass
class DayBook:
    start: date
    end: date
    entries: list[DayBookEntry] = field(default_factory=list)

    @property
    def money_in_paise(self) -> int:
        return sum(e.in_paise for e in self.entries)

    @property
    def money_out_paise(self) -> int:
        return sum(e.out_paise for e in self.entries)

    @property
    def on_khata_paise(self) -> int:
        """Put on the khata less paid off it over the period."""
        return sum(e.khata_paise for e in self.entries)

    @property
    def khata_added_paise(self) -> int:
        return sum(e.khata_paise for e in self.entries if e.khata_paise > 0)

    @property
    def khata_paid_paise(self) -> int:
        return -sum(e.khata_paise for e in self.entries if e.khata_paise < 0)

    def count(self, kind: str) -> int:
        return sum(1 for e in self.entries if e.kind == kind)


def _local(at: str, zone: tzinfo) -> tuple[str, str]:
    """(sort key, text) of a UTC time in the shop's time."""
    moment = from_iso(at).astimezone(zone)
    return moment.strftime("%Y-%m-%d %H:%M:%S"), moment.strftime("%d-%m-%Y %H:%M")


def day_book(store: Any, start: date, end: date, zone: tzinfo) -> DayBook:
    check_period(start, end)
    db = store.db()
    s, e = start.isoformat(), end.isoformat()
    keyed: list[tuple[str, DayBookEntry]] = []
    for at, kind, number, party, total, paid_in, paid_back, khata in reads.day_book_bills(db, s, e):
        key, text = _local(at, zone)
        if kind == "sale":
            entry = DayBookEntry(text, "sale", number, party or _("Walk-in customer"), total, in_paise=paid_in,
                                 out_paise=paid_back, khata_paise=khata)
        else:  # a credit note: money given back, or taken off the khata
            entry = DayBookEntry(text, "return", number, party or _("Walk-in customer"), total, in_paise=paid_in,
                                 out_paise=paid_back, khata_paise=khata)
        keyed.append((key, entry))
    first = to_iso(datetime.combine(start, time(0), zone))
    after = to_iso(datetime.combine(end + timedelta(days=1), time(0), zone))
    for at, party, way, amount, reference in reads.day_book_collections(db, first, after):
        key, text = _local(at, zone)
        keyed.append((key, DayBookEntry(text, "collection", reference, party, abs(amount),
                                        in_paise=max(amount, 0), out_paise=max(-amount, 0),
                                        khata_paise=-amount, way=way)))
    for at, supplier, way, amount, reference in reads.day_book_supplier_payments(db, s, e):
        key, text = _local(at, zone)
        keyed.append((key, DayBookEntry(text, "supplier_payment", reference, supplier, amount, out_paise=amount,
                                        way=way)))
    for bill_date, supplier, bill_no, total in reads.day_book_purchases(db, s, e):
        keyed.append((bill_date + " 23:59:59", DayBookEntry(_day_text(bill_date), "purchase", bill_no, supplier,
                                                            total)))
    keyed.sort(key=lambda pair: pair[0])
    return DayBook(start, end, [entry for _key, entry in keyed])


def _unless_zero(paise: int) -> Rupees | str:
    """A blank for nothing: in the day book most lines move money one way only."""
    return Rupees(paise) if paise else ""


def day_book_printable(book: DayBook) -> Printable:
    lines = [
        _("Money in {money_in} · money out {money_out} · left {net}").format(
            money_in=format_inr(book.money_in_paise), money_out=format_inr(book.money_out_paise),
            net=format_inr(book.money_in_paise - book.money_out_paise)),
        _("{sales} sales, {notes} credit notes, {payments} khata payments, {paid} payments to suppliers, "
          "{bills} purchase bills").format(
            sales=book.count("sale"), notes=book.count("return"), payments=book.count("collection"),
            paid=book.count("supplier_payment"), bills=book.count("purchase")),
        _("Khata: {added} put on it, {paid} paid off or taken back").format(
            added=format_inr(book.khata_added_paise), paid=format_inr(book.khata_paid_paise)),
    ]
    table = ReportTable(_("Day book"), [_("When"), _("What"), _("Number"), _("Party"), _("Amount"), _("Money in"),
                                        _("Money out"), _("On khata")],
                        [[e.at, e.what, e.number, e.party, Rupees(e.amount_paise), _unless_zero(e.in_paise),
                          _unless_zero(e.out_paise), _unless_zero(e.khata_paise)] for e in book.entries],
                        total=[_("Total"), "", "", "", "", Rupees(book.money_in_paise), Rupees(book.money_out_paise),
                               Rupees(book.on_khata_paise)], stretch=3)
    return Printable(_("Day book"), _period_text(book.start, book.end), lines, [table])


# --- stock value and slow movers ---------------------------------------------------------------------
@dataclass(frozen=True)
class StockRow:
    sku: str
    name: str
    unit: str
    category: str
    on_hand_milli: int
    cost_value_paise: int
    price_value_paise: int
    last_sold_on: str | None = None  # shop date of its last sale ever
    sold_milli: int = 0  # in the period


@dataclass(frozen=True)
class CategoryValue:
    name: str
    items: int
    cost_value_paise: int
    price_value_paise: int


@dataclass
class StockValue:
    start: date
    end: date
    on: date
    items: int = 0
    cost_value_paise: int = 0
    price_value_paise: int = 0
    without_cost: int = 0  # items with stock and no cost price: counted at nothing
    categories: list[CategoryValue] = field(default_factory=list)
    slow: list[StockRow] = field(default_factory=list)  # no sale in the period, dearest stock first
    slow_count: int = 0
    slow_value_paise: int = 0

    def days_since(self, row: StockRow) -> int | None:
        return None if row.last_sold_on is None else (self.on - date.fromisoformat(row.last_sold_on)).days


def _value(qty_milli: int, each_paise: int) -> int:
    return (qty_milli * each_paise + 500) // 1000


def stock_value(store: Any, start: date, end: date, today: date) -> StockValue:
    check_period(start, end)
    db = store.db()
    hindi = language() == "hi"
    last, sold = reads.last_sales(db, start.isoformat(), end.isoformat())
    report = StockValue(start, end, today)
    by_category: dict[str, list[int]] = {}
    slow: list[StockRow] = []
    for sku, name_en, name_hi, unit, _code, cat_en, cat_hi, on_hand, cost, price in reads.stock_on_hand(db):
        at_cost, at_price = _value(on_hand, cost), _value(on_hand, price)
        category = (cat_hi if hindi and cat_hi else cat_en) or _("No category")
        report.items += 1
        report.cost_value_paise += at_cost
        report.price_value_paise += at_price
        report.without_cost += cost == 0
        totals = by_category.setdefault(category, [0, 0, 0])
        totals[0] += 1
        totals[1] += at_cost
        totals[2] += at_price
        if not sold.get(sku):
            report.slow_count += 1
            report.slow_value_paise += at_cost
            slow.append(StockRow(sku, (name_hi if hindi and name_hi else name_en), unit, category, on_hand, at_cost,
                                 at_price, last.get(sku), 0))
    report.categories = sorted((CategoryValue(name, n, c, p) for name, (n, c, p) in by_category.items()),
                               key=lambda c: (-c.cost_value_paise, c.name))
    slow.sort(key=lambda r: (-r.cost_value_paise, r.name))
    report.slow = slow[:SLOW_MOVERS]
    return report


def stock_printable(report: StockValue) -> Printable:
    lines = [_("{items} items on the shelf: {cost} at cost, {price} at the selling price").format(
        items=report.items, cost=format_inr(report.cost_value_paise), price=format_inr(report.price_value_paise)),
        _("Slow movers: {n} items with stock sold nothing in the period, {value} at cost.").format(
            n=report.slow_count, value=format_inr(report.slow_value_paise))]
    if report.without_cost:
        lines.append(_("{n} items have no cost price and are counted at nothing.").format(n=report.without_cost))
    categories = ReportTable(_("Stock value by category"), [_("Category"), _("Items"), _("At cost"),
                                                             _("At selling price")],
                             [[c.name, c.items, Rupees(c.cost_value_paise), Rupees(c.price_value_paise)]
                              for c in report.categories],
                             total=[_("Total"), report.items, Rupees(report.cost_value_paise),
                                    Rupees(report.price_value_paise)])
    never = _("never")
    slow = ReportTable(_("Slow movers"), [_("Item"), _("Category"), _("On hand"), _("At cost"), _("Last sold"),
                                          _("Days")],
                       [[r.name, r.category, format_qty(r.on_hand_milli, r.unit), Rupees(r.cost_value_paise),
                         _day_text(r.last_sold_on) if r.last_sold_on else never,
                         "" if report.days_since(r) is None else str(report.days_since(r))] for r in report.slow])
    period = _("stock on {day}; sales {period}").format(day=_day_text(report.on),
                                                         period=_period_text(report.start, report.end))
    return Printable(_("Stock value and slow movers"), period, lines, [categories, slow])


# --- khata ageing ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AgeingRow:
    customer_id: int
    name: str
    phone: str
    owed_paise: int
    buckets: tuple[int, int, int, int]  # 0-30, 31-60, 61-90, over 90 days
    oldest_days: int
    credit_limit_paise: int


@dataclass
class KhataAgeing:
    on: date
    rows: list[AgeingRow] = field(default_factory=list)

    @property
    def owed_paise(self) -> int:
        return sum(r.owed_paise for r in self.rows)

    @property
    def buckets(self) -> tuple[int, int, int, int]:
        return tuple(sum(r.buckets[i] for r in self.rows) for i in range(4))  # type: ignore[return-value]


def bucket_names() -> list[str]:
    return [_("0–30 days"), _("31–60 days"), _("61–90 days"), _("Over 90 days")]


def _bucket(days: int) -> int:
    return next((i for i, limit in enumerate(AGE_BUCKETS) if days <= limit), len(AGE_BUCKETS))


def khata_ageing(store: Any, today: date, zone: tzinfo) -> KhataAgeing:
    db = store.db()
    hindi = language() == "hi"
    owing = khata_age.owing_customers(db)
    credits = khata_age.open_credits(db, owing)
    report = KhataAgeing(today)
    for customer in owing:
        open_ = credits.get(customer.id) or []
        if not open_:
            continue
        buckets = [0, 0, 0, 0]
        oldest = 0
        for amount, at in open_:
            days = (today - from_iso(at).astimezone(zone).date()).days
            oldest = max(oldest, days)
            buckets[_bucket(days)] += amount
        # what the entries leave open equals the balance unless an advance sits beside a debt; the balance rules
        buckets[_bucket(oldest)] += customer.khata_balance_paise - sum(buckets)
        report.rows.append(AgeingRow(customer.id, (customer.name_hi if hindi and customer.name_hi else customer.name),
                                     customer.phone or "", customer.khata_balance_paise,
                                     (buckets[0], buckets[1], buckets[2], buckets[3]), oldest,
                                     customer.credit_limit_paise))
    report.rows.sort(key=lambda r: (-r.oldest_days, -r.owed_paise, r.name))
    return report


def khata_printable(report: KhataAgeing) -> Printable:
    names = bucket_names()
    total = report.buckets
    lines = [_("{n} customers owe {owed}.").format(n=len(report.rows), owed=format_inr(report.owed_paise)),
             " · ".join(f"{name}: {format_inr(amount)}" for name, amount in zip(names, total, strict=True))]
    table = ReportTable(_("Khata ageing"), [_("Customer"), _("Phone"), _("Owed"), *names, _("Oldest (days)")],
                        [[r.name, r.phone, Rupees(r.owed_paise), *(Rupees(b) for b in r.buckets), r.oldest_days]
                         for r in report.rows],
                        total=[_("Total"), "", Rupees(report.owed_paise), *(Rupees(b) for b in total), ""])
    return Printable(_("Khata ageing"), _("on {day}").format(day=_day_text(report.on)), lines, [table])


def zone_of(ctx: Any) -> tzinfo:
    """The shop's time zone from a ServiceContext (its ``timezone`` setting)."""
    return shop_zone(ctx.timezone)
