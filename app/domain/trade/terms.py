"""The terms of an export invoice: zero-rated under an LUT or with IGST paid, currency, Incoterms, route.

- An export is a zero-rated supply (IGST Act s.16(1)(a)). The exporter either supplies under a Letter of
  Undertaking without paying IGST (s.16(3)(a), CGST Rule 96A) or pays IGST and claims it back
  (s.16(3)(b), Rule 96). Its place of supply is the GST portal's code 96, "Other Country".
- Under an LUT the invoice carries no tax: the whole line amount is the taxable value. With IGST paid the
  shop's usual tax-inclusive pricing applies, split into taxable value and IGST.
- The endorsement wording is CGST Rule 46's proviso on exports (Notification 17/2017-Central Tax), word for word.
- The rupee value uses the exchange rate the seller enters (customs notifies a rate each fortnight; the
  shop keeps the one it used on the invoice), stored as paise per unit of the foreign currency.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.domain import bounds
from app.domain.gst import TaxSplit
from app.domain.money import div_round
from app.errors import InputError
from app.i18n import _

__all__ = [
    "COUNTRY_NAMES", "CURRENCIES", "ENDORSEMENT_IGST", "ENDORSEMENT_LUT", "INCOTERMS", "MODES", "PROOF_KINDS",
    "PROOF_OF_ROUTE", "ROUTES", "ExportTerms", "check_arn", "check_iec", "endorsement", "foreign_minor", "zero_rated",
]

MODES = ("lut", "igst")
ROUTES = ("courier", "postal", "cargo")
# Incoterms 2020 (ICC): the seller's and buyer's share of the carriage, insurance and risk
INCOTERMS = ("EXW", "FCA", "CPT", "CIP", "DAP", "DPU", "DDP", "FAS", "FOB", "CFR", "CIF")
# Proof of export by route: a courier's CSB-V number, a postal bill of export, a shipping bill
PROOF_KINDS = ("csb", "pbe", "shipping_bill")
PROOF_OF_ROUTE = {"courier": "csb", "postal": "pbe", "cargo": "shipping_bill"}
# Currencies an export invoice may be raised in here (ISO 4217), with their minor-unit digits
CURRENCIES = {"INR": 2, "USD": 2, "EUR": 2, "GBP": 2, "AED": 2, "SGD": 2, "AUD": 2, "CAD": 2, "SAR": 2,
              "QAR": 2, "OMR": 3, "KWD": 3, "BHD": 3, "JPY": 0, "MYR": 2, "NZD": 2, "CHF": 2}

# ISO 3166-1 names of the countries an Indian small seller most often ships to (others print their code)
COUNTRY_NAMES = {
    "AE": "United Arab Emirates", "AU": "Australia", "BD": "Bangladesh", "BH": "Bahrain", "CA": "Canada",
    "DE": "Germany", "FR": "France", "GB": "United Kingdom", "IT": "Italy", "JP": "Japan", "KW": "Kuwait",
    "LK": "Sri Lanka", "MU": "Mauritius", "MY": "Malaysia", "NL": "Netherlands", "NP": "Nepal", "NZ": "New Zealand",
    "OM": "Oman", "QA": "Qatar", "SA": "Saudi Arabia", "SG": "Singapore", "US": "United States of America",
    "ZA": "South Africa",
}

# CGST Rule 46, the proviso on exports as substituted by Notification 17/2017-Central Tax (27 July 2017), para
# 2(iv): the endorsement is prescribed word for word, SEZ supplies included, so it is printed whole
ENDORSEMENT_LUT = ("SUPPLY MEANT FOR EXPORT/SUPPLY TO SEZ UNIT OR SEZ DEVELOPER FOR AUTHORISED OPERATIONS UNDER BOND "
                   "OR LETTER OF UNDERTAKING WITHOUT PAYMENT OF INTEGRATED TAX")
ENDORSEMENT_IGST = ("SUPPLY MEANT FOR EXPORT/SUPPLY TO SEZ UNIT OR SEZ DEVELOPER FOR AUTHORISED OPERATIONS ON PAYMENT "
                    "OF INTEGRATED TAX")

_ARN = re.compile(r"^AD[0-9A-Z]{13}$")
_IEC = re.compile(r"^[A-Z0-9]{10}$")


def check_arn(text: str) -> str:
    """An LUT's acknowledgement (ARN) from the GST portal: 15 letters and digits starting with AD."""
    arn = text.strip().upper().replace(" ", "")
    if not _ARN.match(arn):
        raise InputError(_("'{arn}' is not an LUT acknowledgement number (ARN).").format(arn=text),
                         hint=_("It has 15 characters and starts with AD and the state code, for example "
                                "AD270326012345X."))
    return arn


