"""Products: create, edit, change price, archive; and listing them on a sales channel."""

from __future__ import annotations

import re
from typing import Any

from sqlite_utils import Database

from app.domain import bounds, pricing
from app.domain.codes import check_barcode
from app.domain.gst import check_hsn
from app.domain.qty import check_unit, check_whole
from app.domain.records import Product
from app.errors import Duplicate, InputError, InvalidQuantity, NotFound
from app.events import ChannelAdded, PriceChanged, ProductCreated, ProductUpdated, StockAdjusted
from app.i18n import _
from app.services import listings
from app.services.changes import Changes
from app.services.context import SELLER, Origin, ServiceContext
from app.store import catalog as catalog_store
from app.store import channels, parties
from app.store import stock as stock_store
from app.store import taxes as taxes_store
from app.store.rows import insert, update

_SKU = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,31}$")
EDITABLE = ("name_en", "name_hi", "keywords", "brand", "category", "unit", "pack_size", "barcode", "hsn_code",
            "gst_rate_bp", "cost_paise", "reorder_point_milli", "reorder_qty_milli", "max_stock_milli",
            "preferred_supplier_id", "shelf_life_days", "active")
CONTENT_FIELDS = frozenset({"name_en", "name_hi", "brand", "category", "unit", "pack_size", "barcode", "hsn_code",
                            "active"})


def get_product(db: Database, sku: str) -> Product:
    product = catalog_store.get(db, sku)
    if product is None:
        raise NotFound(_("There is no item with the code '{sku}'.").format(sku=sku),
                       hint=_("Check the code, or search the item by its name."))
    return product


def _check_fields(db: Database, values: dict[str, Any], *, current: Product | None) -> dict[str, Any]:
    out = dict(values)
    if "name_en" in out:
        out["name_en"] = str(out["name_en"]).strip()
        if not out["name_en"]:
            raise InputError(_("The item needs a name."))
        out["name_en"] = bounds.check_text(out["name_en"], what=_("The item's name"))
    for text in ("name_hi", "keywords", "brand", "pack_size"):
        if text in out:
            out[text] = bounds.check_text(str(out[text] or ""), what=text, empty_ok=True,
                                          limit=bounds.NOTE_MAX if text == "keywords" else bounds.NAME_MAX)
    if "unit" in out:
        out["unit"] = check_unit(out["unit"])
    if out.get("barcode"):
        out["barcode"] = check_barcode(out["barcode"])
        other = catalog_store.by_barcode(db, out["barcode"])
        if other is not None and (current is None or other.sku != current.sku):
            raise Duplicate(_("The barcode {code} already belongs to {name}.").format(
                code=out["barcode"], name=other.name_en))
    elif "barcode" in out:
        out["barcode"] = None
    if out.get("hsn_code"):
        out["hsn_code"] = check_hsn(out["hsn_code"])
    if out.get("gst_rate_bp") is not None:
        # a rate of the shop's own rate table (or of the law's list): GST 37% is a typing mistake
        in_table = taxes_store.rates_in_table(db)
        bounds.check_gst_rate(out["gst_rate_bp"], bounds.GST_RATES_BP | in_table)
    if "cost_paise" in out:
        out["cost_paise"] = pricing.check_cost(out["cost_paise"])
    if out.get("category"):
        if catalog_store.get_category(db, out["category"]) is None:
            raise NotFound(_("There is no category '{code}'.").format(code=out["category"]))
    elif "category" in out:
        out["category"] = None
    if out.get("preferred_supplier_id") is not None and not parties.supplier_exists(db, out["preferred_supplier_id"]):
        raise NotFound(_("There is no supplier number {id}.").format(id=out["preferred_supplier_id"]))
    unit = out.get("unit", current.unit if current else "pcs")
    for qty_field in ("reorder_point_milli", "reorder_qty_milli", "max_stock_milli"):
        if qty_field in out:
            if not isinstance(out[qty_field], int) or out[qty_field] < 0:
                raise InvalidQuantity(_("Stock levels cannot be negative."))
            check_whole(out[qty_field], unit)
    if out.get("shelf_life_days") is not None and int(out["shelf_life_days"]) <= 0:
        raise InputError(_("Shelf life must be at least one day."))
    if "active" in out:
        out["active"] = int(bool(out["active"]))
    return out


