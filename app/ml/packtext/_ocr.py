"""Reading the printed text on a pack: PP-OCRv4 detection and recognition, numpy and Pillow only.

The two ONNX models are the ones shipped in PyPI ``rapidocr-onnxruntime`` 1.4.4 (Apache-2.0), copied
to ``resources/models/ocr_det.onnx`` and ``ocr_rec.onnx`` by ``tools/vision/fetch_ocr_models.py``.
We do the pre- and post-processing ourselves instead of using the package, because the package
pulls opencv-python (~60 MB), shapely and pyclipper into the installer for what is here a few
hundred lines of numpy: a DB-net probability map, connected components by row runs, a rotated box
per component from its principal axis, Pillow's quad transform to cut each line out, and greedy
CTC decoding.

The recogniser reads Latin letters, digits and Chinese; it does not read Devanagari (no ONNX model
for it exists in the registries), so Hindi lines come back as noise or not at all. Pack facts that
matter for a listing (brand, net quantity, MRP, FSSAI) are printed in English on Indian packs.

Without the models, :func:`read` returns no lines and says so in :attr:`OcrResult.fallback`; the
product onboarding then asks the seller to type the facts it could not read.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np
from PIL import Image

from app.ml import runtime
from app.ml.images import ImageSource, connected_components, load_image

DET_MODEL = "ocr_det.onnx"
REC_MODEL = "ocr_rec.onnx"

# Detection runs on the photo scaled so its longer side is at most this (multiples of 32 for the net).
DET_MAX_SIDE = 640
DET_MIN_SIDE = 256
DET_THRESHOLD = 0.3  # pixel is text
BOX_THRESHOLD = 0.5  # mean text probability a kept box must reach
UNCLIP_RATIO = 1.6  # DB-net shrinks text regions when training; grow them back by this much
MIN_BOX_SIDE = 3
REC_HEIGHT = 48
REC_MIN_WIDTH = 64
REC_MAX_WIDTH = 1280
MIN_SCORE = 0.5  # lines the recogniser is less sure of are dropped


@dataclass(frozen=True, slots=True)
class OcrLine:
    """One line of text with the recogniser's confidence and where it is in the photo.

    ``box`` is four (x, y) corners, clockwise from top-left, in the photo's pixels; ``height`` is the
    text height in pixels (bigger print is usually the brand or the product name).
    """

    text: str
    score: float
    box: tuple[tuple[float, float], ...]
    height: float

    @property
    def center(self) -> tuple[float, float]:
        xs, ys = zip(*self.box, strict=True)
        return sum(xs) / 4, sum(ys) / 4


@dataclass(frozen=True, slots=True)
class OcrResult:
    lines: tuple[OcrLine, ...]
    millis: float
    fallback: str | None = None  # why no model ran, if none did

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


def available() -> bool:
    return runtime.session(DET_MODEL) is not None and runtime.session(REC_MODEL) is not None


def read(source: ImageSource, *, min_score: float = MIN_SCORE) -> OcrResult:
    """The text lines on a photo in reading order (top to bottom, then left to right)."""
    started = time.perf_counter()
    image = load_image(source).image
    det, rec = runtime.session(DET_MODEL), runtime.session(REC_MODEL)
    if det is None or rec is None:
        reason = runtime.why_unavailable(DET_MODEL) or runtime.why_unavailable(REC_MODEL) or "OCR models missing"
        return OcrResult(lines=(), millis=(time.perf_counter() - started) * 1e3, fallback=reason)
    boxes = detect(det, image)
    crops = [_crop_line(image, box) for box in boxes]
    texts = _recognise(rec, crops) if crops else []
    lines = [
        OcrLine(text=text, score=score, box=tuple(map(tuple, box.tolist())), height=_box_height(box))
        for box, (text, score) in zip(boxes, texts, strict=True)
        if text.strip() and score >= min_score
    ]
    lines.sort(key=_reading_key(lines))
    return OcrResult(lines=tuple(lines), millis=(time.perf_counter() - started) * 1e3)


# ---- detection -------------------------------------------------------------------------------------

def _det_size(width: int, height: int) -> tuple[int, int]:
    scale = min(1.0, DET_MAX_SIDE / max(width, height))
    if min(width, height) * scale < DET_MIN_SIDE:
        scale = min(DET_MIN_SIDE / min(width, height), 2 * DET_MAX_SIDE / max(width, height))
    return (max(32, round(width * scale / 32) * 32), max(32, round(height * scale / 32) * 32))


def detect(det, image: Image.Image) -> list[np.ndarray]:
    """Rotated text boxes (4x2 float arrays, clockwise from top-left) in ``image`` pixels."""
    width, height = image.size
    dw, dh = _det_size(width, height)
    x = np.asarray(image.resize((dw, dh), Image.BILINEAR), dtype=np.float32)
    x = (x * (2 / 255.0) - 1.0).transpose(2, 0, 1)[None]
    prob = det.run(None, {det.get_inputs()[0].name: x})[0][0, 0]
    mask = prob > DET_THRESHOLD
    # the reference post-processing dilates by 2x2 so that thin strokes join their line
    mask[1:, :] |= mask[:-1, :]
    mask[:, 1:] |= mask[:, :-1]
    sx, sy = width / dw, height / dh
    boxes = []
    for rows, starts, ends in connected_components(mask):
        score = _mean_prob(prob, rows, starts, ends)
        if score < BOX_THRESHOLD:
            continue
        rect = _rotated_rect(rows, starts, ends)
        if rect is None:
            continue
        center, axis, half_w, half_h = rect
        if min(half_w, half_h) * 2 < MIN_BOX_SIDE:
            continue
        # unclip: grow each side by area * ratio / perimeter, as DB-net's polygon offset does
        w, h = 2 * half_w, 2 * half_h
        grow = w * h * UNCLIP_RATIO / (2 * (w + h))
        half_w, half_h = half_w + grow, half_h + grow
        normal = np.array([-axis[1], axis[0]])
        corners = np.array([
            center - axis * half_w - normal * half_h,
            center + axis * half_w - normal * half_h,
            center + axis * half_w + normal * half_h,
            center - axis * half_w + normal * half_h,
        ])
        corners[:, 0] = np.clip(corners[:, 0] * sx, 0, width - 1)
        corners[:, 1] = np.clip(corners[:, 1] * sy, 0, height - 1)
        if np.linalg.norm(corners[1] - corners[0]) <= MIN_BOX_SIDE or np.linalg.norm(corners[3] - corners[0]) <= 3:
            continue
        boxes.append(corners)
    return boxes


def _mean_prob(prob: np.ndarray, rows: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> float:
    total = 0.0
    count = 0
    for r, s, e in zip(rows.tolist(), starts.tolist(), ends.tolist(), strict=True):
        total += float(prob[r, s:e].sum())
        count += e - s
    return total / max(count, 1)


def _rotated_rect(rows: np.ndarray, starts: np.ndarray, ends: np.ndarray):
    """Centre, unit axis and half-extents of the rectangle around a component, along its main direction."""
    ys = np.concatenate([rows, rows]).astype(np.float64) + 0.5
    xs = np.concatenate([starts, ends]).astype(np.float64)
    if len(xs) < 4:
        return None
    weights = np.concatenate([ends - starts, ends - starts]).astype(np.float64)
    pts = np.stack([xs, ys], axis=1)
    mean = (pts * weights[:, None]).sum(0) / weights.sum()
    centred = pts - mean
    cov = (centred * weights[:, None]).T @ centred / weights.sum()
    eigvals, eigvecs = np.linalg.eigh(cov)
    axis = eigvecs[:, int(np.argmax(eigvals))]
    if axis[0] < 0:
        axis = -axis
    # text reads left to right: keep the axis within 45 degrees of horizontal unless it is clearly vertical
    normal = np.array([-axis[1], axis[0]])
    u = centred @ axis
    v = centred @ normal
    # run end-points lie on the outline, so the extent along the axis is exact; across it add half a pixel
    lo_u, hi_u = u.min(), u.max()
    lo_v, hi_v = v.min() - 0.5, v.max() + 0.5
    center = mean + axis * (lo_u + hi_u) / 2 + normal * (lo_v + hi_v) / 2
    return center, axis, (hi_u - lo_u) / 2, (hi_v - lo_v) / 2


def _box_height(box: np.ndarray) -> float:
    return float((np.linalg.norm(box[3] - box[0]) + np.linalg.norm(box[2] - box[1])) / 2)


def _crop_line(image: Image.Image, box: np.ndarray) -> Image.Image:
    """The text line straightened and scaled to the recogniser's height in one resampling."""
    width = float((np.linalg.norm(box[1] - box[0]) + np.linalg.norm(box[2] - box[3])) / 2)
    height = _box_height(box)
    vertical = height >= 1.5 * width
    if vertical:
        # a line running top to bottom: read it turned a quarter, as the reference pipeline does
        box = box[[3, 0, 1, 2]]
        width, height = height, width
    out_w = max(16, min(REC_MAX_WIDTH, round(width * REC_HEIGHT / max(height, 1.0))))
    tl, tr, br, bl = box
    # Pillow's QUAD wants upper-left, lower-left, lower-right, upper-right
    quad = (*tl, *bl, *br, *tr)
    return image.transform((out_w, REC_HEIGHT), Image.QUAD, quad, resample=Image.BILINEAR)


