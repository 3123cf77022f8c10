"""Drafting a listing from what the photos showed and the seller typed, or the questions to ask.

Seed properties 1 and 2: every listing has every required attribute or says exactly what is missing;
an unclear photo never yields a listing without a request for a better one. Facts come from, in this
order: what the seller typed, the pack (OCR), the brand and the words on the pack, the photo (tagger).
A fact that none of them gives is never guessed: it goes into ``missing`` with the question to ask.
The GST rate comes from the dated rate table for the suggested HSN code, and the seller confirms both.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from app.domain.gst import check_hsn, format_rate
from app.domain.money import format_inr, parse_inr
from app.errors import AppError
from app.i18n import _
from app.ml import packtext, vision
from app.ml.packtext import BRANDS
from app.ml.text import romanise
from app.onboarding import rules
from app.onboarding.compliance import check_compliance
from app.onboarding.listing import Listing, Missing, ProcessedImage, RateLookup, SellerInput
from app.onboarding.photos import PhotoAnalysis
from app.paths import resources_dir

TAG_MIN_SCORE = 0.3  # a photo-only category guess below this is not offered


def required_attributes(category: str | None, marketplaces: Iterable[str]) -> tuple[str, ...]:
    """What a listing must have: the basics, Legal Metrology Rule 6(10) for pre-packaged goods, the seller's
    FSSAI licence for food, and ONDC's month and year of packing when selling there."""
    fields = ["title", "description_en", "description_hi", "name", "category", "hsn_code", "gst_rate_bp",
              "price_paise", "tags", "main_image"]
    packaged = category not in rules.LOOSE
    if packaged:
        fields += ["brand", "mrp_paise", "net_quantity", "manufacturer", "country_of_origin", "consumer_care"]
        if "ondc" in marketplaces:
            fields.append("packed_on")
    if category in rules.FOOD:
        fields.append("fssai")
    return tuple(fields)


QUESTIONS: dict[str, Callable[[], str]] = {
    "name": lambda: _("What is the product called (for example 'Glucose Biscuits')?"),
    "brand": lambda: _("Which brand is it? Type it as printed on the pack."),
    "category": lambda: _("Which category does it belong to (for example biscuits, staples, personal care)?"),
    "hsn_code": lambda: _("What is its HSN code? It is on the supplier's bill."),
    "gst_rate_bp": lambda: _("What GST rate applies to it? It is on the supplier's bill."),
    "price_paise": lambda: _("At what price will you sell it?"),
    "mrp_paise": lambda: _("What MRP is printed on the pack? Take a clear photo of the MRP, or type it."),
    "net_quantity": lambda: _("What net quantity is printed on the pack (for example 250 g or 1 l)?"),
    "manufacturer": lambda: _("Who made or packed it? Type the name and address printed on the pack."),
    "country_of_origin": lambda: _("In which country was it made?"),
    "consumer_care": lambda: _("What consumer care phone or email is printed on the pack?"),
    "packed_on": lambda: _("In which month and year was it made or packed (for example 03/2026)?"),
    "fssai": lambda: _("What is the FSSAI licence number (14 digits) on the pack, or your own?"),
    "main_image": lambda: _("Take a clear photo of the front of the pack on a plain, light background."),
    "title": lambda: _("What should the listing title be?"),
    "description_en": lambda: _("Describe the product in a sentence."),
    "description_hi": lambda: _("Describe the product in a sentence in Hindi."),
    "tags": lambda: _("Give a few words a customer would search for."),
}


