"""Making a new shop's file from the first-run wizard: profile, invoice prefix, nothing half made.

The wizard (``app.ui.setup``) gathers the answers; this composition-side function opens a new store,
sets the shop up through the services and removes the file again if any step refuses. It never
writes over a shop file, nor beside a file kept aside by a restore (that shop is not new: it is
waiting to be put back).
"""

from __future__ import annotations

from typing import Any

from app import config
from app.errors import InputError
from app.i18n import _
from app.paths import DataDir
from app.services import autonomy
from app.services import settings as settings_service
from app.services import shop as shop_service
from app.session import open_session


def kept_aside(data: DataDir, shop: str) -> list[str]:
    """Files a restore moved aside for ``shop`` (``<shop>.db.damaged-…``, ``.replaced-…``); lock files and
    the holders' folder beside the shop are not such files."""
    from app.store.backup import kept_aside as aside_files

    return [path.name for path, _label, _made in aside_files(data.shop_db(shop))]


def may_create(data: DataDir, shop: str) -> bool:
    return not data.shop_db(shop).exists() and not kept_aside(data, shop)


def create_shop_file(data: DataDir, shop: str, answers: dict[str, Any]) -> None:
    """``answers``: the shop's profile fields (``app.services.shop.EDITABLE``) and ``invoice_prefix``."""
    if data.shop_db(shop).exists():
        raise InputError(_("A shop called '{name}' already exists.").format(name=shop))
    if kept_aside(data, shop):
        raise InputError(_("A file of the shop '{name}' was kept aside by a restore; it is not made again.").format(
            name=shop), hint=_("Restore a backup instead, or ask for help."))
    profile = {k: v for k, v in answers.items() if k in shop_service.EDITABLE and v not in ("", None)}
    prefix = answers.get("invoice_prefix") or ""
    opened = open_session(data, shop, create=True)
    try:
        shop_service.create_shop(opened.ctx, **profile)
        if prefix:
            settings_service.set_setting(opened.ctx, config.INVOICE_PREFIX.key, prefix)
        if answers.get("agent_limits"):  # the wizard's limits step; absent or None: every action asks first
            autonomy.choose_limits(opened.ctx, **answers["agent_limits"])
    except BaseException:
        opened.close()
        for suffix in ("", "-wal", "-shm"):
            data.shop_db(shop).with_name(data.shop_db(shop).name + suffix).unlink(missing_ok=True)
        raise
    opened.close()
