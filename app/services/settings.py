"""The shop's settings (declared in ``app.config``), validated on the way in."""

from __future__ import annotations

from typing import Any

from app.config import SETTINGS, Setting, get_setting
from app.errors import InputError
from app.events import SettingChanged
from app.i18n import _
from app.services.changes import Changes
from app.services.context import SELLER, Origin, ServiceContext
from app.store import Store
from app.store import settings as raw


def get(store: Store, setting: Setting) -> Any:
    """The shop's value for ``setting``, or its default."""
    if setting.scope != "shop":
        raise ValueError(f"{setting.key} is a machine setting")
    value = raw.get_raw(store.db(), setting.key, setting.default)
    return setting.stored(value)


def all_values(store: Store) -> dict[str, Any]:
    stored = raw.all_raw(store.db())
    return {key: s.stored(stored[key]) if key in stored else s.default
            for key, s in SETTINGS.items() if s.scope == "shop"}


def set_setting(ctx: ServiceContext, key: str, value: Any, *, origin: Origin = SELLER) -> Changes:
    setting = get_setting(key)
    if setting.scope != "shop":
        raise InputError(_("'{key}' is a setting of this PC, not of the shop.").format(key=key))
    parsed = setting.parse(value)
    if key == "billing.invoice_prefix":
        from app.domain.fy import check_prefix

        parsed = check_prefix(parsed)
    with ctx.store.write() as db:
        raw.set_raw(db, key, parsed, ctx.now_iso())
        event = ctx.record(db, SettingChanged(key=key, value=parsed), origin)
    return Changes(settings=frozenset({key}), events=(event,))
