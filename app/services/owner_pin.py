"""The owner's PIN: with one set, the window starts in the staff role, which cannot change prices, settings
or approvals, nor throw a bill away, until the PIN is typed. Kept salted and hashed (PBKDF2-SHA256) in the
shop's settings. The command line is the owner's own tool on the shop's PC and is not asked for it."""

from __future__ import annotations

import hashlib
import hmac
import os
import re

from app import config
from app.errors import InputError
from app.i18n import _
from app.services import settings as settings_service
from app.services.changes import Changes
from app.services.context import SELLER, Origin, ServiceContext
from app.store import Store

ROUNDS = 120_000  # about 0.1 s on the shop's 2-core PC: slow to guess, quick to type
_PIN = re.compile(r"^\d{4,8}$")


def _hash(pin: str, salt: bytes) -> str:
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, ROUNDS)
    return f"pbkdf2${ROUNDS}${salt.hex()}${digest.hex()}"


def has_pin(store: Store) -> bool:
    return bool(settings_service.get(store, config.OWNER_PIN))


def check_pin(store: Store, pin: str) -> bool:
    """True when ``pin`` is the owner's PIN (always False when none is set)."""
    stored = settings_service.get(store, config.OWNER_PIN)
    parts = stored.split("$")
    if len(parts) != 4 or parts[0] != "pbkdf2":
        return False
    digest = hashlib.pbkdf2_hmac("sha256", pin.strip().encode(), bytes.fromhex(parts[2]), int(parts[1]))
    return hmac.compare_digest(digest.hex(), parts[3])


def _check_current(store: Store, current_pin: str) -> None:
    if has_pin(store) and not check_pin(store, current_pin):
        raise InputError(_("That is not the owner's PIN."))


def set_pin(ctx: ServiceContext, pin: str, *, current_pin: str = "", origin: Origin = SELLER) -> Changes:
    """Set (or change, given the current one) the owner's PIN: 4 to 8 digits."""
    _check_current(ctx.store, current_pin)
    pin = pin.strip()
    if not _PIN.match(pin):
        raise InputError(_("The PIN is 4 to 8 digits."))
    return settings_service.set_setting(ctx, config.OWNER_PIN.key, _hash(pin, os.urandom(16)), origin=origin)


def clear_pin(ctx: ServiceContext, *, current_pin: str, origin: Origin = SELLER) -> Changes:
    """No PIN any more: everyone at the window is the owner again."""
    _check_current(ctx.store, current_pin)
    return settings_service.set_setting(ctx, config.OWNER_PIN.key, "", origin=origin)
