"""Render synthetic product packs with known label facts: the pack-text bench and the test fixtures.

There are no labelled photos of Indian packs in any registry, so we draw them: a pack of a random
size and colour on a table-like background, its brand in big type, the product name in English and
Hindi (Devanagari shaped by Pillow's libraqm), net quantity, MRP, FSSAI licence and best-before lines
in varied wording and fonts (Noto, Debian ``fonts-noto-core``), then a tilt, a little perspective,
blur, sensor noise, uneven light and JPEG compression, as from a phone at the counter.

    python tools/vision/packs.py OUT_DIR [--count 120] [--seed 7]

writes ``OUT_DIR/pack_000.jpg ...`` and ``OUT_DIR/labels.json`` (one record per image).
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIRS = [Path("/usr/share/fonts/truetype/noto"), Path("/usr/share/fonts/opentype/noto"),
             Path(__file__).resolve().parents[2] / "resources" / "fonts"]
LATIN_FONTS = ["NotoSans-Bold.ttf", "NotoSans-Black.ttf", "NotoSans-Regular.ttf", "NotoSans-SemiBold.ttf",
               "NotoSans-CondensedBold.ttf", "NotoSans-Condensed.ttf", "NotoSerif-Bold.ttf", "NotoSerif-Regular.ttf",
               "NotoSans-BoldItalic.ttf", "NotoSansMono-Bold.ttf", "NotoSansDisplay-Bold.ttf"]
DEVANAGARI_FONTS = ["NotoSansDevanagari-Bold.ttf", "NotoSansDevanagari-Regular.ttf", "NotoSerifDevanagari-Bold.ttf"]

# (brand, product name, Hindi name, category, unit kind, typical sizes, typical MRP range in rupees)
PRODUCTS = [
    ("Parle-G", "Glucose Biscuits", "ग्लूकोज़ बिस्कुट", "biscuits", "g", (70, 250, 800), (5, 100)),
    ("Britannia", "Good Day Cashew Cookies", "काजू कुकीज़", "biscuits", "g", (60, 200, 600), (10, 120)),
    ("Sunfeast", "Dark Fantasy Choco Fills", "चोको फिल्स", "biscuits", "g", (75, 300), (30, 160)),
    ("Oreo", "Chocolate Cream Biscuits", "चॉकलेट क्रीम बिस्कुट", "biscuits", "g", (120, 300), (30, 90)),
    ("Haldiram's", "Aloo Bhujia", "आलू भुजिया", "snacks", "g", (150, 400, 1000), (40, 250)),
    ("Bikaji", "Bikaneri Bhujia", "बीकानेरी भुजिया", "snacks", "g", (200, 400), (50, 160)),
    ("Lay's", "Classic Salted Potato Chips", "आलू चिप्स", "snacks", "g", (52, 90, 150), (20, 60)),
    ("Kurkure", "Masala Munch", "मसाला मंच", "snacks", "g", (82, 150), (20, 50)),
    ("Maggi", "2-Minute Masala Noodles", "मसाला नूडल्स", "instant", "g", (70, 280, 560), (14, 120)),
    ("Yippee", "Magic Masala Noodles", "मैजिक मसाला नूडल्स", "instant", "g", (70, 240), (14, 60)),
    ("Aashirvaad", "Whole Wheat Atta", "गेहूं का आटा", "staples", "kg", (1, 5, 10), (60, 560)),
    ("India Gate", "Basmati Rice Classic", "बासमती चावल", "staples", "kg", (1, 5), (120, 900)),
    ("Tata Sampann", "Unpolished Toor Dal", "अरहर दाल", "staples", "kg", (1, 2), (150, 400)),
    ("Fortune", "Sunflower Refined Oil", "सूरजमुखी तेल", "oils", "l", (1, 5), (140, 900)),
    ("Saffola", "Gold Blended Oil", "खाद्य तेल", "oils", "l", (1, 2, 5), (180, 1100)),
    ("Dhara", "Kachi Ghani Mustard Oil", "सरसों का तेल", "oils", "l", (1,), (150, 220)),
    ("Amul", "Pasteurised Butter", "मक्खन", "dairy", "g", (100, 500), (50, 300)),
    ("Amul", "Pure Ghee", "शुद्ध घी", "dairy", "ml", (500, 1000), (300, 700)),
    ("Tata Salt", "Vacuum Evaporated Iodised Salt", "आयोडीन युक्त नमक", "spices", "kg", (1,), (25, 35)),
    ("MDH", "Deggi Mirch", "देगी मिर्च", "spices", "g", (50, 100, 500), (40, 450)),
    ("Everest", "Garam Masala", "गरम मसाला", "spices", "g", (50, 100), (35, 110)),
    ("Madhur", "Pure and Hygienic Sugar", "चीनी", "sugar", "kg", (1, 5), (50, 300)),
    ("Tata Tea", "Premium Leaf Tea", "चाय पत्ती", "breakfast", "g", (250, 500, 1000), (130, 600)),
    ("Red Label", "Natural Care Tea", "चाय", "breakfast", "g", (250, 500), (140, 330)),
    ("Bru", "Instant Coffee", "इंस्टेंट कॉफी", "breakfast", "g", (50, 100, 200), (90, 450)),
    ("Kellogg's", "Corn Flakes Original", "कॉर्न फ्लेक्स", "breakfast", "g", (250, 475, 875), (100, 400)),
    ("Cadbury", "Dairy Milk Chocolate", "चॉकलेट", "confectionery", "g", (13, 52, 120), (10, 120)),
    ("Frooti", "Mango Drink", "आम का पेय", "beverages", "ml", (125, 600, 1200), (10, 80)),
    ("Bisleri", "Packaged Drinking Water", "पीने का पानी", "beverages", "l", (1, 2, 5), (20, 80)),
    ("Kissan", "Fresh Tomato Ketchup", "टमाटर केचप", "sauces", "g", (200, 500, 950), (40, 180)),
    ("Mother's Recipe", "Mango Pickle", "आम का अचार", "sauces", "g", (200, 400), (60, 160)),
    ("Happilo", "Premium Californian Almonds", "बादाम", "dry_fruits", "g", (200, 500), (200, 700)),
    ("Lux", "Soft Glow Soap Bar", "साबुन", "personal_care", "g", (100, 150), (30, 60)),
    ("Dettol", "Original Soap", "साबुन", "personal_care", "g", (75, 125), (35, 70)),
    ("Nivea", "Soft Light Moisturising Cream", "क्रीम", "personal_care", "ml", (50, 100, 200), (90, 350)),
    ("Colgate", "Strong Teeth Toothpaste", "टूथपेस्ट", "oral_care", "g", (100, 200, 300), (50, 200)),
    ("Pepsodent", "Germi Check Toothpaste", "टूथपेस्ट", "oral_care", "g", (150, 300), (60, 180)),
    ("Dabur", "Red Paste", "लाल दंत मंजन", "oral_care", "g", (100, 200), (55, 130)),
    ("Clinic Plus", "Strong and Long Shampoo", "शैम्पू", "hair_care", "ml", (80, 175, 355), (40, 250)),
    ("Parachute", "Pure Coconut Oil", "नारियल तेल", "hair_care", "ml", (100, 250, 500), (40, 260)),
    ("Head & Shoulders", "Anti Dandruff Shampoo", "शैम्पू", "hair_care", "ml", (180, 340), (190, 420)),
    ("Surf Excel", "Easy Wash Detergent Powder", "डिटर्जेंट पाउडर", "household", "kg", (1, 2), (120, 320)),
    ("Rin", "Advanced Detergent Powder", "डिटर्जेंट पाउडर", "household", "kg", (1,), (80, 120)),
    ("Vim", "Dishwash Bar Lemon", "बर्तन साबुन", "household", "g", (135, 300), (10, 40)),
    ("Harpic", "Power Plus Toilet Cleaner", "टॉयलेट क्लीनर", "household", "ml", (500, 1000), (90, 220)),
    ("Good Knight", "Gold Flash Refill", "मच्छर भगाने वाला", "home_needs", "ml", (45,), (70, 100)),
    ("Johnson's", "Baby Powder", "बेबी पाउडर", "baby", "g", (100, 200, 400), (90, 400)),
    ("Cerelac", "Wheat Apple Cereal", "शिशु आहार", "baby", "g", (300,), (250, 350)),
]

NET_FORMATS = ["Net Wt. {q}", "NET WT {q}", "Net Weight: {q}", "Net Qty: {q}", "NET QUANTITY {q}", "Net Content {q}",
               "{q}", "Net Wt {q}"]
VOLUME_FORMATS = ["Net Vol. {q}", "NET VOLUME {q}", "Net Qty: {q}", "Net Content {q}", "{q}", "NET QTY {q}"]
MRP_FORMATS = ["MRP ₹{p}", "M.R.P. Rs. {p}/-", "MRP: ₹ {p} (Incl. of all taxes)", "MRP Rs.{p}",
               "M.R.P. ₹{p}", "MRP Rs {p} incl. of all taxes", "MRP ₹ {p}/-", "Max. Retail Price Rs. {p}"]
BEST_FORMATS = ["Best before {n} months from packaging", "BEST BEFORE: {mm}/{yy}", "Use by {mm}/{yy}",
                "Best Before {n} Months from Manufacture", "EXP: {mm}/{yy}"]
FILLERS = ["Manufactured by: {m}", "Marketed by: {m}", "Country of Origin: India", "Store in a cool and dry place",
           "For feedback: 1800 22 3300", "Pkd: {mm0}/{yy0}", "Batch No. B{b}", "Ingredients: see back of pack"]
HINDI_FILLERS = ["अधिकतम खुदरा मूल्य ₹{p}", "शुद्ध मात्रा {q}", "भारत में निर्मित", "ठंडी और सूखी जगह पर रखें"]
MAKERS = ["Parle Products Pvt. Ltd., Mumbai", "ITC Limited, Kolkata", "Hindustan Unilever Ltd., Mumbai",
          "Nestle India Ltd., Gurugram", "Dabur India Ltd., Ghaziabad", "Tata Consumer Products Ltd., Kolkata",
          "Adani Wilmar Ltd., Ahmedabad", "Haldiram Snacks Pvt. Ltd., Nagpur"]


@dataclass
class PackLabel:
    file: str
    brand: str
    name: str
    name_hi: str
    category: str
    net_qty: str  # "250", "1.5"
    unit: str  # g | kg | ml | l
    mrp_paise: int
    fssai: str | None
    best_before: str | None
    lines: list[str]


def find_font(name: str) -> Path | None:
    for folder in FONT_DIRS:
        if (folder / name).is_file():
            return folder / name
    return None


def _fonts(names: list[str]) -> list[Path]:
    found = [p for p in (find_font(n) for n in names) if p]
    if not found:
        raise SystemExit("Noto fonts not found: apt-get install fonts-noto-core")
    return found


def _qty_text(rng: random.Random, value: float, unit: str) -> str:
    shown = {"g": "g", "kg": "kg", "ml": "ml", "l": "L"}[unit]
    number = f"{value:g}"
    style = rng.random()
    if style < 0.5:
        return f"{number} {shown}"
    if style < 0.8:
        return f"{number}{shown}"
    return f"{number} {shown.upper()}"


def _text_size(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont) -> tuple[int, int]:
    box = draw.textbbox((0, 0), text, font=font)
    return box[2] - box[0], box[3] - box[1]


def _fit_font(draw, text, path: Path, size: int, max_width: int) -> ImageFont.FreeTypeFont:
    while size > 10:
        font = ImageFont.truetype(str(path), size)
        if _text_size(draw, text, font)[0] <= max_width:
            return font
        size -= 2
    return ImageFont.truetype(str(path), 10)


def _contrast(colour: tuple[int, int, int], rng: random.Random) -> tuple[int, int, int]:
    light = sum(colour) / 3 > 140
    if light:
        return rng.choice([(20, 20, 20), (150, 10, 10), (10, 40, 120), (20, 90, 30)])
    return rng.choice([(255, 255, 255), (250, 230, 60), (255, 250, 235)])


def render_pack(rng: random.Random, *, hindi_heavy: bool = False) -> tuple[Image.Image, PackLabel]:
    """One photo of one pack, and the facts printed on it."""
    brand, name, name_hi, category, unit, sizes, (lo, hi) = rng.choice(PRODUCTS)
    size = rng.choice(sizes)
    qty = _qty_text(rng, size, unit)
    mrp = rng.randint(lo, hi)
    paise = rng.choice([0, 0, 0, 50]) if mrp < 200 else 0
    price_text = f"{mrp}.{paise:02d}" if (paise or rng.random() < 0.4) else str(mrp)
    fssai = "".join(str(rng.randint(0, 9)) for _ in range(13))
    fssai = rng.choice("1234") + fssai
    has_fssai = category not in ("personal_care", "oral_care", "hair_care", "household", "home_needs")
    mm, yy = rng.randint(1, 12), rng.randint(25, 27)
    best_fmt = rng.choice(BEST_FORMATS)
    best = best_fmt.format(n=rng.choice([3, 6, 9, 12, 18]), mm=f"{mm:02d}", yy=f"20{yy}") if rng.random() < 0.8 \
        else None

    latin = _fonts(LATIN_FONTS)
    deva = _fonts(DEVANAGARI_FONTS)
    pw, ph = rng.randint(460, 640), rng.randint(560, 760)
    base = tuple(rng.randint(0, 255) for _ in range(3))
    pack = Image.new("RGB", (pw, ph), base)
    draw = ImageDraw.Draw(pack)
    ink = _contrast(base, rng)
    # a band behind the brand, as most packs have
    band = tuple(min(255, max(0, c + rng.randint(-90, 90))) for c in base)
    band_ink = _contrast(band, rng)
    margin = rng.randint(20, 40)
    y = rng.randint(20, 60)
    brand_font = _fit_font(draw, brand, rng.choice(latin), rng.randint(64, 96), pw - 2 * margin)
    bw, bh = _text_size(draw, brand, brand_font)
    draw.rectangle((0, y - 10, pw, y + bh + 30), fill=band)
    draw.text((margin + rng.randint(0, max(0, pw - 2 * margin - bw)), y), brand, font=brand_font, fill=band_ink,
              anchor="lt")
    y += bh + 50
    lines: list[str] = [brand]
    name_font = _fit_font(draw, name, rng.choice(latin), rng.randint(34, 50), pw - 2 * margin)
    draw.text((margin, y), name, font=name_font, fill=ink, anchor="lt")
    lines.append(name)
    y += _text_size(draw, name, name_font)[1] + rng.randint(14, 26)
    hi_font = _fit_font(draw, name_hi, rng.choice(deva), rng.randint(30, 44) + (8 if hindi_heavy else 0),
                        pw - 2 * margin)
    draw.text((margin, y), name_hi, font=hi_font, fill=ink, anchor="lt")
    lines.append(name_hi)
    y += _text_size(draw, name_hi, hi_font)[1] + rng.randint(20, 40)

    small = rng.choice(latin)
    fmt = rng.choice(VOLUME_FORMATS if unit in ("ml", "l") else NET_FORMATS)
    body = [fmt.format(q=qty), rng.choice(MRP_FORMATS).format(p=price_text)]
    if rng.random() < 0.5:
        body.append("(Incl. of all taxes)")
    if has_fssai:
        body.append(rng.choice(["FSSAI Lic. No. {f}", "fssai {f}", "Lic. No. {f}", "FSSAI License No: {f}"])
                    .format(f=fssai))
    if best:
        body.append(best)
    body += rng.sample(FILLERS, rng.randint(1, 3))
    rng.shuffle(body)
    hindi_lines = rng.sample(HINDI_FILLERS, rng.randint(1, 3 if hindi_heavy else 2))
    for text in body:
        text = text.format(m=rng.choice(MAKERS), mm0=f"{rng.randint(1, 12):02d}", yy0="2025",
                           b=rng.randint(100, 999))
        font = _fit_font(draw, text, small, rng.randint(22, 30), pw - 2 * margin)
        if y + 40 > ph:
            break
        draw.text((margin, y), text, font=font, fill=ink, anchor="lt")
        lines.append(text)
        y += _text_size(draw, text, font)[1] + rng.randint(10, 18)
    for text in hindi_lines:
        text = text.format(p=price_text, q=qty)
        font = _fit_font(draw, text, rng.choice(deva), rng.randint(22, 28), pw - 2 * margin)
        if y + 40 > ph:
            break
        draw.text((margin, y), text, font=font, fill=ink, anchor="lt")
        lines.append(text)
        y += _text_size(draw, text, font)[1] + rng.randint(10, 18)

    photo = _photograph(rng, pack)
    value = f"{size:g}"
    label = PackLabel(file="", brand=brand, name=name, name_hi=name_hi, category=category, net_qty=value, unit=unit,
                      mrp_paise=mrp * 100 + paise, fssai=fssai if has_fssai else None, best_before=best, lines=lines)
    return photo, label


def _photograph(rng: random.Random, pack: Image.Image) -> Image.Image:
    """Put the pack on a table, tilt it, light it unevenly and add camera noise."""
    angle = rng.uniform(-9, 9)
    rotated = pack.convert("RGBA").rotate(angle, resample=Image.BICUBIC, expand=True)
    # a slight perspective: squeeze one side
    w, h = rotated.size
    squeeze = rng.uniform(0, 0.06) * w
    left_near = rng.random() < 0.5
    quad = (0, 0, 0, h, w, h - squeeze, w, squeeze) if left_near else (0, squeeze, 0, h - squeeze, w, h, w, 0)
    rotated = rotated.transform((w, h), Image.QUAD, quad, resample=Image.BICUBIC)
    cw, ch = int(w * rng.uniform(1.1, 1.35)), int(h * rng.uniform(1.08, 1.3))
    table = tuple(rng.randint(120, 230) for _ in range(3))
    canvas = Image.new("RGB", (cw, ch), table)
    canvas.paste(rotated, ((cw - w) // 2 + rng.randint(-15, 15), (ch - h) // 2 + rng.randint(-15, 15)), rotated)
    arr = np.asarray(canvas, dtype=np.float32)
    # uneven light across the frame
    gx = np.linspace(rng.uniform(0.75, 1.0), rng.uniform(0.9, 1.1), cw, dtype=np.float32)
    gy = np.linspace(rng.uniform(0.85, 1.05), rng.uniform(0.8, 1.0), ch, dtype=np.float32)
    arr *= gy[:, None, None] * gx[None, :, None]
    arr += np.random.default_rng(rng.randint(0, 2**31)).normal(0, rng.uniform(2, 7), arr.shape).astype(np.float32)
    photo = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    if rng.random() < 0.5:
        photo = photo.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 1.0)))
    scale = rng.uniform(0.7, 1.0)
    return photo.resize((int(cw * scale), int(ch * scale)), Image.BILINEAR)


def write_set(out: Path, count: int, seed: int, *, quality: int = 80) -> list[PackLabel]:
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    labels = []
    for i in range(count):
        photo, label = render_pack(rng, hindi_heavy=i % 4 == 0)
        label.file = f"pack_{i:03d}.jpg"
        photo.save(out / label.file, quality=rng.randint(quality - 15, quality + 10))
        labels.append(label)
    (out / "labels.json").write_text(json.dumps([asdict(lb) for lb in labels], ensure_ascii=False, indent=1),
                                     encoding="utf-8")
    return labels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=120)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--quality", type=int, default=80)
    args = parser.parse_args()
    labels = write_set(args.out, args.count, args.seed, quality=args.quality)
    print(f"wrote {len(labels)} packs to {args.out}")


if __name__ == "__main__":
    main()
