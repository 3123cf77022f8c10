"""The label facts on a pack: brand, product name, net quantity, MRP, FSSAI licence, dates, maker.

:func:`read` gives the text lines on a photo (OCR, see :mod:`app.ml.packtext._ocr`); :func:`extract` turns lines
of text, from OCR or typed, into :class:`PackFacts`. Extraction is rules: the Legal Metrology
declarations have fixed wording ("Net Wt.", "M.R.P. Rs.", "Best before", "FSSAI Lic. No."), and the
rules also absorb what OCR does to them (the ₹ sign dropped, "0" read as "O", spaces lost).
A fact that is not found is ``None``: the caller asks the seller, never guesses.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from app.ml.images import ImageSource
from app.ml.packtext import _ocr as ocr
from app.ml.packtext._brands import BRANDS

# unit spellings on packs -> our units (app.domain.qty)
_UNIT_WORDS = {
    "g": "g", "gm": "g", "gms": "g", "gram": "g", "grams": "g", "gr": "g", "grm": "g",
    "kg": "kg", "kgs": "kg", "kilo": "kg", "kilogram": "kg",
    "ml": "ml", "mls": "ml", "millilitre": "ml", "milliliter": "ml",
    "l": "l", "ltr": "l", "ltrs": "l", "lt": "l", "litre": "l", "liter": "l", "litres": "l",
    "pc": "pcs", "pcs": "pcs", "pieces": "pcs", "n": "pcs", "nos": "pcs", "units": "pcs",
}
_UNIT_RE = ("kilogram|kilo|kgs|kg|grams|gram|grm|gms|gm|gr|g|millilitre|milliliter|mls|ml|litres|litre|liter|ltrs|ltr"
            "|lt|l")
_NUM = r"\d{1,5}(?:[.,]\d{1,3})?"
_NET_KEY = re.compile(
    r"(?:net\s*(?:wt|weight|qty|quantity|quantit|content|contents|vol|volume|mass)|nett?\s*wt|शुद्ध\s*मात्रा"
    r"|शुद्ध\s*वजन)\.?\s*[:\-.]?\s*(?:\(.*?\)\s*)?(" + _NUM + r")\.?\s*(" + _UNIT_RE + r")(?![a-z])",
    re.IGNORECASE,
)
_QTY_ANY = re.compile(r"(?<![\d.,/])(" + _NUM + r")\.?\s*(" + _UNIT_RE + r")(?![a-z0-9])", re.IGNORECASE)
_COUNT = re.compile(r"(?:pack\s*of|contains|qty)\s*[:\-]?\s*(\d{1,4})\s*(?:pcs|pieces|n|nos|units|sachets)?\b",
                    re.IGNORECASE)
_MRP_KEY = re.compile(
    r"(?:m\s*\.?\s*r\s*\.?\s*p\s*\.?|max(?:imum)?\.?\s*retail\s*price|अधिकतम\s*खुदरा\s*मूल्य)"
    r"\s*[:\-.]?\s*(?:\(.*?\)\s*)?(?P<cur>rs?\s*\.?|inr|₹|[f?]|र\s*\.?|रु\s*\.?)?\s*[:.]?\s*"
    r"(?P<amount>\d{1,3}(?:,\d{2,3})+(?:\.\d{1,2})?|\d{1,6}(?:\.\d{1,2})?)\s*(?P<tail>/-|/|-)?",
    re.IGNORECASE,
)
_RS_ONLY = re.compile(r"(?:rs\s*\.?|₹|inr)\s*[:.]?\s*(\d{1,6}(?:\.\d{1,2})?)\s*(?:/-)?", re.IGNORECASE)
_FSSAI = re.compile(r"(?<!\d)(\d{14})(?!\d)")
_FSSAI_KEY = re.compile(r"fssai|lic\.?\s*no|licen[cs]e|reg\.?\s*no", re.IGNORECASE)
_BEST = re.compile(
    r"(?:best\s*before|use\s*by|expiry|exp\.?|bb)\s*(?:date)?\s*[:\-.]?\s*(.+)$", re.IGNORECASE)
_BEST_MONTHS = re.compile(r"(\d{1,2})\s*months?\s*(?:from|after|of)?\s*(?:the\s*)?(?:date\s*of\s*)?"
                          r"(manufactur\w*|packaging|packing|mfg|pkd|mfd)?", re.IGNORECASE)
_MONTH_YEAR = re.compile(r"(?<!\d)(0?[1-9]|1[0-2])\s*[/.\-]\s*((?:20)?\d{2})(?!\d)")
_MFG = re.compile(r"(?:pkd|mfd|mfg|packed\s*on|date\s*of\s*(?:manufacture|packing)|manufactured\s*on)"
                  r"\.?\s*(?:date)?\s*[:\-.]?\s*(.+)$", re.IGNORECASE)
_MAKER = re.compile(r"(?:manufactured|marketed|packed|mfd\.?|mkd\.?)\s*(?:&\s*packed\s*)?by\s*[:\-.]?\s*(.+)$",
                    re.IGNORECASE)
_ORIGIN = re.compile(r"(?:country\s*of\s*origin\s*[:\-.]?\s*([a-z ]+)|made\s*in\s*([a-z ]+))", re.IGNORECASE)
# a product name is taken only from lines the recogniser is sure of: misread Hindi is big print too
NAME_MIN_SCORE = 0.85
_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# words on every pack that are never the product's name
_BOILERPLATE = re.compile(
    r"ingredient|nutrition|store\s|storage|cool\s*and\s*dry|feedback|customer\s*care|consumer|batch|lic\.?\s*no|"
    r"fssai|incl|taxes|manufactur|marketed|packed|country\s*of|\borigin\b|www\.|@|best\s*before|use\s*by|\bexp|net\s*(wt|qty|vol|"
    r"weight|content|quantity)|m\.?r\.?p|retail\s*price|pkd|mfd|mfg|veg|made\s*in|see\s*back",
    re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PackFacts:
    """What a pack's label says. Every field is ``None`` when it was not found (or not readable)."""

    brand: str | None = None
    brand_score: float = 0.0  # 0..1 similarity of the OCR text to the brand name
    name: str | None = None
    net_quantity: Decimal | None = None  # in ``unit``
    unit: str | None = None  # g | kg | ml | l | pcs
    mrp_paise: int | None = None
    mrp_alternatives: tuple[int, ...] = ()  # other readings of a doubtful MRP ("41-" may be 41/- or 4/-)
    fssai: str | None = None
    best_before: str | None = None
    packed_on: str | None = None  # "MM/YYYY"
    manufacturer: str | None = None
    country_of_origin: str | None = None
    lines: tuple[str, ...] = field(default=())

    @property
    def net_quantity_text(self) -> str | None:
        """'250 g', '1.5 l': the quantity as a listing shows it."""
        if self.net_quantity is None or self.unit is None:
            return None
        return f"{_plain(self.net_quantity)} {self.unit}"


