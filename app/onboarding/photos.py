"""Reading the seller's photos (1 to 5): each one opened, checked, tagged and, when clear, its pack text read."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PIL import Image

from app.errors import AppError, InputError
from app.i18n import _
from app.ml import packtext, vision
from app.ml.images import ImageSource, load_image
from app.ml.packtext import OcrResult, PackFacts
from app.ml.vision import FewShotIndex, PhotoTags, QualityIssue

MAX_PHOTOS = 5


@dataclass(frozen=True, slots=True)
class PhotoAnalysis:
    """One photo, looked at: opened (or why not), its quality, its tags and the text on it."""

    number: int  # 1-based, as the seller counts them
    name: str
    image: Image.Image | None
    error: str | None = None  # the photo could not be opened, in the seller's words
    tags: PhotoTags | None = None
    text: OcrResult | None = None
    facts: PackFacts | None = None

    @property
    def issues(self) -> tuple[QualityIssue, ...]:
        return self.tags.quality.issues if self.tags is not None else ()

    @property
    def usable(self) -> bool:
        return self.image is not None and self.error is None and not self.issues



def analyse_photos(photos: Sequence[ImageSource], *, index: FewShotIndex | None = None,
                   names: Sequence[str] | None = None) -> list[PhotoAnalysis]:
    """Open, check, tag and read each photo; a photo that cannot be opened is reported, not raised."""
    if not photos:
        raise InputError(_("Give at least one photo of the product."))
    if len(photos) > MAX_PHOTOS:
        raise InputError(_("Give at most {n} photos of one product.").format(n=MAX_PHOTOS))
    out = []
    for number, source in enumerate(photos, start=1):
        name = names[number - 1] if names and len(names) >= number else _("photo {n}").format(n=number)
        try:
            loaded = load_image(source, name=name)
        except AppError as exc:
            out.append(PhotoAnalysis(number=number, name=name, image=None, error=str(exc)))
            continue
        tags = vision.tag(loaded.image, index=index)
        text = packtext.read(loaded.image) if not _too_poor_to_read(tags) else None
        facts = packtext.extract(text) if text is not None else None
        out.append(PhotoAnalysis(number=number, name=name, image=loaded.image, tags=tags, text=text, facts=facts))
    return out


def _too_poor_to_read(tags: PhotoTags) -> bool:
    # facts are never taken from an unclear photo (the seller is asked for a better one), and reading
    # is the slowest step, so an unclear photo is not read at all
    return bool(tags.quality.issues)

