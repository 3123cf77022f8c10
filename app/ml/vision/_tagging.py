"""Photo tagging: shop category with scores, dominant colours, quality checks, features for few-shot tagging.

The model is EfficientNet-Lite0 with ImageNet weights (``resources/models/vision_effnet_lite0.onnx``, exported
by ``tools/vision/export_effnet.py``). Its 1000 ImageNet classes are mapped to the shop's categories by
``resources/data/imagenet_categories.csv``; ImageNet knows bananas and soda bottles but not atta or
toothpaste, so the mapping alone is a weak tagger. The second head, the 1280-d pooled features, is
what improves with use: every photo the seller confirms goes into a :class:`FewShotIndex`, and new
photos are tagged by their nearest confirmed neighbours.

Without the model, :func:`tag` still checks quality and names colours (rules in
:mod:`app.ml.vision._photo`) and returns no category, saying why in :attr:`PhotoTags.fallback`.
"""

from __future__ import annotations

import csv
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from PIL import Image

from app.i18n import _
from app.ml import runtime
from app.ml.images import ImageSource, load_image
from app.ml.vision._photo import (
    NamedColour,
    ProductBox,
    Quality,
    QualityIssue,
    check_quality,
    dominant_colours,
    find_product,
)
from app.paths import resources_dir

MODEL = "vision_effnet_lite0.onnx"
FEATURE_DIM = 1280
INPUT_SIDE = 224
NOT_PRODUCT_MASS = 0.5  # ImageNet probability on animals, people, scenery, vehicles above which it is not a product


@dataclass(frozen=True, slots=True)
class CategoryScore:
    code: str  # a category code from resources/data/categories.csv
    score: float  # 0..1
    source: str  # "imagenet" | "shop" | "both"


@dataclass(frozen=True, slots=True)
class PhotoTags:
    categories: tuple[CategoryScore, ...]  # best first; empty when nothing is known
    colours: tuple[NamedColour, ...]
    quality: Quality
    product: ProductBox | None
    imagenet: tuple[tuple[str, float], ...]  # top ImageNet classes, for "why" and debugging
    features: np.ndarray | None  # unit-length float32 [1280], None without the model
    fallback: str | None = None

    @property
    def best(self) -> CategoryScore | None:
        return self.categories[0] if self.categories else None


@lru_cache(maxsize=1)
def imagenet_groups() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(class names, group per class) from ``resources/data/imagenet_categories.csv``."""
    names, groups = [], []
    with open(resources_dir() / "data" / "imagenet_categories.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            names.append(row["name"])
            groups.append(row["group"])
    return tuple(names), tuple(groups)


def preprocess(image: Image.Image, box: ProductBox | None = None) -> np.ndarray:
    """The network input: the product (or whole photo) padded to a square, 224 px, scaled (x - 127) / 128."""
    if box is not None and box.fill < 0.9:
        pad_w, pad_h = (box.right - box.left) // 20, (box.bottom - box.top) // 20
        image = image.crop((max(0, box.left - pad_w), max(0, box.top - pad_h),
                            min(image.width, box.right + pad_w), min(image.height, box.bottom + pad_h)))
    side = max(image.size)
    edge = np.asarray(image.resize((16, 16), Image.BILINEAR)).reshape(-1, 3).mean(axis=0)
    square = Image.new("RGB", (side, side), tuple(int(v) for v in edge))
    square.paste(image, ((side - image.width) // 2, (side - image.height) // 2))
    arr = np.asarray(square.resize((INPUT_SIDE, INPUT_SIDE), Image.BILINEAR), dtype=np.float32)
    return ((arr - 127.0) / 128.0).transpose(2, 0, 1)[None]


def tag(source: ImageSource, *, index: FewShotIndex | None = None, top: int = 3) -> PhotoTags:
    """Categories, colours and quality of one product photo.

    ``index`` holds the shop's confirmed photos; with it, categories come from both the shop's examples
    and the ImageNet mapping. A photo that ImageNet sees as an animal, a person, a landscape or a
    vehicle gets a ``not_product`` quality issue.
    """
    image = load_image(source).image
    quality = check_quality(image)
    product = find_product(image)
    colours = dominant_colours(image, product)
    sess = runtime.session(MODEL)
    if sess is None:
        fallback = runtime.why_unavailable(MODEL) or "vision model missing"
        return PhotoTags(categories=(), colours=colours, quality=quality, product=product, imagenet=(),
                         features=None, fallback=fallback)
    logits, feats = sess.run(None, {"image": preprocess(image, product)})
    probs = _softmax(logits[0])
    names, groups = imagenet_groups()
    order = np.argsort(probs)[::-1]
    imagenet = tuple((names[i], round(float(probs[i]), 4)) for i in order[:5])
    mass: dict[str, float] = {}
    for i in order[:50]:
        if groups[i]:
            mass[groups[i]] = mass.get(groups[i], 0.0) + float(probs[i])
    issues = list(quality.issues)
    if mass.get("not_product", 0.0) >= NOT_PRODUCT_MASS:
        issues.append(QualityIssue(
            "not_product", _("This does not look like a product (it looks like: {what}).").format(what=names[order[0]]),
            _("Take a photo of the product pack, front side, filling most of the frame.")))
        quality = Quality(width=quality.width, height=quality.height, luma=quality.luma,
                          sharpness=quality.sharpness, issues=tuple(issues))
    features = feats[0].astype(np.float32)
    features /= max(float(np.linalg.norm(features)), 1e-9)
    from_imagenet = {code: score for code, score in mass.items() if code not in ("not_product", "product")}
    categories = _combine(from_imagenet, index.classify(features) if index is not None else {},
                          index.counts() if index is not None else {})
    return PhotoTags(categories=tuple(categories[:top]), colours=colours, quality=quality, product=product,
                     imagenet=imagenet, features=features)


def _softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max())
    return e / e.sum()


def _combine(imagenet: dict[str, float], shop: dict[str, float], counts: dict[str, int]) -> list[CategoryScore]:
    """Blend ImageNet's guess with the shop's nearest confirmed photos; the shop's weight grows with examples."""
    out: dict[str, tuple[float, str]] = {}
    per_label = sum(counts.values()) / max(1, len(counts))
    # one confirmed photo per category already beats ImageNet's guess; five make it nearly the whole answer
    weight = min(0.85, 0.35 + 0.1 * per_label) if shop else 0.0
    for code in set(imagenet) | set(shop):
        a, b = imagenet.get(code, 0.0), shop.get(code, 0.0)
        score = (1 - weight) * a + weight * b
        source = "both" if a and b else ("shop" if b else "imagenet")
        out[code] = (score, source)
    ranked = sorted(out.items(), key=lambda kv: -kv[1][0])
    return [CategoryScore(code, round(score, 4), source) for code, (score, source) in ranked if score > 0.01]


