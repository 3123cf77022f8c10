"""Reads and writes of the marketing tables: consent, campaigns, variants, messages, redemptions."""

from __future__ import annotations

from dataclasses import dataclass, fields

from sqlite_utils import Database

from app.store.rows import fetch_all, insert, scalar

__all__ = ["Campaign", "CampaignTotals", "Consent", "Reachable", "Variant", "add_consent", "campaign_days",
           "campaign_totals",
           "campaigns", "consent_log", "current_consent", "customer_choices", "customer_languages",
           "customers_on_phone", "get_campaign", "insert_campaign", "insert_message", "insert_redemption",
           "insert_variant", "messaged_since", "phone_owner", "reachable", "redemption_of", "sent_customers",
           "set_campaign", "set_customer_phone", "set_variant_texts", "spend_since", "stop_variant", "variant_by_code",
           "variant_counts", "variants"]


@dataclass(frozen=True)
class Consent:
    id: int
    customer_id: int
    channel: str
    phone: str
    granted: int
    method: str
    recorded_by: str
    note: str
    at: str


@dataclass(frozen=True)
class Campaign:
    id: int
    name: str
    sku: str
    segment: str
    segment_arg: str
    festival: str
    promotion_id: int | None
    quoted_price_paise: int
    regular_price_paise: int
    status: str
    status_reason: str
    budget_paise: int
    message_cost_paise: int
    approved: int
    decision_id: int | None
    created_by: str
    created_at: str
    updated_at: str
    channel: str = ""  # click_to_chat | whatsapp_api | "" (the shop's marketing.send_via)


@dataclass(frozen=True)
class Variant:
    id: int
    campaign_id: int
    label: str
    style: str
    code: str
    text_en: str
    text_hi: str
    stopped: int
    opening_en: str = ""  # the seller's own greeting (empty: the style's)
    opening_hi: str = ""


@dataclass(frozen=True)
class Reachable:
    customer_id: int
    name: str
    name_hi: str
    phone: str
    consent_id: int


@dataclass(frozen=True)
class CampaignTotals:
    campaign_id: int
    messages: int
    spend_paise: int
    redemptions: int
    sales_paise: int


def add_consent(db: Database, **values) -> int:
    return insert(db, "customer_consent", values)


def current_consent(db: Database, customer_id: int, channel: str = "whatsapp") -> Consent | None:
    found = fetch_all(db, Consent, "SELECT * FROM customer_consent WHERE customer_id = ? AND channel = ?"
                      " ORDER BY id DESC LIMIT 1", (customer_id, channel))
    return found[0] if found else None


def consent_log(db: Database, customer_id: int | None = None) -> list[Consent]:
    if customer_id is None:
        return fetch_all(db, Consent, "SELECT * FROM customer_consent ORDER BY id")
    return fetch_all(db, Consent, "SELECT * FROM customer_consent WHERE customer_id = ? ORDER BY id", (customer_id,))


# The consent in force is the newest row per (customer, channel); only a granted one, for the phone the
# customer has now, lets a message go (a changed number was never agreed for).
_REACHABLE = """
SELECT c.id AS customer_id, c.name, c.name_hi, c.phone, k.id AS consent_id
FROM customer c JOIN customer_consent k ON k.id = (
  SELECT MAX(id) FROM customer_consent WHERE customer_id = c.id AND channel = 'whatsapp')
WHERE c.active = 1 AND k.granted = 1 AND c.phone IS NOT NULL AND k.phone = c.phone
"""


def reachable(db: Database, customer_ids: list[int] | None = None) -> list[Reachable]:
    """Customers who may be messaged now (of ``customer_ids`` when given), by customer id."""
    rows = fetch_all(db, Reachable, _REACHABLE + " ORDER BY c.id")
    if customer_ids is None:
        return rows
    wanted = set(customer_ids)
    return [r for r in rows if r.customer_id in wanted]


def insert_campaign(db: Database, **values) -> int:
    return insert(db, "campaign", values)