def read(source: ImageSource) -> ocr.OcrResult:
    """OCR the photo, dropping lines that can only be misread Devanagari (CJK glyphs on an Indian pack)."""
    result = ocr.read(source)
    kept = tuple(line for line in result.lines if not _CJK.search(line.text))
    return ocr.OcrResult(lines=kept, millis=result.millis, fallback=result.fallback)


def extract(text: str | Sequence[str] | ocr.OcrResult, *, brands: Iterable[str] = ()) -> PackFacts:
    """The label facts in ``text`` (OCR lines, or what was typed); ``brands`` adds the shop's own brands.

    From an :class:`~app.ml.packtext._ocr.OcrResult` the print size helps: the brand and the product name are the
    biggest type on the front of a pack.
    """
    if isinstance(text, ocr.OcrResult):
        raw = [(line.text, line.height, line.score) for line in text.lines]
    else:
        typed = text.splitlines() if isinstance(text, str) else [str(t) for t in text]
        raw = [(t, 0.0, 1.0) for t in typed]
    cleaned = [(_clean(t), h, s) for t, h, s in raw]
    pairs = [(t, h) for t, h, _ in cleaned if t]
    sure = [s >= NAME_MIN_SCORE for t, _, s in cleaned if t]
    lines = [t for t, _ in pairs]
    joined = "\n".join(lines)

    qty, unit = _net_quantity(lines)
    mrp_readings = _mrp(lines)
    fssai = _fssai(lines)
    best = _best_before(lines)
    packed = _packed_on(lines)
    maker = _manufacturer(lines)
    origin = _origin(joined)
    known = list(dict.fromkeys([*brands, *BRANDS]))
    brand, brand_score, brand_line = _brand(pairs, known)
    name = _name(pairs, sure, brand, brand_line)
    return PackFacts(brand=brand, brand_score=brand_score, name=name, net_quantity=qty, unit=unit,
                     mrp_paise=mrp_readings[0] if mrp_readings else None, mrp_alternatives=tuple(mrp_readings[1:]),
                     fssai=fssai, best_before=best, packed_on=packed, manufacturer=maker, country_of_origin=origin,
                     lines=tuple(lines))


# ---- helpers ---------------------------------------------------------------------------------------

def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", " ", text).strip()


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def _digits_fix(text: str) -> str:
    """OCR swaps look-alike glyphs inside numbers: O->0, o->0, I/l/|->1, S->5 (only between digits)."""
    out = re.sub(r"(?<=\d)[Oo](?=[\d.,]|\b)", "0", text)
    out = re.sub(r"(?<=\d)[Il|](?=\d)", "1", out)
    out = re.sub(r"(?<=[\d.])[Oo](?=\d)", "0", out)
    return out