class FewShotIndex:
    """The shop's confirmed photos as unit feature vectors, for nearest-neighbour tagging.

    In memory and thread-safe; the store keeps the rows (see :meth:`to_rows` / :meth:`from_rows` and the
    ``photo_embedding`` table described in docs/on-device-models.md). Vectors are stored as float16:
    1280 x 2 bytes per photo, so 10,000 confirmed photos are 25 MB.
    """

    def __init__(self, k: int = 3) -> None:
        self.k = k
        self._lock = threading.Lock()
        self._keys: list[str] = []
        self._labels: list[str] = []
        self._vectors = np.zeros((0, FEATURE_DIM), dtype=np.float32)

    def __len__(self) -> int:
        return len(self._keys)

    def add(self, key: str, label: str, features: np.ndarray) -> None:
        """Remember a confirmed photo (``key``: the photo's id, e.g. "SKU:1"); re-adding a key replaces it."""
        vec = np.asarray(features, dtype=np.float32).reshape(-1)
        if vec.shape != (FEATURE_DIM,):
            raise ValueError(f"features must have {FEATURE_DIM} values, got {vec.shape}")
        vec = vec / max(float(np.linalg.norm(vec)), 1e-9)
        with self._lock:
            if key in self._keys:
                self._remove(key)
            self._keys.append(key)
            self._labels.append(label)
            self._vectors = np.vstack([self._vectors, vec[None]])

    def remove(self, key: str) -> bool:
        with self._lock:
            return self._remove(key)

    def _remove(self, key: str) -> bool:
        if key not in self._keys:
            return False
        i = self._keys.index(key)
        del self._keys[i]
        del self._labels[i]
        self._vectors = np.delete(self._vectors, i, axis=0)
        return True

    def counts(self) -> dict[str, int]:
        with self._lock:
            out: dict[str, int] = {}
            for label in self._labels:
                out[label] = out.get(label, 0) + 1
            return out

    def classify(self, features: np.ndarray) -> dict[str, float]:
        """Per label, the mean cosine similarity of its ``k`` nearest examples, turned into shares that sum to 1."""
        with self._lock:
            if not self._keys:
                return {}
            sims = self._vectors @ np.asarray(features, dtype=np.float32).reshape(-1)
            labels = list(self._labels)
        per_label: dict[str, list[float]] = {}
        for label, sim in zip(labels, sims.tolist(), strict=True):
            per_label.setdefault(label, []).append(sim)
        scores = {label: float(np.mean(sorted(v, reverse=True)[: self.k])) for label, v in per_label.items()}
        # sharpen: similarities of photos of packaged goods all sit between 0.3 and 0.9
        values = np.array(list(scores.values()))
        shares = np.exp((values - values.max()) * 20.0)
        shares /= shares.sum()
        return {label: round(float(s), 4) for label, s in zip(scores, shares, strict=True)}

    def nearest(self, features: np.ndarray, n: int = 5) -> list[tuple[str, str, float]]:
        """The ``n`` most similar confirmed photos as (key, label, cosine)."""
        with self._lock:
            if not self._keys:
                return []
            sims = self._vectors @ np.asarray(features, dtype=np.float32).reshape(-1)
            order = np.argsort(sims)[::-1][:n]
            return [(self._keys[i], self._labels[i], round(float(sims[i]), 4)) for i in order]

    @staticmethod
    def encode(features: np.ndarray) -> bytes:
        """A feature vector as the BLOB the store keeps (float16, little-endian)."""
        return np.asarray(features, dtype="<f2").reshape(-1).tobytes()

    @staticmethod
    def decode(blob: bytes) -> np.ndarray:
        return np.frombuffer(blob, dtype="<f2").astype(np.float32)

    def to_rows(self) -> list[tuple[str, str, bytes]]:
        with self._lock:
            return [(k, lb, self.encode(v)) for k, lb, v in zip(self._keys, self._labels, self._vectors, strict=True)]

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, str, bytes]], k: int = 3) -> FewShotIndex:
        index = cls(k=k)
        for key, label, blob in rows:
            index.add(key, label, cls.decode(blob))
        return index
