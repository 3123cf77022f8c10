"""Product onboarding: from 1-5 photos of a product and what the seller typed, a marketplace listing or the
questions to ask.

Not an agent: it proposes nothing and is never scheduled; the seller runs it (``tavyonix onboard``). The
pipeline (:func:`onboard`) reads the photos (:mod:`~app.onboarding.photos`), drafts the listing
(:mod:`~app.onboarding.drafting`) and checks it (:mod:`~app.onboarding.compliance`) against the rules of
:mod:`~app.onboarding.rules` (Legal Metrology, FSSAI, each marketplace). The data it passes around is in
:mod:`~app.onboarding.listing`.
"""

from app.onboarding import rules
from app.onboarding.compliance import check_compliance
from app.onboarding.drafting import QUESTIONS, build_listing, required_attributes
from app.onboarding.listing import FACT_KEYS, Listing, Missing, ProcessedImage, RateLookup, SellerInput
from app.onboarding.photos import MAX_PHOTOS, PhotoAnalysis, analyse_photos
from app.onboarding.pipeline import onboard, shipped_rates
from app.onboarding.rules import MARKETPLACES, ComplianceIssue

__all__ = [
    "FACT_KEYS", "MARKETPLACES", "MAX_PHOTOS", "QUESTIONS", "ComplianceIssue", "Listing", "Missing", "PhotoAnalysis",
    "ProcessedImage", "RateLookup", "SellerInput", "analyse_photos", "build_listing", "check_compliance", "onboard",
    "required_attributes", "rules", "shipped_rates",
]
