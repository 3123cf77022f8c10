"""A campaign code typed or scanned at the counter: the offer it stands for, or why it cannot be used, in
plain words (the Counter page's code field, :mod:`app.ui.counter.offer_code`).

A code counts for the bill it is given with (:func:`app.services.campaigns.redeem`, after the bill is
saved): the bill is tied to the campaign and its variant, and that redemption is what the variants'
Thompson sampling and the Marketing page measure. The offer itself is the price the campaign quotes, which
is the item's shelf price while the campaign runs (a running promotion's price, kept in step by the price
watch), so the bill already charges it; a campaign whose price no longer holds is paused and its code
refused here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.errors import InvalidState, NotFound
from app.i18n import _
from app.services.catalog import get_product
from app.services.context import ServiceContext
from app.store import campaigns as store

__all__ = ["CodeOffer", "looks_like_code", "normalise", "offer_for"]

_CODE = re.compile(r"^[A-Z2-9]{4}-?\d{1,7}[A-D]$")


@dataclass(frozen=True)
class CodeOffer:
    code: str
    campaign_id: int
    variant: str
    sku: str
    item_en: str
    item_hi: str
    price_paise: int
    mrp_paise: int | None


def normalise(text: str) -> str:
    """What the cashier typed as the code is printed: capitals, no spaces, the dash after four letters."""
    code = re.sub(r"\s+", "", text or "").upper()
    if len(code) > 4 and code[4] != "-":
        code = f"{code[:4]}-{code[4:]}"
    return code


def looks_like_code(text: str) -> bool:
    """Whether a scan or a typed word has the shape of a campaign code (``K7QM-3A``), not of a barcode."""
    return bool(_CODE.match(normalise(text)))


def offer_for(ctx: ServiceContext, text: str) -> CodeOffer:
    """The offer of a code, or a typed refusal that says why in the cashier's words."""
    code = normalise(text)
    if not code:
        raise NotFound(_("Type or scan the code from the customer's message."))
    db = ctx.store.db()
    variant = store.variant_by_code(db, code)
    if variant is None:
        raise NotFound(_("'{code}' is not a code from any of this shop's offers. Check it against the customer's "
                         "message.").format(code=code))
    campaign = store.get_campaign(db, variant.campaign_id)
    if campaign is None:  # the variant's campaign row is always there; said rather than asserted
        raise NotFound(_("'{code}' is not a code from any of this shop's offers. Check it against the customer's "
                         "message.").format(code=code))
    if campaign.status in ("done", "cancelled"):
        raise InvalidState(_("Code {code} was for an offer on {item} that has ended; it cannot be used any more.")
                           .format(code=code, item=campaign.name))
    if campaign.status == "paused":
        raise InvalidState(_("The offer of code {code} is paused ({why}); the bill goes at the shelf price without "
                             "it.").format(code=code, why=campaign.status_reason or _("paused on the Marketing page")))
    if campaign.status == "planned":
        raise InvalidState(_("Code {code} has not been sent to any customer yet.").format(code=code))
    product = get_product(db, campaign.sku)
    return CodeOffer(code=code, campaign_id=campaign.id, variant=variant.label, sku=campaign.sku,
                     item_en=product.name_en, item_hi=product.name_hi, price_paise=campaign.quoted_price_paise,
                     mrp_paise=product.mrp_paise)
