"""One consistent picture of the shop that every agent of a cycle reads: items as arrays, not records.

Built in a handful of bulk queries inside one read transaction, so all agents of a cycle see the same
state, and a 100,000-item shop fits in memory (a few columns of numbers per item, and the sales
history as one ``float32`` matrix).

The sales history is in units (``qty_milli / 1000``) per item and day for the ``history_days`` days up to
yesterday. A day that closed with the item out of stock and sold nothing is ``NaN`` ("unknown"): the shelf
was empty, and the forecaster must not learn that demand was zero. A day customers emptied the shelf keeps what
it sold, a lower bound on what they wanted (see ``_censor_stockouts``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import numpy as np

from app.agents.limits import Budget, Limits
from app.agents.planner import Directives
from app.domain.clock import IST, to_iso
from app.store import Store, parties
from app.store import alerts as alert_store
from app.store import beliefs as belief_store
from app.store import catalog as catalog_store
from app.store import decisions as decision_store
from app.store import market as market_store
from app.store import purchasing as po_store
from app.store import sales_history as history
from app.store import stock as stock_store
from app.store.refused_orders import RefusedOrder, refused_orders

REFUSAL_MEMORY_DAYS = 30  # a refused order shapes the next ones to that supplier for this long
SENT_MEMORY_DAYS = 60  # how far back the day of each supplier's newest order is looked for

HISTORY_DAYS = 91
COMPETITOR_FRESH_DAYS = 21
# a purchase order this many days past its expected date no longer counts as coming (see open_orders)
OVERDUE_GRACE_DAYS = 2


@dataclass(frozen=True, slots=True)
class Link:
    supplier_id: int
    cost_paise: int
    case_milli: int
    moq_milli: int
    lead_days: int


@dataclass(frozen=True, slots=True)
class OpenLine:
    po_id: int
    supplier_id: int
    status: str
    expected_on: date | None
    sent_on: date | None
    qty_milli: int


@dataclass
class Snapshot:
    today: date
    now: datetime
    skus: list[str]
    index: dict[str, int]
    names: list[str]
    categories: list[str]
    units: list[str]
    cost: np.ndarray  # paise
    price: np.ndarray
    mrp: np.ndarray  # paise, 0 where the item has no MRP (loose goods)
    shelf_life: np.ndarray  # days, 0 where none
    preferred_supplier: np.ndarray  # 0 where none
    on_hand: np.ndarray  # milli-units
    on_order: np.ndarray  # milli-units still to come on orders that are not overdue
    overdue: np.ndarray  # milli-units on orders past their expected date (+ grace)
    open_lines: dict[int, list[OpenLine]]  # item index -> its open purchase order lines
    links: dict[int, list[Link]]  # item index -> the suppliers that sell it
    suppliers: dict[int, object]
    history_start: date
    sales: np.ndarray  # (items, days) units, NaN where the day closed out of stock
    sold_value: np.ndarray  # (items, days) paise before tax
    competitor: np.ndarray  # lowest fresh competitor price, paise, 0 where unknown
    promotions: dict[str, market_store.Promotion]  # sku -> its running promotion
    planned_promotions: list[market_store.Promotion]
    beliefs: dict[str, dict[str, belief_store.Belief]]
    near_expiry: np.ndarray  # milli-units on the shelf that expire within NEAR_EXPIRY_DAYS
    expiry_days: np.ndarray  # days until the earliest of those expires (large where none)
    expired: np.ndarray  # milli-units on the books past their expiry date: to be taken off the shelf
    last_price_change: dict[str, date]
    pending_approval: dict[str, int]  # sku -> decision id of a pending approval about it
    open_alerts: dict[str, dict[str, int]]
    limits: Limits
    directives: Directives
    budget: Budget
    # units a day when last on the shelf, for items out of stock through the whole history (else 0): without
    # it an item that has been out for months has no demand to go by and would never be ordered again
    prior_rate: np.ndarray | None = None
    # the known days prior_rate weighs as (0 where none), computed for items with few known days in the history too,
    # so that a first day back on the shelf is read with it (app.agents.demand), not as the item's new level
    prior_days: np.ndarray | None = None
    # (items, history days): True on the days that closed with the shelf empty after selling, so what sold there is
    # only a lower bound on what customers wanted (see _censor_stockouts)
    sold_out: np.ndarray | None = None
    # supplier id -> purchase orders the seller refused in the last REFUSAL_MEMORY_DAYS, newest first
    refused: dict[int, list[RefusedOrder]] = field(default_factory=dict)
    extra: dict = field(default_factory=dict)
    # supplier id -> the day its newest order was sent, over the last SENT_MEMORY_DAYS (orders still open or
    # received in full): how long a supplier has gone unordered (app.agents.dropped_suppliers)
    last_sent: dict[int, date] = field(default_factory=dict)
    # item index -> the (first, last) history columns it sold under a promotion: sales that a temporary price
    # brought, not the demand to stock for
    promoted: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    # sku -> decision id of a purchase order about it waiting for the seller: what keeps an item out of today's
    # orders and counts its supplier as answered (a price change waiting for the seller does not: it says nothing
    # about whether the item should be bought)
    pending_order: dict[str, int] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.skus)

    @property
    def history_days(self) -> int:
        return int(self.sales.shape[1])

    def belief(self, kind: str, subject: str, default: float) -> float:
        found = self.beliefs.get(kind, {}).get(subject)
        return default if found is None else float(found.value)

    def belief_spread(self, kind: str, subject: str, default: float) -> float:
        found = self.beliefs.get(kind, {}).get(subject)
        return default if found is None or found.spread is None else float(found.spread)


NEAR_EXPIRY_DAYS = 5


def near_expiry_days(shelf_life: int) -> int:
    """Days before expiry that count as "near": a third of the shelf life, at least 1, at most 5."""
    return max(1, min(NEAR_EXPIRY_DAYS, shelf_life // 3))


def _local_offset_minutes(now: datetime) -> int:
    return int(now.astimezone(IST).utcoffset().total_seconds() // 60)


def build_snapshot(store: Store, *, now: datetime, today: date, limits: Limits, directives: Directives,
                   history_days: int = HISTORY_DAYS) -> Snapshot:
    """Read the shop once for a cycle (inside one read transaction)."""
    with store.read() as db:
        rows = catalog_store.catalog_rows(db)
        skus = [r[0] for r in rows]
        index = {sku: i for i, sku in enumerate(skus)}
        n = len(skus)

        def column(k: int, default: int = 0) -> np.ndarray:
            return np.fromiter((default if r[k] is None else r[k] for r in rows), dtype=np.int64, count=n)

        cost, price, mrp = column(2), column(3), column(4)
        shelf_life, preferred, on_hand = column(6), column(7), column(8)
        start = today - timedelta(days=history_days)
        sales = np.zeros((n, history_days), dtype=np.float32)
        sold_value = np.zeros((n, history_days), dtype=np.float32)
        for sku, day, qty, value in history.daily_sales(db, start.isoformat(), (today - timedelta(days=1)).isoformat()):
            i = index.get(sku)
            if i is not None:
                j = (date.fromisoformat(day) - start).days
                sales[i, j] = qty / 1000.0
                sold_value[i, j] = value
        sold_out = _censor_stockouts(db, sales, index, on_hand, start, today, now)
        prior_rate, prior_days = np.zeros(n, dtype=np.float64), np.zeros(n, dtype=np.float64)
        few = np.nonzero((~np.isnan(sales)).sum(axis=1) < PRIOR_BELOW_KNOWN_DAYS)[0] if history_days else []
        few_on_hand = on_hand[np.asarray(few, dtype=np.int64)]
        priors = _rate_when_last_stocked(db, [skus[i] for i in few], few_on_hand, start, now)
        for sku, (rate, weight) in priors.items():
            prior_rate[index[sku]], prior_days[index[sku]] = rate, weight

        open_lines: dict[int, list[OpenLine]] = defaultdict(list)
        on_order = np.zeros(n, dtype=np.int64)
        overdue = np.zeros(n, dtype=np.int64)
        late_after = today - timedelta(days=OVERDUE_GRACE_DAYS)
        for po_id, supplier_id, status, expected_on, sent_at, sku, qty in po_store.open_po_lines(db):
            i = index.get(sku)
            if i is None:
                continue
            expected = date.fromisoformat(expected_on) if expected_on else None
            sent = date.fromisoformat(sent_at[:10]) if sent_at else None
            open_lines[i].append(OpenLine(po_id, supplier_id, status, expected, sent, qty))
            if expected is not None and expected < late_after:
                overdue[i] += qty
            else:
                on_order[i] += qty

        links: dict[int, list[Link]] = defaultdict(list)
        suppliers = {s.id: s for s in parties.suppliers(db)}
        for sku, supplier_id, link_cost, case, moq, lead in parties.supplier_links(db):
            i = index.get(sku)
            if i is None or supplier_id not in suppliers:
                continue
            lead_days = lead if lead is not None else suppliers[supplier_id].lead_time_days
            links[i].append(Link(supplier_id, int(link_cost if link_cost is not None else cost[i]), int(case),
                                 int(moq), int(lead_days)))

        competitor = np.zeros(n, dtype=np.int64)
        fresh = (today - timedelta(days=COMPETITOR_FRESH_DAYS)).isoformat()
        for sku, seen in market_store.competitor_prices(db, fresh).items():
            if sku in index:
                competitor[index[sku]] = seen

        promotions, planned = {}, []
        for promo in market_store.open_promotions(db):
            if promo.status == "active":
                promotions[promo.sku] = promo
            else:
                planned.append(promo)

        beliefs = {kind: belief_store.of_kind(db, kind) for kind in belief_store.KINDS}
        near, days_left, expired = _near_expiry(db, index, on_hand, shelf_life, today, now)
        changed_since = to_iso(now - timedelta(days=max(limits.price_cooldown_days, 1) + 1))
        last_change = {sku: date.fromisoformat(at[:10])
                       for sku, at in catalog_store.price_changed_on(db, changed_since).items()}
        waiting = decision_store.pending_approval_actions(db)  # read once: every pending approval, and the orders
        pending = {sku: decision_id for sku, decision_id, _kind in waiting}
        refused = refused_orders(db, to_iso(now - timedelta(days=REFUSAL_MEMORY_DAYS)))
        last_sent: dict[int, date] = {}
        sent_rows = [(supplier_id, sent_at) for _po, _no, supplier_id, sent_at, _got, _d
                     in po_store.received_between(db, to_iso(now - timedelta(days=SENT_MEMORY_DAYS)), to_iso(now))]
        sent_rows += [(line.supplier_id, line.sent_on.isoformat()) for lines in open_lines.values() for line in lines
                      if line.sent_on is not None]
        for supplier_id, sent_at in sent_rows:
            day = date.fromisoformat(sent_at[:10])
            last_sent[supplier_id] = max(day, last_sent.get(supplier_id, day))
        alerts = {kind: alert_store.open_alert_subjects(db, kind) for kind in ("overstock", "expiry", "late_supplier")}
        budget = purchase_budget(db, limits, directives, now)
        promoted: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for sku, first, last in market_store.promotion_spans(db, start.isoformat(), today.isoformat()):
            if sku in index:
                a = max((date.fromisoformat(first) - start).days, 0)
                b = min((date.fromisoformat(last) - start).days, history_days - 1)
                promoted[index[sku]].append((a, b))

    return Snapshot(
        today=today, now=now, skus=skus, index=index, names=[r[9] for r in rows], categories=[r[1] for r in rows],
        units=[r[5] for r in rows], cost=cost, price=price, mrp=mrp, shelf_life=shelf_life,
        preferred_supplier=preferred, on_hand=on_hand, on_order=on_order, overdue=overdue, open_lines=dict(open_lines),
        links=dict(links), suppliers=suppliers, history_start=start, sales=sales, sold_value=sold_value,
        competitor=competitor, promotions=promotions, planned_promotions=planned, beliefs=beliefs, near_expiry=near,
        expiry_days=days_left, expired=expired, last_price_change=last_change, pending_approval=pending,
        open_alerts=alerts, limits=limits, directives=directives, budget=budget, prior_rate=prior_rate,
        prior_days=prior_days,
        sold_out=sold_out, refused=refused, promoted=dict(promoted), last_sent=last_sent,
        pending_order={sku: decision_id for sku, decision_id, kind in waiting if kind == "purchase_order"})


def _censor_stockouts(db, sales: np.ndarray, index: dict[str, int], on_hand: np.ndarray, start: date,
                      today: date, now: datetime) -> np.ndarray:
    """Mark as unknown (NaN) the days that closed with the item out of stock and sold nothing; return where a day
    closed empty after selling (what sold there is a lower bound).

    A day that closed empty after selling keeps what it sold: demand was *at least* that. Dropping such days
    (as before) read an item from its low-demand days only, for the days customers emptied the shelf are
    exactly the days demand was above the stock: a lean or fast item looked slower than it was, was stocked
    leaner (a thin-margin perishable's newsvendor most of all) and sold out more often, down to a fraction of
    its pace. What sold is a lower bound, never more than customers asked for, so nothing is imputed: the
    reading lies between the old one and the true pace, as a shopkeeper's (and the baselines', which count
    every day the shelf opened with the item) does. A day the shelf was empty all day stays unknown.

    The closing stock of each day is rebuilt backwards from today's balance and the ledger's net moves
    per day: closing(d) = on hand now - moves after d."""
    n, days = sales.shape
    since = datetime.combine(start, datetime.min.time(), tzinfo=IST)
    moved = np.zeros((n, days + 1), dtype=np.float32)  # column days = today (moves after yesterday's close)
    for sku, day, qty in stock_store.daily_moves(db, to_iso(since), _local_offset_minutes(now)):
        i = index.get(sku)
        if i is None or day is None:
            continue
        j = min((date.fromisoformat(day) - start).days, days)
        if j >= 0:
            moved[i, j] += qty / 1000.0
    after = np.cumsum(moved[:, ::-1], axis=1)[:, ::-1]  # after[:, j] = moves on day j and later
    closing = on_hand[:, None].astype(np.float32) / 1000.0 - after[:, 1:]
    # before an item existed its rebuilt stock is 0 as well (and nothing sold): those days are unknown too, rightly
    empty = closing <= 0
    sales[empty & ~(sales > 0)] = np.nan
    return empty & (sales > 0)


PRIOR_RATE_DAYS = 28  # the stretch up to an item's last sale before the history that its prior rate reads
PRIOR_BELOW_KNOWN_DAYS = 7  # items with fewer known days than this in the history get a prior (demand's sparse rate)
PRIOR_DOUBT_DAYS = 2.0  # days of the calendar rate the pace on days in stock is shrunk toward


def _rate_when_last_stocked(db, skus: list[str], on_hand: np.ndarray, start: date,
                            now: datetime) -> dict[str, tuple[float, float]]:
    """(pace, weight in days) of each item over the ``PRIOR_RATE_DAYS`` up to its last sale before ``start``
    (items never sold before then are left out): what it sold when last on the shelf, read as the history is
    (``_censor_stockouts``: a day that closed empty and sold nothing is unknown, not a day nobody wanted it).

    The calendar rate (units / 28, as before) counted a mostly empty stretch's days as zero demand: a milk on
    the shelf 2 of its last 28 days, selling 4 each, read 0.29 a day (temple town). The pace on the known days
    alone, read from one to three of them, over-read the slowest items and stocked thin-margin dairy that lost
    (thirteenth session, ccd9023). So the known days' units are pooled with ``PRIOR_DOUBT_DAYS`` days at the
    calendar rate: a known day counts in full, and the fewer there are, the nearer the pace stays to the
    calendar's (4 a day on 2 known days: 2.1; on 20 known days: 3.7). The weight is known days + doubt days."""
    out: dict[str, tuple[float, float]] = {}
    offset = _local_offset_minutes(now)
    before = (start - timedelta(days=1)).isoformat()
    # two queries for all the items (one per item each, before): every day each sold, then each one's moves
    # over the stretch up to its last sale
    sold_on: dict[str, dict[date, float]] = defaultdict(dict)
    for sku, day, qty in history.items_sold_days(db, skus, "0001-01-01", before):
        sold_on[sku][date.fromisoformat(day)] = qty / 1000.0
    last_of = {sku: max(sold_on[sku]) for sku in skus if sold_on.get(sku)}
    since_at = {sku: to_iso(datetime.combine(last - timedelta(days=PRIOR_RATE_DAYS - 1), datetime.min.time(),
                                             tzinfo=IST)) for sku, last in last_of.items()}
    moved_of: dict[str, dict[date, float]] = defaultdict(lambda: defaultdict(float))
    for sku, day, qty in stock_store.items_moves(db, since_at, offset):
        if day is not None:
            moved_of[sku][date.fromisoformat(day)] += qty / 1000.0
    for k, sku in enumerate(skus):
        if sku in last_of:
            out[sku] = pace_when_last_stocked(sold_on[sku], last_of[sku], moved_of[sku], float(on_hand[k]) / 1000.0)
    return out


