"""Rule-based photo processing: where the product is, how good the photo is, its colours, a marketplace image.

No model here: the background is the colour of the photo's border, the product is what differs from
it, sharpness is the variance of the Laplacian, light is the luma histogram. These run even when
the ONNX models are missing, so the quality checks that ask for a better photo never depend on them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFilter

from app.i18n import _
from app.ml.images import connected_components

WORK_SIDE = 256  # masks and statistics are computed on a copy this big: fast and steady across photo sizes
MIN_LISTING_SIDE = 500  # Amazon's absolute minimum, Flipkart's 500x500 (india-commerce.md 6.4, 6.5)
ZOOM_SIDE = 1000  # Amazon zoom and Flipkart's recommended size
DARK_LUMA = 60.0  # mean luma (0..255) below which a photo is too dark to read
DARK_P95 = 110.0  # ... unless its brightest parts are bright enough
BRIGHT_LUMA = 235.0  # mean luma above which (with little contrast) the photo is washed out
BLUR_VARIANCE = 60.0  # Laplacian variance on the 512-px grey copy below which a photo is blurred
FLAT_STD = 6.0  # grey standard deviation below which there is nothing in the photo
BACKGROUND_MIN_DIST = 28.0  # colour distance from the border colour that counts as "not background"


@dataclass(frozen=True, slots=True)
class QualityIssue:
    code: str  # too_small | dark | bright | blurred | empty | not_product
    message: str  # what is wrong, for the seller
    ask: str  # what to do instead


@dataclass(frozen=True, slots=True)
class Quality:
    width: int
    height: int
    luma: float
    sharpness: float
    issues: tuple[QualityIssue, ...]

    @property
    def ok(self) -> bool:
        return not self.issues


@dataclass(frozen=True, slots=True)
class ProductBox:
    """Where the product is: a box in photo pixels, and whether the background around it is plain."""

    left: int
    top: int
    right: int
    bottom: int
    plain_background: bool
    background_rgb: tuple[int, int, int]
    fill: float  # share of the photo the box covers

    @property
    def size(self) -> tuple[int, int]:
        return self.right - self.left, self.bottom - self.top


@dataclass(frozen=True, slots=True)
class NamedColour:
    name: str
    name_hi: str
    rgb: tuple[int, int, int]
    share: float


# Colour names a seller uses in listings ("red pack", "लाल पैकेट")
COLOURS: tuple[tuple[str, str, tuple[int, int, int]], ...] = (
    ("red", "लाल", (200, 30, 35)), ("maroon", "मैरून", (120, 20, 30)), ("orange", "नारंगी", (240, 130, 30)),
    ("yellow", "पीला", (245, 215, 40)), ("green", "हरा", (40, 150, 60)), ("dark green", "गहरा हरा", (20, 80, 40)),
    ("blue", "नीला", (30, 80, 200)), ("navy", "गहरा नीला", (20, 30, 90)), ("sky blue", "आसमानी", (110, 180, 235)),
    ("purple", "बैंगनी", (120, 50, 150)), ("pink", "गुलाबी", (240, 130, 170)), ("brown", "भूरा", (120, 75, 40)),
    ("beige", "बेज", (225, 205, 165)), ("white", "सफ़ेद", (245, 245, 245)), ("grey", "स्लेटी", (128, 128, 128)),
    ("black", "काला", (20, 20, 20)), ("gold", "सुनहरा", (200, 160, 60)), ("silver", "चाँदी", (190, 190, 195)),
)


def _small(image: Image.Image, side: int = WORK_SIDE) -> Image.Image:
    scale = side / max(image.size)
    if scale >= 1:
        return image
    return image.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale))), Image.BILINEAR)


def check_quality(image: Image.Image) -> Quality:
    """Measure size, light and sharpness and list what would make a marketplace (or us) refuse the photo."""
    width, height = image.size
    grey = np.asarray(_small(image.convert("L"), 512), dtype=np.float32)
    luma = float(grey.mean())
    p95 = float(np.percentile(grey, 95))
    spread = float(grey.std())
    lap = grey[1:-1, 1:-1] * -4 + grey[:-2, 1:-1] + grey[2:, 1:-1] + grey[1:-1, :-2] + grey[1:-1, 2:]
    sharpness = float(lap.var()) if lap.size else 0.0
    issues: list[QualityIssue] = []
    if max(width, height) < MIN_LISTING_SIDE:
        issues.append(QualityIssue(
            "too_small", _("The photo is too small ({w}x{h} pixels).").format(w=width, h=height),
            _("Take it again at the camera's full size, at least {n} pixels on the long side.").format(
                n=MIN_LISTING_SIDE)))
    dark = luma < DARK_LUMA and p95 < DARK_P95
    if dark:
        issues.append(QualityIssue("dark", _("The photo is too dark."),
                                   _("Take it again in daylight or under a bright light.")))
    elif spread < FLAT_STD:
        issues.append(QualityIssue("empty", _("There is nothing to see in the photo."),
                                   _("Take a photo of the product itself, filling most of the frame.")))
    elif luma > BRIGHT_LUMA and spread < 25:
        issues.append(QualityIssue("bright", _("The photo is washed out by too much light."),
                                   _("Take it again without the flash, away from direct sunlight.")))
    # in a dark or empty photo the Laplacian says nothing about focus
    if not dark and spread >= FLAT_STD and sharpness < _blur_floor(spread):
        issues.append(QualityIssue("blurred", _("The photo is blurred."),
                                   _("Hold the phone still, tap the product to focus, and take it again.")))
    return Quality(width=width, height=height, luma=round(luma, 1), sharpness=round(sharpness, 1),
                   issues=tuple(issues))


def _blur_floor(spread: float) -> float:
    """A low-contrast photo has a low Laplacian variance even when sharp; scale the floor with contrast."""
    return BLUR_VARIANCE * min(1.0, spread / 40.0)


def find_product(image: Image.Image) -> ProductBox | None:
    """The box around whatever differs from the background (the colour of the photo's border); ``None`` if nothing does.

    When the border is not one plain colour the box is the whole photo, marked ``plain_background=False``.
    """
    small = _small(image)
    arr = np.asarray(small, dtype=np.float32)
    h, w = arr.shape[:2]
    if h < 8 or w < 8:
        return None
    field_, border_dist = _background_field(arr)
    bg = field_.reshape(-1, 3).mean(axis=0)
    # a plain background (a sheet, a wall) varies little around the edge; a cluttered counter does not
    plain = float(np.percentile(border_dist, 90)) < 40.0
    if not plain:
        # a busy counter or a hand around the pack: we cannot tell product from background by colour
        return ProductBox(left=0, top=0, right=image.width, bottom=image.height, plain_background=False,
                          background_rgb=tuple(int(c) for c in bg), fill=1.0)
    threshold = max(BACKGROUND_MIN_DIST, float(np.percentile(border_dist, 95)) * 1.2)
    dist = np.linalg.norm(arr - field_, axis=2)
    mask = dist > threshold
    mask_img = Image.fromarray((mask * 255).astype(np.uint8)).filter(ImageFilter.MinFilter(3)).filter(
        ImageFilter.MaxFilter(5))
    mask = np.asarray(mask_img) > 0
    parts = connected_components(mask)
    if not parts:
        return None
    sizes = [int((e - s).sum()) for _, s, e in parts]
    biggest = int(np.argmax(sizes))
    if sizes[biggest] < 0.02 * h * w:
        return None
    # the product is the biggest part and everything sizeable next to it (a label, a cap)
    keep = [p for p, n in zip(parts, sizes, strict=True) if n >= 0.1 * sizes[biggest]]
    rows = np.concatenate([p[0] for p in keep])
    starts = np.concatenate([p[1] for p in keep])
    ends = np.concatenate([p[2] for p in keep])
    sx, sy = image.width / w, image.height / h
    left, right = int(starts.min() * sx), int(np.ceil(ends.max() * sx))
    top, bottom = int(rows.min() * sy), int(np.ceil((rows.max() + 1) * sy))
    fill = (right - left) * (bottom - top) / (image.width * image.height)
    return ProductBox(left=left, top=top, right=min(right, image.width), bottom=min(bottom, image.height),
                      plain_background=plain, background_rgb=tuple(int(c) for c in bg), fill=round(fill, 3))


def _background_field(arr: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The background colour at every pixel, as a plane fitted to the photo's border (light falls off
    across a counter), and how far each border pixel is from it."""
    h, w = arr.shape[:2]
    ys, xs = np.mgrid[0:h, 0:w]
    edge = np.zeros((h, w), dtype=bool)
    edge[:3], edge[-3:], edge[:, :3], edge[:, -3:] = True, True, True, True
    design = np.stack([np.ones(edge.sum()), xs[edge] / w, ys[edge] / h], axis=1)
    coef, *_ = np.linalg.lstsq(design, arr[edge], rcond=None)
    full = np.stack([np.ones(h * w), xs.ravel() / w, ys.ravel() / h], axis=1) @ coef
    field_ = full.reshape(h, w, 3).astype(np.float32)
    return field_, np.linalg.norm(arr[edge] - field_[edge], axis=1)


def dominant_colours(image: Image.Image, box: ProductBox | None = None, *, count: int = 3) -> tuple[NamedColour, ...]:
    """The product's main colours by share of its pixels, named as a seller would name them."""
    region = image.crop((box.left, box.top, box.right, box.bottom)) if box else image
    small = _small(region, 96)
    arr = np.asarray(small, dtype=np.float32).reshape(-1, 3)
    if box is not None and box.plain_background:
        keep = np.linalg.norm(arr - np.array(box.background_rgb, dtype=np.float32), axis=1) > BACKGROUND_MIN_DIST
        if keep.sum() > 50:
            arr = arr[keep]
    palette = np.array([c[2] for c in COLOURS], dtype=np.float32)
    lab_pixels, lab_palette = _lab(arr), _lab(palette)
    nearest = np.argmin(((lab_pixels[:, None, :] - lab_palette[None, :, :]) ** 2).sum(axis=2), axis=1)
    counts = np.bincount(nearest, minlength=len(COLOURS))
    total = counts.sum()
    found = []
    for i in np.argsort(counts)[::-1][:count]:
        if counts[i] == 0 or counts[i] / total < 0.08:
            continue
        mean_rgb = tuple(int(v) for v in arr[nearest == i].mean(axis=0))
        found.append(NamedColour(COLOURS[i][0], COLOURS[i][1], mean_rgb, round(float(counts[i] / total), 3)))
    return tuple(found)


def _lab(rgb: np.ndarray) -> np.ndarray:
    """sRGB (0..255) to CIE Lab (D65), where distances follow what the eye sees."""
    c = rgb / 255.0
    c = np.where(c > 0.04045, ((c + 0.055) / 1.055) ** 2.4, c / 12.92)
    xyz = c @ np.array([[0.4124, 0.2126, 0.0193], [0.3576, 0.7152, 0.1192], [0.1805, 0.0722, 0.9505]])
    xyz /= np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.stack([116 * f[:, 1] - 16, 500 * (f[:, 0] - f[:, 1]), 200 * (f[:, 1] - f[:, 2])], axis=1)


def white_background(image: Image.Image, box: ProductBox) -> Image.Image | None:
    """The photo with its plain background turned pure white (255, 255, 255); ``None`` if it is not plain.

    Only background connected to the photo's edge is whitened, so a white label inside the product
    keeps its own pixels.
    """
    if not box.plain_background:
        return None
    small = _small(image)
    arr = np.asarray(small, dtype=np.float32)
    field_, border_dist = _background_field(arr)
    dist = np.linalg.norm(arr - field_, axis=2)
    near = dist <= max(BACKGROUND_MIN_DIST, float(np.percentile(border_dist, 95)) * 1.2)
    h, w = near.shape
    outside = np.zeros_like(near)
    for rows, starts, ends in connected_components(near):
        touches = rows.min() == 0 or rows.max() == h - 1 or starts.min() == 0 or ends.max() == w
        if touches:
            for r, s, e in zip(rows.tolist(), starts.tolist(), ends.tolist(), strict=True):
                outside[r, s:e] = True
    alpha = Image.fromarray((outside * 255).astype(np.uint8)).resize(image.size, Image.BILINEAR)
    alpha = alpha.filter(ImageFilter.GaussianBlur(1.2))
    white = Image.new("RGB", image.size, (255, 255, 255))
    return Image.composite(white, image, alpha)


def marketplace_image(image: Image.Image, box: ProductBox | None, *, white: bool) -> Image.Image:
    """Square, product filling about 90 % of it, on white when ``white`` and the background allows.

    The output is never scaled up beyond the photo's own detail: a small photo stays small, and the
    listing checks say so, rather than a blurry enlargement pretending to be a zoomable image.
    """
    source = image
    if white and box is not None:
        source = white_background(image, box) or image
    crop = source.crop((box.left, box.top, box.right, box.bottom)) if box is not None else source
    side = round(max(crop.size) / 0.9)
    fill_colour = (255, 255, 255) if white else tuple(int(c) for c in np.asarray(_small(crop, 32)).reshape(-1, 3)
                                                      .mean(axis=0))
    canvas = Image.new("RGB", (side, side), fill_colour)
    canvas.paste(crop, ((side - crop.width) // 2, (side - crop.height) // 2))
    if side > 2000:
        canvas = canvas.resize((2000, 2000), Image.LANCZOS)
    return canvas