# ---- recognition -----------------------------------------------------------------------------------

_charset_cache: dict[int, list[str]] = {}


def _charset(rec) -> list[str]:
    key = id(rec)
    if key not in _charset_cache:
        chars = rec.get_modelmeta().custom_metadata_map["character"].splitlines()
        # index 0 is the CTC blank; the space is the last class
        _charset_cache[key] = ["", *chars, " "]
    return _charset_cache[key]


def _recognise(rec, crops: list[Image.Image]) -> list[tuple[str, float]]:
    """Each line on its own: padding lines to a common width in a batch changes what the attention
    layers see, and on packs it turned a dropped ₹ into a leading '2' (MRP 40 read as 240)."""
    charset = _charset(rec)
    name = rec.get_inputs()[0].name
    results = []
    for crop in crops:
        arr = np.asarray(crop, dtype=np.float32) * (2 / 255.0) - 1.0
        width = max(REC_MIN_WIDTH, math.ceil(arr.shape[1] / 8) * 8)
        x = np.zeros((1, 3, REC_HEIGHT, width), dtype=np.float32)
        x[0, :, :, : arr.shape[1]] = arr.transpose(2, 0, 1)
        probs = rec.run(None, {name: x})[0][0]
        results.append(_ctc_decode(probs.argmax(axis=1), probs.max(axis=1), charset))
    return results


def _ctc_decode(best: np.ndarray, conf: np.ndarray, charset: list[str]) -> tuple[str, float]:
    keep = np.ones(len(best), dtype=bool)
    keep[1:] = best[1:] != best[:-1]
    keep &= best != 0
    idx = best[keep]
    if len(idx) == 0:
        return "", 0.0
    text = "".join(charset[i] if i < len(charset) else "" for i in idx.tolist())
    return text, float(conf[keep].mean())


def _reading_key(lines: list[OcrLine]):
    """Sort key: lines whose centres are within half a line height share a row, then left to right."""
    if not lines:
        return lambda line: 0
    unit = max(4.0, float(np.median([line.height for line in lines])) / 2)
    return lambda line: (round(line.center[1] / unit), line.center[0])
