"""Bringing a whole item list into the catalog: columns matched to fields, every row checked, the good
rows added in one transaction, every refused row reported with its line and the reason.

The checks are the catalog's own (barcode check digit, price at or under MRP, a GST rate that exists,
an item code used once) applied row by row before anything is written, against the shop as it is
inside the same write, so the report shown before importing is the report of what happens. One event
(``ItemsImported``) records the import; a 100,000-row list would otherwise post 100,000 events.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlite_utils import Database

from app import config
from app.domain import pricing
from app.domain.codes import check_barcode
from app.domain.gst import check_hsn
from app.domain.money import parse_inr
from app.domain.qty import check_unit, check_whole, to_milli
from app.errors import AppError, InputError
from app.events import ItemsImported
from app.i18n import _
from app.services import settings as settings_service
from app.services.changes import Changes
from app.services.context import SELLER, Origin, ServiceContext
from app.services.item_file import ItemTable
from app.services.item_presets import PRESETS, Preset, detect_preset, preset_mapping
from app.store import catalog as catalog_store

FIELDS = ("sku", "name_en", "name_hi", "barcode", "price", "mrp", "cost", "gst", "hsn", "unit", "category",
          "brand", "pack_size", "stock", "reorder_point", "tax_inclusive")
REQUIRED = ("name_en", "price")
# Header words seen in Excel lists and in the item exports of Vyapar, Tally and Marg, lower-cased.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "sku": ("sku", "code", "item code", "itemcode", "product code", "part no", "alias", "item id"),
    "name_en": ("name", "item name", "itemname", "product", "product name", "item", "description",
                "stock item", "name of item", "particulars"),
    "name_hi": ("hindi name", "name hindi", "name (hindi)", "हिंदी नाम", "नाम"),
    "barcode": ("barcode", "bar code", "ean", "ean13", "ean-13", "gtin", "upc"),
    "price": ("price", "sale price", "selling price", "sales price", "rate", "sale rate", "s.rate", "srate",
              "retail price"),
    "mrp": ("mrp", "m.r.p.", "m.r.p", "max retail price"),
    "cost": ("cost", "purchase price", "purchase rate", "p.rate", "prate", "cost price", "buying price"),
    "gst": ("gst", "gst %", "gst%", "gst rate", "tax rate", "tax", "gst rate (%)", "igst rate", "tax %"),
    "hsn": ("hsn", "hsn code", "hsn/sac", "hsn_code", "hsn/sac code", "sac"),
    "unit": ("unit", "units", "uom", "base unit", "primary unit"),
    "category": ("category", "item category", "group", "stock group", "company"),
    "brand": ("brand", "make", "manufacturer"),
    "pack_size": ("pack", "pack size", "size", "packing"),
    "stock": ("stock", "opening stock", "opening qty", "opening quantity", "quantity", "qty", "current stock",
              "op. stock", "closing stock"),
    "reorder_point": ("reorder", "reorder level", "reorder point", "min stock", "minimum stock",
                      "min stock qty", "low stock"),
    "tax_inclusive": ("inclusive of tax", "tax inclusive", "price includes gst", "incl. tax", "with tax"),
}
KNOWN_GST_BP = frozenset({0, 10, 25, 100, 150, 300, 500, 600, 750, 1200, 1800, 2800, 4000})
UNIT_WORDS = {"pc": "pcs", "pcs": "pcs", "piece": "pcs", "pieces": "pcs", "nos": "pcs", "no": "pcs", "no.": "pcs",
              "unit": "pcs", "units": "pcs", "kg": "kg", "kgs": "kg", "kilo": "kg", "g": "g", "gm": "g", "gms": "g",
              "gram": "g", "grams": "g", "l": "l", "ltr": "l", "litre": "l", "liter": "l", "ml": "ml",
              "pack": "pack", "pkt": "pack", "packet": "pack", "box": "box", "dozen": "dozen", "doz": "dozen"}
_SKU = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,31}$")
_GST = re.compile(r"(\d+(?:\.\d+)?)")
CHUNK = 5000  # rows per executemany; progress is reported between chunks
Progress = Callable[[float, str], None]


def field_names() -> dict[str, str]:
    """Each field's name for the column-matching step, translated."""
    return {"sku": _("Item code"), "name_en": _("Name"), "name_hi": _("Name in Hindi"), "barcode": _("Barcode"),
            "price": _("Selling price"), "mrp": _("MRP"), "cost": _("Cost price"), "gst": _("GST %"),
            "hsn": _("HSN code"), "unit": _("Unit"), "category": _("Category"), "brand": _("Brand"),
            "pack_size": _("Pack size"), "stock": _("Opening stock"), "reorder_point": _("Reorder at"),
            "tax_inclusive": _("Price includes GST?")}


