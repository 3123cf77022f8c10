"""Pure rules of a marketing campaign: the message in English and Hindi, the counter code, the bounds on
a quoted price, and how the next messages are shared between a campaign's variants (Thompson sampling).

The message goes to a customer in the customer's own language, not the seller's screen language, so
its wording is data here (both languages side by side), not a ``_()`` string.
"""

from __future__ import annotations

import math
import random
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from app.domain import thompson
from app.domain.festivals import festival_calendar
from app.domain.money import format_inr
from app.i18n import _

__all__ = ["AGENT_ACTOR", "FESTIVAL_NAMES", "LAPSED", "STYLES", "Measured", "VariantStats", "Worth", "allocate",
           "caused_share", "floor_price", "losers", "make_code", "next_festival", "quote_problem", "render",
           "shown_share", "unproven_allowance", "wa_link", "worth"]

STYLES = ("plain", "festival", "missed_you")
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud at a noisy counter

FESTIVAL_NAMES = {  # key: (English, Hindi)
    "diwali": ("Diwali", "दिवाली"), "holi": ("Holi", "होली"), "eid_ul_fitr": ("Eid", "ईद"),
    "eid_ul_adha": ("Bakrid", "बकरीद"), "dussehra": ("Dussehra", "दशहरा"), "christmas": ("Christmas", "क्रिसमस"),
    "janmashtami": ("Janmashtami", "जन्माष्टमी"), "ram_navami": ("Ram Navami", "राम नवमी"),
    "guru_nanak_jayanti": ("Guru Nanak Jayanti", "गुरु नानक जयंती"),
    "maha_shivaratri": ("Maha Shivratri", "महाशिवरात्रि"), "dhanteras": ("Dhanteras", "धनतेरस"),
    "bhai_dooj": ("Bhai Dooj", "भाई दूज"), "chhath": ("Chhath", "छठ"), "navratri": ("Navratri", "नवरात्रि"),
    "raksha_bandhan": ("Raksha Bandhan", "रक्षा बंधन"),
}

_OPENING = {
    "plain": ("Namaste {name}!", "नमस्ते {name} जी!"),
    "festival": ("Happy {festival}, {name}!", "{name} जी, {festival} की शुभकामनाएँ!"),
    "missed_you": ("{name}, we have missed you at {shop}!", "{name} जी, {shop} में आपकी कमी खली!"),
}
_OFFER = (
    "{item} at {shop}: now {price} (MRP {mrp}).",
    "{shop} में {item} अब सिर्फ़ {price} में (MRP {mrp})।",
)
_PRICE = ("{item} at {shop}: {price}.", "{shop} में {item}: {price}।")
# after an opening that already names the shop
_OFFER_SHORT = ("{item}: now {price} (MRP {mrp}).", "{item} अब सिर्फ़ {price} में (MRP {mrp})।")
_PRICE_SHORT = ("{item}: {price}.", "{item}: {price}।")
_CLOSING = (
    "Say code {code} at the counter. Reply STOP to get no more messages.",
    "काउंटर पर कोड {code} बताएँ। संदेश बंद करने के लिए STOP लिखें।",
)


def render(*, style: str, language: str, customer: str, shop: str, item_en: str, item_hi: str, price_paise: int,
           mrp_paise: int | None, code: str, festival: str = "", opening: str = "") -> str:
    """The message one customer reads, in ``language`` ('en' or 'hi'). ``opening``: the seller's own greeting
    instead of the style's ({name} stands for the customer); the offer, the code and STOP are always ours."""
    hi = language == "hi"
    i = 1 if hi else 0
    fest = FESTIVAL_NAMES.get(festival, (festival, festival))[i]
    if opening:
        return " ".join((opening.replace("{name}", customer), _offer_and_closing(
            i, shop=shop, item=(item_hi or item_en) if hi else item_en, price_paise=price_paise, mrp_paise=mrp_paise,
            code=code, short=False)))
    opening = _OPENING["plain" if style == "festival" and not fest else style][i]
    item = (item_hi or item_en) if hi else item_en
    return " ".join((opening.format(name=customer, shop=shop, festival=fest), _offer_and_closing(
        i, shop=shop, item=item, price_paise=price_paise, mrp_paise=mrp_paise, code=code,
        short=style == "missed_you")))


