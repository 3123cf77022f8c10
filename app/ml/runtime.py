"""The on-device ONNX runtime: model files, their shared sessions, threads; loaded lazily and never fatally.

Every model is a file under ``resources/models``. A missing or broken file is not an error the
shopkeeper can fix, so :func:`session` returns ``None`` (and logs why) and each capability falls
back to its rules. Sessions run on the shop PC's two cores; onnxruntime sessions are thread-safe
for ``run``, so one session per model is shared by the UI thread and the scheduler threads.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

from app.paths import resources_dir

log = logging.getLogger(__name__)

ENV_MODELS = "TAVYONIX_MODELS"
ENV_THREADS = "TAVYONIX_ML_THREADS"
# A shop PC has two cores; leave nothing idle but do not oversubscribe them either.
DEFAULT_THREADS = 2

_lock = threading.Lock()
_sessions: dict[Path, object] = {}
_failed: dict[Path, str] = {}


def models_dir() -> Path:
    """``resources/models`` (see ``app.paths.resources_dir``), unless ``TAVYONIX_MODELS`` points elsewhere."""
    if env := os.environ.get(ENV_MODELS):
        return Path(env).expanduser()
    return resources_dir() / "models"


def model_path(name: str) -> Path:
    return models_dir() / name


def threads() -> int:
    try:
        return max(1, int(os.environ.get(ENV_THREADS, DEFAULT_THREADS)))
    except ValueError:
        return DEFAULT_THREADS


def session(name: str):  # -> onnxruntime.InferenceSession | None
    """The shared inference session for ``resources/models/<name>``, or ``None`` if it cannot be had.

    The reason a model is unavailable is remembered (see :func:`why_unavailable`) so that a
    missing file costs one ``stat`` per process, not one per photo.
    """
    path = model_path(name)
    with _lock:
        if path in _sessions:
            return _sessions[path]
        if path in _failed:
            return None
        try:
            if not path.is_file():
                raise FileNotFoundError(f"{path} is missing")
            import onnxruntime as ort

            options = ort.SessionOptions()
            options.intra_op_num_threads = threads()
            options.inter_op_num_threads = 1
            options.log_severity_level = 3
            # no busy-waiting between operators: on a two-core counter PC the UI thread needs the cycles,
            # and under load it was faster too (pack text 835-1003 ms vs 1087-1847 ms wall, half the CPU)
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
            sess = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # a broken model must never stop the shop: fall back to rules
            _failed[path] = f"{type(exc).__name__}: {exc}"
            log.warning("model %s unavailable, using the rule-based fallback: %s", name, _failed[path])
            return None
        _sessions[path] = sess
        return sess


def why_unavailable(name: str) -> str | None:
    """Why :func:`session` returned ``None`` for ``name`` (``None`` if it loaded or was never tried)."""
    return _failed.get(model_path(name))


def forget() -> None:
    """Drop every cached session and failure (tests that swap the models folder use this)."""
    with _lock:
        _sessions.clear()
        _failed.clear()