def build_listing(analyses: Sequence[PhotoAnalysis], seller: SellerInput, *, rates: RateLookup | None,
                  day: date | None = None, brands: Iterable[str] = (), shop_fssai: str | None = None,
                  marketplaces: Sequence[str] = rules.MARKETPLACES) -> Listing:
    """The listing from what the photos showed and the seller typed; what is still needed is in ``missing``."""
    day = day or date.today()
    # what was typed, trimmed; a blank answer is no answer
    facts = {k: " ".join(str(v).split()) for k, v in seller.facts.items() if v is not None and str(v).strip()}
    typed_name = " ".join(seller.name.split()) if seller.name and seller.name.strip() else None
    sources: dict[str, str] = {}
    missing: list[Missing] = []
    confirm: list[str] = []

    # unclear photos first: property 2 says each one is asked about, whatever else we found
    for a in analyses:
        if a.error:
            missing.append(Missing(f"photo:{a.number}", _("Photo {n} could not be used: {why}").format(
                n=a.number, why=a.error), a.error))
        for issue in a.issues:
            missing.append(Missing(f"photo:{a.number}", _("Photo {n}: {problem} {ask}").format(
                n=a.number, problem=issue.message, ask=issue.ask), issue.code))
    usable = [a for a in analyses if a.usable]
    pack = _merge_pack_facts(usable)

    def take(key: str, typed: str | None, read: Any, read_from: str | None) -> Any:
        if typed not in (None, ""):
            sources[key] = "typed"
            return typed
        if read not in (None, ""):
            sources[key] = read_from or "photo"
            return read
        return None

    brand = take("brand", facts.get("brand"), pack.get("brand"), pack.get("brand@"))
    brand = _known_spelling(brand, brands) if brand else None
    name = take("name", typed_name or facts.get("name"), pack.get("name"), pack.get("name@"))
    if name and not re.search(r"[^\W\d_]{2,}", name):
        # "!!!", "1234": nothing a customer could search for
        missing.append(Missing("name", QUESTIONS["name"](), _("'{v}' is not a product name.").format(v=name)))
        name = None
    if name and brand and name.lower().startswith(brand.lower()) and len(name) > len(brand) + 1:
        name = name[len(brand):].strip(" -:,")  # the seller typed the brand too; the title adds it back
    price = _valid_price(seller.price_paise, facts.get("price"), missing)
    if price is not None:
        sources["price_paise"] = "typed"
    mrp = _mrp(facts.get("mrp"), pack.get("mrp"), pack.get("mrp@"), sources, missing)
    if mrp is not None and sources.get("mrp_paise") != "typed" and pack.get("mrp~"):
        mrp = _settle_mrp(mrp, pack["mrp~"], price, confirm)
    quantity = _quantity(facts.get("net_quantity"), pack.get("net_quantity"), pack.get("net_quantity@"), sources,
                         missing)
    details = {key: take(key, facts.get(key), pack.get(key), pack.get(f"{key}@"))
               for key in ("manufacturer", "country_of_origin", "packed_on", "best_before")}
    fssai = take("fssai", facts.get("fssai"), pack.get("fssai"), pack.get("fssai@"))
    if not fssai and shop_fssai:
        fssai, sources["fssai"] = shop_fssai, "shop profile"
    if fssai and not re.fullmatch(r"\d{14}", str(fssai)):
        missing.append(Missing("fssai", QUESTIONS["fssai"](), _("'{v}' is not a 14-digit FSSAI number.").format(
            v=fssai)))
        fssai = None
    care = take("consumer_care", facts.get("consumer_care"), pack.get("consumer_care"), pack.get("consumer_care@"))

    category, hsn = _category(facts, brand, name, pack.get("text", ""), usable, sources, confirm)
    gst_rate_bp = None
    if hsn:
        try:
            hsn = check_hsn(hsn)
        except AppError as exc:
            missing.append(Missing("hsn_code", QUESTIONS["hsn_code"](), str(exc)))
            hsn = None
    if hsn and rates is not None:
        try:
            found = rates(hsn, day)
            gst_rate_bp = found.rate_bp
            sources["gst_rate_bp"] = f"rate table ({found.hsn_prefix}: {found.description})"
            confirm.append(_("GST {rate} for HSN {hsn} ({what}): check it against the supplier's bill.").format(
                rate=format_rate(found.rate_bp), hsn=hsn, what=found.description))
        except AppError as exc:
            missing.append(Missing("gst_rate_bp", QUESTIONS["gst_rate_bp"](), str(exc)))

    name_hi = facts.get("name_hi") or (rules.to_hindi(name) if name else None)
    qty_text = _qty_text(quantity)
    title = rules.clean_title(" ".join(p for p in (brand, name) if p) + (f", {qty_text}" if qty_text else "")) \
        if name else None
    title_hi = " ".join(p for p in (brand, name_hi, _qty_hi(quantity)) if p) if name else None
    colours = _colours(usable)
    category_row = _categories().get(category or "", {})
    specs = _specifications(brand, name, quantity, mrp, category_row, colours, details, fssai, care, hsn)
    description_en = _describe_en(brand, name, qty_text, category_row, mrp, details, colours) if name else None
    description_hi = _describe_hi(brand, name_hi, quantity, category_row, mrp, details) if name else None
    tags = _tags(brand, name, name_hi, category_row, colours, qty_text)
    images = _images(usable)

    listing = Listing(
        title=title or None, title_hi=title_hi, description_en=description_en, description_hi=description_hi,
        brand=brand, name=name, category=category, hsn_code=hsn, gst_rate_bp=gst_rate_bp, price_paise=price,
        mrp_paise=mrp, net_quantity=qty_text, specifications=specs, tags=tags, images=images,
        required=required_attributes(category, marketplaces), missing=(), compliance=(), confirm=tuple(confirm),
        sources=sources)
    compliance = check_compliance(listing, marketplaces)
    asked = {m.field for m in missing}
    for attribute in listing.required:
        if attribute in asked or _present(listing.value(attribute)):
            continue
        if attribute == "main_image" and any(m.field.startswith("photo:") for m in missing):
            reason = _("None of the photos is clear enough for the main image.")
        else:
            reason = _("Not found on the photos and not typed.")
        missing.append(Missing(attribute, QUESTIONS[attribute](), reason))
    return replace(listing, missing=tuple(missing), compliance=compliance)


