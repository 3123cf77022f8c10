"""Product onboarding, end to end: photos and what the seller typed in, a listing (or the questions to ask) out.

The steps follow the seed's interface: :func:`~app.onboarding.photos.analyse_photos` (processProductImages),
:func:`~app.onboarding.drafting.build_listing` (generateProductListing + optimiseForSEO) and
:func:`~app.onboarding.compliance.check_compliance` (validateCompliance); :func:`onboard` runs all three.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from datetime import date

from app.domain.gst import GstRate, find_rate
from app.ml.images import ImageSource
from app.ml.vision import FewShotIndex
from app.onboarding import rules
from app.onboarding.drafting import build_listing
from app.onboarding.listing import Listing, RateLookup, SellerInput
from app.onboarding.photos import analyse_photos
from app.paths import resources_dir


def onboard(photos: Sequence[ImageSource], seller: SellerInput, *, rates: RateLookup | None,
            index: FewShotIndex | None = None, brands: Iterable[str] = (), day: date | None = None,
            shop_fssai: str | None = None, marketplaces: Sequence[str] = rules.MARKETPLACES,
            names: Sequence[str] | None = None) -> Listing:
    """Photos (1 to 5) and what the seller typed in; a listing, with ``missing`` saying what to ask, out."""
    analyses = analyse_photos(photos, index=index, names=names)
    return build_listing(analyses, seller, rates=rates, day=day, brands=brands, shop_fssai=shop_fssai,
                         marketplaces=marketplaces)


def shipped_rates() -> RateLookup:
    """The dated GST table shipped with the app (resources/data/gst_rates.csv), for use without a shop file."""
    path = resources_dir() / "data" / "gst_rates.csv"
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    table = [GstRate(r["hsn_prefix"], int(r["rate_bp"]), int(r["cess_bp"] or 0),
                     date.fromisoformat(r["effective_from"]),
                     date.fromisoformat(r["effective_to"]) if r["effective_to"] else None, r["description"])
             for r in rows]
    return lambda hsn, day: find_rate(table, hsn, day)