def _decimal(number: str) -> Decimal | None:
    try:
        value = Decimal(number.replace(",", "."))
    except InvalidOperation:
        return None
    return value if value > 0 else None


def _net_quantity(lines: list[str]) -> tuple[Decimal | None, str | None]:
    keyed: list[tuple[Decimal, str]] = []
    loose: list[tuple[Decimal, str]] = []
    for line in lines:
        fixed = _digits_fix(line)
        for match in _NET_KEY.finditer(fixed):
            value = _decimal(match[1])
            if value is not None:
                keyed.append((value, _UNIT_WORDS[match[2].lower()]))
        if _BEST.search(fixed) or _FSSAI_KEY.search(fixed):
            continue
        for match in _QTY_ANY.finditer(fixed):
            value = _decimal(match[1])
            if value is not None:
                loose.append((value, _UNIT_WORDS[match[2].lower()]))
        if not keyed:
            count = _COUNT.search(fixed)
            if count and int(count[1]) > 0:
                loose.append((Decimal(count[1]), "pcs"))
    found = keyed or loose
    if not found:
        return None, None
    # the declaration that appears most often wins (front and back of a pack repeat it); then the first
    best = max(found, key=lambda f: (found.count(f), -found.index(f)))
    return best


def _rupees_to_paise(number: str) -> int | None:
    number = number.replace(",", "")
    try:
        value = Decimal(number)
    except InvalidOperation:
        return None
    paise = int((value * 100).to_integral_value())
    return paise if 0 < paise <= 10_000_000 else None


def _mrp_readings(match: re.Match[str], lines: list[str], here: int) -> list[int]:
    """The amount after an MRP keyword, best reading first, then the other readings OCR makes plausible."""
    amount = match["amount"]
    readings = [amount]
    after = match.string[match.end("amount"):match.end("amount") + 1]
    if after == "-" and amount.endswith("1") and "." not in amount and len(amount) >= 2:
        # "67/-" is often read as "671-" (the slash as a one), but "41-" may also be "41/-" with the slash lost
        readings.append(amount[:-1])
    if not match["cur"] and amount[0] in "27" and len(amount.split(".")[0]) >= 2:
        # a ₹ sign the recogniser does not know is sometimes read as a leading 2 or 7 ("₹40" -> "240")
        readings.append(amount[1:])
    others = " ".join(line for i, line in enumerate(lines) if i != here)
    for alternative in readings[1:]:
        # the pack repeating the shorter amount elsewhere settles it
        if re.search(rf"(?<![\d.]){re.escape(alternative)}(?![\d])", others):
            readings.remove(alternative)
            readings.insert(0, alternative)
            break
    return [p for p in (_rupees_to_paise(r) for r in readings) if p]


def _mrp(lines: list[str]) -> list[int]:
    """MRP readings in paise, most likely first (empty when the pack shows none)."""
    keyed: list[list[int]] = []
    for i, line in enumerate(lines):
        fixed = _digits_fix(line)
        match = _MRP_KEY.search(fixed)
        if match:
            readings = _mrp_readings(match, lines, i)
            if readings:
                keyed.append(readings)
                continue
        if re.search(r"m\.?\s*r\.?\s*p\.?\s*[:.]?\s*(?:rs\.?|₹)?\s*$", fixed, re.IGNORECASE) and i + 1 < len(lines):
            # "MRP" at the end of one line and the amount on the next
            nxt = re.match(r"\s*(?:rs\.?|₹)?\s*(\d{1,6}(?:\.\d{1,2})?)", _digits_fix(lines[i + 1]), re.IGNORECASE)
            if nxt and (paise := _rupees_to_paise(nxt[1])):
                keyed.append([paise])
    if keyed:
        firsts = [r[0] for r in keyed]
        best = max(keyed, key=lambda r: (firsts.count(r[0]), -keyed.index(r)))
        return best
    for line in lines:
        match = _RS_ONLY.search(_digits_fix(line))
        if match and (paise := _rupees_to_paise(match[1])):
            return [paise]
    return []


def _fssai(lines: list[str]) -> str | None:
    candidates = []
    for i, line in enumerate(lines):
        # licence numbers are often printed in groups ("1001 2345 6789 01"); join the groups
        compact = re.sub(r"(?<=\d) (?=\d)", "", _digits_fix(line))
        for match in _FSSAI.finditer(compact):
            keyed = bool(_FSSAI_KEY.search(line)) or (i > 0 and bool(_FSSAI_KEY.search(lines[i - 1])))
            candidates.append((keyed, match[1]))
    if not candidates:
        return None
    candidates.sort(key=lambda c: not c[0])
    return candidates[0][1]


