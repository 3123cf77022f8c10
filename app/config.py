"""Every setting, declared once: key, type, default, scope and a description for the settings screen.

Two scopes:
- ``shop`` settings belong to the business and live in the shop's ``settings`` table (read and
  written through ``app.services.settings``), so they travel with its backups;
- ``machine`` settings belong to this PC (language, which shop opens, printer) and live in
  ``machine.json`` in the data directory (:class:`MachineConfig`).

Later capabilities add their settings here, next to the rest.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from app.errors import InputError
from app.i18n import _, lazy

log = logging.getLogger(__name__)

__all__ = [
    "ALLOW_NEGATIVE_STOCK",
    "API_ENABLED",
    "API_LAN",
    "API_PORT",
    "ASSISTANT_AUTONOMY",
    "ASSISTANT_SUMMARY_HOUR",
    "BACKUP_HOUR",
    "BACKUP_KEEP",
    "BACKUP_SECOND_PLACE",
    "CONSOLIDATE_BELOW",
    "DEFAULT_CREDIT_LIMIT",
    "DRAWER_PIN",
    "INVOICE_PAGE",
    "INVOICE_PREFIX",
    "LABEL_LANGUAGE",
    "LABEL_PRINTER",
    "LANGUAGE",
    "LARGE_FONT",
    "LAST_SHOP",
    "LLM_MODEL",
    "LLM_URL",
    "LOG_LEVEL",
    "MARGIN_FLOOR_BP",
    "PAPER_MM",
    "PRINTER",
    "PRINT_AFTER_SALE",
    "RECEIPT_FOOTER",
    "ROUND_TO_RUPEE",
    "SCAN_GAP_MS",
    "SETTINGS",
    "SUBSTITUTE_BAND_PCT",
    "SYNC_ACKED_SETTLE_S",
    "SYNC_ENABLED",
    "SYNC_MAX_ATTEMPTS",
    "SYNC_OVERLAP_S",
    "SYNC_PULL_EVERY_S",
    "SYNC_RATE_SAFETY_PCT",
    "SYNC_REQUEST_TIMEOUT_S",
    "TIMEZONE",
    "MachineConfig",
    "Scope",
    "Setting",
    "declare",
    "get_setting",
]

Scope = Literal["shop", "machine"]
# Text settings are short labels, names and addresses: nothing longer, no control or direction-override
# characters (they would reorder what a bill or receipt shows).
TEXT_MAX = 500
INT_LIMIT = 10**12  # beyond any paise (Rs 1,000 crore), seconds or count a setting can mean


def timezone_name(value: str) -> str:
    """An IANA time zone this PC knows, e.g. 'Asia/Kolkata' (IST needs no time-zone database)."""
    if value in {"Asia/Kolkata", "Asia/Calcutta", "IST"}:
        return value
    from zoneinfo import ZoneInfo

    try:
        ZoneInfo(value)
    except (ValueError, OSError, KeyError):  # zoneinfo raises these for unknown or malformed names
        raise InputError(_("'{value}' is not a time zone; write it like Asia/Kolkata.").format(value=value)) from None
    return value


def plain_text(value: str, key: str) -> str:
    """Short printable text: no control, direction-override or unpaired surrogate characters."""
    import unicodedata

    text = value.strip()
    if len(text) > TEXT_MAX:
        raise InputError(_("'{setting}' is too long (at most {n} characters).").format(setting=key, n=TEXT_MAX))
    for ch in text:
        category = unicodedata.category(ch)
        if category in ("Cc", "Cs") or "\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069":
            raise InputError(_("'{setting}' contains a hidden or control character (U+{code:04X}).").format(
                setting=key, code=ord(ch)))
    return text


def absolute_folder(value: str) -> str:
    """A full folder path such as E:\\ or /media/usb (empty for none); it need not be plugged in now."""
    if value and not Path(value).expanduser().is_absolute():
        raise InputError(_("'{value}' is not a full folder path; write it like E:\\ or /media/usb.").format(
            value=value))
    return str(Path(value).expanduser()) if value else ""


@dataclass(frozen=True)
class Setting:
    key: str
    type_: type
    default: Any
    scope: Scope
    description: Callable[[], str]
    choices: tuple[Any, ...] | None = None
    minimum: int | None = None
    maximum: int | None = None
    # a further check of the parsed value (a time zone that exists, a URL): returns it or raises InputError
    check: Callable[[Any], Any] | None = None

    def parse(self, value: Any) -> Any:
        """Coerce ``value`` (possibly text typed by the seller) to this setting's type, or refuse."""
        try:
            if self.type_ is bool and isinstance(value, str):
                lowered = value.strip().lower()
                if lowered not in {"1", "0", "true", "false", "yes", "no", "on", "off"}:
                    raise ValueError(value)
                parsed: Any = lowered in {"1", "true", "yes", "on"}
            elif self.type_ is int and isinstance(value, bool):
                raise ValueError(value)
            else:
                parsed = self.type_(value)
        except (TypeError, ValueError):
            raise InputError(
                _("'{value}' is not a valid value for '{setting}'.").format(value=value, setting=self.key)
            ) from None
        if self.choices is not None and parsed not in self.choices:
            raise InputError(
                _("'{setting}' must be one of: {choices}.").format(
                    setting=self.key, choices=", ".join(map(str, self.choices))
                )
            )
        if self.minimum is not None and parsed < self.minimum:
            raise InputError(
                _("'{setting}' must be at least {minimum}.").format(setting=self.key, minimum=self.minimum)
            )
        if self.type_ is int:
            top = self.maximum if self.maximum is not None else INT_LIMIT
            if parsed > top or parsed < -INT_LIMIT:
                raise InputError(_("'{setting}' must be at most {maximum}.").format(setting=self.key, maximum=top))
        if self.type_ is str:
            parsed = plain_text(parsed, self.key)
        if self.check is not None:
            parsed = self.check(parsed)
        return parsed

    def stored(self, value: Any) -> Any:
        """A value read back from storage: parsed, or the default with a warning when it is no longer
        valid (written by an older version or by hand), so a bad setting never stops the counter."""
        try:
            return self.parse(value)
        except InputError as exc:
            log.warning("setting %s has an unusable stored value %r (%s); using its default %r",
                        self.key, value, exc, self.default)
            return self.default


