"""The shipped ONNX model: it loads, agrees with LightGBM's own predictions, and its absence is harmless."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest

from app.ml.forecast import RegularDates, SeriesHistory, forecast
from app.ml.forecast._features import FEATURES
from app.ml.forecast._model import default_model_path, forget_models, load_model

END = date(2026, 3, 31)


@pytest.fixture(autouse=True)
def _fresh_cache():
    forget_models()
    yield
    forget_models()


def shop(n_items: int = 30, days: int = 200) -> list[SeriesHistory]:
    rng = np.random.default_rng(8)
    out = []
    for i in range(n_items):
        promo = (rng.random(days) < 0.08).astype(float)
        price = np.where(promo > 0, 45.0, 50.0)
        qty = rng.poisson(rng.uniform(0.2, 30) * np.exp(0.5 * promo)).astype(float)
        out.append(SeriesHistory(f"i{i}", RegularDates(END - timedelta(days=days - 1), days, "D"), qty, price, promo))
    return out


def test_shipped_model_loads_and_matches_its_reference_predictions():
    path = default_model_path()
    assert path.exists() and path.stat().st_size < 25_000_000
    meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    assert tuple(meta["features"]) == FEATURES
    model = load_model()
    assert model is not None
    ref = np.load(path.parent / "forecast_gbm_reference.npz")
    assert np.isnan(ref["features"]).any()  # the reference covers missing values (no plan, no price)
    got = model.predict(ref["features"])
    assert got is not None
    np.testing.assert_allclose(got, ref["expected"], rtol=1e-4, atol=1e-5)


def test_model_gives_the_global_candidate():
    from app.ml.forecast import _engine as engine
    from app.ml.forecast._api import _blocks

    model = load_model()
    assert model is not None
    _, block = next(_blocks(shop(), None, 14, "D", END))
    glob = engine._global_paths(block, [block.Y.shape[1]], 14, model)[0]
    assert np.all(np.isfinite(glob)) and np.all(glob >= 0) and glob.sum() > 0
    level = block.Y[:, -28:].mean(axis=1)
    # a multiplier of the recent level: the same order of magnitude as the item's sales
    assert np.all(glob.mean(axis=1) < 5 * level + 1)


def copy_model(tmp_path: Path) -> Path:
    target = tmp_path / "forecast_gbm.onnx"
    shutil.copy(default_model_path(), target)
    shutil.copy(default_model_path().with_suffix(".json"), target.with_suffix(".json"))
    return target


def test_missing_model_falls_back_to_the_statistical_methods(tmp_path):
    missing = tmp_path / "nowhere" / "forecast_gbm.onnx"
    assert load_model(missing) is None
    items = shop()
    res = forecast(items, 14, "D", model_path=missing)
    plain = forecast(items, 14, "D", use_model=False)
    assert all(r.method != "global" for r in res)
    for a, b in zip(res, plain, strict=True):
        np.testing.assert_allclose(a.mean, b.mean)


def test_broken_model_file_falls_back(tmp_path):
    path = copy_model(tmp_path)
    path.write_bytes(b"this is not an onnx model")
    assert load_model(path) is None
    res = forecast(shop(10), 7, "D", model_path=path)
    assert all(np.all(np.isfinite(r.mean)) for r in res)


def test_model_trained_on_other_features_is_not_used(tmp_path):
    path = copy_model(tmp_path)
    meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    meta["features"] = meta["features"][:-1]
    path.with_suffix(".json").write_text(json.dumps(meta), encoding="utf-8")
    assert load_model(path) is None


def test_a_copied_model_works_from_another_folder(tmp_path):
    """A model retrained on the shop's sales is a file in the data folder; it loads the same way."""
    path = copy_model(tmp_path)
    model = load_model(path)
    assert model is not None
    res = forecast(shop(10), 7, "D", model_path=path)
    assert len(res) == 10
