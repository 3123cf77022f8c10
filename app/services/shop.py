"""The shop's own profile: name, GST registration, state, UPI id. Set once, edited rarely."""

from __future__ import annotations

import csv
from typing import Any

from app.domain.codes import check_gstin, check_phone, check_upi_id
from app.domain.gst import SCHEMES, check_state
from app.domain.records import ShopProfile
from app.errors import InputError, InvalidState
from app.events import ShopProfileUpdated, ShopRestored
from app.i18n import _
from app.paths import resources_dir
from app.services.changes import Changes
from app.services.context import SELLER, SYSTEM, Origin, ServiceContext
from app.services.taxes import load_default_rates
from app.store import Store
from app.store import catalog as catalog_store
from app.store import shop as shop_store
from app.store.rows import insert, update

EDITABLE = ("name", "legal_name", "address", "city", "pincode", "state_code", "gstin", "gst_scheme", "upi_id",
            "phone", "email", "fssai_no")


def profile(store: Store) -> ShopProfile:
    found = shop_store.get_profile(store.db())
    if found is None:
        raise InvalidState(_("This shop has not been set up yet."),
                           hint=_("Run the first-time set-up to give the shop its name and state."))
    return found


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise InputError(_("Unknown shop details: {names}.").format(names=", ".join(sorted(unknown))))
    out = dict(fields)
    if "name" in out and not str(out["name"]).strip():
        raise InputError(_("The shop needs a name."))
    if "state_code" in out:
        out["state_code"] = check_state(out["state_code"])
    if "gst_scheme" in out and out["gst_scheme"] not in SCHEMES:
        raise InputError(_("The GST scheme must be regular, composition or unregistered."))
    if out.get("gstin"):
        out["gstin"] = check_gstin(out["gstin"])
    if out.get("upi_id"):
        out["upi_id"] = check_upi_id(out["upi_id"])
    if out.get("phone"):
        out["phone"] = check_phone(out["phone"])
    return out


def _check_consistent(values: dict[str, Any]) -> None:
    if values.get("gstin") and values["gstin"][:2] != values["state_code"]:
        raise InputError(_("The GSTIN {gstin} is registered in another state than the shop's ({state}).").format(
            gstin=values["gstin"], state=values["state_code"]))
    if values.get("gst_scheme", "regular") != "unregistered" and not values.get("gstin"):
        raise InputError(_("A GST-registered shop needs its GSTIN."),
                         hint=_("Enter the GSTIN, or choose 'unregistered' if the shop has none."))


def create_shop(ctx: ServiceContext, *, name: str, state_code: str, gst_scheme: str = "regular",
                gstin: str | None = None, origin: Origin = SELLER, **details: Any) -> Changes:
    """Set up a new shop: its profile, the shipped categories and the dated GST rate table."""
    values = _clean({"name": name, "state_code": state_code, "gst_scheme": gst_scheme, "gstin": gstin, **details})
    _check_consistent(values)
    now = ctx.now_iso()
    with ctx.store.write() as db:
        if shop_store.get_profile(db) is not None:
            raise InvalidState(_("This shop is already set up."))
        insert(db, "shop", {"id": 1, **values, "created_at": now, "updated_at": now})
        _load_categories(db)
        event = ctx.record(db, ShopProfileUpdated(fields=tuple(sorted(values))), origin)
        load_default_rates(ctx, origin=SYSTEM)
    return Changes(shop=True, events=(event,))


def update_shop(ctx: ServiceContext, *, origin: Origin = SELLER, **fields: Any) -> Changes:
    values = _clean(fields)
    with ctx.store.write() as db:
        current = shop_store.get_profile(db)
        if current is None:
            raise InvalidState(_("This shop has not been set up yet."))
        merged = {k: getattr(current, k) for k in EDITABLE} | values
        _check_consistent(merged)
        update(db, "shop", "id", 1, {**values, "updated_at": ctx.now_iso()})
        event = ctx.record(db, ShopProfileUpdated(fields=tuple(sorted(values))), origin)
    return Changes(shop=True, events=(event,))


def note_restored(ctx: ServiceContext, backup_name: str, *, origin: Origin = SYSTEM) -> Changes:
    """Write in the shop's own log that it was put back from a backup (the Activity tab shows it)."""
    with ctx.store.write() as db:
        event = ctx.record(db, ShopRestored(backup=backup_name), origin)
    return Changes(shop=True, events=(event,))


def _load_categories(db) -> None:
    with open(resources_dir() / "data" / "categories.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            catalog_store.add_category(db, code=row["code"], name_en=row["name_en"], name_hi=row["name_hi"],
                                       parent=row["parent"] or None)