def _present(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, (str, tuple, list, dict)):
        return bool(value)
    return True


def _merge_pack_facts(usable: Sequence[PhotoAnalysis]) -> dict[str, Any]:
    """One set of label facts from all readable photos: the first photo that shows a fact gives it."""
    merged: dict[str, Any] = {"text": ""}
    best_brand = 0.0
    for a in usable:
        f = a.facts
        if f is None:
            continue
        where = _("photo {n}").format(n=a.number)
        merged["text"] += " " + " ".join(f.lines)
        if f.brand and f.brand_score > best_brand:
            merged["brand"], merged["brand@"], best_brand = f.brand, where, f.brand_score
        if f.mrp_paise is not None and "mrp" not in merged:
            merged["mrp~"] = f.mrp_alternatives
        values = {"name": f.name, "mrp": f.mrp_paise, "fssai": f.fssai, "manufacturer": f.manufacturer,
                  "country_of_origin": f.country_of_origin, "packed_on": f.packed_on, "best_before": f.best_before,
                  "net_quantity": (f.net_quantity, f.unit) if f.net_quantity is not None else None,
                  "consumer_care": _care(f.lines)}
        for key, value in values.items():
            if value is not None and key not in merged:
                merged[key], merged[f"{key}@"] = value, where
    return merged


def _care(lines: Sequence[str]) -> str | None:
    for line in lines:
        if re.search(r"feedback|customer\s*care|consumer\s*care|toll\s*free|helpline", line, re.IGNORECASE):
            number = re.search(r"(1800[\s\d]{6,10}\d|\+?91[\s\d-]{9,14}\d|\d{10})", line)
            mail = re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", line)
            if number or mail:
                return (number or mail)[0].strip()
    return None


def _known_spelling(brand: str, brands: Iterable[str]) -> str:
    known = {b.lower(): b for b in [*BRANDS, *brands]}
    return known.get(brand.lower(), brand.strip())


def _valid_price(price_paise: int | None, typed: str | None, missing: list[Missing]) -> int | None:
    if price_paise is None and typed:
        try:
            price_paise = parse_inr(typed)
        except AppError as exc:
            missing.append(Missing("price_paise", QUESTIONS["price_paise"](), str(exc)))
            return None
    if price_paise is not None and price_paise <= 0:
        missing.append(Missing("price_paise", QUESTIONS["price_paise"](), _("The price must be more than zero.")))
        return None
    return price_paise


def _mrp(typed: str | None, read: int | None, where: str | None, sources: dict[str, str],
         missing: list[Missing]) -> int | None:
    if typed:
        try:
            value = parse_inr(typed)
        except AppError as exc:
            missing.append(Missing("mrp_paise", QUESTIONS["mrp_paise"](), str(exc)))
            return None
        if value <= 0:
            missing.append(Missing("mrp_paise", QUESTIONS["mrp_paise"](), _("The MRP must be more than zero.")))
            return None
        sources["mrp_paise"] = "typed"
        return value
    if read:
        sources["mrp_paise"] = where or "photo"
        return read
    return None