def guess_mapping(headers: list[str], remembered: dict[str, str] | None = None,
                  preset: Preset | None = None) -> dict[str, str]:
    """field -> header: the shop's remembered choice for a header first, then the headings of the program
    the list came from (``preset``), then the usual names for the headers the preset does not speak for."""
    mapping: dict[str, str] = {}
    for header in headers:
        chosen = (remembered or {}).get(header)
        if chosen in FIELDS and chosen not in mapping:
            mapping[chosen] = header
    spoken: set[str] = set()
    if preset is not None:
        found, spoken = preset_mapping(preset, headers)
        for name, header in found.items():
            if name not in mapping and header not in mapping.values():
                mapping[name] = header
    for header in headers:
        if header in mapping.values() or header in spoken:
            continue
        key = " ".join(header.lower().replace("_", " ").replace("*", " ").split())
        for name, words in SYNONYMS.items():
            if name not in mapping and key in words:
                mapping[name] = header
                break
    return mapping


def choose_preset(headers: list[str], name: str = "auto") -> Preset | None:
    """``auto``: the program the headings point to, if any; ``plain``: none; else the preset named."""
    if name == "auto":
        return detect_preset(headers)
    if name == "plain":
        return None
    if name not in PRESETS:
        raise InputError(_("'{name}' is not a program whose lists can be read.").format(name=name),
                         hint=_("Choose one of: {names}.").format(names=", ".join(["auto", "plain", *PRESETS])))
    return PRESETS[name]


def remembered_mapping(store: Any) -> dict[str, str]:
    """header -> field as chosen at the last import (kept in the shop's settings)."""
    try:
        found = json.loads(settings_service.get(store, config.ITEM_IMPORT_COLUMNS) or "{}")
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def remember_mapping(ctx: ServiceContext, mapping: dict[str, str], *, origin: Origin = SELLER) -> Changes:
    known = remembered_mapping(ctx.store) | {header: name for name, header in mapping.items()}
    return settings_service.set_setting(ctx, config.ITEM_IMPORT_COLUMNS.key,
                                        json.dumps(known, ensure_ascii=False, sort_keys=True), origin=origin)


@dataclass(frozen=True)
class Refusal:
    line: int
    sku: str
    name: str
    reason: str


@dataclass
class ImportCheck:
    """What importing would do: the rows ready to add and the rows refused, in file order."""

    ready: list[dict[str, Any]] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    skipped_blank: int = 0


@dataclass(frozen=True)
class ImportResult:
    added: int
    refused: list[Refusal]
    changes: Changes


_PER_UNIT = re.compile(r"^(.*?)\s*/\s*([A-Za-z.]+)$")  # Tally writes rates as "50.00/Nos"
_QTY_UNIT = re.compile(r"^\s*(-?[\d.,]+)\s*([A-Za-z.]+)\s*$")  # and quantities as "12 Nos"


@lru_cache(maxsize=8192)  # a list repeats the same few prices; parsing each once is most of the saving
def _paise(text: str) -> int:
    found = _PER_UNIT.match(text)
    if found and found.group(2).lower() in UNIT_WORDS:
        text = found.group(1)
    return parse_inr(text)


def _money(text: str, what: str) -> int:
    try:
        return _paise(text.strip())
    except AppError:
        raise InputError(_("{what} '{value}' is not an amount of money.").format(what=what, value=text)) from None


@lru_cache(maxsize=8192)
def _quantity(text: str, unit: str) -> int:
    found = _QTY_UNIT.match(text)
    if found and found.group(2).lower() in UNIT_WORDS:
        text = found.group(1).replace(",", "")
        written = UNIT_WORDS[found.group(2).lower()]
        if written != unit and written != "pcs":  # "5 kg" of an item sold by the gram is still 5 kg
            return to_milli(text, unit, entered_unit=written)
    return to_milli(text, unit)


_YES = frozenset({"y", "yes", "true", "1", "inclusive", "incl", "incl.", "with tax", "tax inclusive", "हाँ"})
_NO = frozenset({"n", "no", "false", "0", "exclusive", "excl", "excl.", "without tax", "tax exclusive", "नहीं"})


def _tax_inclusive(text: str) -> bool:
    word = text.strip().lower()
    if not word or word in _YES:
        return True
    if word in _NO:
        return False
    raise InputError(_("'{value}' does not say whether the price includes GST.").format(value=text),
                     hint=_("Write Yes or No."))


def _barcode(text: str) -> str:
    digits = text.strip()
    if len(digits) == 13 and digits.isdigit():  # the usual case, checked here without the general reader
        total = sum(int(d) for d in digits[0:12:2]) + 3 * sum(int(d) for d in digits[1:12:2])
        if (10 - total % 10) % 10 == int(digits[12]):
            return digits
    return check_barcode(text)


