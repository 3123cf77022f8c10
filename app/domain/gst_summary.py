"""GSTR-3B and CMP-08 figures from the books.

GSTR-3B (regular shops, monthly or quarterly): table 3.1 (a) outward taxable supplies, 3.1 (b) zero-rated
(exports, under an LUT or with IGST paid; the IGST paid is owed like any output tax), 3.1 (c) nil
and exempt, 3.2 inter-state supplies to unregistered buyers by place of supply, 4 (A)(5) input tax
credit from the purchase bills, then the tax to pay in cash after the credit is used in the order
CGST Act s.49(5) and s.49A/49B set (IGST credit first against IGST, then CGST, then SGST; CGST
credit against CGST then IGST; SGST credit against SGST then IGST; cess only against cess). Tax
payable is rounded to whole rupees (s.170).

CMP-08 (composition shops, each quarter): 1 % of the turnover in the state (0.5 % CGST + 0.5 %
SGST, the rate for traders under Rule 7), less credit notes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from app.domain.gst import TaxSplit
from app.domain.gst_returns import OutwardDoc, Period, PurchaseBill, counted, signed, sum_splits
from app.domain.money import div_round

__all__ = ["COMPOSITION_TRADER_BP", "Cmp08", "Gstr3b", "Gstr4", "Heads", "cmp08", "gstr3b", "gstr4", "set_off",
           "to_rupee"]

COMPOSITION_TRADER_BP = 100  # 1 % of turnover, half CGST and half SGST


@dataclass(frozen=True, slots=True)
class Heads:
    """Tax by head, in paise."""

    igst: int = 0
    cgst: int = 0
    sgst: int = 0
    cess: int = 0

    @property
    def total(self) -> int:
        return self.igst + self.cgst + self.sgst + self.cess

    @staticmethod
    def of(split: TaxSplit) -> Heads:
        return Heads(split.igst_paise, split.cgst_paise, split.sgst_paise, split.cess_paise)

    def as_dict(self) -> dict[str, int]:
        return {"igst_paise": self.igst, "cgst_paise": self.cgst, "sgst_paise": self.sgst,
                "cess_paise": self.cess}


def to_rupee(paise: int) -> int:
    """Tax payable to the government in whole rupees, 50 paise and above rounding up (s.170)."""
    return div_round(paise, 100) * 100


def set_off(output: Heads, credit: Heads) -> tuple[Heads, Heads, Heads]:
    """(credit used per liability head, cash to pay per head, credit left per head)."""
    liability = {"igst": output.igst, "cgst": output.cgst, "sgst": output.sgst, "cess": output.cess}
    left = {"igst": credit.igst, "cgst": credit.cgst, "sgst": credit.sgst, "cess": credit.cess}
    used = dict.fromkeys(liability, 0)
    order = {"igst": ("igst", "cgst", "sgst"), "cgst": ("cgst", "igst"), "sgst": ("sgst", "igst"),
             "cess": ("cess",)}
    for source, targets in order.items():
        for target in targets:
            take = min(left[source], max(liability[target], 0))
            left[source] -= take
            liability[target] -= take
            used[target] += take
    cash = {head: max(value, 0) for head, value in liability.items()}
    return Heads(**used), Heads(**cash), Heads(**left)


_NONE = TaxSplit(0)


@dataclass(frozen=True, slots=True, kw_only=True)
class Gstr3b:
    period: Period
    outward: TaxSplit  # 3.1 (a), net of credit notes
    nil_exempt_paise: int  # 3.1 (c)
    by_rate: dict[int, TaxSplit]
    unregistered_interstate: dict[str, TaxSplit]  # 3.2, by place of supply
    itc: Heads  # 4 (A)(5) from purchase bills with a valid supplier GSTIN
    itc_bills: int
    credit_used: Heads
    cash: Heads  # what is left to pay in cash, per head, in paise
    credit_left: Heads
    zero_rated: TaxSplit = _NONE  # 3.1 (b): exports, net of their credit notes (IGST only when paid)

    @property
    def cash_rupees(self) -> Heads:
        return Heads(to_rupee(self.cash.igst), to_rupee(self.cash.cgst), to_rupee(self.cash.sgst),
                     to_rupee(self.cash.cess))

    def as_dict(self) -> dict:
        def split(s: TaxSplit) -> dict[str, int]:
            return {"taxable_paise": s.taxable_paise, "igst_paise": s.igst_paise, "cgst_paise": s.cgst_paise,
                    "sgst_paise": s.sgst_paise, "cess_paise": s.cess_paise}
        return {
            "period": self.period.label, "fp": self.period.fp,
            "3.1a_outward_taxable": split(self.outward), "3.1b_zero_rated": split(self.zero_rated),
            "3.1c_nil_exempt_paise": self.nil_exempt_paise,
            "by_rate": [{"rate_bp": r, **split(s)} for r, s in sorted(self.by_rate.items())],
            "3.2_unregistered_interstate": [{"pos": pos, **split(s)}
                                            for pos, s in sorted(self.unregistered_interstate.items())],
            "4A5_itc": self.itc.as_dict(), "itc_bills": self.itc_bills,
            "credit_used": self.credit_used.as_dict(), "cash_payable_paise": self.cash.as_dict(),
            "cash_payable_rupees": {k.replace("_paise", "_rupees"): v // 100
                                    for k, v in self.cash_rupees.as_dict().items()},
            "credit_carried_forward": self.credit_left.as_dict(),
        }


def gstr3b(period: Period, docs: Sequence[OutwardDoc], purchases: Sequence[PurchaseBill], *,
           valid_gstin) -> Gstr3b:
    """GSTR-3B figures; ``valid_gstin(text) -> bool`` decides which purchase bills give credit."""
    live = [d for d in counted(docs) if period.contains(d.day)]
    by_rate: dict[int, list[TaxSplit]] = defaultdict(list)
    unreg: dict[str, list[TaxSplit]] = defaultdict(list)
    nil = 0
    exports: list[TaxSplit] = []
    for doc in live:
        if doc.is_export:  # 3.1 (b), every rate; its IGST (when paid) is owed like any output tax
            exports.extend(signed(doc, line.split) for line in doc.lines)
            continue
        for line in doc.lines:
            part = signed(doc, line.split)
            if line.rate_bp:
                by_rate[line.rate_bp].append(part)
                if doc.interstate and not doc.b2b:
                    unreg[doc.place_of_supply].append(part)
            else:
                nil += part.taxable_paise
    rates = {rate: sum_splits(parts) for rate, parts in by_rate.items()}
    outward = sum_splits(rates.values())
    eligible = [b for b in purchases if period.contains(b.day) and b.supplier_gstin and valid_gstin(b.supplier_gstin)]
    itc = Heads.of(sum_splits(b.split for b in eligible))
    zero_rated = sum_splits(exports)
    used, cash, left = set_off(Heads.of(outward + zero_rated), itc)
    return Gstr3b(period=period, outward=outward, zero_rated=zero_rated, nil_exempt_paise=nil, by_rate=rates,
                  unregistered_interstate={pos: sum_splits(p) for pos, p in unreg.items()}, itc=itc,
                  itc_bills=len(eligible), credit_used=used, cash=cash, credit_left=left)


@dataclass(frozen=True, slots=True, kw_only=True)
class Cmp08:
    period: Period
    turnover_paise: int  # bills of supply less credit notes
    cgst_paise: int
    sgst_paise: int

    @property
    def payable_rupees(self) -> int:
        return (to_rupee(self.cgst_paise) + to_rupee(self.sgst_paise)) // 100

    def as_dict(self) -> dict:
        return {"period": self.period.label, "fp": self.period.fp, "turnover_paise": self.turnover_paise,
                "rate_bp": COMPOSITION_TRADER_BP, "cgst_paise": self.cgst_paise, "sgst_paise": self.sgst_paise,
                "cgst_rupees": to_rupee(self.cgst_paise) // 100, "sgst_rupees": to_rupee(self.sgst_paise) // 100,
                "payable_rupees": self.payable_rupees}


def cmp08(period: Period, docs: Sequence[OutwardDoc]) -> Cmp08:
    """A composition trader's tax for the quarter: 0.5 % CGST and 0.5 % SGST of the turnover."""
    live = [d for d in counted(docs) if period.contains(d.day)]
    turnover = sum(-d.total_paise if d.is_credit_note else d.total_paise for d in live)
    half = div_round(turnover * COMPOSITION_TRADER_BP, 2 * 10_000)
    return Cmp08(period=period, turnover_paise=turnover, cgst_paise=half, sgst_paise=half)