def create_product(ctx: ServiceContext, *, sku: str, name_en: str, price_paise: int, mrp_paise: int | None = None,
                   opening_stock_milli: int = 0, confirmed: bool = False, origin: Origin = SELLER,
                   **details: Any) -> Changes:
    """Add an item to the catalog, with its opening stock. Price may not exceed MRP; a price below
    cost needs ``confirmed=True``."""
    sku = str(sku).strip()
    if not _SKU.match(sku):
        raise InputError(_("'{sku}' cannot be an item code.").format(sku=sku),
                         hint=_("Use up to 32 letters, digits, '-', '_', '.' or '/'."))
    unknown = set(details) - set(EDITABLE)
    if unknown:
        raise InputError(_("Unknown item details: {names}.").format(names=", ".join(sorted(unknown))))
    now = ctx.now_iso()
    with ctx.store.write() as db:
        same = catalog_store.sku_taken(db, sku)
        if same is not None:  # SALT1 and salt1 would be two items the seller cannot tell apart
            raise Duplicate(_("The item code '{sku}' is already used.").format(sku=same))
        values = _check_fields(db, {"name_en": name_en, **details}, current=None)
        pricing.check_mrp(mrp_paise)
        pricing.check_price(price_paise, mrp_paise, what=values["name_en"])
        pricing.confirm_not_below_cost(price_paise, values.get("cost_paise", 0), confirmed=confirmed,
                                       what=values["name_en"])
        if opening_stock_milli < 0:
            raise InvalidQuantity(_("Opening stock cannot be negative."))
        check_whole(opening_stock_milli, values.get("unit", "pcs"))
        insert(db, "product", {"sku": sku, **values, "mrp_paise": mrp_paise, "price_paise": price_paise,
                               "created_at": now, "updated_at": now})
        stock_store.add_stock_row(db, sku, now)
        event = ctx.record(db, ProductCreated(sku=sku, name=values["name_en"]), origin, at=now)
        catalog_store.add_price_history(db, sku=sku, price_paise=price_paise, mrp_paise=mrp_paise,
                                        cost_paise=values.get("cost_paise", 0), at=now, actor=origin.actor,
                                        event_id=event.event_id)
        events = [event]
        if opening_stock_milli:
            stock_store.add_move(db, sku=sku, qty_milli=opening_stock_milli, reason="opening", source="local",
                                 source_ref=f"opening:{sku}", at=now, actor=origin.actor,
                                 unit_cost_paise=values.get("cost_paise"), event_id=event.event_id)
            events.append(ctx.record(db, StockAdjusted(sku=sku, qty_milli=opening_stock_milli,
                                                       on_hand_milli=opening_stock_milli, kind="opening"),
                                     origin, at=now))
    return Changes(products=frozenset({sku}), stock=frozenset({sku}), prices=frozenset({sku}),
                   events=tuple(events), id=sku)


