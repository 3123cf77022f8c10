"""Pricing a bill: line amounts, discounts, the GST split per line, totals and the round-off.

Pure arithmetic on integers, shared by the counter, marketplace orders, returns and the tests:
the bill's total always equals the sum of its lines plus the round-off, and each line's taxable
value plus its tax equals the line's amount.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.domain import gst
from app.domain.pricing import check_discount, line_amount

__all__ = ["LineInput", "PricedBill", "PricedLine", "price_bill", "share_out"]


@dataclass(frozen=True, slots=True, kw_only=True)
class LineInput:
    qty_milli: int
    unit_price_paise: int  # tax-inclusive
    discount_paise: int = 0
    rate_bp: int = 0
    cess_bp: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class PricedLine:
    gross_paise: int
    discount_paise: int  # the line's own discount plus its share of the bill discount
    split: gst.TaxSplit

    @property
    def total_paise(self) -> int:
        return self.split.total_paise


@dataclass(frozen=True, slots=True, kw_only=True)
class PricedBill:
    lines: tuple[PricedLine, ...]
    gross_paise: int
    discount_paise: int
    split: gst.TaxSplit  # the lines' splits added up
    round_off_paise: int
    total_paise: int

    @property
    def tax_paise(self) -> int:
        return self.split.tax_paise


def share_out(amount: int, weights: Sequence[int]) -> list[int]:
    """Split ``amount`` paise in proportion to ``weights`` so the parts add up exactly
    (largest remainder; ties go to the earlier line)."""
    total = sum(weights)
    if amount == 0 or total == 0:
        return [0] * len(weights)
    floors = [amount * w // total for w in weights]
    remainders = sorted(range(len(weights)), key=lambda i: (-(amount * weights[i] % total), i))
    for i in remainders[: amount - sum(floors)]:
        floors[i] += 1
    return floors


def price_bill(lines: Sequence[LineInput], *, interstate: bool, collects_gst: bool,
               bill_discount_paise: int = 0, round_to_rupee: bool = True) -> PricedBill:
    """Price every line and the bill. ``collects_gst`` is False for composition and unregistered
    sellers, whose bills carry no tax."""
    gross = [line_amount(line.unit_price_paise, line.qty_milli) for line in lines]
    for line, amount in zip(lines, gross, strict=True):
        check_discount(line.discount_paise, amount)
    after_line = [g - line.discount_paise for g, line in zip(gross, lines, strict=True)]
    check_discount(bill_discount_paise, sum(after_line))
    shares = share_out(bill_discount_paise, after_line)
    priced = []
    for line, g, net_before, share in zip(lines, gross, after_line, shares, strict=True):
        net = net_before - share
        if collects_gst:
            split = gst.split_inclusive(net, line.rate_bp, interstate=interstate, cess_bp=line.cess_bp)
        else:
            split = gst.TaxSplit(net)
        priced.append(PricedLine(gross_paise=g, discount_paise=line.discount_paise + share, split=split))
    before_round = sum(p.total_paise for p in priced)
    rounding = gst.round_off(before_round) if round_to_rupee else 0
    return PricedBill(
        lines=tuple(priced),
        gross_paise=sum(gross),
        discount_paise=sum(p.discount_paise for p in priced),
        split=gst.TaxSplit.total(p.split for p in priced),
        round_off_paise=rounding,
        total_paise=before_round + rounding,
    )
