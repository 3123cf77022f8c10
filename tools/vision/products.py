"""Render labelled product photos by shape and category: the photo-tagging bench's data set.

Each category gets the shapes its goods come in: biscuit packets, chip pouches, drink and shampoo
bottles, oil cans, toothpaste cartons, soap bars, detergent bags, butter bricks, rice sacks, and loose
fruit and vegetables. Colours, sizes, brands (from tools/vision/packs.py) and the table vary; the tilt,
light and noise of a phone photo come from the same step as the pack renders.

    python tools/vision/products.py OUT_DIR [--per-category 25] [--seed 3]
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from tools.vision.packs import LATIN_FONTS, PRODUCTS, _fonts, _photograph

CATEGORIES = ("biscuits", "snacks", "beverages", "oils", "oral_care", "hair_care", "household", "dairy", "staples",
              "personal_care", "fresh")


def _rand_colour(rng: random.Random) -> tuple[int, int, int]:
    return tuple(rng.randint(20, 235) for _ in range(3))


def _label(draw: ImageDraw.ImageDraw, rng: random.Random, box: tuple[float, float, float, float], category: str,
           fonts: list[Path]) -> None:
    brands = [p[0] for p in PRODUCTS if p[3] == category] or ["Fresh"]
    text = rng.choice(brands)
    x0, y0, x1, y1 = box
    size = max(10, int((x1 - x0) / max(4, len(text)) * 1.5))
    font = ImageFont.truetype(str(rng.choice(fonts)), min(size, int((y1 - y0) * 0.5)))
    draw.text(((x0 + x1) / 2, (y0 + y1) / 2), text, font=font, fill=(255, 255, 255) if rng.random() < 0.5 else
              (20, 20, 20), anchor="mm")


def draw_product(rng: random.Random, category: str) -> Image.Image:
    fonts = _fonts(LATIN_FONTS)
    w, h = 600, 600
    image = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    d = ImageDraw.Draw(image)
    body = _rand_colour(rng)
    accent = _rand_colour(rng)
    if category == "biscuits":  # long packet, crimped ends
        top, bottom = rng.randint(180, 230), rng.randint(370, 420)
        d.rectangle((60, top, 540, bottom), fill=body)
        for x in (60, 520):
            for y in range(top, bottom, 12):
                d.polygon([(x, y), (x + 20, y + 6), (x, y + 12)], fill=accent)
        d.ellipse((90, top + 20, 230, bottom - 20), fill=(190, 140, 70))  # a biscuit on the wrapper
        _label(d, rng, (240, top, 520, bottom), category, fonts)
    elif category == "snacks":  # pillow pouch
        d.rounded_rectangle((140, 60, 460, 540), radius=40, fill=body)
        for x in range(140, 460, 14):
            d.polygon([(x, 60), (x + 7, 40), (x + 14, 60)], fill=body)
            d.polygon([(x, 540), (x + 7, 560), (x + 14, 540)], fill=body)
        d.ellipse((200, 330, 400, 480), fill=(230, 190, 60))
        _label(d, rng, (150, 120, 450, 300), category, fonts)
    elif category in ("beverages", "hair_care", "oils"):
        if category == "oils":  # wide can with a handle
            d.rounded_rectangle((140, 140, 460, 560), radius=30, fill=body)
            d.rectangle((330, 70, 420, 150), outline=body, width=18)
            d.rectangle((180, 90, 250, 150), fill=accent)
            _label(d, rng, (160, 260, 440, 460), category, fonts)
        elif category == "beverages":  # bottle with a neck
            d.rounded_rectangle((220, 180, 380, 570), radius=35, fill=body)
            d.polygon([(240, 190), (270, 90), (330, 90), (360, 190)], fill=body)
            d.rectangle((272, 50, 328, 92), fill=accent)
            d.rectangle((220, 300, 380, 440), fill=accent)
            _label(d, rng, (225, 300, 375, 440), category, fonts)
        else:  # shampoo: tall flat bottle, flip cap
            d.rounded_rectangle((210, 120, 390, 570), radius=60, fill=body)
            d.rounded_rectangle((250, 60, 350, 125), radius=10, fill=accent)
            _label(d, rng, (215, 250, 385, 420), category, fonts)
    elif category == "oral_care":  # long thin carton, tube shape drawn on it
        d.rectangle((40, 230, 560, 370), fill=body)
        d.polygon([(80, 260), (420, 260), (470, 300), (420, 340), (80, 340)], fill=(240, 240, 240))
        d.rectangle((470, 285, 520, 315), fill=accent)
        _label(d, rng, (90, 260, 410, 340), category, fonts)
    elif category == "household":  # big detergent bag, gusset at the bottom
        d.polygon([(120, 80), (480, 80), (500, 560), (100, 560)], fill=body)
        d.ellipse((200, 250, 400, 450), fill=accent)
        d.ellipse((250, 300, 350, 400), fill=body)
        _label(d, rng, (130, 100, 470, 230), category, fonts)
    elif category == "dairy":  # butter brick or ghee tin
        if rng.random() < 0.5:
            d.rectangle((110, 230, 490, 400), fill=(250, 235, 150))
            d.rectangle((110, 230, 490, 270), fill=body)
            _label(d, rng, (120, 280, 480, 390), category, fonts)
        else:
            d.rectangle((190, 130, 410, 520), fill=(230, 190, 60))
            d.ellipse((190, 100, 410, 160), fill=(200, 200, 200))
            _label(d, rng, (195, 260, 405, 400), category, fonts)
    elif category == "staples":  # sack with a window showing grains
        d.polygon([(130, 70), (470, 70), (500, 560), (100, 560)], fill=body)
        d.rounded_rectangle((200, 300, 400, 480), radius=20, fill=(245, 240, 225))
        for _ in range(120):
            x, y = rng.randint(205, 395), rng.randint(305, 475)
            d.ellipse((x, y, x + 8, y + 4), fill=(225, 215, 190))
        _label(d, rng, (140, 100, 460, 260), category, fonts)
    elif category == "personal_care":  # soap bar with its wrapper
        d.rounded_rectangle((110, 200, 490, 420), radius=50, fill=body)
        d.ellipse((150, 230, 450, 390), fill=accent)
        _label(d, rng, (170, 250, 430, 370), category, fonts)
    elif category == "fresh":  # a heap of fruit or vegetables
        kind = rng.choice([((240, 140, 20), (90, 90)), ((240, 220, 50), (160, 55)), ((200, 30, 40), (90, 90)),
                           ((150, 60, 110), (80, 70)), ((120, 170, 50), (90, 90))])
        colour, (fw, fh) = kind
        for _ in range(rng.randint(5, 9)):
            x, y = rng.randint(90, 510 - fw), rng.randint(150, 510 - fh)
            shade = tuple(max(0, min(255, c + rng.randint(-25, 25))) for c in colour)
            d.ellipse((x, y, x + fw, y + fh), fill=shade)
            d.ellipse((x + fw * 0.25, y + fh * 0.2, x + fw * 0.45, y + fh * 0.35), fill=(255, 255, 255, 90))
    else:
        raise ValueError(category)
    scale = rng.uniform(0.7, 1.1)
    image = image.resize((int(w * scale), int(h * scale)), Image.BICUBIC)
    # the transparent margin around the shape shows the table: _photograph pastes with the alpha
    return _photograph(rng, image)


def write_set(out: Path, per_category: int, seed: int) -> list[dict]:
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    labels = []
    for category in CATEGORIES:
        for i in range(per_category):
            photo = draw_product(rng, category)
            name = f"{category}_{i:03d}.jpg"
            photo.save(out / name, quality=85)
            labels.append({"file": name, "category": category})
    (out / "labels.json").write_text(json.dumps(labels, indent=1), encoding="utf-8")
    return labels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--per-category", type=int, default=25)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    labels = write_set(args.out, args.per_category, args.seed)
    print(f"wrote {len(labels)} product photos to {args.out}")


if __name__ == "__main__":
    main()
