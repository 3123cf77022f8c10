"""Product photos: what is in them (tagging) and whether they will do for a listing (rule-based checks).

:func:`tag` runs the whole photo pass — quality, product box, colours and, when the EfficientNet model is
there, shop categories (with a :class:`FewShotIndex` of the seller's confirmed photos). The rule-based
checks (:func:`check_quality`, :func:`find_product`, :func:`dominant_colours`) and the marketplace image
(:func:`white_background`, :func:`marketplace_image`) need no model and are usable on their own.
"""

from app.ml.vision._photo import (
    MIN_LISTING_SIDE,
    ZOOM_SIDE,
    NamedColour,
    ProductBox,
    Quality,
    QualityIssue,
    check_quality,
    dominant_colours,
    find_product,
    marketplace_image,
    white_background,
)
from app.ml.vision._tagging import (
    FEATURE_DIM,
    MODEL,
    CategoryScore,
    FewShotIndex,
    PhotoTags,
    imagenet_groups,
    preprocess,
    tag,
)

__all__ = [
    "FEATURE_DIM", "MIN_LISTING_SIDE", "MODEL", "ZOOM_SIDE", "CategoryScore", "FewShotIndex", "NamedColour",
    "PhotoTags", "ProductBox", "Quality", "QualityIssue", "check_quality", "dominant_colours", "find_product",
    "imagenet_groups", "marketplace_image", "preprocess", "tag", "white_background",
]
