"""Price rules every seller, agent and channel must respect.

- MRP is a hard ceiling for packaged goods (Legal Metrology Act s.36); loose goods have no MRP.
- A price or discount that sells below cost needs the seller's confirmation.
- Line amounts are unit price x quantity, rounded half-up to the paisa.
"""

from __future__ import annotations

from app.domain import bounds
from app.domain.money import div_round, format_inr
from app.domain.qty import MILLI
from app.errors import InvalidAmount, NeedsConfirmation, PriceAboveMrp
from app.i18n import _

__all__ = ["check_cost", "check_discount", "check_mrp", "check_price", "confirm_not_below_cost", "line_amount",
           "margin_bp"]


def check_price(price_paise: int, mrp_paise: int | None, *, what: str = "") -> int:
    """A selling price: positive, and not above the MRP when there is one."""
    if not isinstance(price_paise, int) or isinstance(price_paise, bool) or price_paise <= 0:
        raise InvalidAmount(_("The price must be more than zero."))
    bounds.check_unit_price(price_paise, what=what)
    if mrp_paise is not None and price_paise > mrp_paise:
        raise PriceAboveMrp(
            _("{what}Price {price} is above the MRP {mrp}.").format(
                what=f"{what}: " if what else "", price=format_inr(price_paise), mrp=format_inr(mrp_paise)),
            hint=_("Selling above MRP is against the law; use a price up to the MRP."),
        )
    return price_paise


def check_mrp(mrp_paise: int | None) -> int | None:
    if mrp_paise is not None and (not isinstance(mrp_paise, int) or mrp_paise <= 0):
        raise InvalidAmount(_("The MRP must be more than zero, or left empty for loose goods."))
    if mrp_paise is not None:
        bounds.check_unit_price(mrp_paise, what="MRP")
    return mrp_paise


def check_cost(cost_paise: int) -> int:
    if not isinstance(cost_paise, int) or isinstance(cost_paise, bool) or cost_paise < 0:
        raise InvalidAmount(_("The cost cannot be negative."))
    return bounds.check_unit_price(cost_paise)


def confirm_not_below_cost(price_paise: int, cost_paise: int, *, confirmed: bool, what: str = "") -> None:
    if price_paise < cost_paise and not confirmed:
        raise NeedsConfirmation(
            _("{what}Price {price} is below the cost {cost}.").format(
                what=f"{what}: " if what else "", price=format_inr(price_paise), cost=format_inr(cost_paise)),
            hint=_("Confirm if you really want to sell at a loss."),
        )


def line_amount(unit_price_paise: int, qty_milli: int) -> int:
    """Price per unit x quantity in milli-units, to the paisa."""
    return div_round(unit_price_paise * qty_milli, MILLI)


def check_discount(discount_paise: int, amount_paise: int) -> int:
    if not isinstance(discount_paise, int) or discount_paise < 0:
        raise InvalidAmount(_("A discount cannot be negative."))
    if discount_paise > amount_paise:
        raise InvalidAmount(_("The discount {discount} is more than the amount {amount}.").format(
            discount=format_inr(discount_paise), amount=format_inr(amount_paise)))
    return discount_paise


def margin_bp(price_paise: int, cost_paise: int) -> int:
    """Gross margin on the selling price, in hundredths of a percent."""
    if price_paise <= 0:
        return 0
    return div_round((price_paise - cost_paise) * 10_000, price_paise)
