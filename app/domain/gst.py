"""GST on tax-inclusive shop prices: the CGST+SGST or IGST split, rate look-up by HSN and date.

Counter prices in India include GST (and never exceed MRP). For a line of ``amount`` paise at
``rate_bp`` hundredths of a percent (5 % = 500) the taxable value is ``amount * 10000 / (10000 + rate)``;
the tax is split into equal CGST and SGST (or UTGST) halves inside a state, or charged as IGST across
states, each rounded half-up to the paisa, and the taxable value takes the remainder so that
``taxable + tax == amount`` exactly (CGST Rule 46; rounding per CGST Act s.170 and the e-invoice
validation rules).

Rates are data with effective dates (see ``resources/data/gst_rates.csv``), never constants here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from app.domain.money import div_round
from app.errors import InvalidCode, NotFound
from app.i18n import _

__all__ = [
    "OTHER_COUNTRY",
    "PLACES_OF_SUPPLY",
    "SCHEMES",
    "STATES",
    "TAX_FIELDS",
    "UTGST_STATES",
    "GstRate",
    "TaxSplit",
    "check_hsn",
    "check_place_of_supply",
    "check_state",
    "find_rate",
    "format_rate",
    "is_interstate",
    "round_off",
    "split_inclusive",
    "state_tax_name",
]

# GST state codes (first two digits of a GSTIN). 25 and 28 are legacy codes still seen on old GSTINs.
STATES: dict[str, str] = {
    "01": "Jammu and Kashmir", "02": "Himachal Pradesh", "03": "Punjab", "04": "Chandigarh",
    "05": "Uttarakhand", "06": "Haryana", "07": "Delhi", "08": "Rajasthan", "09": "Uttar Pradesh",
    "10": "Bihar", "11": "Sikkim", "12": "Arunachal Pradesh", "13": "Nagaland", "14": "Manipur",
    "15": "Mizoram", "16": "Tripura", "17": "Meghalaya", "18": "Assam", "19": "West Bengal",
    "20": "Jharkhand", "21": "Odisha", "22": "Chhattisgarh", "23": "Madhya Pradesh", "24": "Gujarat",
    "25": "Daman and Diu", "26": "Dadra and Nagar Haveli and Daman and Diu", "27": "Maharashtra",
    "28": "Andhra Pradesh (old)", "29": "Karnataka", "30": "Goa", "31": "Lakshadweep", "32": "Kerala",
    "33": "Tamil Nadu", "34": "Puducherry", "35": "Andaman and Nicobar Islands", "36": "Telangana",
    "37": "Andhra Pradesh", "38": "Ladakh", "97": "Other Territory",
}
# Union territories without a legislature levy UTGST instead of SGST.
UTGST_STATES = frozenset({"04", "25", "26", "31", "35", "38"})

SCHEMES = ("regular", "composition", "unregistered")

# Place of supply of an export: the GST portal's code 96 "Other Country" (never a shop's own state, so it is
# kept out of STATES, which the set-up screens list). An export is an inter-state supply (IGST Act s.7(5)(a)).
OTHER_COUNTRY = "96"
PLACES_OF_SUPPLY: dict[str, str] = {**STATES, OTHER_COUNTRY: "Other Country"}


def check_state(code: str) -> str:
    code = str(code).zfill(2)
    if code not in STATES:
        raise InvalidCode(_("'{code}' is not a GST state code.").format(code=code),
                          hint=_("Use the two digits at the start of a GSTIN, for example 27 for Maharashtra."))
    return code


def check_place_of_supply(code: str) -> str:
    """A state code, or 96 (Other Country) for an export."""
    code = str(code).zfill(2)
    return code if code == OTHER_COUNTRY else check_state(code)


def state_tax_name(state_code: str) -> str:
    """'UTGST' in union territories without a legislature, else 'SGST'."""
    return "UTGST" if state_code in UTGST_STATES else "SGST"


def is_interstate(supplier_state: str, place_of_supply: str | None) -> bool:
    """IGST applies when the place of supply is in another state (IGST Act s.7); a counter sale is local."""
    return place_of_supply is not None and place_of_supply != supplier_state


TAX_FIELDS = ("taxable_paise", "cgst_paise", "sgst_paise", "igst_paise", "cess_paise")


@dataclass(frozen=True, slots=True)
class TaxSplit:
    """An amount split into taxable value and tax parts: the one type for a line's, a bill's or a day's tax.

    Records that mirror a table row (``Order``, ``OrderLine``) keep the table's five columns; read them as a
    split with :meth:`of`.
    """

    taxable_paise: int
    cgst_paise: int = 0
    sgst_paise: int = 0
    igst_paise: int = 0
    cess_paise: int = 0

    @property
    def tax_paise(self) -> int:
        return self.cgst_paise + self.sgst_paise + self.igst_paise + self.cess_paise

    @property
    def total_paise(self) -> int:
        return self.taxable_paise + self.tax_paise

    def __add__(self, other: TaxSplit) -> TaxSplit:
        return TaxSplit(*(a + b for a, b in zip(self.parts(), other.parts(), strict=True)))

    def __neg__(self) -> TaxSplit:
        return TaxSplit(*(-a for a in self.parts()))

    def parts(self) -> tuple[int, int, int, int, int]:
        """The five amounts in the order of :data:`TAX_FIELDS` (and of the tables' columns)."""
        return (self.taxable_paise, self.cgst_paise, self.sgst_paise, self.igst_paise, self.cess_paise)

    @classmethod
    def of(cls, record: object) -> TaxSplit:
        """The split held in the five ``TAX_FIELDS`` attributes of a record (an order or an order line)."""
        return cls(*(int(getattr(record, name)) for name in TAX_FIELDS))

    @classmethod
    def total(cls, splits: Iterable[TaxSplit]) -> TaxSplit:
        """The sum of ``splits`` (zero for none)."""
        found = cls(0)
        for split in splits:
            found = found + split
        return found


def split_inclusive(amount_paise: int, rate_bp: int, *, interstate: bool, cess_bp: int = 0) -> TaxSplit:
    """Split a tax-inclusive amount into taxable value and tax parts that add up to it exactly."""
    if rate_bp < 0 or cess_bp < 0:
        raise ValueError("GST rates cannot be negative")
    if amount_paise < 0:
        return -split_inclusive(-amount_paise, rate_bp, interstate=interstate, cess_bp=cess_bp)
    # exact taxable value = amount * 10000 / (10000 + rate + cess); each tax part is a share of it
    base = 10_000 + rate_bp + cess_bp
    cess = div_round(amount_paise * cess_bp, base) if cess_bp else 0
    if interstate:
        igst = div_round(amount_paise * rate_bp, base)
        return TaxSplit(amount_paise - igst - cess, igst_paise=igst, cess_paise=cess)
    half = div_round(amount_paise * rate_bp, 2 * base)
    return TaxSplit(amount_paise - 2 * half - cess, cgst_paise=half, sgst_paise=half, cess_paise=cess)


def round_off(total_paise: int) -> int:
    """The round-off line that brings a bill to whole rupees (between -50 and +50 paise)."""
    return div_round(total_paise, 100) * 100 - total_paise


def check_hsn(code: str) -> str:
    """An HSN (goods) or SAC (services) code: 2, 4, 6 or 8 digits."""
    code = str(code).strip().replace(" ", "").replace(".", "")
    if not code.isdigit() or len(code) not in (2, 4, 6, 8):
        raise InvalidCode(_("'{code}' is not an HSN code.").format(code=code),
                          hint=_("An HSN code has 4, 6 or 8 digits, for example 1905 for biscuits."))
    return code


@dataclass(frozen=True, slots=True)
class GstRate:
    hsn_prefix: str
    rate_bp: int
    cess_bp: int
    effective_from: date
    effective_to: date | None = None  # inclusive; None = still in force
    description: str = ""

    def covers(self, day: date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)


def find_rate(rates: Iterable[GstRate], hsn_code: str, day: date) -> GstRate:
    """The rate in force on ``day`` for the longest HSN prefix that matches ``hsn_code``."""
    best: GstRate | None = None
    for rate in rates:
        if hsn_code.startswith(rate.hsn_prefix) and rate.covers(day) and (
            best is None or len(rate.hsn_prefix) > len(best.hsn_prefix)
            or (len(rate.hsn_prefix) == len(best.hsn_prefix) and rate.effective_from > best.effective_from)
        ):
            best = rate
    if best is None:
        raise NotFound(
            _("No GST rate is known for HSN {hsn} on {day}.").format(hsn=hsn_code, day=day.isoformat()),
            hint=_("Add the rate in the GST rate table, or set the item's own rate."),
        )
    return best


def format_rate(rate_bp: int | Fraction) -> str:
    """500 -> '5%'; 25 -> '0.25%'; Fraction(25, 2) (the CGST half of 0.25 %) -> '0.125%'."""
    value = Fraction(rate_bp) / 100
    text = format((Decimal(value.numerator) / Decimal(value.denominator)).normalize(), "f")
    return f"{text}%"