@dataclass(frozen=True, slots=True, kw_only=True)
class Gstr4:
    """A composition shop's annual return: the four CMP-08s (Table 5), the year's outward supplies at the
    composition rate (Table 6) and the inward supplies from registered suppliers (Table 4A)."""

    fy: str
    quarters: tuple[Cmp08, ...]
    inward_by_supplier: dict[str, TaxSplit]  # supplier GSTIN -> the year's purchase bills from them

    @property
    def turnover_paise(self) -> int:
        return sum(q.turnover_paise for q in self.quarters)

    def as_dict(self) -> dict:
        return {"fy": self.fy, "table5_cmp08": [q.as_dict() for q in self.quarters],
                "table6_turnover_paise": self.turnover_paise, "rate_bp": COMPOSITION_TRADER_BP,
                "table6_cgst_paise": sum(q.cgst_paise for q in self.quarters),
                "table6_sgst_paise": sum(q.sgst_paise for q in self.quarters),
                "table4a_inward": [{"ctin": ctin, "taxable_paise": s.taxable_paise, "igst_paise": s.igst_paise,
                                    "cgst_paise": s.cgst_paise, "sgst_paise": s.sgst_paise,
                                    "cess_paise": s.cess_paise}
                                   for ctin, s in sorted(self.inward_by_supplier.items())]}


def gstr4(fy: str, quarters: Sequence[Period], docs: Sequence[OutwardDoc], purchases: Sequence[PurchaseBill], *,
          valid_gstin) -> Gstr4:
    """GSTR-4 figures for the financial year ``fy`` (its four quarters given, April to March)."""
    inward: dict[str, list[TaxSplit]] = defaultdict(list)
    for bill in purchases:
        in_year = quarters[0].start <= bill.day <= quarters[-1].end
        if in_year and bill.supplier_gstin and valid_gstin(bill.supplier_gstin):
            inward[bill.supplier_gstin].append(bill.split)
    return Gstr4(fy=fy, quarters=tuple(cmp08(q, docs) for q in quarters),
                 inward_by_supplier={ctin: sum_splits(parts) for ctin, parts in inward.items()})
