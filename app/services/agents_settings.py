"""The autonomy core's settings: service level, autonomy limits per agent, budgets.

Declared here (not yet in ``app.config``, which this capability does not edit) with the same
:class:`app.config.Setting` type, and stored in the shop's ``settings`` table like every other shop
setting. The lead may move the declarations into ``app.config`` unchanged; the keys stay the same.
"""

from __future__ import annotations

from typing import Any

from app.config import Setting
from app.errors import InputError
from app.events import SettingChanged
from app.i18n import _, lazy
from app.services.changes import Changes
from app.services.context import SELLER, Origin, ServiceContext
from app.store import Store
from app.store import settings as raw

AGENT_SETTINGS: dict[str, Setting] = {}


def _declare(key: str, type_: type, default: Any, description: str, **kw: Any) -> Setting:
    setting = Setting(key, type_, default, "shop", lazy(description), **kw)
    AGENT_SETTINGS[key] = setting
    return setting


ENABLED = _declare("agents.enabled", bool, True, "Let the agents act on their own within their limits")
SERVICE_LEVEL_BP = _declare("agents.inventory.service_level_bp", int, 9500,
                            "Chance of not running out before the next delivery, in hundredths of a percent",
                            minimum=5000)
COVER_DAYS = _declare("agents.inventory.cover_days", int, 7, "Days of sales each purchase order should cover",
                      minimum=1)
MAX_PO_PAISE = _declare("agents.inventory.max_po_paise", int, 2_500_000,
                        "Largest purchase order the inventory agent may send without asking, in paise", minimum=0)
WEEKLY_BUDGET_PAISE = _declare("agents.inventory.weekly_budget_paise", int, 0,
                               "Purchase budget per week in paise (0: set by the goals' plan)", minimum=0)
OPENING_CASH_PAISE = _declare("agents.cash.opening_paise", int, -1,
                              "Cash in hand when the agents started, in paise (-1: unknown, no cash check)",
                              minimum=-1)
CASH_RESERVE_PAISE = _declare("agents.cash.reserve_paise", int, 0,
                              "Cash the agents must always leave untouched, in paise", minimum=0)
MAX_PRICE_CHANGE_BP = _declare("agents.pricing.max_change_bp", int, 1000,
                               "Largest price change the pricing agent may make without asking, in hundredths"
                               " of a percent", minimum=0)
PRICE_COOLDOWN_DAYS = _declare("agents.pricing.cooldown_days", int, 7,
                               "Fewest days between two price changes of the same item", minimum=0)
APPROVAL_EXPIRY_DAYS = _declare("agents.approvals.expiry_days", int, 3,
                                "Days after which an unanswered approval request lapses", minimum=1)
CYCLE_MINUTES = _declare("agents.runner.cycle_minutes", int, 240, "Minutes between two full agent cycles",
                         minimum=5)


def get_agent_setting(key: str) -> Setting:
    try:
        return AGENT_SETTINGS[key]
    except KeyError:
        raise InputError(_("There is no agent setting called '{key}'.").format(key=key)) from None


def value(store: Store, setting: Setting) -> Any:
    """The shop's value for an agent setting, or its default."""
    stored = raw.get_raw(store.db(), setting.key, setting.default)
    try:
        return setting.parse(stored)
    except InputError:
        return setting.default


def values(store: Store) -> dict[str, Any]:
    return {key: value(store, setting) for key, setting in AGENT_SETTINGS.items()}


def set_agent_setting(ctx: ServiceContext, key: str, new_value: Any, *, origin: Origin = SELLER) -> Changes:
    setting = get_agent_setting(key)
    parsed = setting.parse(new_value)
    with ctx.store.write() as db:
        raw.set_raw(db, key, parsed, ctx.now_iso())
        event = ctx.record(db, SettingChanged(key=key, value=parsed), origin)
    return Changes(settings=frozenset({key}), events=(event,))