def insert_variant(db: Database, **values) -> int:
    return insert(db, "campaign_variant", values)


def insert_message(db: Database, **values) -> int:
    return insert(db, "campaign_message", values)


def insert_redemption(db: Database, **values) -> int:
    return insert(db, "campaign_redemption", values)


def set_campaign(db: Database, campaign_id: int, **values) -> None:
    assignments = ", ".join(f"{k} = ?" for k in values)
    db.execute(f"UPDATE campaign SET {assignments} WHERE id = ?", (*values.values(), campaign_id))


# a campaign planned without a name of its own is stored with an empty name and read under its item's present
# English name, so that renaming the item renames the campaign (it kept the name of the day it was planned)
_CAMPAIGN_COLUMNS = ", ".join(
    "CASE WHEN c.name != '' THEN c.name ELSE COALESCE((SELECT p.name_en FROM product p WHERE p.sku = c.sku), c.sku)"
    " END AS name" if f.name == "name" else f"c.{f.name}" for f in fields(Campaign))


def get_campaign(db: Database, campaign_id: int) -> Campaign | None:
    found = fetch_all(db, Campaign, f"SELECT {_CAMPAIGN_COLUMNS} FROM campaign c WHERE c.id = ?", (campaign_id,))
    return found[0] if found else None


def campaigns(db: Database, statuses: tuple[str, ...] | None = None) -> list[Campaign]:
    if not statuses:
        return fetch_all(db, Campaign, f"SELECT {_CAMPAIGN_COLUMNS} FROM campaign c ORDER BY c.id DESC")
    marks = ", ".join("?" * len(statuses))
    return fetch_all(db, Campaign, f"SELECT {_CAMPAIGN_COLUMNS} FROM campaign c WHERE c.status IN ({marks})"
                     " ORDER BY c.id DESC", statuses)


def variants(db: Database, campaign_id: int) -> list[Variant]:
    return fetch_all(db, Variant, "SELECT * FROM campaign_variant WHERE campaign_id = ? ORDER BY label",
                     (campaign_id,))


def variant_by_code(db: Database, code: str) -> Variant | None:
    found = fetch_all(db, Variant, "SELECT * FROM campaign_variant WHERE code = ?", (code.strip().upper(),))
    return found[0] if found else None


def sent_customers(db: Database, campaign_id: int) -> set[int]:
    return {r[0] for r in db.execute("SELECT customer_id FROM campaign_message WHERE campaign_id = ?",
                                     (campaign_id,))}


def variant_counts(db: Database, campaign_id: int) -> dict[int, tuple[int, int]]:
    """{variant id: (messages sent, redemptions)}."""
    out: dict[int, tuple[int, int]] = {}
    for vid, in db.execute("SELECT id FROM campaign_variant WHERE campaign_id = ?", (campaign_id,)).fetchall():
        sent = scalar(db, "SELECT COUNT(*) FROM campaign_message WHERE variant_id = ?", (vid,)) or 0
        got = scalar(db, "SELECT COUNT(*) FROM campaign_redemption WHERE variant_id = ?", (vid,)) or 0
        out[vid] = (sent, got)
    return out


def campaign_totals(db: Database, campaign_id: int) -> CampaignTotals:
    messages, spend = db.execute("SELECT COUNT(*), COALESCE(SUM(cost_paise), 0) FROM campaign_message"
                                 " WHERE campaign_id = ?", (campaign_id,)).fetchone()
    redeemed, sales = db.execute(
        "SELECT COUNT(*), COALESCE(SUM(r.total_paise), 0) FROM campaign_redemption r"
        " JOIN campaign_variant v ON v.id = r.variant_id WHERE v.campaign_id = ?", (campaign_id,)).fetchone()
    return CampaignTotals(campaign_id, messages, spend, redeemed, sales)