def _settle_mrp(read: int, alternatives: Sequence[int], price: int | None, confirm: list[str]) -> int:
    """Pick among OCR's readings of a doubtful MRP: the MRP is at least the price, and usually close to it."""
    readings = [read, *alternatives]
    chosen = read
    if price is not None:
        fitting = [r for r in readings if r >= price]
        if fitting:
            chosen = min(fitting, key=lambda r: r - price)
    others = [r for r in readings if r != chosen]
    confirm.append(_("MRP read from the pack as {mrp} (it could also be {other}): check it.").format(
        mrp=format_inr(chosen), other=", ".join(format_inr(r) for r in others)))
    return chosen


def _quantity(typed: str | None, read: tuple[Decimal, str] | None, where: str | None, sources: dict[str, str],
              missing: list[Missing]) -> tuple[Decimal, str] | None:
    if typed:
        found = packtext.extract([f"Net Qty: {typed}"])
        if found.net_quantity is None or found.unit is None:
            missing.append(Missing("net_quantity", QUESTIONS["net_quantity"](),
                                   _("'{v}' is not a quantity with a unit.").format(v=typed)))
            return None
        sources["net_quantity"] = "typed"
        return found.net_quantity, found.unit
    if read:
        sources["net_quantity"] = where or "photo"
        return read
    return None


def _qty_text(quantity: tuple[Decimal, str] | None) -> str | None:
    if quantity is None:
        return None
    value, unit = quantity
    return f"{_plain(value)} {unit}"


def _qty_hi(quantity: tuple[Decimal, str] | None) -> str | None:
    if quantity is None:
        return None
    value, unit = quantity
    return f"{_plain(value)} {rules.UNITS_HI.get(unit, unit)}"


def _plain(value: Decimal) -> str:
    try:
        return format(value.normalize(), "f")
    except InvalidOperation:
        return str(value)


def _categories() -> dict[str, dict[str, str]]:
    with open(resources_dir() / "data" / "categories.csv", encoding="utf-8", newline="") as f:
        return {row["code"]: row for row in csv.DictReader(f)}


def _category(facts: Mapping[str, str], brand: str | None, name: str | None, pack_text: str,
              usable: Sequence[PhotoAnalysis], sources: dict[str, str], confirm: list[str]) -> tuple[str | None,
                                                                                                     str | None]:
    known = _categories()
    typed_cat, typed_hsn = facts.get("category"), facts.get("hsn_code")
    category = None
    if typed_cat:
        code = typed_cat.strip().lower().replace(" ", "_")
        match = next((c for c, row in known.items() if code in (c, row["name_en"].lower().replace(" ", "_"))), None)
        if match:
            category, sources["category"] = match, "typed"
    by_words = rules.category_from_words(" ".join(p for p in (name or "", pack_text) if p))
    if category is None and brand and len(BRANDS.get(brand, ())) == 1:
        category, sources["category"] = BRANDS[brand][0], "brand"
    if category is None and by_words:
        category, sources["category"] = by_words[0], "words"
    if category is None:
        tagged = _photo_category(usable)
        if tagged:
            category, sources["category"] = tagged, "photo tags"
    hsn = typed_hsn or None
    if hsn:
        sources["hsn_code"] = "typed"
    elif category:
        hsn = by_words[1] if by_words and by_words[0] == category else rules.CATEGORY_HSN.get(category)
        if hsn:
            sources["hsn_code"] = "suggested"
    if category and sources.get("category") != "typed":
        confirm.append(_("Category '{name}': is that right?").format(name=known[category]["name_en"]))
    return category, hsn


def _photo_category(usable: Sequence[PhotoAnalysis]) -> str | None:
    scores: dict[str, float] = {}
    for a in usable:
        if a.tags is not None:
            for c in a.tags.categories:
                scores[c.code] = scores.get(c.code, 0.0) + c.score
    if not scores:
        return None
    code, score = max(scores.items(), key=lambda kv: kv[1])
    return code if score / max(1, len(usable)) >= TAG_MIN_SCORE else None


