"""Loading the on-device ONNX models: lazily, once per process, and never fatally.

Every model is a file under ``resources/models``. A missing or broken file is not an error the
shopkeeper can fix, so :func:`session` returns ``None`` (and logs why) and each capability falls
back to its rules. Sessions run on the shop PC's two cores; onnxruntime sessions are thread-safe
for ``run``, so one session per model is shared by the UI thread and the scheduler threads.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from app.errors import InputError
from app.i18n import _
from app.paths import resources_dir

log = logging.getLogger(__name__)

ENV_MODELS = "TAVYONIX_MODELS"
ENV_THREADS = "TAVYONIX_ML_THREADS"
# A shop PC has two cores; leave nothing idle but do not oversubscribe them either.
DEFAULT_THREADS = 2
# Decompression-bomb guard: a phone photo is at most ~50 MP; anything bigger is not a product photo.
MAX_PIXELS = 60_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # Pillow's own bomb check refuses beyond twice this, whoever opens the file

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


class UnreadableImage(InputError):
    """A file that is not a picture we can open (empty, corrupt, another kind of file)."""


ImageSource = Image.Image | np.ndarray | bytes | str | os.PathLike[str]


@dataclass(frozen=True, slots=True)
class LoadedImage:
    image: Image.Image  # RGB, upright (EXIF orientation applied)
    name: str


def load_image(source: ImageSource, *, name: str = "") -> LoadedImage:
    """Open a photo as upright RGB, whatever the seller handed us; refuse non-images clearly.

    Accepts a Pillow image, an ``HxWx3`` (or ``HxW``) uint8 array, the bytes of an image file, or a path.
    """
    label = name or (Path(source).name if isinstance(source, (str, os.PathLike)) else _("the photo"))
    if isinstance(source, Image.Image):
        image = source
    elif isinstance(source, np.ndarray):
        if source.dtype != np.uint8 or source.ndim not in (2, 3) or min(source.shape[:2]) < 1:
            raise UnreadableImage(_("{name} is not a picture.").format(name=label))
        image = Image.fromarray(source)
    else:
        try:
            if isinstance(source, (bytes, bytearray)):
                if not source:
                    raise UnreadableImage(_("{name} is empty.").format(name=label),
                                          hint=_("Take the photo again and choose the new file."))
                raw = io.BytesIO(source)
            else:
                path = Path(source)
                if not path.is_file():
                    raise UnreadableImage(_("There is no photo at {path}.").format(path=path))
                if path.stat().st_size == 0:
                    raise UnreadableImage(_("{name} is empty.").format(name=label),
                                          hint=_("Take the photo again and choose the new file."))
                raw = io.BytesIO(path.read_bytes())
            image = Image.open(raw)  # lazy: reads the header only, so the size is known before decoding
            if image.width * image.height > MAX_PIXELS:
                raise UnreadableImage(_("{name} is too large to be a product photo.").format(name=label))
            from app.ml.vision_images import MAX_SIDE, guard_size

            guard_size(image.width, image.height, name=label)
            image.draft("RGB", (MAX_SIDE, MAX_SIDE))  # JPEG: decode at a reduced scale when that is enough
            image.load()
        except UnreadableImage:
            raise
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
            raise UnreadableImage(
                _("{name} is not a photo we can open.").format(name=label),
                hint=_("Use a JPEG or PNG photo from the phone or camera."),
            ) from exc
        with contextlib.suppress(Exception):  # a bad EXIF block is not worth refusing the photo for
            image = ImageOps.exif_transpose(image)
    from app.ml.vision_images import cap_pixels, guard_size

    guard_size(image.width, image.height, name=label)
    image = cap_pixels(image)
    if image.mode != "RGB":
        if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
            # transparent product cut-outs go on white, the way a marketplace shows them
            rgba = image.convert("RGBA")
            canvas = Image.new("RGB", rgba.size, (255, 255, 255))
            canvas.paste(rgba, mask=rgba.getchannel("A"))
            image = canvas
        else:
            image = image.convert("RGB")
    return LoadedImage(image=image, name=label)