@lru_cache(maxsize=1024)
def _gst_bp(text: str) -> int | None:
    words = text.strip().lower()
    if not words:
        return None
    if words in ("exempt", "exempted", "nil", "nil rated", "none", "non-gst"):
        return 0
    found = _GST.search(words)
    if not found:
        raise InputError(_("'{rate}' is not a GST rate.").format(rate=text))
    value = float(found.group(1))
    bp = round(value * 100)
    if 0 < value < 1 and "%" not in words and round(value * 10_000) in KNOWN_GST_BP:
        bp = round(value * 10_000)  # 0.18 written as a fraction
    if bp not in KNOWN_GST_BP:
        raise InputError(_("{rate}% is not a GST rate in force.").format(rate=found.group(1)),
                         hint=_("GST rates are 0, 0.25, 3, 5, 12, 18, 28 or 40 percent."))
    return bp


@lru_cache(maxsize=1024)
def _unit(text: str) -> str:
    word = text.strip().lower()
    if not word:
        return "pcs"
    return check_unit(UNIT_WORDS.get(word, word))


class _Shop:
    """What the checks need to know about the shop, read once per import."""

    def __init__(self, db: Database) -> None:
        skus, barcodes, names, categories = catalog_store.import_keys(db)
        self.skus = {sku.lower() for sku in skus}
        self.barcodes = set(barcodes)
        self.names = {name.lower() for name in names}
        self.categories: dict[str, str] = {}
        for code, name_en, name_hi in categories:
            for key in (code, name_en, name_hi):
                if key:
                    self.categories[key.strip().lower()] = code

    def new_sku(self, line: int) -> str:
        sku, n = f"IMP{line}", 1
        while sku.lower() in self.skus:
            n += 1
            sku = f"IMP{line}-{n}"
        return sku


def _check_row(cells: dict[str, str], line: int, shop: _Shop) -> dict[str, Any]:
    name = cells.get("name_en", "").strip()
    if not name:
        raise InputError(_("The item has no name."))
    sku = cells.get("sku", "").strip()
    if sku and not _SKU.match(sku):
        raise InputError(_("'{sku}' cannot be an item code.").format(sku=sku),
                         hint=_("Use up to 32 letters, digits, '-', '_', '.' or '/'."))
    barcode = None
    if cells.get("barcode", "").strip():
        barcode = _barcode(cells["barcode"])
        if barcode in shop.barcodes:
            raise InputError(_("The barcode {code} is already used by another item.").format(code=barcode))
    if not sku and not barcode and name.lower() in shop.names:  # no code to tell them apart: a second import
        raise InputError(_("An item named '{name}' is already in the shop.").format(name=name),
                         hint=_("Give the row an item code if it is a different item."))
    if not sku:
        sku = barcode if barcode and barcode.lower() not in shop.skus else shop.new_sku(line)
    if sku.lower() in shop.skus:
        raise InputError(_("The item code '{sku}' is already used.").format(sku=sku))
    price_text = cells.get("price", "").strip()
    if not price_text:
        raise InputError(_("The item has no selling price."))
    price = _money(price_text, _("The selling price"))
    gst_bp = _gst_bp(cells.get("gst", ""))
    if not _tax_inclusive(cells.get("tax_inclusive", "")):  # Vyapar lets a price be written before GST
        price = (price * (10_000 + (gst_bp or 0)) + 5_000) // 10_000
    if price <= 0:
        raise InputError(_("The selling price must be more than zero."))
    mrp = _money(cells["mrp"], _("The MRP")) if cells.get("mrp", "").strip() else None
    pricing.check_mrp(mrp)
    pricing.check_price(price, mrp, what=name)
    cost = _money(cells["cost"], _("The cost price")) if cells.get("cost", "").strip() else 0
    pricing.check_cost(cost)
    if cost > price:  # the counter asks to confirm a sale at a loss; a list cannot be asked, so it is refused
        raise InputError(_("The selling price is below the cost price."))
    unit = _unit(cells.get("unit", ""))
    category = None
    if cells.get("category", "").strip():
        category = shop.categories.get(cells["category"].strip().lower())
        if category is None:
            raise InputError(_("There is no category '{code}'.").format(code=cells["category"].strip()))
    stock = _quantity(cells["stock"].strip(), unit) if cells.get("stock", "").strip() else 0
    check_whole(stock, unit)
    reorder = _quantity(cells["reorder_point"].strip(), unit) if cells.get("reorder_point", "").strip() else 0
    check_whole(reorder, unit)
    shop.skus.add(sku.lower())
    shop.names.add(name.lower())
    if barcode:
        shop.barcodes.add(barcode)
    return {"sku": sku, "name_en": name, "name_hi": cells.get("name_hi", "").strip(), "barcode": barcode,
            "price_paise": price, "mrp_paise": mrp, "cost_paise": cost, "gst_rate_bp": gst_bp,
            "hsn_code": check_hsn(cells["hsn"]) if cells.get("hsn", "").strip() else "", "unit": unit,
            "category": category, "brand": cells.get("brand", "").strip(),
            "pack_size": cells.get("pack_size", "").strip(), "stock_milli": stock, "reorder_point_milli": reorder,
            "line": line}


