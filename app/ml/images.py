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

__all__ = ["MAX_PIXELS", "MAX_SIDE", "ImageSource", "LoadedImage", "UnreadableImage", "cap_pixels",
           "connected_components", "guard_size", "load_image"]

# Decompression-bomb guard: a phone photo is at most ~50 MP; anything bigger is not a product photo.
MAX_PIXELS = 60_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # Pillow's own bomb check refuses beyond twice this, whoever opens the file


class UnreadableImage(InputError):
    """A file that is not a picture we can open (empty, corrupt, another kind of file)."""


ImageSource = Image.Image | np.ndarray | bytes | str | os.PathLike[str]


@dataclass(frozen=True, slots=True)
class LoadedImage:
    image: Image.Image  # RGB, upright (EXIF orientation applied)
    name: str


# What any photo may be before it is decoded in full, and the most any model or canvas ever works on.
# A 466-byte PNG of 65000 x 2 pixels once became a 65000-pixel square canvas (16.7 GB): the size and
# shape are checked from the header, and the decoded image is shrunk before anything squares it.
MAX_ASPECT = 12.0  # a tall bottle photographed alone is about 4:1; a strip of 12:1 is not a product photo
MIN_SIDE = 16
MAX_SIDE = 4096  # every model input and listing image is far smaller (zoom images are 2000 px)


def guard_size(width: int, height: int, *, name: str) -> None:
    """Refuse, from the header alone, a picture too thin, too small or too stretched to be a product photo."""
    if min(width, height) < MIN_SIDE:
        raise UnreadableImage(_("{name} is too small to be a product photo ({w} x {h} pixels).").format(
            name=name, w=width, h=height), hint=_("Take the photo again, closer to the product."))
    if max(width, height) / min(width, height) > MAX_ASPECT:
        raise UnreadableImage(_("{name} is a thin strip ({w} x {h} pixels), not a product photo.").format(
            name=name, w=width, h=height), hint=_("Take the photo again with the whole product in it."))


def cap_pixels(image: Image.Image, max_side: int = MAX_SIDE) -> Image.Image:
    """The image no bigger than ``max_side`` on its longer side, so no model or canvas sees more."""
    if max(image.size) <= max_side:
        return image
    copy = image.copy()
    copy.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    return copy


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