def _colours(usable: Sequence[PhotoAnalysis]) -> list[tuple[str, str]]:
    for a in usable:
        if a.tags is not None and a.tags.colours:
            return [(c.name, c.name_hi) for c in a.tags.colours[:2]]
    return []


def _specifications(brand, name, quantity, mrp, category_row, colours, details, fssai, care, hsn) -> dict[str, str]:
    specs: dict[str, str] = {}
    pairs = {
        "brand": brand, "generic_name": name, "net_quantity": _qty_text(quantity),
        "mrp": f"{format_inr(mrp)} (inclusive of all taxes)" if mrp else None,
        "category": category_row.get("name_en"), "colour": ", ".join(c for c, _ in colours) or None,
        "manufacturer": details.get("manufacturer"), "country_of_origin": details.get("country_of_origin"),
        "packed_on": details.get("packed_on"), "best_before": details.get("best_before"), "fssai": fssai,
        "consumer_care": care, "hsn_code": hsn,
    }
    for key, value in pairs.items():
        if value:
            specs[key] = str(value)
    return specs


def _describe_en(brand, name, qty_text, category_row, mrp, details, colours) -> str:
    what = " ".join(p for p in (brand, name) if p)
    parts = [f"{what}{f' in a {qty_text} pack' if qty_text else ''}."]
    if category_row:
        parts.append(f"From our {category_row['name_en'].lower()} range, packed and sealed as it comes from the "
                     f"maker.")
    if colours:
        parts.append(f"Look for the {colours[0][0]} pack.")
    if mrp:
        parts.append(f"MRP {format_inr(mrp)}, inclusive of all taxes.")
    if details.get("best_before"):
        parts.append(f"Best before {details['best_before']}.")
    if details.get("country_of_origin"):
        parts.append(f"Country of origin: {details['country_of_origin']}.")
    if details.get("manufacturer"):
        parts.append(f"Manufactured or marketed by {details['manufacturer']}.")
    return " ".join(parts)


def _describe_hi(brand, name_hi, quantity, category_row, mrp, details) -> str:
    what = " ".join(p for p in (brand, name_hi) if p)
    qty = _qty_hi(quantity)
    parts = [f"{what}{f', {qty} का पैक' if qty else ''}।"]
    if category_row:
        parts.append(f"{category_row['name_hi']} श्रेणी का सामान, कंपनी की सील के साथ।")
    if mrp:
        parts.append(f"अधिकतम खुदरा मूल्य {format_inr(mrp)} (सभी करों सहित)।")
    if details.get("country_of_origin"):
        country = "भारत" if details["country_of_origin"].lower() == "india" else details["country_of_origin"]
        parts.append(f"मूल देश: {country}।")
    return " ".join(parts)


def _tags(brand, name, name_hi, category_row, colours, qty_text) -> tuple[str, ...]:
    """Search words a customer types: brand, name words, category (English, Hindi) and Hinglish spellings."""
    out: list[str] = []
    for value in (brand, name, qty_text, category_row.get("name_en"), category_row.get("name_hi"), name_hi):
        if value:
            out.append(value.lower() if value.isascii() else value)
    if name:
        out.extend(w.lower() for w in re.findall(r"[A-Za-z]{3,}", name))
    if name_hi and not name_hi.isascii():
        out.append(romanise(name_hi))  # Hinglish spelling: what a customer types on a Latin keyboard
    out.extend(c for c, _ in colours)
    return tuple(dict.fromkeys(t for t in out if t))


def _images(usable: Sequence[PhotoAnalysis]) -> tuple[ProcessedImage, ...]:
    out = []
    for i, a in enumerate(usable):
        box = a.tags.product if a.tags is not None else None
        main = i == 0
        picture = vision.marketplace_image(a.image, box, white=main)
        white = main and box is not None and box.plain_background
        buffer = io.BytesIO()
        picture.save(buffer, format="JPEG", quality=90)
        span = max(box.size) if box is not None else max(a.image.size)
        out.append(ProcessedImage(photo=a.number, role="main" if main else "extra", jpeg=buffer.getvalue(),
                                  width=picture.width, height=picture.height, white_background=white,
                                  product_fill=round(span / picture.width, 3)))
    return tuple(out)