def _check(db: Database, table: ItemTable, mapping: dict[str, str], progress: Progress | None,
           share: float) -> ImportCheck:
    missing = [f for f in REQUIRED if f not in mapping]
    if missing:
        names = field_names()
        raise InputError(_("Choose the column that holds: {fields}.").format(
            fields=", ".join(names[f] for f in missing)))
    unknown = set(mapping) - set(FIELDS)
    if unknown:
        raise InputError(_("Unknown item details: {names}.").format(names=", ".join(sorted(unknown))))
    columns = {name: table.headers.index(header) for name, header in mapping.items() if header in table.headers}
    shop = _Shop(db)
    out = ImportCheck()
    total = max(1, len(table.rows))
    for index, (cells, line) in enumerate(zip(table.rows, table.lines, strict=True)):
        if progress is not None and index % 2000 == 0:
            progress(share * index / total, _("Checking row {n} of {total}").format(n=index, total=total))
        values = {name: cells[col] for name, col in columns.items()}
        if not any(v.strip() for v in values.values()):
            out.skipped_blank += 1
            continue
        try:
            out.ready.append(_check_row(values, line, shop))
        except AppError as refusal:
            reason = refusal.message + (f" {refusal.hint}" if refusal.hint else "")
            out.refused.append(Refusal(line=line, sku=values.get("sku", "").strip(),
                                       name=values.get("name_en", "").strip(), reason=reason))
    return out


def check_items(store: Any, table: ItemTable, mapping: dict[str, str], *,
                progress: Progress | None = None) -> ImportCheck:
    """The preview: what :func:`import_items` would add and refuse, writing nothing."""
    return _check(store.db(), table, mapping, progress, 1.0)


_STAGED = ("sku", "name_en", "name_hi", "barcode", "hsn_code", "gst_rate_bp", "mrp_paise", "cost_paise", "price_paise",
           "unit", "category", "brand", "pack_size", "reorder_point_milli", "stock_milli")


def _insert(db: Database, rows: list[dict[str, Any]], now: str, actor: str, event_id: int | None,
            progress: Progress | None) -> None:
    """In chunks of ``CHUNK`` rows (store.catalog.insert_items says why it stages them), with progress between."""

    def chunks() -> Iterator[list[tuple]]:
        for start in range(0, len(rows), CHUNK):
            part = rows[start:start + CHUNK]
            if progress is not None:
                progress(0.5 + 0.5 * start / max(1, len(rows)),
                         _("Adding item {n} of {total}").format(n=start + 1, total=len(rows)))
            yield [tuple(r[name] for name in _STAGED) for r in part]

    catalog_store.insert_items(db, _STAGED, chunks(), now=now, actor=actor, event_id=event_id)


def import_items(ctx: ServiceContext, table: ItemTable, mapping: dict[str, str], *, origin: Origin = SELLER,
                 progress: Progress | None = None) -> ImportResult:
    """Add every good row of ``table`` in one transaction (all of them or, on any failure, none) and
    return the refused rows with their reasons. Remembers the column choice for the next import."""
    now = ctx.now_iso()
    with ctx.store.write() as db:
        checked = _check(db, table, mapping, progress, 0.5)
        event = ctx.record(db, ItemsImported(file=table.name, added=len(checked.ready),
                                             refused=len(checked.refused)), origin, at=now)
        _insert(db, checked.ready, now, origin.actor, event.event_id, progress)
        remember_mapping(ctx, mapping, origin=origin)
    if progress is not None:
        progress(1.0, _("Added {n} items").format(n=len(checked.ready)))
    skus = frozenset(r["sku"] for r in checked.ready)
    return ImportResult(added=len(checked.ready), refused=checked.refused,
                        changes=Changes(products=skus, stock=skus, prices=skus, events=(event,)))


def refusal_rows(refused: Iterable[Refusal]) -> list[dict[str, Any]]:
    return [{"line": r.line, "sku": r.sku, "name": r.name, "reason": r.reason} for r in refused]
