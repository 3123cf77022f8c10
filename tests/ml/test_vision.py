"""Photo tagging, quality checks, colours, few-shot index, marketplace images and the fallback."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw, ImageFilter

from app.ml import runtime, vision

PACKS = Path(__file__).resolve().parents[1] / "data" / "packs"


@pytest.fixture
def no_models(tmp_path, monkeypatch):
    monkeypatch.setenv(runtime.ENV_MODELS, str(tmp_path))
    runtime.forget()
    yield
    runtime.forget()


def product_photo(colour=(200, 30, 35), background=(235, 235, 230), size=(800, 900)) -> Image.Image:
    """A box-shaped pack with some print on a plain sheet."""
    image = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.rectangle((w * 0.25, h * 0.15, w * 0.75, h * 0.85), fill=colour)
    for i in range(6):
        y = h * 0.2 + i * h * 0.1
        draw.rectangle((w * 0.3, y, w * 0.7, y + h * 0.03), fill=(250, 240, 80))
    return image


def codes(tags: vision.PhotoTags) -> set[str]:
    return {issue.code for issue in tags.quality.issues}


def test_a_clear_product_photo_passes_every_check():
    tags = vision.tag(product_photo())
    assert codes(tags) == set()
    assert tags.features is not None and tags.features.shape == (vision.FEATURE_DIM,)
    assert abs(float(np.linalg.norm(tags.features)) - 1.0) < 1e-4
    assert tags.product is not None and tags.product.plain_background
    assert tags.colours[0].name == "red"


@pytest.mark.parametrize(("spoil", "code"), [
    (lambda im: im.filter(ImageFilter.GaussianBlur(6)), "blurred"),
    (lambda im: im.point(lambda v: v // 8), "dark"),
    (lambda im: im.resize((300, 330)), "too_small"),
    (lambda im: Image.new("RGB", im.size, (128, 128, 128)), "empty"),
])
def test_unclear_photos_are_flagged(spoil, code):
    assert code in codes(vision.tag(spoil(product_photo())))


def test_real_pack_photos_are_clear():
    for name in ("pack_000.jpg", "pack_002.jpg", "pack_004.jpg"):
        assert codes(vision.tag(PACKS / name)) == set(), name


def test_a_cat_is_not_a_product():
    tags = vision.tag(PACKS / "not_product_cat.jpg")
    assert "not_product" in codes(tags)
    assert "cat" in tags.imagenet[0][0].lower() or "mau" in tags.imagenet[0][0].lower()


def test_imagenet_classes_map_to_shop_categories():
    tags = vision.tag(PACKS / "coffee_cup.jpg")
    assert tags.best is not None and tags.best.code == "breakfast" and tags.best.source == "imagenet"


def test_few_shot_index_learns_the_shops_categories():
    red, blue = product_photo((200, 30, 35)), product_photo((30, 60, 200))
    index = vision.FewShotIndex()
    for i, (img, label) in enumerate([(red, "snacks"), (blue, "household")]):
        for k in range(3):
            shifted = img.rotate(3 * k, fillcolor=(235, 235, 230))
            index.add(f"{label}:{i}:{k}", label, vision.tag(shifted).features)
    assert index.counts() == {"snacks": 3, "household": 3}
    red_again = vision.tag(product_photo((190, 40, 40)), index=index)
    assert red_again.best.code == "snacks" and red_again.best.source in ("shop", "both")
    assert index.nearest(red_again.features, 1)[0][1] == "snacks"


def test_few_shot_rows_round_trip_through_blobs():
    rng = np.random.default_rng(0)
    index = vision.FewShotIndex()
    for i in range(4):
        index.add(f"k{i}", "biscuits" if i % 2 else "snacks", rng.normal(size=vision.FEATURE_DIM))
    index.add("k0", "dairy", rng.normal(size=vision.FEATURE_DIM))  # re-adding a key replaces it
    rows = index.to_rows()
    assert len(rows) == 4 and all(len(blob) == 2 * vision.FEATURE_DIM for _, _, blob in rows)
    again = vision.FewShotIndex.from_rows(rows)
    assert again.counts() == index.counts() == {"biscuits": 2, "snacks": 1, "dairy": 1}
    probe = rng.normal(size=vision.FEATURE_DIM)
    assert again.nearest(probe, 2)[0][0] == index.nearest(probe, 2)[0][0]
    assert index.remove("k1") and not index.remove("k1")
    with pytest.raises(ValueError):
        index.add("bad", "x", np.zeros(10))


def test_without_the_model_quality_and_colours_still_work(no_models):
    tags = vision.tag(product_photo().filter(ImageFilter.GaussianBlur(6)))
    assert tags.fallback and tags.categories == () and tags.features is None
    assert "blurred" in codes(tags)
    assert tags.colours


def test_marketplace_image_is_square_white_and_filled():
    photo = product_photo(size=(1400, 1600))
    box = vision.find_product(photo)
    out = vision.marketplace_image(photo, box, white=True)
    assert out.width == out.height >= 1000
    arr = np.asarray(out)
    assert (arr[:5, :5] == 255).all() and (arr[-5:, -5:] == 255).all()
    span = max(box.size) / out.width
    assert span >= 0.85


def test_cluttered_background_is_not_whitened():
    rng = np.random.default_rng(1)
    noise = Image.fromarray(rng.integers(0, 255, (900, 800, 3), dtype=np.uint8))
    photo = product_photo()
    photo.paste(noise.crop((0, 0, 800, 100)), (0, 0))
    photo.paste(noise.crop((0, 0, 800, 100)), (0, 800))
    box = vision.find_product(photo)
    assert box is not None and not box.plain_background
    assert vision.white_background(photo, box) is None


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 900), st.integers(1, 900), st.tuples(st.integers(0, 255), st.integers(0, 255),
                                                            st.integers(0, 255)))
def test_rule_checks_never_crash(width, height, colour):
    image = Image.new("RGB", (width, height), colour)
    quality = vision.check_quality(image)
    assert quality.issues  # a flat image is always a photo to retake
    box = vision.find_product(image)
    vision.dominant_colours(image, box)
    vision.marketplace_image(image, box, white=True)