def _month_year(text: str) -> str | None:
    match = _MONTH_YEAR.search(_digits_fix(text))
    if not match:
        return None
    year = match[2] if len(match[2]) == 4 else f"20{match[2]}"
    return f"{int(match[1]):02d}/{year}"


def _best_before(lines: list[str]) -> str | None:
    for line in lines:
        match = _BEST.search(line)
        if not match:
            continue
        rest = _digits_fix(match[1])
        months = _BEST_MONTHS.search(rest)
        if months:
            base = (months[2] or "").lower()
            basis = "packaging" if base.startswith(("pack", "pkd")) else "manufacture"
            return f"{int(months[1])} months from {basis}"
        if dated := _month_year(rest):
            return dated
    return None


def _packed_on(lines: list[str]) -> str | None:
    for line in lines:
        match = _MFG.search(line)
        if match and (dated := _month_year(match[1])):
            return dated
    return None


def _manufacturer(lines: list[str]) -> str | None:
    for line in lines:
        match = _MAKER.search(line)
        if match:
            name = match[1].strip(" :.-")
            if len(re.findall(r"[A-Za-z]", name)) >= 4:
                return name
    return None


def _origin(text: str) -> str | None:
    match = _ORIGIN.search(text)
    if not match:
        return None
    country = (match[1] or match[2] or "").strip().split("  ")[0]
    words = country.split()
    return " ".join(words[:3]).title() if words else None


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _similarity(brand: str, line: str) -> float:
    """How well ``brand`` (a key: lower-case letters and digits) matches a run of whole words of ``line``.

    Word runs, not character windows: "Printed in India" must not contain "Sprite", nor "Rin".
    """
    words = re.findall(r"[a-z0-9]+", line.lower())
    if not words:
        return 0.0
    best = 0.0
    span = max(1, len(brand) // 3)
    for i in range(len(words)):
        joined = ""
        for j in range(i, min(len(words), i + span + 1)):
            joined += words[j]
            if len(joined) > len(brand) + 3:
                break
            if len(joined) < len(brand) - 3:
                continue
            if joined == brand:
                return 1.0
            matcher = difflib.SequenceMatcher(None, brand, joined, autojunk=False)
            if matcher.real_quick_ratio() >= 0.8 and matcher.quick_ratio() >= 0.8:
                best = max(best, matcher.ratio())
    return best


def _brand(pairs: list[tuple[str, float]], known: list[str]) -> tuple[str | None, float, int | None]:
    if not pairs:
        return None, 0.0, None
    tallest = max(h for _, h in pairs) or 1.0
    best: tuple[float, int, str | None, int | None, float] = (0.0, 0, None, None, 0.0)
    for brand in known:
        bkey = _key(brand)
        if len(bkey) < 2:
            continue
        for i, (text, height) in enumerate(pairs):
            sim = _similarity(bkey, text)
            # short brands ("Rin", "Vim") only as an exact word; one wrong letter is another word
            if sim < 0.8 or (len(bkey) <= 4 and sim < 1.0):
                continue
            size = height / tallest if tallest else 0.0
            rank = sim + 0.25 * size  # big print is more likely the brand than a maker's line
            candidate = (rank, len(bkey), brand, i, sim)
            if candidate[:2] > best[:2]:
                best = candidate
    _, _, brand, line, sim = best
    return brand, round(sim, 3), line


def _name(pairs: list[tuple[str, float]], sure: list[bool], brand: str | None, brand_line: int | None) -> str | None:
    best: tuple[float, int] | None = None
    for i, (text, height) in enumerate(pairs):
        if not sure[i]:
            continue
        if i == brand_line:
            rest = _strip_brand(text, brand)
            if len(re.findall(r"[A-Za-z]", rest)) < 4:
                continue
            text = rest
        letters = len(re.findall(r"[A-Za-z]", text))
        if letters < 4 or letters < 0.6 * len(text.replace(" ", "")) or _BOILERPLATE.search(text):
            continue
        if _QTY_ANY.search(text) and letters < 8:
            continue
        score = height or (100.0 - i)
        if best is None or score > best[0] + 1e-6:
            best = (score, i)
    if best is None:
        return None
    text = pairs[best[1]][0]
    if best[1] == brand_line:
        text = _strip_brand(text, brand)
    return _tidy_name(text)


def _strip_brand(text: str, brand: str | None) -> str:
    if not brand:
        return text
    return re.sub(re.escape(brand), "", text, flags=re.IGNORECASE).strip(" -:,")


def _tidy_name(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" -:,.")
    # OCR drops spaces between words in small print; split CamelCase runs back into words
    text = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text)
    if text.isupper() and len(text) > 3:
        text = text.title()
    return text
