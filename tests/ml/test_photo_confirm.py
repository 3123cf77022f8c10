"""Photos the seller confirms are kept in the shop and teach the tagger: the loop the issue asks for."""

import json
from pathlib import Path

import pytest

from app.main import run
from app.ml import runtime, vision
from app.ml.images import load_image
from app.services import photos
from app.store import photos as photo_store

PACKS = Path(__file__).resolve().parent.parent / "data" / "packs"

pytestmark = pytest.mark.skipif(runtime.session(vision.MODEL) is None, reason="vision model not built")


def test_confirmed_photos_are_kept_and_replace_on_reconfirm(session, ctx):
    tags = vision.tag(load_image(PACKS / "pack_000.jpg").image)
    blob = vision.FewShotIndex.encode(tags.features)
    photos.confirm_photo(ctx, photo_key="p0", category="biscuits", vector=blob, model=vision.MODEL)
    photos.confirm_photo(ctx, photo_key="p0", category="snacks", vector=blob, model=vision.MODEL)
    rows = photo_store.rows(session.store.db(), vision.MODEL)
    assert [(key, category) for key, category, _v in rows] == [("p0", "snacks")]
    index = vision.FewShotIndex.from_rows(rows)
    best = vision.tag(load_image(PACKS / "pack_000.jpg").image, index=index).best
    assert best.code == "snacks" and best.source in ("shop", "both")


def test_onboard_confirm_then_onboard_uses_the_shops_photos(tmp_path, capsys):
    home = str(tmp_path / "home")

    def call(*argv):
        code = run(["--data-dir", home, "--shop", "kirana", *argv])
        out, err = capsys.readouterr()
        return code, out, err

    assert call("init", "--name", "Kirana", "--state", "27", "--gstin", "27AAPFU0939F1ZV")[0] == 0
    cup = str(PACKS / "coffee_cup.jpg")  # a photo with no pack text: the photo tagger alone decides its category
    code, out, err = call("--json", "onboard", cup, "--price", "20")
    assert code == 0, err
    assert json.loads(out)["category"] == "breakfast"  # ImageNet says espresso
    code, out, err = call("--json", "onboard-confirm", cup, str(PACKS / "pack_002.jpg"), "--category", "home_needs")
    assert code == 0, err
    assert json.loads(out)["photos_known"] == 2
    code, out, err = call("--json", "onboard", cup, "--price", "20")
    assert code == 0, err
    listing = json.loads(out)
    assert (listing["category"], listing["sources"]["category"]) == ("home_needs", "photo tags")
    code, _out, err = call("onboard-confirm", str(PACKS / "not_product_cat.jpg"), "--category", "nope")
    assert code == 2
