"""Photos as the models see them: opened upright in RGB from whatever the seller handed us, and the
connected regions of a mask (text lines for OCR, the product for the photo checks).
"""

from __future__ import annotations

import contextlib
import io
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from app.errors import InputError
from app.i18n import _

__all__ = ["MAX_PIXELS", "ImageSource", "LoadedImage", "UnreadableImage", "connected_components", "load_image"]

# Decompression-bomb guard: a phone photo is at most ~50 MP; anything bigger is not a product photo.
MAX_PIXELS = 60_000_000


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
            image = Image.open(raw)
            if image.width * image.height > MAX_PIXELS:
                raise UnreadableImage(_("{name} is too large to be a product photo.").format(name=label))
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


def connected_components(mask: np.ndarray) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """8-connected components of a boolean mask, each as its horizontal runs (row, start, end-exclusive).

    Runs are found for the whole mask at once with numpy; only the run-to-run unions are Python,
    and a text map has a few hundred runs, not a few hundred thousand pixels.
    """
    padded = np.zeros((mask.shape[0], mask.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    diff = np.diff(padded, axis=1)
    rows_s, starts = np.nonzero(diff == 1)
    _, ends = np.nonzero(diff == -1)
    n = len(starts)
    if n == 0:
        return []
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    row_first = np.searchsorted(rows_s, np.arange(mask.shape[0] + 1))
    ss, es = starts.tolist(), ends.tolist()
    for r in range(mask.shape[0] - 1):
        a, a_end = row_first[r], row_first[r + 1]
        b, b_end = row_first[r + 1], row_first[r + 2]
        while a < a_end and b < b_end:
            # 8-connectivity: runs touch if they overlap or meet diagonally
            if ss[a] <= es[b] and ss[b] <= es[a]:
                ra, rb = find(a), find(b)
                if ra != rb:
                    parent[rb] = ra
            if es[a] < es[b]:
                a += 1
            else:
                b += 1
    roots = np.array([find(i) for i in range(n)])
    order = np.argsort(roots, kind="stable")
    split = np.nonzero(np.diff(roots[order]))[0] + 1
    return [(rows_s[idx], starts[idx], ends[idx]) for idx in np.split(order, split) if len(idx)]
