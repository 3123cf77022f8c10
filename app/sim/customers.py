"""Named customers in the simulated shop, and what they do with its marketing messages
(``python -m app simulate --marketing on|off``; docs/marketing.md, "In the simulator").

A share of the day's demand (:class:`~app.sim.market.Market`) comes from households the shop knows by
name: they visit, each visit is its own bill with the customer on it (so the shop's segments, "regulars"
and "lapsed", come from real bills), some gave a phone number at the counter and some of those agreed to
offers on WhatsApp (recorded through the consent service, as the counter does). Households stop coming
(churn) and new ones arrive. The named bills are carved out of the day's demand, not added to it: with
marketing off the shop sells exactly what it would without names.

With marketing on, the marketing agent runs each Monday evening (the real agent and services; messages go
by the WhatsApp Business API at Meta's rate, so the weekly budget binds). Each message is delivered, read,
answered with STOP (the consent service opts the number out) or redeemed at the counter within a week with
the campaign code (the real ``campaigns.redeem``). What a redemption brings:

* a customer who still comes: the visit is the one they would have made (carved from demand); the offered
  item is new demand with probability ``ITEM_INCREMENTAL``;
* a lapsed customer: the whole visit is new demand, and the household comes back (visits that are new
  demand) until it lapses again.

Every figure below is documented with its source, or marked as an assumption, in docs/marketing.md. The
simulator knows which sales were new demand (``incremental_sales_paise``); the shop only sees the codes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np

from app import config
from app.agents import marketing as marketing_agent
from app.errors import AppError
from app.services import campaigns, consent, khata, sales
from app.services import settings as settings_service
from app.services.context import Origin
from app.services.sales import PaymentIn, SaleLine
from app.store import campaigns as campaign_store
from app.store import marketing_reads

if TYPE_CHECKING:
    from app.sim.world import World

__all__ = ["Clientele", "MarketingTotals"]

NAMED_SHARE = 0.4  # share of the units the shop sells that go on named households' bills (assumption)
VISIT_EVERY_DAYS = 5.0  # mean days between two visits of a household that comes (assumption)
BASKET_LINES = 3.0  # mean item lines on a household's bill (assumption)
PHONE_SHARE = 0.8  # households that give a phone number at the counter (assumption)
CONSENT_SHARE = 0.5  # of those, the share that agree to offers on WhatsApp (assumption)
HINDI_SHARE = 0.5  # households the shop writes to in Hindi (assumption)
ANNUAL_CHURN = 0.3  # share of households that stop coming in a year (assumption)
DELIVERED = 0.95  # WhatsApp marketing messages delivered (vendor benchmarks: 95 % and above)
READ = 0.90  # delivered messages read (vendor benchmarks: 90-98 %)
REDEEM_ACTIVE = 0.04  # read messages redeemed at the counter, a household that still comes (assumption)
REDEEM_LAPSED = 0.02  # the same for a household that stopped coming (assumption)
STYLE_LIFT = {"plain": 1.0, "missed_you": 1.25, "festival": 1.2}  # assumption
STOP_RATE = 0.01  # read messages answered with STOP (assumption)
ITEM_INCREMENTAL = 0.5  # a coming household's offered item is new demand this often (assumption)
REDEEM_WITHIN_DAYS = 7
MESSAGE_COST_PAISE = 102  # Meta's India marketing rate from 1 Jan 2026, Rs 0.8631, plus 18 % GST
VISITS_STREAM, ANSWERS_STREAM = 18, 81  # the keys of the two day generators (``evening``); bench/marketing/drift.py
# varies ANSWERS_STREAM to ask whether a pair's sign is chance (the households' answers drawn again)
HAND_SENDS_PER_DAY = 20  # click-to-chat messages the seller sends from the shop's phone a day (assumption)
SELLER = Origin(actor="seller", reason="the simulated counter")
CUSTOMER = Origin(actor="customer", reason="a reply on WhatsApp")

_FIRST = ["Aarti", "Ramesh", "Sunita", "Mohan", "Geeta", "Suresh", "Kavita", "Rajesh", "Pooja", "Anil", "Neha",
          "Vijay", "Meena", "Sanjay", "Rekha", "Ashok"]
_FIRST_HI = ["आरती", "रमेश", "सुनीता", "मोहन", "गीता", "सुरेश", "कविता", "राजेश", "पूजा", "अनिल", "नेहा", "विजय",
             "मीना", "संजय", "रेखा", "अशोक"]
_LAST = ["Sharma", "Verma", "Gupta", "Singh", "Yadav", "Patel", "Jain", "Kumar"]
_LAST_HI = ["शर्मा", "वर्मा", "गुप्ता", "सिंह", "यादव", "पटेल", "जैन", "कुमार"]


@dataclass
class Household:
    id: int
    rate: float  # visits a day while it comes
    favourites: np.ndarray  # category indexes it buys from
    phone: str | None
    state: str = "active"  # active (carved from demand), returned (won back: new demand), lapsed


@dataclass
class MarketingTotals:
    messages: int = 0
    spend_paise: int = 0
    redemptions: int = 0
    redemption_sales_paise: int = 0  # bill totals of the bills that carried a code (what the shop sees)
    incremental_sales_paise: int = 0  # new demand served, at the shelf price (what only the simulator knows)
    won_back: int = 0
    messages_to_stopped: int = 0  # messages to households that had really stopped coming (only the simulator knows)
    stop_replies: int = 0
    messages_without_consent: int = 0
    named_bills: int = 0
    agent_runs: int = 0
    ideas_not_worth: int = 0  # ideas the agent left out: their expected margin would not pay for the messages
    ideas_over_risk: int = 0  # ideas the agent left out: it had spent the seller's risk limit
    hand_messages: int = 0  # of ``messages``, those the seller sent from the shop's phone (free click-to-chat)
    hand_campaigns: int = 0  # free campaigns the agent planned for the seller to send by hand


@dataclass
class _Bill:
    household: Household
    carved: dict[int, int] = field(default_factory=dict)  # item -> units taken from the day's demand
    extra: dict[int, int] = field(default_factory=dict)  # item -> units of new demand
    code: str = ""


class Clientele:
    """The named households of one simulated shop; ``marketing`` switches the marketing agent on."""

    def __init__(self, world: World, *, marketing: bool | str, customers: int | None = None) -> None:
        self.world = world
        # True (or "agent"): the marketing agent; "monthly": the simple competent baseline instead, the shop's
        # best seller to its regulars every fourth Monday, whatever it costs or brings (no agent, no weighing)
        # "agent_riskN": the agent with the seller's risk limit (marketing.unproven_risk_paise) set to N rupees
        # instead of the shop's default, so that bench/marketing/uplift.py can measure the setting on and off
        # "..._paidonly": the agent without the free channel first (marketing.free_first off: the eighth session's
        # rule), so that the free channel is measured against it in the same runs
        self.risk_paise: int | None = None
        self.paid_only = isinstance(marketing, str) and marketing.startswith("agent") and marketing.endswith(
            "_paidonly")
        if self.paid_only:
            marketing = str(marketing).removesuffix("_paidonly")
        if isinstance(marketing, str) and marketing.startswith("agent_risk"):
            self.risk_paise = int(marketing.removeprefix("agent_risk")) * 100
        self.mode = "monthly" if marketing == "monthly" else "agent" if marketing in (True, "agent") \
            or self.risk_paise is not None else "off"
        # the simulated seller sends the agent's free click-to-chat campaigns from the shop's phone, at most
        # this many messages a day, a scenario's seller.delay_days after they are planned; a seller who
        # approves nothing (seller.approves "none") sends none
        seller = world.scenario.seller or {}
        self.hand_per_day = int(seller.get("hand_sends_per_day", HAND_SENDS_PER_DAY))
        self.hand_delay_days = int(seller.get("delay_days", 1))
        self.hand_sends = self.mode == "agent" and seller.get("approves", "all") != "none"
        self.marketing = self.mode != "off"
        base = sum(it.base_rate for it in world.scenario.items)
        # enough households to buy NAMED_SHARE of the units: each buys BASKET_LINES units a visit
        self.size = customers or max(10, round(NAMED_SHARE * base * VISIT_EVERY_DAYS / BASKET_LINES))
        self.households: list[Household] = []
        # units the named bills of the day asked for and the shelf could not serve: World.evening offers them a
        # substitute from the same group by the same rule as everyone else's, so that with marketing off the
        # shop sells exactly what it would without names (before the twenty-third session they never substituted)
        self.unmet = np.zeros(len(world.scenario.items), dtype=np.int64)
        self.pending: dict[date, list[tuple[Household, str, str]]] = {}  # day -> (household, code, sku)
        self.totals = MarketingTotals()
        self._last_message = 0
        self._serial = 0
        self._rng = np.random.default_rng([world.seed, 1_818])  # who arrives, their phone and consent
        items = world.scenario.items
        self._cat = world.market.cat_index
        self._base = np.array([it.base_rate for it in items], dtype=np.float64)
        self._ncat = len(world.scenario.categories)

    # --- setting up ------------------------------------------------------------------------------
    def build(self) -> None:
        ctx = self.world.ctx
        settings_service.set_setting(ctx, config.MARKETING_SEND_VIA.key, "whatsapp_api")
        settings_service.set_setting(ctx, config.MARKETING_MESSAGE_COST_PAISE.key, MESSAGE_COST_PAISE)
        if self.risk_paise is not None:
            settings_service.set_setting(ctx, config.MARKETING_UNPROVEN_RISK_PAISE.key, self.risk_paise)
        if self.paid_only:
            settings_service.set_setting(ctx, config.MARKETING_FREE_FIRST.key, False)
        for _k in range(self.size):
            self._arrive()

    def _arrive(self) -> Household:
        rng, ctx = self._rng, self.world.ctx
        self._serial += 1
        n = self._serial
        first, last = n % len(_FIRST), (n // len(_FIRST)) % len(_LAST)
        hindi = rng.random() < HINDI_SHARE
        phone = f"9{self.world.seed % 10}{n:08d}" if rng.random() < PHONE_SHARE else None
        created = khata.create_customer(ctx, name=f"{_FIRST[first]} {_LAST[last]} {n}",
                                        name_hi=f"{_FIRST_HI[first]} {_LAST_HI[last]} {n}" if hindi else "",
                                        phone=phone, origin=SELLER)
        customer_id = int(created.id)  # type: ignore[arg-type]
        if phone and rng.random() < CONSENT_SHARE:
            consent.grant(ctx, customer_id, method="counter", note="simulated", origin=SELLER)
        favourites = rng.choice(self._ncat, size=min(3, self._ncat), replace=False)
        rate = 1 / VISIT_EVERY_DAYS * rng.gamma(2.0, 0.5)  # some come daily, some fortnightly
        household = Household(customer_id, float(min(rate, 0.9)), favourites, phone)
        self.households.append(household)
        return household

    # --- the day -----------------------------------------------------------------------------------
    def evening(self, day: date, demand: np.ndarray, counting: bool) -> np.ndarray:
        """The named households' bills of ``day``; returns the demand left for the day's other customers.
        Marketing runs only on the measured days (``counting``). Two generators keyed by (seed, day): the
        households' own visits draw from one, everything marketing changes from the other, so the visits of
        a run with marketing off and one with it on are the same (common random numbers)."""
        visits = np.random.default_rng([self.world.seed, (day - date(2000, 1, 1)).days, VISITS_STREAM])
        answers = np.random.default_rng([self.world.seed, (day - date(2000, 1, 1)).days, ANSWERS_STREAM])
        if self.marketing and counting:
            if day.weekday() == 0 and self.mode == "agent":
                # the simulated seller has chosen what the agents may do alone
                week = marketing_agent.run_week(self.world.ctx, seed=self.world.seed, chosen=True)
                self.totals.agent_runs += 1
                self.totals.ideas_not_worth += week.not_worth
                self.totals.ideas_over_risk += week.over_risk
                self.totals.hand_campaigns += len(week.by_hand)
            elif day.weekday() == 0 and (day - self.world.scenario.start).days // 7 % 4 == 0:
                self._monthly(day)
            if self.hand_sends:
                self._send_by_hand(day)
            self._answer(day, answers, counting)
        self._churn(visits)
        left = demand.astype(np.int64).copy()
        self.unmet = np.zeros(len(left), dtype=np.int64)
        bills: list[_Bill] = []
        redeeming = {h.id: (code, sku) for h, code, sku in self.pending.pop(day, [])}
        for h in self.households:
            offer = redeeming.get(h.id)
            comes = h.state == "active" and visits.random() < h.rate
            if h.state == "active" and (comes or offer):
                bill = _Bill(h)  # a visit brought forward by the offer is still one they would have made
                self._basket(bill, visits if comes else answers, left, carve=True)
            elif h.state == "returned" and answers.random() < h.rate:
                bill = _Bill(h)
                self._basket(bill, answers, left, carve=False)
            elif h.state == "lapsed" and offer:
                h.state = "returned"  # the message brought the household back
                self.totals.won_back += counting
                bill = _Bill(h)
                self._basket(bill, answers, left, carve=False)
            else:
                continue
            if offer:
                bill.code = offer[0]
                i = self.world.index[offer[1]]
                if h.state == "active" and answers.random() >= ITEM_INCREMENTAL and left[i] > 0:
                    bill.carved[i] = bill.carved.get(i, 0) + 1
                    left[i] -= 1
                else:
                    bill.extra[i] = bill.extra.get(i, 0) + 1
            bills.append(bill)
        price, cost = self.world.product_columns()
        for bill in bills:
            self._sell(bill, counting, price, cost)
        return left

    def _churn(self, rng: np.random.Generator) -> None:
        hazard = ANNUAL_CHURN / 365
        for h in self.households:
            if rng.random() < hazard and h.state != "lapsed":  # drawn for everyone: the streams stay aligned
                h.state = "lapsed"
        for _k in range(int(rng.poisson(hazard * self.size))):  # new households replace those who left
            self._arrive()

    def _basket(self, bill: _Bill, rng: np.random.Generator, left: np.ndarray, *, carve: bool) -> None:
        mine = np.isin(self._cat, bill.household.favourites)
        weight = np.where(mine, left if carve else self._base, 0).astype(np.float64)
        lines = 1 + int(rng.poisson(BASKET_LINES - 1))
        for _k in range(lines):
            total = weight.sum()
            if total <= 0:
                return
            i = int(rng.choice(len(weight), p=weight / total))
            weight[i] = 0
            if carve:
                bill.carved[i] = bill.carved.get(i, 0) + 1
                left[i] -= 1
            else:
                bill.extra[i] = bill.extra.get(i, 0) + 1

    def _sell(self, bill: _Bill, counting: bool, price: np.ndarray, cost: np.ndarray) -> None:
        world = self.world
        asked: dict[int, int] = {}
        for part in (bill.carved, bill.extra):
            for i, q in part.items():
                asked[i] = asked.get(i, 0) + q
        served = {i: min(q, world.lots[i].total() // 1000) for i, q in asked.items()}
        served = {i: q for i, q in served.items() if q > 0}
        for i, q in asked.items():  # the day's other customers' substitution rule serves these too (World.evening)
            self.unmet[i] += q - served.get(i, 0)
        if counting:
            world.metrics.requested += sum(asked.values())
            world.metrics.filled += sum(served.values())
            for i, q in asked.items():
                got = served.get(i, 0)
                world.per_item("item_sold")[i] += got
                world.per_item("item_unserved")[i] += q - got
                world.per_item("item_margin_paise")[i] += got * (price[i] - cost[i])
                world.per_item("item_lost_margin_paise")[i] += (q - got) * (price[i] - cost[i])
        if not served:
            return
        lines = [SaleLine(sku=world.items[i].sku, qty_milli=q * 1000) for i, q in sorted(served.items())]
        quote = sales.quote_sale(world.ctx, lines=lines)
        made = sales.record_sale(world.ctx, lines=lines, customer_id=bill.household.id, confirmed=True,
                                 payments=[PaymentIn(method="cash", amount_paise=quote.total_paise)],
                                 note="a named household", origin=SELLER)
        for i, q in served.items():
            world.lots[i].take(q * 1000)
        if bill.code:
            campaigns.redeem(world.ctx, bill.code, int(made.id), origin=SELLER)  # type: ignore[arg-type]
        if counting:
            world.metrics.revenue_paise += int(quote.bill.split.taxable_paise)
            world.metrics.cogs_paise += sum(q * int(cost[i]) for i, q in served.items())
            self.totals.named_bills += 1
            # the new demand served is what the carved part of the bill did not cover
            extra = {i: max(0, q - bill.carved.get(i, 0)) for i, q in served.items()}
            self.totals.incremental_sales_paise += sum(min(q, bill.extra.get(i, 0)) * int(price[i])
                                                       for i, q in extra.items())
            if bill.code:
                self.totals.redemptions += 1
                self.totals.redemption_sales_paise += int(quote.total_paise)

    def _send_by_hand(self, day: date) -> None:
        """The seller sends the agent's free campaigns from the shop's phone: the oldest first, those planned at
        least ``hand_delay_days`` ago, at most ``hand_per_day`` messages today (the real ``send_campaign``, as
        the Marketing page's 'Send by hand' does)."""
        ctx = self.world.ctx
        left = self.hand_per_day
        due = (day - timedelta(days=self.hand_delay_days)).isoformat()
        for campaign, _n in campaigns.hand_todo(ctx, created_by=marketing_agent.ACTOR):
            if left <= 0:
                return
            if campaign.created_at[:10] > due:
                continue
            try:
                _changes, sent = campaigns.send_campaign(ctx, campaign.id, limit=left, seed=self.world.seed,
                                                         origin=SELLER)
            except AppError:
                continue  # paused or finished since the list was read
            left -= len(sent)

    def _answer(self, day: date, rng: np.random.Generator, counting: bool) -> None:
        """What the households do with the messages the shop sent since yesterday."""
        db = self.world.store.db()
        rows = db.execute(
            "SELECT m.id, m.customer_id, m.phone, m.cost_paise, v.code, v.style, c.sku, m.via,"
            " k.granted = 1 AND k.phone = m.phone AND k.customer_id = m.customer_id AND NOT EXISTS ("
            "  SELECT 1 FROM customer_consent n WHERE n.customer_id = m.customer_id AND n.id > k.id AND n.at <= m.at)"
            " FROM campaign_message m JOIN campaign_variant v ON v.id = m.variant_id"
            " JOIN campaign c ON c.id = m.campaign_id JOIN customer_consent k ON k.id = m.consent_id"
            " WHERE m.id > ? ORDER BY m.id", (self._last_message,)).fetchall()
        by_id = {h.id: h for h in self.households}
        for message_id, customer_id, phone, cost, code, style, sku, via, consented in rows:
            self._last_message = message_id
            if counting:
                self.totals.messages += 1
                self.totals.hand_messages += via == campaigns.HAND
                self.totals.spend_paise += int(cost)
                self.totals.messages_without_consent += int(not consented)
            h = by_id.get(customer_id)
            if counting and h is not None:
                self.totals.messages_to_stopped += h.state == "lapsed"
            if h is None or rng.random() >= DELIVERED * READ:
                continue
            if rng.random() < STOP_RATE:
                consent.stop_reply(self.world.ctx, phone, "STOP", origin=CUSTOMER)
                self.totals.stop_replies += counting
                continue
            base = REDEEM_LAPSED if h.state == "lapsed" else REDEEM_ACTIVE
            if rng.random() < base * STYLE_LIFT.get(style, 1.0):
                when = day + timedelta(days=int(rng.integers(1, REDEEM_WITHIN_DAYS + 1)))
                self.pending.setdefault(when, []).append((h, code, sku))

    def _monthly(self, day: date) -> None:
        """The baseline: a plain message about the best seller of the last 28 days to every consented
        regular, by the WhatsApp API, once every four weeks (what a busy seller who knows the tools does)."""
        ctx = self.world.ctx
        sku = marketing_reads.best_seller(ctx.store.db(), day - timedelta(days=28))
        if sku is None:
            return
        try:
            planned = campaigns.plan_campaign(ctx, sku=sku, segment="regulars", styles=("plain",),
                                              seed=self.world.seed, origin=SELLER)
            campaign_id = int(planned.id)  # type: ignore[arg-type]
            campaigns.send_campaign(ctx, campaign_id, seed=self.world.seed, origin=SELLER)
        except AppError:
            return  # its price is outside [floor, MRP] today: this month goes without
        self.totals.agent_runs += 1

    # --- the report ----------------------------------------------------------------------------------
    def report(self, profit_paise: int) -> dict[str, Any]:
        t = self.totals
        budget = settings_service.get(self.world.store, config.MARKETING_WEEKLY_BUDGET_PAISE)
        return {
            "on": self.marketing,
            "mode": (self.mode if self.risk_paise is None else f"agent_risk{self.risk_paise // 100}")
            + ("_paidonly" if self.paid_only else ""),
            "households": len(self.households),
            "with_phone": sum(1 for h in self.households if h.phone),
            "consented_now": len(campaign_store.reachable(self.world.store.db())),
            "named_bills": t.named_bills,
            "agent_runs": t.agent_runs,
            "ideas_not_worth": t.ideas_not_worth,
            "ideas_over_risk": t.ideas_over_risk,
            "messages": t.messages,
            "paid_messages": t.messages - t.hand_messages,
            "hand_messages": t.hand_messages,  # sent by the seller from the shop's phone, free
            "hand_campaigns": t.hand_campaigns,
            "hand_sends_per_day": self.hand_per_day if self.hand_sends else 0,
            "spend_paise": t.spend_paise,
            "weekly_budget_paise": budget,
            "max_7_day_spend_paise": self._max_week_spend(),
            "redemptions": t.redemptions,
            "redemption_sales_paise": t.redemption_sales_paise,
            "incremental_sales_paise": t.incremental_sales_paise,
            "households_won_back": t.won_back,
            "messages_to_stopped": t.messages_to_stopped,
            "held_back": int(self.world.store.db().execute("SELECT COUNT(*) FROM campaign_holdout").fetchone()[0]),
            "stop_replies": t.stop_replies,
            "messages_without_consent": t.messages_without_consent,
            "profit_after_marketing_paise": profit_paise - t.spend_paise,
        }

    def _max_week_spend(self) -> int:
        """The most spent on messages in any 7 days running (the budget is a rolling week)."""
        db = self.world.store.db()
        per_day = dict(db.execute("SELECT substr(at, 1, 10), sum(cost_paise) FROM campaign_message GROUP BY 1"))
        if not per_day:
            return 0
        days = sorted(date.fromisoformat(d) for d in per_day)
        return max(sum(per_day.get((d - timedelta(days=k)).isoformat(), 0) for k in range(7)) for d in days)