SETTINGS: dict[str, Setting] = {}


def declare(key: str, type_: type, default: Any, scope: Scope, description: str, **kw: Any) -> Setting:
    if key in SETTINGS:
        raise ValueError(f"setting {key} declared twice")
    setting = Setting(key, type_, default, scope, lazy(description), **kw)
    SETTINGS[key] = setting
    return setting


def get_setting(key: str) -> Setting:
    try:
        return SETTINGS[key]
    except KeyError:
        raise InputError(_("There is no setting called '{key}'.").format(key=key)) from None


# --- this PC ---------------------------------------------------------------------------------
LANGUAGE = declare("ui.language", str, "en", "machine", "Language of the screens and messages",
                   choices=("en", "hi"))
LAST_SHOP = declare("shop.last_opened", str, "demo", "machine", "The shop that opens when the app starts")
BACKUP_KEEP = declare("backup.keep", int, 14, "machine", "How many daily backups to keep", minimum=1)
BACKUP_HOUR = declare("backup.hour", int, 21, "machine", "Hour of the day (0-23) for the daily backup",
                      choices=tuple(range(24)))
BACKUP_SECOND_PLACE = declare("backup.second_place", str, "", "machine",
                              "A second folder that gets a checked copy of every daily backup: a USB drive or "
                              "another disk (empty for none)", check=absolute_folder)
LOG_LEVEL = declare("log.level", str, "INFO", "machine", "How much the log file records",
                    choices=("DEBUG", "INFO", "WARNING", "ERROR"))

# --- this shop -------------------------------------------------------------------------------
TIMEZONE = declare("shop.timezone", str, "Asia/Kolkata", "shop", "Time zone for dates on bills and reports",
                   check=timezone_name)
MARGIN_FLOOR_BP = declare("pricing.margin_floor_bp", int, 500, "shop",
                          "Lowest margin over cost that agents may price at, in hundredths of a percent",
                          minimum=0)
DEFAULT_CREDIT_LIMIT = declare("khata.default_credit_limit_paise", int, 200_000, "shop",
                               "Credit limit for a new khata customer, in paise", minimum=0)
ROUND_TO_RUPEE = declare("billing.round_to_rupee", bool, True, "shop",
                         "Round bill totals to the nearest rupee (the round-off is shown on the bill)")
INVOICE_PREFIX = declare("billing.invoice_prefix", str, "INV", "shop",
                         "Letters at the start of every invoice number (up to 5)")
ALLOW_NEGATIVE_STOCK = declare("billing.allow_negative_stock", bool, True, "shop",
                               "Allow a sale when the books show no stock (the shelf may still have it)")


