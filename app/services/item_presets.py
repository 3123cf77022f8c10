"""The column headings of the item exports of Vyapar, Tally and Marg, and which of our fields each one is.

A list saved from one of these programs keeps its own headings; a preset says what each means here, and
what it must NOT be taken for (Marg's "Company" is the maker, not a category; Tally's stock group is not
one of the shop's categories, so it is left for the seller to match). Where each list of headings comes
from, and what has not been checked against a real export, is written in ``docs/window.md``.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PRESETS", "Preset", "detect_preset", "header_key", "preset_mapping"]


def header_key(header: str) -> str:
    """A heading as compared: lower case, ``_`` and runs of spaces as one space, a trailing ``*`` dropped
    (Vyapar marks required columns "Item name*")."""
    return " ".join(header.lower().replace("_", " ").replace("*", " ").split())


@dataclass(frozen=True)
class Preset:
    key: str
    title: str  # the program's own name, the same in every language
    fields: dict[str, tuple[str, ...]]  # our field -> its headings in that program's export (header_key form)
    ignore: tuple[str, ...] = ()  # headings that look like one of our fields but mean something else there
    marks: tuple[str, ...] = ()  # headings few other lists have: two of them tell the program apart

    def headings(self) -> set[str]:
        return {h for words in self.fields.values() for h in words}


PRESETS: dict[str, Preset] = {p.key: p for p in (
    # Vyapar: Items → Import Items → "Download .xls sample", and the item list it exports.
    Preset("vyapar", "Vyapar", {
        "sku": ("item code",),
        "name_en": ("item name",),
        "hsn": ("hsn", "hsn code", "hsn/sac"),
        "price": ("sale price",),
        "cost": ("purchase price",),
        "stock": ("opening stock quantity", "opening stock", "current stock quantity", "stock quantity"),
        "reorder_point": ("minimum stock quantity", "min stock quantity"),
        "gst": ("tax rate",),
        "tax_inclusive": ("inclusive of tax", "sale price tax inclusive"),
        "mrp": ("mrp",),
        "unit": ("base unit", "unit"),
        "category": ("category", "item category"),
        "barcode": ("barcode",),
    }, ignore=("item location", "description", "discount type", "sale discount", "secondary unit",
               "conversion rate", "item type"),
       marks=("item name", "opening stock quantity", "minimum stock quantity", "inclusive of tax", "item location",
              "base unit", "sale discount")),
    # Tally: the Stock Items master as the Excel import sheets of TallyPrime and TDL tools lay it out
    # (Name, Alias/PartNo, Parent = "Under", BaseUnits, OpeningBalance/Rate/Value, GST details).
    Preset("tally", "Tally", {
        "name_en": ("name", "name of item", "stock item", "stock item name", "particulars"),
        "sku": ("part no", "partno", "alias", "namealias", "name alias"),
        "unit": ("baseunits", "base units", "units", "unit"),
        "stock": ("openingbalance", "opening balance", "opening qty", "opening quantity", "closing quantity"),
        "cost": ("openingrate", "opening rate", "standardcost", "standard cost"),
        "price": ("standardsellingprice", "standard selling price", "selling price", "standardprice"),
        "mrp": ("mrp", "mrp rate", "mrprate"),
        "hsn": ("hsn/sac", "hsncode", "hsn code", "hsn/sac details", "hsn"),
        "gst": ("gstrate", "gst rate", "igstrate", "igst rate", "integrated tax rate", "rate of duty",
                "integrated tax"),
    }, ignore=("parent", "under", "stock group", "category", "openingvalue", "opening value", "description",
               "godownname", "batchname", "additionalunit", "conversion", "denominator", "gst applicable",
               "taxability"),
       marks=("partno", "parent", "baseunits", "openingbalance", "openingrate", "openingvalue",
              "standardsellingprice", "hsncode", "gstrate", "name of item", "namealias", "under", "godownname")),
    # Marg ERP 9+: Masters → Item master, its list and the "Import Product Excel Sheet" columns
    # (Code, Product/Description, Packing, Company, Unit, HSN, MRP, sale and purchase rates, GST %).
    Preset("marg", "Marg", {
        "sku": ("code", "item code", "product code"),
        "name_en": ("product", "product name", "item name", "description", "item description"),
        "pack_size": ("packing", "pack"),
        "brand": ("company", "company name", "mfg", "manufacturer"),
        "unit": ("unit", "unit 1st", "unit1"),
        "hsn": ("hsn/sac", "hsn", "hsn code", "hsn/sac code"),
        "mrp": ("mrp",),
        "price": ("sale rate", "s.rate", "srate", "rate", "rate a", "sale price"),
        "cost": ("p.rate", "prate", "purchase rate", "cost", "cost/pcs", "cost rate"),
        "gst": ("gst %", "gst%", "gst", "local", "tax %", "tax"),
        "stock": ("stock", "opening stock", "op. stock", "qty", "closing stock"),
        "reorder_point": ("minimum qty", "min qty", "minimum", "reorder qty", "reorder level"),
        "barcode": ("barcode", "bar code", "ean"),
    }, ignore=("salt", "category", "group", "deal", "free", "conv. case", "conversion box", "status",
               "fast search", "color type", "item type", "hide", "type", "decimal", "central"),
       marks=("product", "packing", "company", "p.rate", "sale rate", "salt", "minimum qty", "conv. case",
              "s.rate")),
)}


def detect_preset(headers: list[str]) -> Preset | None:
    """The program a list most likely came from: the preset that knows most of its headings, if it
    knows at least three, a name column and two of the headings only that program writes, and more of
    them than any other preset does. A plain Excel list ("Item Name", "Sale Price", "MRP") is none."""
    keys = {header_key(h) for h in headers if h.strip()}
    scores = []
    for preset in PRESETS.values():
        names = set(preset.fields.get("name_en", ()))
        known = keys & preset.headings()
        if len(known) >= 3 and keys & names and len(keys & set(preset.marks)) >= 2:
            scores.append((len(known) + len(keys & set(preset.ignore)) / 2, preset.key))
    scores.sort(reverse=True)
    if not scores or (len(scores) > 1 and scores[0][0] == scores[1][0]):
        return None
    return PRESETS[scores[0][1]]


def preset_mapping(preset: Preset, headers: list[str]) -> tuple[dict[str, str], set[str]]:
    """(field -> header, the headers the preset has spoken for) for the columns of ``headers``; each
    field takes the first of its headings present in the preset's order."""
    by_key: dict[str, str] = {}
    for header in headers:
        by_key.setdefault(header_key(header), header)
    mapping: dict[str, str] = {}
    for name, words in preset.fields.items():
        for word in words:
            if word in by_key and by_key[word] not in mapping.values():
                mapping[name] = by_key[word]
                break
    spoken = set(mapping.values()) | {by_key[w] for w in preset.ignore if w in by_key}
    spoken |= {by_key[w] for w in preset.headings() if w in by_key}
    return mapping, spoken