def _offer_and_closing(i: int, *, shop: str, item: str, price_paise: int, mrp_paise: int | None, code: str,
                       short: bool) -> str:
    price = format_inr(price_paise, decimals=price_paise % 100 != 0)
    if mrp_paise and price_paise < mrp_paise:
        body = (_OFFER_SHORT if short else _OFFER)[i]
    else:
        body = (_PRICE_SHORT if short else _PRICE)[i]
    mrp = format_inr(mrp_paise or 0, decimals=(mrp_paise or 0) % 100 != 0)
    return " ".join((body.format(item=item, shop=shop, price=price, mrp=mrp), _CLOSING[i].format(code=code)))


OPENING_MAX = 160  # characters of a greeting the seller writes


def opening_problem(text: str) -> str | None:
    """Why a greeting the seller wrote cannot be used (None: it can). Only {name} may stand in braces: the
    price, the code and the way to stop are written by the app."""
    if len(text) > OPENING_MAX:
        return _("A greeting is at most {most} characters.").format(most=OPENING_MAX)
    if "{" in text.replace("{name}", "") or "}" in text.replace("{name}", ""):
        return _("Only {{name}} may stand in braces in a greeting (the customer's name).").format()
    return None


_POST_CLOSING = ("Say code {code} at the counter.", "काउंटर पर कोड {code} बताएँ।")


def post_text(*, language: str, shop: str, item_en: str, item_hi: str, price_paise: int, mrp_paise: int | None,
              code: str) -> str:
    """The offer as a post on the shop's page, for everyone who follows it (no greeting by name, no STOP)."""
    i = 1 if language == "hi" else 0
    item = (item_hi or item_en) if i else item_en
    price = format_inr(price_paise, decimals=price_paise % 100 != 0)
    mrp = format_inr(mrp_paise or 0, decimals=(mrp_paise or 0) % 100 != 0)
    body = (_OFFER if mrp_paise and price_paise < mrp_paise else _PRICE)[i]
    return " ".join((body.format(item=item, shop=shop, price=price, mrp=mrp), _POST_CLOSING[i].format(code=code)))


def make_code(campaign_id: int, label: str, rng: random.Random) -> str:
    """A short code to say at the counter: four random letters, the campaign number, the variant letter."""
    return "".join(rng.choice(CODE_ALPHABET) for _ in range(4)) + f"-{campaign_id}{label}"