def update_product(ctx: ServiceContext, sku: str, *, confirmed: bool = False, origin: Origin = SELLER,
                   **changes: Any) -> Changes:
    """Edit an item's details (not its price: see :func:`change_price`). A cost above the selling
    price needs ``confirmed=True``."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise InputError(_("These item details cannot be changed here: {names}.").format(
            names=", ".join(sorted(unknown))))
    if not changes:
        return Changes()
    now = ctx.now_iso()
    with ctx.store.write() as db:
        current = get_product(db, sku)
        values = _check_fields(db, changes, current=current)
        if "unit" in values and values["unit"] != current.unit and stock_store.on_hand(db, sku):
            raise InputError(_("The unit of {name} cannot change while it has stock.").format(name=current.name_en))
        if "cost_paise" in values:
            pricing.confirm_not_below_cost(current.price_paise, values["cost_paise"], confirmed=confirmed,
                                           what=current.name_en)
        update(db, "product", "sku", sku, {**values, "version": current.version + 1, "updated_at": now})
        event = ctx.record(db, ProductUpdated(sku=sku, fields=tuple(sorted(values))), origin, at=now)
        queued = 0
        if CONTENT_FIELDS & set(values):
            queued = listings.enqueue_content(db, get_product(db, sku), at=now, event_id=event.event_id)
    return Changes(products=frozenset({sku}), outbox=queued, events=(event,))


_UNCHANGED: Any = object()


def change_price(ctx: ServiceContext, sku: str, *, price_paise: int, mrp_paise: int | None = _UNCHANGED,
                 confirmed: bool = False, origin: Origin = SELLER) -> Changes:
    """Set an item's selling price (and optionally its MRP) on every channel at once."""
    now = ctx.now_iso()
    with ctx.store.write() as db:
        current = get_product(db, sku)
        mrp = current.mrp_paise if mrp_paise is _UNCHANGED else pricing.check_mrp(mrp_paise)
        pricing.check_price(price_paise, mrp, what=current.name_en)
        pricing.confirm_not_below_cost(price_paise, current.cost_paise, confirmed=confirmed, what=current.name_en)
        if price_paise == current.price_paise and mrp == current.mrp_paise:
            return Changes()
        update(db, "product", "sku", sku, {"price_paise": price_paise, "mrp_paise": mrp,
                                           "version": current.version + 1, "updated_at": now})
        event = ctx.record(db, PriceChanged(sku=sku, old_price_paise=current.price_paise, new_price_paise=price_paise,
                                            mrp_paise=mrp), origin, at=now)
        catalog_store.add_price_history(db, sku=sku, price_paise=price_paise, mrp_paise=mrp,
                                        cost_paise=current.cost_paise, at=now, actor=origin.actor,
                                        event_id=event.event_id)
        queued = listings.enqueue_price(db, get_product(db, sku), at=now, event_id=event.event_id)
    return Changes(products=frozenset({sku}), prices=frozenset({sku}), outbox=queued, events=(event,))


def archive_product(ctx: ServiceContext, sku: str, *, origin: Origin = SELLER) -> Changes:
    """Hide an item from billing and search; its history stays."""
    return update_product(ctx, sku, active=False, origin=origin)


def add_channel(ctx: ServiceContext, *, code: str, name: str, kind: str = "marketplace",
                allocation_cap_milli: int | None = None, origin: Origin = SELLER) -> Changes:
    """Register a sales or messaging channel (the sync capability configures its connection)."""
    if not re.fullmatch(r"[a-z][a-z0-9_]{1,31}", code):
        raise InputError(_("'{code}' cannot be a channel code.").format(code=code))
    if kind not in ("marketplace", "messaging"):
        raise InputError(_("A channel is a marketplace or a messaging service."))
    with ctx.store.write() as db:
        if channels.has_channel(db, code):
            raise Duplicate(_("The channel '{code}' already exists.").format(code=code))
        insert(db, "channel", {"code": code, "name": name, "kind": kind,
                               "allocation_cap_milli": allocation_cap_milli, "created_at": ctx.now_iso()})
        event = ctx.record(db, ChannelAdded(code=code, name=name, kind=kind), origin)
    return Changes(events=(event,), id=code)


def list_on_channel(ctx: ServiceContext, *, channel: str, sku: str, remote_sku: str | None = None,
                    origin: Origin = SELLER) -> Changes:
    """List an item on a marketplace: its content, price and quantity are queued for sending."""
    now = ctx.now_iso()
    with ctx.store.write() as db:
        product = get_product(db, sku)
        if not channels.has_channel(db, channel, "marketplace"):
            raise NotFound(_("There is no marketplace '{code}'.").format(code=channel))
        channels.list_item(db, channel=channel, sku=sku, remote_sku=remote_sku, at=now)
        event = ctx.record(db, ProductUpdated(sku=sku, fields=(f"listed:{channel}",)), origin, at=now)
        queued = (listings.enqueue_content(db, product, at=now, event_id=event.event_id)
                  + listings.enqueue_price(db, product, at=now, event_id=event.event_id)
                  + listings.enqueue_quantity(db, sku, at=now, event_id=event.event_id))
    return Changes(products=frozenset({sku}), outbox=queued, events=(event,))