def check_iec(text: str) -> str:
    """The Importer-Exporter Code: ten letters and digits (DGFT issues the firm's PAN as its IEC)."""
    iec = text.strip().upper()
    if not _IEC.match(iec):
        raise InputError(_("'{iec}' is not an IEC; it has 10 letters and digits (the firm's PAN).").format(
            iec=text))
    return iec


@dataclass(frozen=True, slots=True, kw_only=True)
class ExportTerms:
    """What an export invoice says beyond a sale: the buyer abroad, the money, the delivery terms."""

    buyer_name: str
    buyer_address: str
    country: str  # ISO 3166 two-letter code of the country of destination
    currency: str  # ISO 4217
    fx_paise: int  # rupees per unit of ``currency``, in paise (the rate on the invoice)
    incoterm: str
    payment_terms: str
    route: str
    mode: str = "lut"
    port_code: str = ""

    def checked(self) -> ExportTerms:
        """The terms with codes upper-cased; refuses what an export invoice cannot carry."""
        country, currency, incoterm = (self.country.strip().upper(), self.currency.strip().upper(),
                                       self.incoterm.strip().upper())
        if not self.buyer_name.strip() or not self.buyer_address.strip():
            raise InputError(_("An export invoice needs the buyer's name and address abroad."))
        buyer = bounds.check_text(self.buyer_name, what=_("The buyer's name"))
        address = bounds.check_text(self.buyer_address, what=_("The buyer's address"), limit=500)
        port = bounds.check_text(self.port_code, what=_("The port code"), limit=6, empty_ok=True)
        if not re.fullmatch(r"[A-Z]{2}", country) or country == "IN":
            raise InputError(_("'{code}' is not a country of destination; write its two-letter code, for "
                               "example AE or US.").format(code=self.country))
        if currency not in CURRENCIES:
            raise InputError(_("'{code}' is not a currency this shop can invoice in.").format(code=self.currency),
                             hint=", ".join(CURRENCIES))
        if currency == "INR" and self.fx_paise != 100:
            raise InputError(_("An invoice in rupees has the exchange rate 1."))
        if not 1 <= self.fx_paise <= 1_000_000:
            raise InputError(_("The exchange rate must be the rupees for one unit of the currency, "
                               "for example 84.10."))
        if incoterm not in INCOTERMS:
            raise InputError(_("'{term}' is not an Incoterm.").format(term=self.incoterm),
                             hint=", ".join(INCOTERMS))
        if self.route not in ROUTES:
            raise InputError(_("'{route}' is not an export route.").format(route=self.route),
                             hint=", ".join(ROUTES))
        if self.mode not in MODES:
            raise InputError(_("An export is either under the LUT or with IGST paid."))
        if not self.payment_terms.strip():
            raise InputError(_("Say the payment terms, for example 'advance by bank transfer'."))
        payment = bounds.check_text(self.payment_terms, what=_("The payment terms"))
        return ExportTerms(buyer_name=buyer, buyer_address=address, country=country, currency=currency,
                           fx_paise=self.fx_paise, incoterm=incoterm, payment_terms=payment, route=self.route,
                           mode=self.mode, port_code=port.upper())


def endorsement(mode: str, lut_arn: str | None) -> str:
    """The line every zero-rated export invoice carries (with the LUT's ARN when under an LUT)."""
    if mode == "lut":
        return f"{ENDORSEMENT_LUT} (LUT ARN {lut_arn})"
    return ENDORSEMENT_IGST


def foreign_minor(inr_paise: int, fx_paise: int, currency: str) -> int:
    """The amount in the currency's minor units (cents), rounded half up: ₹8,410.00 at 84.10 -> 10000 cents."""
    digits = CURRENCIES.get(currency, 2)
    return div_round(inr_paise * 10 ** digits, fx_paise)


def zero_rated(split: TaxSplit) -> TaxSplit:
    """A line under an LUT: the whole amount is taxable value, no tax."""
    return TaxSplit(split.total_paise)