def floor_price(cost_paise: int, margin_floor_bp: int) -> int:
    """The lowest price a campaign may quote: cost plus the minimum margin, rounded up to the paisa."""
    return max(1, -(-cost_paise * (10_000 + margin_floor_bp) // 10_000))


def quote_problem(price_paise: int, *, cost_paise: int, mrp_paise: int | None, margin_floor_bp: int) -> str:
    """'' when a campaign may quote ``price_paise``; else 'above_mrp' or 'below_floor'."""
    if mrp_paise is not None and price_paise > mrp_paise:
        return "above_mrp"
    if cost_paise > 0 and price_paise < floor_price(cost_paise, margin_floor_bp):
        return "below_floor"
    return ""


def next_festival(today: date, within_days: int = 21) -> tuple[str, date] | None:
    """The first festival in the next ``within_days`` days (today included) that has a name to greet with."""
    for day, key in sorted(festival_calendar(today, today + timedelta(days=within_days)).items()):
        if key in FESTIVAL_NAMES:
            return key, day
    return None


def wa_link(phone: str, text: str) -> str:
    """A click-to-chat link (wa.me) that opens WhatsApp with the message typed, for the seller to send."""
    from urllib.parse import quote

    digits = phone[1:] if phone.startswith("0") else phone
    return f"https://wa.me/91{digits}?text={quote(text)}"


@dataclass(frozen=True)
class VariantStats:
    sent: int
    redeemed: int
    stopped: bool = False


def allocate(stats: Sequence[VariantStats], messages: int, rng: random.Random, *, floor: float = 0.1,
             draws: int = 400) -> list[int]:
    """How many of the next ``messages`` each variant sends.

    Thompson sampling on redemptions: each variant's share is the chance that a draw from its
    Beta(1 + redeemed, 1 + sent - redeemed) is the best, kept at least ``floor`` for every live variant
    so a variant that started unlucky is still measured. A stopped variant sends nothing.
    """
    live = [i for i, s in enumerate(stats) if not s.stopped]
    if not live or messages <= 0:
        return [0] * len(stats)
    shares = thompson.with_floor(thompson.best_shares(live, lambda i: _beta(stats[i], rng), draws), floor)
    counts = thompson.apportion(shares, messages)
    return [counts.get(i, 0) for i in range(len(stats))]


def losers(stats: Sequence[VariantStats], rng: random.Random, *, min_sent: int = 60, below: float = 0.05,
           draws: int = 2000) -> list[int]:
    """Variants to stop: each has sent at least ``min_sent`` and is best in under ``below`` of the draws
    (the last live variant is never stopped)."""
    live = [i for i, s in enumerate(stats) if not s.stopped]
    if len(live) < 2:
        return []
    wins = thompson.best_shares(live, lambda i: _beta(stats[i], rng), draws)
    out = [i for i in live if stats[i].sent >= min_sent and wins[i] < below]
    return out[: len(live) - 1]


def _beta(stat: VariantStats, rng: random.Random) -> float:
    """A draw of the variant's redemption rate from Beta(1 + redeemed, 1 + sent - redeemed)."""
    return rng.betavariate(1 + stat.redeemed, 1 + max(0, stat.sent - stat.redeemed))


# --- held-back customers: the campaign's own control group ---------------------------------------------------
HOLDOUT_EVERY = 10  # one customer in ten of a campaign's group is kept back (not messaged) to measure against
HOLDOUT_MIN_GROUP = 10  # a smaller group measures nothing: everyone in it is messaged


def held_back(campaign_id: int, customer_id: int, group_size: int) -> bool:
    """Whether this customer is kept out of this campaign as its control: one in ``HOLDOUT_EVERY``, drawn by
    a hash of the two ids (the same answer at every send, unrelated to who the customer is)."""
    if group_size < HOLDOUT_MIN_GROUP:
        return False
    return zlib.crc32(f"{campaign_id}:{customer_id}".encode()) % HOLDOUT_EVERY == 0


# --- is a campaign worth its messages? ----------------------------------------------------------------------
PRIOR_REDEEM_RATE = 0.03  # of messages sent, before the shop has measured its own (assumption; docs/marketing.md)
PRIOR_MESSAGES = 50  # how many messages that prior weighs, so the shop's own figures take over soon
NEW_SHARE = 0.5  # of an offered item a coming customer buys, the part they would not have bought anyway
RETURN_DAYS = 56  # a customer won back is counted for the eight weeks an agent's campaign runs


LAPSED = "lapsed"  # the group of customers who stopped coming: a code said by one of them brings back a visit
HELD_PRIOR = 10  # how many held-back customers weigh as much as the assumption that a code's customer came for it
AGENT_ACTOR = "agent:marketing"  # who the marketing agent's campaigns are created by (the page reads its record)
SURE_SD = 1.0  # an idea pays when its margin, one standard deviation below what is expected, covers its messages


def unproven_allowance(spent_paise: int, back_paise: int, risk_paise: int) -> int:
    """What the agent may still spend on paid messages on its own: the seller's ``marketing.unproven_risk_paise``
    (how much it may risk before its codes show that anyone comes back) less what its campaigns have cost
    beyond the margin of the bills their codes brought. Codes redeemed at the counter widen it again; messages
    nobody answers use it up. Why a limit and not a test: no count of a few dozen messages can show that a 2 %
    win-back does not pay before they are paid for (docs/marketing.md, "Eighth session")."""
    return max(0, risk_paise - (spent_paise - back_paise))


@dataclass(frozen=True)
class Measured:
    """Settled customers of earlier campaigns to the same group (four weeks after their message, or after
    being held back): how many were messaged and held back, and how many of each did what the campaign asks
    (came back, for the lapsed; bought the item, for the others)."""

    messaged: int
    messaged_hit: int
    held: int
    held_hit: int

    def uplift(self) -> float | None:
        """Share of the messaged who did it less the share of the held back (None: no one to compare)."""
        if not self.messaged or not self.held:
            return None
        return self.messaged_hit / self.messaged - self.held_hit / self.held

    def variance(self) -> float:
        """Variance of :meth:`uplift` (two binomial shares; each pulled half a customer towards one half, so
        that a share of 0 or 1 out of a few customers is not taken as certain); infinite with no one to compare."""
        def var(hit: int, n: int) -> float:
            if n <= 0:
                return math.inf
            p = (hit + 0.5) / (n + 1)
            return p * (1 - p) / n
        return var(self.messaged_hit, self.messaged) + var(self.held_hit, self.held)


def _held_weight_and_share(measured: Measured | None) -> tuple[float, float]:
    """(weight of the held-back measure against ``HELD_PRIOR`` customers, the share it shows caused)."""
    if measured is None or not measured.messaged or not measured.held or not measured.messaged_hit:
        return 0.0, 0.0
    came = measured.messaged_hit / measured.messaged
    share = min(1.0, max(0.0, (came - measured.held_hit / measured.held) / came))
    return measured.held / (measured.held + HELD_PRIOR), share


def caused_share(measured: Measured | None) -> float:
    """Of the messaged customers who did what a campaign asks (came back, lapsed; bought the item, others), the
    share the messages plausibly caused: (messaged share - held-back share) / messaged share, between 0 and 1,
    from the held-back customers of the campaigns to the same group once their four weeks are over. A handful
    held back says little, so the measure is pulled towards 1 (the code's customer came for the offer) with
    the weight of ``HELD_PRIOR`` customers; with no one to compare (or no messaged customer who did it yet)
    it is 1: the code said at the counter is the only evidence."""
    weight, share = _held_weight_and_share(measured)
    return weight * share + (1 - weight)


def shown_share(measured: Measured | None) -> float:
    """The same share, but only as far as the held-back customers show it: pulled towards 0 (not 1) with the
    weight of ``HELD_PRIOR`` customers, 0 with no one to compare. What a lapsed customer's code brings beyond the
    offered item (the rest of the visit) is credited by it: the shop's *lapsed* group (overdue by its own
    rhythm) holds customers who still come, rarely; a code said by one of them is a visit made anyway, and only
    the held-back customers can tell how many of the group's visits the messages caused (docs/marketing.md,
    "Twelfth session")."""
    weight, share = _held_weight_and_share(measured)
    return weight * share


@dataclass(frozen=True)
class Worth:
    """What an idea is expected to bring, against what its messages cost (all for ``reach`` customers)."""

    reach: int
    cost_paise: int
    redeem_rate: float
    redemptions: float
    margin_paise: int  # expected gross margin from the sales it brings that would not have happened
    per_redemption_paise: int
    sure_margin_paise: int = 0  # the same, ``SURE_SD`` standard deviations lower: what it brings with fair certainty

    @property
    def pays(self) -> bool:
        """Whether the margin covers the messages even at the low side of what is known: a campaign whose
        return is uncertain (few messages measured, no code redeemed yet) is not sent on hope."""
        return self.sure_margin_paise >= self.cost_paise


def redeem_rate(messages: int, redemptions: int) -> float:
    """The shop's measured share of messages redeemed at the counter, pulled towards the prior while few
    messages have been sent (Beta mean with ``PRIOR_MESSAGES`` pseudo-messages at ``PRIOR_REDEEM_RATE``)."""
    return (redemptions + PRIOR_REDEEM_RATE * PRIOR_MESSAGES) / (max(messages, redemptions) + PRIOR_MESSAGES)


def redeem_sd(messages: int, redemptions: int) -> float:
    """Standard deviation of :func:`redeem_rate` (the same Beta's): wide while few messages have been sent."""
    rate = redeem_rate(messages, redemptions)
    return math.sqrt(rate * (1 - rate) / (max(messages, redemptions) + PRIOR_MESSAGES + 1))


def visit_value(history: Sequence[tuple[int, int, int]]) -> int:
    """The margin a lapsed customer brings back over ``RETURN_DAYS`` if they come again, averaged over the
    group: each customer's (visits, days between their first and last visit, margin over those visits)."""
    values = []
    for visits, span_days, margin in history:
        if visits <= 0:
            continue
        per_visit = margin / visits
        every = span_days / (visits - 1) if visits > 1 and span_days > 0 else 28.0  # one visit: once a month
        values.append(per_visit * min(RETURN_DAYS / max(every, 1.0), RETURN_DAYS))
    return round(sum(values) / len(values)) if values else 0


def worth(*, reach: int, cost_per_message_paise: int, messages: int, redemptions: int, lapsed: bool,
          unit_margin_paise: int, lapsed_value_paise: int, measured: Measured | None = None) -> Worth:
    """Expected return of an idea, and how sure it is: a customer who still comes and redeems brings, on top
    of the visit they would have made, the offered item ``NEW_SHARE`` of the time; a lapsed customer who
    redeems brings back their visits (``lapsed_value_paise``). The idea pays when that margin, ``SURE_SD``
    standard deviations below its expected value, covers its messages: never a campaign whose margin cannot
    pay for it, nor one that pays only on hope.

    Two measures, each with its uncertainty, give the margin a message brings: the codes redeemed (the
    prior, 3 % of messages worth ``PRIOR_MESSAGES``, and the shop's own count: a Beta), and, once customers
    held back from earlier campaigns to the same group have had their four weeks, the measured uplift
    (``measured``: the share of the messaged who came back, lapsed, or bought the item, others, less the same
    share of the held back; it may be below zero: a campaign that brings nobody stops paying). They are
    combined by their precision: a few held back weigh little, many weigh much; a run of messages with no
    code redeemed narrows the first and lowers it."""
    rate = redeem_rate(messages, redemptions)
    per = lapsed_value_paise if lapsed else round(NEW_SHARE * max(unit_margin_paise, 0))
    mean = rate * per  # margin a message brings, in paise
    var = (redeem_sd(messages, redemptions) * per) ** 2
    shift = measured.uplift() if measured is not None else None
    if measured is not None and shift is not None and var > 0:
        value = lapsed_value_paise if lapsed else max(unit_margin_paise, 0)
        held_var = measured.variance() * value ** 2
        if held_var > 0:
            mean = (mean / var + shift * value / held_var) / (1 / var + 1 / held_var)
            var = 1 / (1 / var + 1 / held_var)
        rate = mean / per if per else 0.0
    sure = mean - SURE_SD * math.sqrt(var)
    return Worth(reach=reach, cost_paise=reach * cost_per_message_paise, redeem_rate=max(rate, 0.0),
                 redemptions=reach * max(rate, 0.0), margin_paise=round(reach * mean),
                 per_redemption_paise=per, sure_margin_paise=round(reach * sure))


def segment_text(segment: str) -> str:
    """A customer group in the seller's words."""
    return {"all": _("everyone"), "regulars": _("regulars"), "lapsed": _("stopped coming"),
            "high_value": _("big spenders"), "khata_dues": _("khata dues"), "category_fans": _("category fans"),
            "new": _("new customers")}.get(segment, segment)
