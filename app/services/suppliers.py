"""Suppliers (distributors, wholesalers) and the items each one sells, with case sizes and MOQs."""

from __future__ import annotations

import re
from typing import Any

from sqlite_utils import Database

from app.domain import bounds
from app.domain.codes import check_gstin, check_phone
from app.domain.gst import check_state
from app.domain.records import Supplier
from app.errors import InputError, InvalidAmount, InvalidQuantity, NotFound
from app.events import SupplierProductLinked, SupplierSaved
from app.i18n import _
from app.services.catalog import get_product
from app.services.changes import Changes
from app.services.context import SELLER, Origin, ServiceContext
from app.store import parties
from app.store.rows import insert, update

EDITABLE = ("name", "contact_person", "phone", "whatsapp", "email", "gstin", "state_code", "address",
            "lead_time_days", "min_order_paise", "payment_terms_days", "visit_days", "notes", "active")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def get_supplier(db: Database, supplier_id: int) -> Supplier:
    supplier = parties.get_supplier(db, supplier_id)
    if supplier is None:
        raise NotFound(_("There is no supplier number {id}.").format(id=supplier_id))
    return supplier


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise InputError(_("Unknown supplier details: {names}.").format(names=", ".join(sorted(unknown))))
    out = dict(values)
    if "name" in out:
        out["name"] = str(out["name"]).strip()
        if not out["name"]:
            raise InputError(_("The supplier needs a name."))
        out["name"] = bounds.check_text(out["name"], what=_("The supplier's name"))
    for phone in ("phone", "whatsapp"):
        if out.get(phone):
            out[phone] = check_phone(out[phone])
    if out.get("gstin"):
        out["gstin"] = check_gstin(out["gstin"])
        out.setdefault("state_code", out["gstin"][:2])
    if out.get("state_code"):
        out["state_code"] = check_state(out["state_code"])
    for days in ("lead_time_days", "payment_terms_days"):
        if days in out and (not isinstance(out[days], int) or not 0 <= out[days] <= 365):
            raise InputError(_("Days must be a whole number from 0 to 365."))
    if "min_order_paise" in out and (not isinstance(out["min_order_paise"], int) or out["min_order_paise"] < 0):
        raise InvalidAmount(_("A minimum order cannot be negative."))
    if out.get("visit_days"):
        days = [d for d in re.split(r"[\s,]+", str(out["visit_days"]).lower()) if d]
        if any(d[:3] not in DAYS for d in days):
            raise InputError(_("Visit days are written like: mon, thu."))
        out["visit_days"] = ",".join(d[:3] for d in days)
    if "active" in out:
        out["active"] = int(bool(out["active"]))
    return out


def create_supplier(ctx: ServiceContext, *, name: str, origin: Origin = SELLER, **details: Any) -> Changes:
    now = ctx.now_iso()
    values = _clean({"name": name, **details})
    with ctx.store.write() as db:
        supplier_id = insert(db, "supplier", {**values, "created_at": now, "updated_at": now})
        event = ctx.record(db, SupplierSaved(supplier_id=supplier_id, name=values["name"], created=True), origin,
                           at=now)
    return Changes(suppliers=frozenset({supplier_id}), events=(event,), id=supplier_id)


def update_supplier(ctx: ServiceContext, supplier_id: int, *, origin: Origin = SELLER, **changes: Any) -> Changes:
    values = _clean(changes)
    if not values:
        return Changes()
    with ctx.store.write() as db:
        current = get_supplier(db, supplier_id)
        update(db, "supplier", "id", supplier_id, {**values, "updated_at": ctx.now_iso()})
        event = ctx.record(db, SupplierSaved(supplier_id=supplier_id, name=values.get("name", current.name)), origin)
    return Changes(suppliers=frozenset({supplier_id}), events=(event,))


def link_product(ctx: ServiceContext, supplier_id: int, sku: str, *, cost_paise: int | None = None,
                 case_size_milli: int = 1000, moq_milli: int = 0, lead_time_days: int | None = None,
                 supplier_code: str = "", origin: Origin = SELLER) -> Changes:
    """Record that a supplier sells an item: its cost there, case size, minimum order, lead time."""
    if not isinstance(case_size_milli, int) or case_size_milli <= 0:
        raise InvalidQuantity(_("A case must hold more than zero."))
    if not isinstance(moq_milli, int) or moq_milli < 0:
        raise InvalidQuantity(_("A minimum order cannot be negative."))
    if cost_paise is not None and cost_paise < 0:
        raise InvalidAmount(_("The cost cannot be negative."))
    with ctx.store.write() as db:
        get_supplier(db, supplier_id)
        get_product(db, sku)
        parties.link_supplier_product(db, supplier_id=supplier_id, sku=sku, supplier_code=supplier_code,
                                      cost_paise=cost_paise, case_size_milli=case_size_milli, moq_milli=moq_milli,
                                      lead_time_days=lead_time_days)
        parties.prefer_supplier_if_none(db, supplier_id, sku)
        event = ctx.record(db, SupplierProductLinked(supplier_id=supplier_id, sku=sku, cost_paise=cost_paise), origin)
    return Changes(suppliers=frozenset({supplier_id}), products=frozenset({sku}), events=(event,))
