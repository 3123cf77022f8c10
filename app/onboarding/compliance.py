"""Checking a drafted listing against Legal Metrology, FSSAI and each marketplace's listing rules."""

from __future__ import annotations

from collections.abc import Sequence

from app.domain.money import format_inr
from app.i18n import _
from app.onboarding import rules
from app.onboarding.listing import Listing
from app.onboarding.rules import ComplianceIssue


def check_compliance(listing: Listing, marketplaces: Sequence[str] = rules.MARKETPLACES) -> tuple[ComplianceIssue,
                                                                                                   ...]:
    """Legal Metrology, FSSAI and each marketplace's listing rules (india-commerce.md section 6)."""
    issues: list[ComplianceIssue] = []
    if listing.price_paise is not None and listing.mrp_paise is not None and listing.price_paise > listing.mrp_paise:
        issues.append(ComplianceIssue("legal_metrology", "price_above_mrp", _(
            "Price {price} is above the MRP {mrp}: selling above MRP is an offence (Legal Metrology Act s.36).").format(
            price=format_inr(listing.price_paise), mrp=format_inr(listing.mrp_paise)), True))
    main = next((img for img in listing.images if img.role == "main"), None)
    if "amazon" in marketplaces:
        for problem in rules.title_problems(listing.title or ""):
            issues.append(ComplianceIssue("amazon", "title", problem, True))
        if main is not None:
            if not main.white_background:
                issues.append(ComplianceIssue("amazon", "main_image_background", _(
                    "The main image needs a pure white background; the photo's background is not plain enough to "
                    "whiten. Take it on a plain, light sheet."), True))
            if main.product_fill < rules.AMAZON_FILL:
                issues.append(ComplianceIssue("amazon", "main_image_fill", _(
                    "The product should fill at least 85% of the main image."), True))
            if max(main.width, main.height) < rules.MIN_IMAGE_SIDE:
                issues.append(ComplianceIssue("amazon", "main_image_size", _(
                    "The main image must be at least {n} pixels on its longest side.").format(
                    n=rules.MIN_IMAGE_SIDE), True))
            elif max(main.width, main.height) < rules.ZOOM_IMAGE_SIDE:
                issues.append(ComplianceIssue("amazon", "main_image_zoom", _(
                    "Images of {n} pixels or more allow zoom; a closer photo would help.").format(
                    n=rules.ZOOM_IMAGE_SIDE), False))
    if "flipkart" in marketplaces and main is not None and (
            main.width != main.height or min(main.width, main.height) < rules.MIN_IMAGE_SIDE):
        issues.append(ComplianceIssue("flipkart", "image_size", _(
            "Flipkart needs square images of at least 500x500 pixels."), True))
    if "meesho" in marketplaces and listing.hsn_code is None:
        issues.append(ComplianceIssue("meesho", "hsn_optional", _(
            "Meesho lets sellers without GST registration list without HSN and GST rate."), False))
    if "ondc" in marketplaces and listing.category not in rules.LOOSE:
        for key in ("manufacturer", "country_of_origin", "packed_on"):
            if not listing.specifications.get(key):
                issues.append(ComplianceIssue("ondc", f"statutory_{key}", _(
                    "ONDC rejects packaged items without the '{field}' declaration.").format(field=key), True))
    if listing.category in rules.FOOD and not listing.specifications.get("fssai"):
        issues.append(ComplianceIssue("fssai", "licence", _(
            "Food can be sold online only with an FSSAI licence number on the listing."), True))
    return tuple(issues)