def pace_when_last_stocked(sold: dict[date, float], last: date, moved: dict[date, float],
                           on_hand: float) -> tuple[float, float]:
    """(pace, weight in days) of one item from the units it ``sold`` each day, its ``last`` day of sale, its stock
    ``moved`` each day (sales, receipts, write-offs: signed units) and what is ``on_hand`` now
    (:func:`_rate_when_last_stocked`)."""
    closing = on_hand - sum(q for day, q in moved.items() if day > last)
    units = known = 0.0
    for back in range(PRIOR_RATE_DAYS):  # from the last sale backwards: closing(d) = closing(d + 1) - moves(d + 1)
        day = last - timedelta(days=back)
        if back:
            closing -= moved.get(day + timedelta(days=1), 0.0)
        got = sold.get(day, 0.0)
        if got > 0 or closing > 0:
            units += got
            known += 1
    weight = known + PRIOR_DOUBT_DAYS
    return (units + PRIOR_DOUBT_DAYS * units / PRIOR_RATE_DAYS) / weight, weight


def _near_expiry(db, index: dict[str, int], on_hand: np.ndarray, shelf_life: np.ndarray, today: date,
                 now: datetime) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(expiring soon, days until the first of it expires, already expired) per item, assuming the shelf is
    sold oldest first: today's stock is the newest receipts."""
    n = len(on_hand)
    near = np.zeros(n, dtype=np.int64)
    expired = np.zeros(n, dtype=np.int64)
    days_left = np.full(n, 10_000, dtype=np.int64)
    longest = int(shelf_life.max()) if n else 0
    if longest <= 0:
        return near, days_left, expired
    since = to_iso(now - timedelta(days=longest + 30))
    remaining = {i: int(on_hand[i]) for i in np.nonzero((shelf_life > 0) & (on_hand > 0))[0]}
    for sku, qty, expires_on, _at in stock_store.dated_receipts(db, since):
        i = index.get(sku)
        if i is None or remaining.get(i, 0) <= 0:
            continue
        counted = min(qty, remaining[i])
        remaining[i] -= counted
        left = (date.fromisoformat(expires_on) - today).days
        if left < 0:
            expired[i] += counted
        elif left <= near_expiry_days(int(shelf_life[i])):
            near[i] += counted
            days_left[i] = min(days_left[i], left)
    return near, days_left, expired


def purchase_budget(db, limits: Limits, directives: Directives, now: datetime) -> Budget:
    """Purchase money left: the week's budget (settings or plan) and the cash that can be spared."""
    weekly = limits.weekly_budget_paise or directives.weekly_purchase_budget_paise
    week_left = None
    if weekly:
        week_left = weekly - po_store.purchase_spend(db, to_iso(now - timedelta(days=7)))
    cash_left = None
    if limits.opening_cash_paise >= 0:
        received, spent = history.money_in_and_out(db)
        cash_left = limits.opening_cash_paise + received - spent - limits.cash_reserve_paise
    return Budget(week_left_paise=week_left, cash_left_paise=cash_left)