def campaign_days(db: Database, campaign_id: int) -> list[tuple[str, int, int, int, int]]:
    """(day, messages, spend, redemptions, sales on those bills) per day the campaign did something, in order
    (days of the UTC timestamps)."""
    days: dict[str, list[int]] = {}
    for day, messages, spend in db.execute(
            "SELECT substr(at, 1, 10), COUNT(*), COALESCE(SUM(cost_paise), 0) FROM campaign_message"
            " WHERE campaign_id = ? GROUP BY 1", (campaign_id,)):
        days.setdefault(day, [0, 0, 0, 0])[0:2] = [messages, spend]
    for day, redeemed, sales in db.execute(
            "SELECT substr(r.at, 1, 10), COUNT(*), COALESCE(SUM(r.total_paise), 0) FROM campaign_redemption r"
            " JOIN campaign_variant v ON v.id = r.variant_id WHERE v.campaign_id = ? GROUP BY 1", (campaign_id,)):
        days.setdefault(day, [0, 0, 0, 0])[2:4] = [redeemed, sales]
    return [(day, *values) for day, values in sorted(days.items())]  # type: ignore[misc]


def spend_since(db: Database, since_iso: str) -> int:
    return scalar(db, "SELECT COALESCE(SUM(cost_paise), 0) FROM campaign_message WHERE at >= ?", (since_iso,)) or 0


def phone_owner(db: Database, phone: str, other_than: int) -> str | None:
    """The name of another customer with this phone number, if any."""
    return scalar(db, "SELECT name FROM customer WHERE phone = ? AND id != ?", (phone, other_than))


def set_customer_phone(db: Database, customer_id: int, phone: str, at: str) -> None:
    db.execute("UPDATE customer SET phone = ?, updated_at = ? WHERE id = ?", (phone, at, customer_id))


def customers_on_phone(db: Database, phone: str) -> list[int]:
    """Customers who have this number now, or gave consent on it before."""
    ids = [r[0] for r in db.execute("SELECT id FROM customer WHERE phone = ? ORDER BY id", (phone,))]
    ids += [r[0] for r in db.execute("SELECT DISTINCT customer_id FROM customer_consent WHERE phone = ?"
                                     " ORDER BY 1", (phone,)) if r[0] not in ids]
    return ids


def messaged_since(db: Database, since_iso: str) -> set[int]:
    return {r[0] for r in db.execute("SELECT DISTINCT customer_id FROM campaign_message WHERE at >= ?", (since_iso,))}


def redemption_of(db: Database, order_id: int) -> int | None:
    return scalar(db, "SELECT id FROM campaign_redemption WHERE order_id = ?", (order_id,))


def customer_languages(db: Database, customer_ids: list[int]) -> dict[int, str]:
    """The language to write to each customer in: Hindi when the shop keeps a Hindi name for them."""
    if not customer_ids:
        return {}
    marks = ", ".join("?" * len(customer_ids))
    return {r[0]: ("hi" if r[1] else "en") for r in db.execute(
        f"SELECT id, name_hi != '' FROM customer WHERE id IN ({marks})", customer_ids)}


def set_variant_texts(db: Database, variant_id: int, text_en: str, text_hi: str) -> None:
    db.execute("UPDATE campaign_variant SET text_en = ?, text_hi = ? WHERE id = ?", (text_en, text_hi, variant_id))


def stop_variant(db: Database, variant_id: int) -> None:
    db.execute("UPDATE campaign_variant SET stopped = 1 WHERE id = ?", (variant_id,))


def customer_choices(db: Database) -> list[tuple[int, str, str | None]]:
    """(id, name, phone) of the active customers, by name, for the consent picker."""
    return [(r[0], r[1], r[2]) for r in db.execute("SELECT id, name, phone FROM customer WHERE active = 1"
                                                   " ORDER BY name LIMIT 2000")]


def set_variant_openings(db: Database, variant_id: int, opening_en: str, opening_hi: str) -> None:
    db.execute("UPDATE campaign_variant SET opening_en = ?, opening_hi = ? WHERE id = ?",
               (opening_en, opening_hi, variant_id))
