"""The global demand model: a gradient-boosted tree ensemble run with onnxruntime.

``resources/models/forecast_gbm.onnx`` is built by ``tools/forecast/train.py`` (LightGBM with a
Poisson objective on generated kirana histories, exported with onnxmltools); the JSON beside it
names the features it was trained on. The model is loaded once, lazily. A missing, damaged or
mismatched file is logged and the forecaster runs without it (its statistical methods and the
price response still work): the model can make forecasts better, never make them impossible.
"""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path

import numpy as np

from app.ml.forecast._features import FEATURES

log = logging.getLogger(__name__)

MODEL_NAME = "forecast_gbm.onnx"
# rows per onnxruntime call: bounds the memory of very large batches
CHUNK_ROWS = 262_144


def default_model_path() -> Path:
    return Path(__file__).resolve().parents[3] / "resources" / "models" / MODEL_NAME


class ForecastModel:
    """A loaded ONNX session that maps feature rows to multipliers of the series level."""

    def __init__(self, path: Path) -> None:
        import onnxruntime as ort

        meta_path = path.with_suffix(".json")
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if tuple(meta.get("features", ())) != FEATURES:
            raise ValueError(f"{meta_path.name} was trained on other features")
        options = ort.SessionOptions()
        # the counter PC has two cores; the agents' other threads need one of them now and then
        options.intra_op_num_threads = 2
        options.inter_op_num_threads = 1
        # no busy-waiting between calls: on a shared 2-core PC spinning threads only steal CPU
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self.input_name = self.session.get_inputs()[0].name
        self.path = path
        self.meta = meta

    def predict(self, feats: np.ndarray) -> np.ndarray | None:
        """Multipliers for rows of ``feats`` (any leading shape); None if the model misbehaves."""
        rows = feats.reshape(-1, feats.shape[-1]).astype(np.float32, copy=False)
        out = np.empty(rows.shape[0], dtype=np.float64)
        for start in range(0, rows.shape[0], CHUNK_ROWS):
            part = rows[start : start + CHUNK_ROWS]
            out[start : start + part.shape[0]] = self.session.run(None, {self.input_name: part})[0].ravel()
        if not np.all(np.isfinite(out)) or np.any(out < 0):
            log.warning("forecast model %s gave invalid output; using the statistical methods", self.path)
            return None
        return out


_lock = threading.Lock()
_cache: dict[Path, ForecastModel | None] = {}


def load_model(path: Path | None = None) -> ForecastModel | None:
    """The model at ``path`` (default: the shipped one), or None when it cannot be used."""
    path = (path or default_model_path()).resolve()
    with _lock:
        if path in _cache:
            return _cache[path]
        model: ForecastModel | None
        try:
            model = ForecastModel(path)
        except Exception as exc:  # any unreadable model means "no model", never a crash
            log.warning("forecast model %s not used (%s); using the statistical methods", path, exc)
            model = None
        _cache[path] = model
        return model


def forget_models() -> None:
    """Drop the loaded sessions (after a retrain wrote a new file)."""
    with _lock:
        _cache.clear()
