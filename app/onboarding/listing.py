"""A product listing as drafted from photos: what the seller typed, what is missing, the processed images."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.domain.gst import GstRate, format_rate
from app.domain.money import format_inr
from app.onboarding.rules import ComplianceIssue

RateLookup = Callable[[str, date], GstRate]

# facts the seller can type (CLI: --fact key=value), and what each is called in a question
FACT_KEYS = ("name", "name_hi", "brand", "mrp", "net_quantity", "category", "hsn_code", "manufacturer",
             "country_of_origin", "consumer_care", "packed_on", "best_before", "fssai")


@dataclass(frozen=True, slots=True)
class SellerInput:
    """What the seller typed: a price, a name, and answers to earlier questions (keys: :data:`FACT_KEYS`)."""

    price_paise: int | None = None
    name: str | None = None
    facts: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Missing:
    """Something the listing needs and does not have: which attribute, and what to ask the seller."""

    field: str  # a required attribute, or "photo:N" for the seller's N-th photo
    question: str
    reason: str = ""


@dataclass(frozen=True, slots=True)
class ProcessedImage:
    photo: int  # which of the seller's photos it was made from
    role: str  # "main" (white background, for Amazon and Flipkart) or "extra"
    jpeg: bytes
    width: int
    height: int
    white_background: bool
    product_fill: float  # share of the longest side the product spans


@dataclass(frozen=True, slots=True)
class Listing:
    title: str | None
    title_hi: str | None
    description_en: str | None
    description_hi: str | None
    brand: str | None
    name: str | None
    category: str | None
    hsn_code: str | None
    gst_rate_bp: int | None
    price_paise: int | None
    mrp_paise: int | None
    net_quantity: str | None  # "250 g"
    specifications: dict[str, str]
    tags: tuple[str, ...]
    images: tuple[ProcessedImage, ...]
    required: tuple[str, ...]  # the attributes this listing must have (they depend on category and marketplaces)
    missing: tuple[Missing, ...]
    compliance: tuple[ComplianceIssue, ...]
    confirm: tuple[str, ...]  # suggestions the seller should check before publishing (HSN, GST, category)
    sources: dict[str, str]  # where each fact came from: typed, photo N, brand, words, photo tags, rate table

    @property
    def ready(self) -> bool:
        """Complete and compliant: nothing to ask, nothing a marketplace or the law would refuse."""
        return not self.missing and not any(issue.blocking for issue in self.compliance)

    def value(self, attribute: str) -> Any:
        if attribute == "main_image":
            return next((img for img in self.images if img.role == "main"), None)
        if attribute in ("manufacturer", "country_of_origin", "consumer_care", "packed_on", "fssai"):
            return self.specifications.get(attribute)
        return getattr(self, attribute)

    def to_json(self, image_paths: Mapping[int, str] | None = None) -> dict[str, Any]:
        images = []
        for i, img in enumerate(self.images):
            entry = {"photo": img.photo, "role": img.role, "width": img.width, "height": img.height,
                     "white_background": img.white_background, "product_fill": img.product_fill}
            if image_paths and i in image_paths:
                entry["path"] = image_paths[i]
            images.append(entry)
        return {
            "ready": self.ready, "title": self.title, "title_hi": self.title_hi,
            "description_en": self.description_en, "description_hi": self.description_hi, "brand": self.brand,
            "name": self.name, "category": self.category, "hsn_code": self.hsn_code,
            "gst_rate": format_rate(self.gst_rate_bp) if self.gst_rate_bp is not None else None,
            "gst_rate_bp": self.gst_rate_bp, "price_paise": self.price_paise, "mrp_paise": self.mrp_paise,
            "price": format_inr(self.price_paise) if self.price_paise is not None else None,
            "mrp": format_inr(self.mrp_paise) if self.mrp_paise is not None else None,
            "net_quantity": self.net_quantity, "specifications": self.specifications, "tags": list(self.tags),
            "images": images, "required": list(self.required),
            "missing": [{"field": m.field, "question": m.question, "reason": m.reason} for m in self.missing],
            "compliance": [{"marketplace": c.marketplace, "rule": c.rule, "message": c.message,
                            "blocking": c.blocking} for c in self.compliance],
            "confirm": list(self.confirm), "sources": self.sources,
        }

