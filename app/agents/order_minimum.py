"""A purchase order below its supplier's minimum order value is never sent as it is.

When an order is about to be carried out (approved by the seller, or within the agent's own limits) and its
value is under the supplier's minimum as the shop stands now:

1. **Top up** with whole cases of the supplier's next-most-needed items: those that keep (no shelf life),
   that sold in the last four weeks, with the fewest days of stock and orders on their way, each below
   ``TOP_UP_MAX_COVER_DAYS``; one case at a time to the item with the least cover, until the minimum is met.
2. **Split** across suppliers: the lines another supplier also sells go to that supplier when they make an
   order at or over its own minimum (in its whole cases, at its price); what is left stays with the first.
3. **Hold** what still cannot make a valid order, with a message naming the supplier, the minimum and the
   shortfall: :class:`OrderHeld`, which leaves the decision ``failed`` with that reason.

Supplier minimums were refused by the simulated suppliers (and real ones) while the agents sent them anyway.

A top-up takes the items another supplier sells cheaper last (:func:`_dearer_here`): a second source's premium
paid on a top-up costs more than the weeks of holding an item this supplier sells at its best price.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from app.domain.money import format_inr
from app.errors import InputError
from app.i18n import _
from app.store import order_candidates, parties

__all__ = ["Fitted", "OrderHeld", "fit", "order_value"]

TOP_UP_MAX_COVER_DAYS = 30  # stock + on order below this many days of the recent pace: needed soon enough
PACE_DAYS = 28


class OrderHeld(InputError):
    """The order (or what is left of it) is below the supplier's minimum and nothing fit to add: not sent."""


@dataclass
class Fitted:
    orders: list[tuple[int, list[dict[str, Any]]]]  # (supplier id, lines) to send
    notes: list[str] = field(default_factory=list)  # what was added or moved, in the seller's words
    held: list[dict[str, Any]] = field(default_factory=list)  # lines not sent

    def total(self, supplier_id: int) -> int:
        return sum(order_value(lines) for sid, lines in self.orders if sid == supplier_id)


@dataclass
class _Entry:
    """An item that may join a top-up: what it has and has coming (milli-units), its pace, what was added."""

    item: order_candidates.Candidate
    position: float
    pace: float
    added: int = 0


