"""What an agent's action does, in the seller's words, with its items, quantities, prices and money: the
Approvals page shows it for each request and the Agents page for each thing done today or planned next."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.domain.money import format_inr
from app.domain.qty import qty_words
from app.i18n import _
from app.store import catalog, parties
from app.ui.agent_words import decision_text

__all__ = ["Details", "details"]


@dataclass(frozen=True)
class Details:
    headline: str  # one line: what, for whom, how much
    lines: list[str] = field(default_factory=list)  # one per item of an order
    money_paise: int | None = None  # what it spends (an order), when it spends

    def text(self) -> str:
        return "\n".join([self.headline, *(f"  • {line}" for line in self.lines)])


def _percent(old: int, new: int) -> str:
    return f"{(new - old) * 100 / old:+.1f}%" if old else ""


def details(db: Any, action: dict[str, Any], *, decision_type: str = "", language: str = "en") -> Details:
    """The action (as stored on a decision: ``{"kind": ..., "params": {...}}``) in words."""
    kind, params = action.get("kind", ""), action.get("params", {}) or {}
    # an order's "lines", an export hold's "items"
    products = catalog.get_many(db, sorted({str(line.get("sku")) for line in [*params.get("lines", []),
                                                                                *params.get("items", [])]}
                                           | ({str(params["sku"])} if params.get("sku") else set())))

    def name(sku: str) -> str:
        found = products.get(sku)
        return found.name(language) if found else sku

    if kind == "set_price":
        old, new = int(params.get("old_price_paise") or 0), int(params.get("price_paise") or 0)
        if old:
            return Details(_("Price of {name}: {old} → {new} ({change})").format(
                name=name(params.get("sku", "")), old=format_inr(old), new=format_inr(new),
                change=_percent(old, new)))
        return Details(_("Price of {name}: {new}").format(name=name(params.get("sku", "")), new=format_inr(new)))
    if kind == "purchase_order":
        supplier = parties.get_supplier(db, int(params.get("supplier_id", 0)))
        lines = []
        for line in params.get("lines", []):
            sku, qty, cost = str(line.get("sku")), int(line.get("qty_milli", 0)), int(line.get("cost_paise", 0))
            found = products.get(sku)
            lines.append(_("{name}: {qty} × {cost} = {amount}").format(
                name=name(sku), qty=qty_words(qty, found.unit if found else "pcs"), cost=format_inr(cost),
                amount=format_inr(qty * cost // 1000)))
        total = int(params.get("total_paise", 0))
        headline = _("Order to {supplier}: {count} items, {total}").format(
            supplier=supplier.name if supplier else _("supplier {id}").format(id=params.get("supplier_id")),
            count=len(lines), total=format_inr(total))
        if params.get("expected_on"):
            headline += " " + _("(expected {day})").format(day=params["expected_on"])
        return Details(headline, lines, total)
    if kind == "start_promotion":
        return Details(_("Offer price for {name}: {new} (now {old}) from {start} to {end}").format(
            name=name(params.get("sku", "")), new=format_inr(int(params.get("price_paise", 0))),
            old=format_inr(int(params.get("old_price_paise", 0))), start=params.get("starts_on", ""),
            end=params.get("ends_on", "")))
    if kind == "end_promotion":
        return Details(_("End the offer price on {name}").format(name=name(params.get("sku", ""))))
    if kind == "hold_stock":
        items = []
        for line in params.get("items", []):
            sku = str(line.get("sku"))
            found = products.get(sku)
            items.append(_("{name}: {qty}").format(name=name(sku), qty=qty_words(int(line.get("qty_milli", 0)),
                                                                                    found.unit if found else "pcs")))
        return Details(_("Hold for export order {id}").format(id=params.get("export_order_id", "")), items)
    return Details(decision_text(decision_type).capitalize() if decision_type else kind)
