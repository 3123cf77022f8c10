"""The FOB value of an export: the invoice value less the freight and insurance the seller pays beyond the
port of export, by the invoice's Incoterm (Incoterms 2020).

Customs declares an export at its FOB value (the courier's CSB-V asks for it, Form HA part B; the
shipping bill too). When the buyer pays the main carriage (EXW, FCA, FAS, FOB) the invoice value is taken as
it is. When the seller pays it (the C- and D-terms) the invoice price includes the freight, and the insurance
too when the seller buys it (CIF and CIP oblige the seller to; DAP, DPU and DDP leave it to the seller), so
both are taken off. Under CFR and CPT the seller does not insure: an insurance figure there is refused.
Amounts are paise of the invoice's rupee value (the courier's or insurer's bill, in rupees).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.errors import InputError
from app.i18n import _

__all__ = ["BUYER_CARRIES", "INSURED", "SELLER_CARRIES", "Carriage", "check_carriage", "fob_paise", "needs_carriage"]

BUYER_CARRIES = ("EXW", "FCA", "FAS", "FOB")  # the buyer pays the main carriage: FOB value = invoice value
SELLER_CARRIES = ("CFR", "CPT", "CIF", "CIP", "DAP", "DPU", "DDP")  # the invoice price includes the freight
INSURED = ("CIF", "CIP")  # the seller must insure the goods in transit (Incoterms 2020, A5)
_NO_INSURANCE = ("CFR", "CPT")  # the buyer insures, if anyone does


@dataclass(frozen=True, slots=True, kw_only=True)
class Carriage:
    """What the seller pays to carry an export abroad, in paise: the main freight and the insurance."""

    freight_paise: int
    insurance_paise: int = 0


def needs_carriage(incoterm: str) -> bool:
    """True when the FOB value cannot be known without the freight (and insurance) the seller paid."""
    return incoterm in SELLER_CARRIES


def check_carriage(incoterm: str, carriage: Carriage, invoice_paise: int) -> Carriage:
    """Refuse freight or insurance that the Incoterm does not let the seller pay, or that leaves no FOB value."""
    if carriage.freight_paise < 0 or carriage.insurance_paise < 0:
        raise InputError(_("Freight and insurance cannot be below zero."))
    if incoterm in BUYER_CARRIES and (carriage.freight_paise or carriage.insurance_paise):
        raise InputError(_("Under {term} the buyer pays the freight and insurance abroad: the FOB value is the "
                           "invoice value, nothing to record.").format(term=incoterm))
    if incoterm in _NO_INSURANCE and carriage.insurance_paise:
        raise InputError(_("Under {term} the buyer insures the goods: record the freight only.").format(
            term=incoterm))
    if carriage.freight_paise + carriage.insurance_paise >= invoice_paise:
        raise InputError(_("Freight and insurance of {amount} take the whole invoice value: check the figures "
                           "(they are in rupees).").format(
            amount=f"₹{(carriage.freight_paise + carriage.insurance_paise) / 100:,.2f}"))
    return carriage


def fob_paise(invoice_paise: int, incoterm: str, carriage: Carriage | None) -> int | None:
    """The FOB value in paise, or None when the Incoterm includes carriage and none is recorded yet."""
    if incoterm not in SELLER_CARRIES:
        return invoice_paise
    if carriage is None:
        return None
    return invoice_paise - carriage.freight_paise - carriage.insurance_paise