def order_value(lines: list[dict[str, Any]]) -> int:
    return sum(int(line["qty_milli"]) * int(line.get("cost_paise") or 0) // 1000 for line in lines)


def _cases(qty_milli: int, case_milli: int, moq_milli: int) -> int:
    case = max(case_milli, 1)
    return max(-(-qty_milli // case), -(-moq_milli // case), 1) * case


def _top_up(db: Any, supplier_id: int, name: str, lines: list[dict[str, Any]], minimum: int, today: date,
            cash_left: int | None) -> tuple[list[dict[str, Any]], list[str]]:
    since = (today - timedelta(days=PACE_DAYS)).isoformat()
    ordered = {str(line["sku"]) for line in lines}
    dearer = _dearer_here(db, supplier_id)
    pool: list[_Entry] = []
    for item in order_candidates.supplier_items(db, supplier_id, since):
        pace = item.sold_milli / PACE_DAYS
        if item.sku in ordered or item.shelf_life_days or pace <= 0 or item.cost_paise <= 0:
            continue
        pool.append(_Entry(item, item.on_hand_milli + item.on_order_milli, pace))
    total = order_value(lines)
    while total < minimum and pool:
        # needed soon first (the loop stops at the first that is not), then this supplier's best prices first
        pool.sort(key=lambda e: (e.position / e.pace >= TOP_UP_MAX_COVER_DAYS, e.item.sku in dearer,
                                 e.position / e.pace, e.item.sku))
        entry = pool[0]
        if entry.position / entry.pace >= TOP_UP_MAX_COVER_DAYS:
            break  # the rest is not needed soon: adding it would only sit on the shelf
        item = entry.item
        step = _cases(1, item.case_milli, item.moq_milli) if entry.added == 0 else max(item.case_milli, 1)
        cost = step * item.cost_paise // 1000
        if cash_left is not None and total + cost > cash_left:
            break
        entry.position += step
        entry.added += step
        total += cost
    chosen = [e for e in pool if e.added]
    extra = [{"sku": e.item.sku, "qty_milli": e.added, "cost_paise": e.item.cost_paise} for e in chosen]
    notes = [_("Added to reach the minimum order of {supplier}: {items}.").format(
        supplier=name, items=", ".join(f"{e.item.name} ({e.added / 1000:g})" for e in chosen))] if extra else []
    return extra, notes


def _dearer_here(db: Any, supplier_id: int) -> set[str]:
    """The items ``supplier_id`` sells dearer than another active supplier of them does.

    A top-up pays this supplier's price: in the blind18 baby store the infant-nutrition distributor's orders under
    its minimum were made up with diapers it sells at cost + 3% (a second source) ahead of formula it sells at its
    best price whenever the diapers had fewer days of cover; a few weeks' holding (14% a year) costs about a
    third of that premium."""
    return parties.sold_dearer_elsewhere_cheaper(db, supplier_id)


def _split(db: Any, supplier_id: int, lines: list[dict[str, Any]]) -> tuple[dict[int, list[dict[str, Any]]],
                                                                             list[dict[str, Any]], list[str]]:
    """Lines moved to other suppliers that make a valid order there, and the lines left."""
    offers: dict[int, tuple[order_candidates.Source, list[tuple[dict[str, Any], dict[str, Any]]]]] = {}
    for line in lines:
        for source in order_candidates.item_sources(db, str(line["sku"])):
            if source.supplier_id == supplier_id:
                continue
            qty = _cases(int(line["qty_milli"]), source.case_milli, source.moq_milli)
            moved = {"sku": line["sku"], "qty_milli": qty, "cost_paise": source.cost_paise}
            offers.setdefault(source.supplier_id, (source, []))[1].append((line, moved))
    taken: set[str] = set()
    out: dict[int, list[dict[str, Any]]] = {}
    notes = []
    # the supplier that can take the most of the order first
    for other, (source, pairs) in sorted(offers.items(), key=lambda kv: -order_value([m for _l, m in kv[1][1]])):
        pairs = [(line, moved) for line, moved in pairs if str(line["sku"]) not in taken]
        moved_lines = [moved for _line, moved in pairs]
        if not moved_lines or order_value(moved_lines) < source.min_order_paise:
            continue
        out[other] = moved_lines
        taken |= {str(line["sku"]) for line, _moved in pairs}
        notes.append(_("Ordered from {other} instead: {count} items, {total} (its minimum is {minimum}).").format(
            other=source.name, count=len(moved_lines), total=format_inr(order_value(moved_lines)),
            minimum=format_inr(source.min_order_paise)))
    left = [line for line in lines if str(line["sku"]) not in taken]
    return out, left, notes


def fit(db: Any, supplier_id: int, lines: list[dict[str, Any]], today: date, *,
        cash_left: int | None = None) -> Fitted:
    """The orders to send for ``lines`` to ``supplier_id`` so that none is under its supplier's minimum."""
    supplier = parties.get_supplier(db, supplier_id)
    minimum = supplier.min_order_paise if supplier is not None else 0
    name = supplier.name if supplier is not None else str(supplier_id)
    if minimum <= 0 or order_value(lines) >= minimum:
        return Fitted(orders=[(supplier_id, list(lines))])
    extra, notes = _top_up(db, supplier_id, name, lines, minimum, today, cash_left)
    if order_value(lines) + order_value(extra) >= minimum:
        return Fitted(orders=[(supplier_id, [*lines, *extra])], notes=notes)
    moved, left, notes = _split(db, supplier_id, lines)
    orders = list(moved.items())
    if left:  # the first supplier's order goes first: the decision's purchase order is the one it proposed
        extra, more = _top_up(db, supplier_id, name, left, minimum, today, cash_left)
        if order_value(left) + order_value(extra) >= minimum:
            orders.insert(0, (supplier_id, [*left, *extra]))
            notes += more
            left = []
    held_text = _("{supplier} takes orders of at least {minimum}; {what} comes to {total}, and nothing else it sells "
                  "is needed soon enough to make up the rest. Not sent: add items or order it yourself.").format(
        supplier=name, minimum=format_inr(minimum), what=_("the rest") if orders else _("this order"),
        total=format_inr(order_value(left)))
    if not orders:
        raise OrderHeld(held_text)
    if left:
        notes.append(held_text)
    return Fitted(orders=orders, notes=notes, held=left)