class MachineConfig:
    """This PC's settings in ``machine.json``; written atomically so a power cut keeps the old file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._values: dict[str, Any] = {}
        if path.exists():
            try:
                loaded = json.loads(path.read_text(encoding="utf-8"))
                self._values = loaded if isinstance(loaded, dict) else {}
            except (OSError, ValueError):
                self._values = {}  # a damaged preferences file must not stop the counter

    def get(self, setting: Setting) -> Any:
        assert setting.scope == "machine", setting.key
        if setting.key in self._values:
            return setting.stored(self._values[setting.key])
        return setting.default

    def set(self, setting: Setting, value: Any) -> None:
        assert setting.scope == "machine", setting.key
        self._values[setting.key] = setting.parse(value)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".machine-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(self._values, f, ensure_ascii=False, indent=2)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.path)


# --- counter ---------------------------------------------------------------------------------
# this PC: its receipt printer and scanner
PRINTER = declare("counter.printer", str, "", "machine",
                  "Receipt printer: its Windows name, or file:PATH, or tcp:HOST:PORT; empty for none")
PAPER_MM = declare("counter.paper_mm", int, 80, "machine", "Width of the receipt paper in mm", choices=(58, 80))
DRAWER_PIN = declare("counter.drawer_pin", int, 2, "machine",
                     "Pin that opens the cash drawer (2 or 5; 0 when there is no drawer)", choices=(0, 2, 5))
PRINT_AFTER_SALE = declare("counter.print_after_sale", bool, True, "machine",
                           "Print the receipt as soon as a bill is paid")
INVOICE_PAGE = declare("print.invoice_page", str, "A4", "machine", "Paper of the GST invoice as a PDF: A4 or A5",
                       choices=("A4", "A5"))  # issue 16
LARGE_FONT = declare("ui.large_font", bool, False, "machine", "Bigger letters in the whole window")  # issue 16
LABEL_LANGUAGE = declare("print.label_language", str, "", "machine",  # issue 16: a label printer without its driver
                         "Label printer spoken to in its own language: '' (its driver), tspl or zpl",
                         choices=("", "tspl", "zpl"))
LABEL_PRINTER = declare("print.label_printer", str, "", "machine",
                        "Where TSPL/ZPL labels go: tcp:HOST:PORT, file:PATH or a printer's name")
SCAN_GAP_MS = declare("counter.scan_gap_ms", int, 35, "machine",
                      "Most milliseconds between two keys of a barcode scan (a person types slower)",
                      minimum=5)
# this shop
CONSOLIDATE_BELOW = declare("counter.consolidate_below_paise", int, 0, "shop",
                            "Bills below this amount (in paise; 20000 = Rs 200) to unregistered buyers get a cash "
                            "memo and one consolidated tax invoice at day end; 0 to give every bill an invoice",
                            minimum=0)
RECEIPT_FOOTER = declare("counter.receipt_footer", str, "", "shop",
                         "A line printed at the bottom of every receipt (empty: a thank-you)")
ITEM_IMPORT_COLUMNS = declare("import.item_columns", str, "{}", "shop",
                              "Which field each column of an item list was matched to at the last import (JSON)")

# --- GST returns and the compliance calendar ----------------------------------------------------
GST_QUARTERLY = declare("gst.quarterly", bool, False, "shop",
                        "File GSTR-1 and GSTR-3B each quarter under QRMP (turnover up to Rs 5 crore)")
GST_PRIOR_TURNOVER_PAISE = declare("gst.prior_turnover_paise", int, 0, "shop",
                                   "Last financial year's aggregate turnover in paise (decides 4 or 6 HSN digits)",
                                   minimum=0)
GST_EXPORTS = declare("gst.exports", bool, False, "shop",
                      "The shop exports: remind of the LUT each year and the IEC update each April to June")
TRADE_IEC = declare("trade.iec", str, "", "shop", "The shop's Importer-Exporter Code (DGFT; the firm's PAN)")
TRADE_AD_CODE = declare("trade.ad_code", str, "", "shop",
                        "The bank's Authorised Dealer code registered with customs, for shipping bills")
TRADE_ROUTE_QUOTES = declare("trade.route_quotes", str, "[]", "shop",
                             "Logistics quotes for export routes (JSON list; set with: trade quote)")
TRADE_EXPORT_CHANNELS = declare("trade.export_channels", str, "", "shop",
                                "Marketplace channels that are export programmes (codes, comma-separated): the pricing "
                                "agent never prices their items below the export floor")


# --- sync ---------------------------------------------------------------------------------------
SYNC_ENABLED = declare("sync.enabled", bool, True, "shop", "Send changes to the marketplaces when online")
SYNC_PULL_EVERY_S = declare("sync.pull_every_s", int, 120, "shop", "Seconds between fetching new marketplace orders",
                            minimum=10)
SYNC_OVERLAP_S = declare("sync.overlap_s", int, 600, "shop",
                         "Seconds of overlap when fetching orders, so none slips between two fetches", minimum=0)
SYNC_MAX_ATTEMPTS = declare("sync.max_attempts", int, 25, "shop", "Tries before a change is shown as failed",
                            minimum=1)
SYNC_REQUEST_TIMEOUT_S = declare("sync.request_timeout_s", int, 20, "shop",
                                 "Seconds to wait for a marketplace to answer", minimum=1)
SYNC_RATE_SAFETY_PCT = declare("sync.rate_safety_pct", int, 90, "shop",
                               "Share of a marketplace's published rate limit to use, in percent", minimum=10)
SYNC_ACKED_SETTLE_S = declare("sync.acked_settle_s", int, 900, "shop",
                              "Seconds after which an accepted submission with no error counts as applied", minimum=60)

# --- assistant ---------------------------------------------------------------------------------
# this shop: how much the assistant may do on its own, and when it reports
ASSISTANT_AUTONOMY = declare("assistant.autonomy", str, "confirm", "shop",
                             "What the assistant may do without asking: 'confirm' asks before every change that "
                             "moves money; 'within_limits' carries out clear price changes and orders within the "
                             "agents' autonomy limits and asks for the rest", choices=("confirm", "within_limits"))
ASSISTANT_SUMMARY_HOUR = declare("assistant.summary_hour", int, 21, "shop",
                                 "Hour of the day (0-23) for the assistant's closing summary",
                                 choices=tuple(range(24)))
# this PC: the local API (the owner's phone on the shop's Wi-Fi) and an optional language model
API_ENABLED = declare("api.enabled", bool, False, "machine", "Start the local API with the app")
API_PORT = declare("api.port", int, 8765, "machine", "Port of the local API", minimum=1024)
API_LAN = declare("api.lan", bool, False, "machine",
                  "Let phones on the shop's network reach the local API (otherwise only this PC can)")
LLM_URL = declare("assistant.llm_url", str, "", "machine",
                  "Address of an OpenAI-compatible language model that may phrase the assistant's replies, such as "
                  "a local server (empty: replies are written on this PC alone)")
LLM_MODEL = declare("assistant.llm_model", str, "", "machine", "Model name to ask the language model for")


# --- the agents ------------------------------------------------------------------------------
AGENTS_ENABLED = declare("agents.enabled", bool, True, "shop", "Let the agents act on their own within their limits")
AGENT_INVENTORY_ENABLED = declare("agents.inventory.enabled", bool, True, "shop", "Let the inventory agent order stock")
AGENT_PRICING_ENABLED = declare("agents.pricing.enabled", bool, True, "shop", "Let the pricing agent set prices")
AGENT_LIMITS_CHOSEN = declare("agents.limits_chosen", bool, False, "shop",
                              "The seller has chosen what the agents may do alone (until then prices and orders wait)")
AGENT_SERVICE_LEVEL_BP = declare("agents.inventory.service_level_bp", int, 9500, "shop",
                                 "Chance of not running out before the next delivery, in hundredths of a percent",
                                 minimum=5000)
AGENT_FRESH_SERVICE_BP = declare("agents.inventory.fresh_service_bp", int, 1700, "shop",
                                 "Least chance that a delivery of goods that expire lasts until they expire, in "
                                 "hundredths of a percent (0: as far as it pays)", minimum=0, maximum=9800)
AGENT_COVER_DAYS = declare("agents.inventory.cover_days", int, 7, "shop",
                           "Days of sales each purchase order should cover", minimum=1)
AGENT_MAX_PO_PAISE = declare("agents.inventory.max_po_paise", int, 2_500_000, "shop",
                             "Largest purchase order the inventory agent may send without asking, in paise",
                             minimum=0)
AGENT_WEEKLY_BUDGET_PAISE = declare("agents.inventory.weekly_budget_paise", int, 0, "shop",
                                    "Purchase budget per week in paise (0: set by the goals' plan)", minimum=0)
AGENT_OPENING_CASH_PAISE = declare("agents.cash.opening_paise", int, -1, "shop",
                                   "Cash in hand when the agents started, in paise (-1: unknown, no cash check)",
                                   minimum=-1)
AGENT_CASH_RESERVE_PAISE = declare("agents.cash.reserve_paise", int, 0, "shop",
                                   "Cash the agents must always leave untouched, in paise", minimum=0)
AGENT_MAX_PRICE_CHANGE_BP = declare("agents.pricing.max_change_bp", int, 1000, "shop",
                                    "Largest price change the pricing agent may make without asking, in hundredths"
                                    " of a percent", minimum=0)
AGENT_PRICE_COOLDOWN_DAYS = declare("agents.pricing.cooldown_days", int, 7, "shop",
                                    "Fewest days between two price changes of the same item", minimum=0)
APPROVAL_EXPIRY_DAYS = declare("agents.approvals.expiry_days", int, 3, "shop",
                               "Days after which an unanswered approval request lapses", minimum=1)
AGENT_CYCLE_MINUTES = declare("agents.runner.cycle_minutes", int, 240, "shop",
                              "Minutes between two full agent cycles", minimum=5)

# --- marketing (docs/marketing.md) -----------------------------------------------------------
MARKETING_WEEKLY_BUDGET_PAISE = declare("marketing.weekly_budget_paise", int, 50_000, "shop",
                                        "Most the marketing agent may spend on messages in a week, in paise",
                                        minimum=0)
MARKETING_MESSAGE_COST_PAISE = declare("marketing.message_cost_paise", int, 88, "shop",
                                       "What one WhatsApp marketing message costs, in paise (Meta's India rate)",
                                       minimum=0)
# how much the agent may spend on paid messages on its own beyond the margin its codes have brought back:
# the seller's risk before anything is shown to come back (docs/marketing.md, "Eighth session"); 0: nothing
# paid goes out on the agent's own word until the seller plans a campaign
MARKETING_UNPROVEN_RISK_PAISE = declare("marketing.unproven_risk_paise", int, 0, "shop",
                                        "Most the marketing agent may spend on paid messages, on its own, beyond"
                                        " the margin its codes have brought back, in paise", minimum=0)
MARKETING_LAPSED_WEEKS = declare("marketing.lapsed_weeks", int, 4, "shop",
                                 "Weeks without a visit after which a regular counts as lapsed", minimum=1)
MARKETING_LAPSED_RHYTHM = declare("marketing.lapsed_rhythm", int, 3, "shop",
                                  "A customer counts as lapsed only when also away this many of their own usual gaps"
                                  " between visits (0: the weeks alone)", minimum=0)
MARKETING_SEND_VIA = declare("marketing.send_via", str, "auto", "shop",
                              "How campaign messages go out: links the seller shares, the WhatsApp Business API, or"
                              " auto (the API once WhatsApp is connected)",
                              choices=("auto", "click_to_chat", "whatsapp_api"))
# the agent's first campaign of an idea its codes have not shown to pay goes out as click-to-chat messages the
# seller sends from the shop's own phone (free); paid API messages only once codes show it pays (docs/marketing.md,
# "Ninth session"). Off: such an idea is left out, as before (the risk limit alone)
MARKETING_FREE_FIRST = declare("marketing.free_first", bool, True, "shop",
                               "The agent's first campaign of an unproven idea goes out as messages you send"
                               " yourself from the shop's phone (free); paid messages once its codes show it pays")

# --- operations: fulfilment plans (docs/orders.md) -------------------------------------------
OPERATIONS_SELF_DELIVERY_PAISE = declare("operations.self_delivery_paise", int, 2000, "shop",
                                         "What one trip of the shop's own delivery person costs, in paise",
                                         minimum=0)
OPERATIONS_AUTO_SHIP_LIMIT_PAISE = declare("operations.auto_ship_limit_paise", int, 10_000, "shop",
                                           "Most a parcel's shipping may cost for the operations agent to choose it "
                                           "alone, in paise (above it, or when late, it waits for you)", minimum=0)
SUBSTITUTE_BAND_PCT = declare("deliveries.substitute_band_pct", int, 20, "shop",
                              "How far a substitute's price may be from the ordered item's, in percent, for it to be "
                              "proposed to a home-delivery customer", minimum=0, maximum=100)
COURIER_URL = declare("courier.url", str, "", "shop",
                      "The courier aggregator's API address (its password is kept in the system keyring)")
COURIER_EMAIL = declare("courier.email", str, "", "shop", "The e-mail of the shop's courier aggregator account")
OPERATIONS_EVERY_MINUTES = declare("operations.every_minutes", int, 15, "shop",
                                   "How often the operations agent plans new orders, books couriers within your "
                                   "limits and reads their tracking", minimum=5)

# --- the owner's PIN (docs/window.md) ------------------------------------------------------------
OWNER_PIN = declare("security.owner_pin", str, "", "shop",
                    "The owner's PIN, salted and hashed (set it in Settings or with 'pin set'); empty: no staff role")
