"""Fulfilment plans as the Orders page and the ``orders plan`` command show them.

The plan is made by the operations agent (``app.agents.operations``), which the composition root registers
here when a session opens (as the sync room registers which commands each marketplace takes), so the
pages and commands can ask for one without importing the agents' room. Reads only: a plan proposes; what
the agent may choose alone is its :class:`Verdict`, within the seller's limit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.domain.fulfilment import DEFAULT_PIECE_G, FulfillmentPlan
from app.domain.money import format_inr
from app.domain.qty import format_qty
from app.errors import InvalidState
from app.i18n import _
from app.services.context import ServiceContext

__all__ = ["PlanView", "Verdict", "method_name", "plan_for", "plan_lines", "set_planner"]


@dataclass(frozen=True)
class Verdict:
    alone: bool  # the agent may go ahead within the seller's limits
    reason: str  # in the seller's words


@dataclass(frozen=True)
class PlanView:
    plan: FulfillmentPlan
    verdict: Verdict


Planner = Callable[[ServiceContext, int], PlanView]
_planner: Planner | None = None


def set_planner(planner: Planner) -> None:
    """Registered by the composition root when a session opens."""
    global _planner
    _planner = planner


def plan_for(ctx: ServiceContext, order_id: int) -> PlanView:
    """The operations agent's plan for an order, with what it may do alone."""
    if _planner is None:
        raise InvalidState(_("The operations agent is not running in this session."))
    return _planner(ctx, order_id)


def _when(iso: str, ctx: ServiceContext) -> str:
    from app.domain.clock import from_iso, shop_zone

    return from_iso(iso).astimezone(shop_zone(ctx.timezone)).strftime("%d/%m %H:%M")


def _qty(qty_milli: int, unit: str) -> str:
    # pieces as a plain count, so the line reads the same in Hindi; weights and volumes with their unit
    if unit not in ("kg", "g", "l", "ml") and qty_milli % 1000 == 0:
        return str(qty_milli // 1000)
    return format_qty(qty_milli, unit)


def _reason(code: str) -> str:
    return {"pin_unknown": _("the customer's PIN code is not known"), "too_heavy": _("too heavy"),
            "too_far": _("outside the shop's own delivery area"), "pin_not_served": _("does not serve this PIN code"),
            "no_cod": _("no cash on delivery")}.get(code, code)


def method_name(code: str, fallback: str = "") -> str:
    """A shipping method of the rate cards, in the seller's language."""
    return {"self": _("Own delivery"), "indiapost": _("India Post Speed Post"),
            "aggregator": _("Courier aggregator")}.get(code, fallback or code)


def plan_lines(view: PlanView, ctx: ServiceContext) -> list[str]:
    """The plan in plain words, a line each: pick, pack, options, choice, timeline, verdict."""
    plan = view.plan
    out = [_("Pick: {items}").format(items=", ".join(
        f"{line.name} × {_qty(line.qty_milli, line.unit)}" for line in plan.picking))]
    pack = plan.packing
    assumed = [a for a in pack.assumptions if a.startswith("weight:")]
    out.append(_("Pack: box {l}×{w}×{h} cm, {kg} kg (charged as {charged} kg)").format(
        l=pack.box_cm[0], w=pack.box_cm[1], h=pack.box_cm[2], kg=f"{pack.weight_g / 1000:.2f}",
        charged=f"{pack.chargeable_g / 1000:.2f}") + (" · " + _("fragile") if pack.fragile else ""))
    if assumed:
        out.append(_("Weights not in the catalog, taken as {grams} g a piece: {items}").format(
            grams=DEFAULT_PIECE_G, items=", ".join(a.split(":")[1] for a in assumed)))
    out.append(_("Box size not in the catalog: the smallest usual box for the weight."))
    if "pin_assumed_far" in plan.why:
        out.append(_("The marketplace did not send the PIN code: priced as the farthest zone."))
    for option in plan.options:
        if option.serviceable:
            when = _("same day") if option.days == 0 else _("next day") if option.days == 1 else _(
                "{days} days").format(days=option.days)
            text = _("{name}: {cost}, {when}").format(name=method_name(option.code, option.name),
                                                      cost=format_inr(option.cost_paise), when=when)
            if option.illustrative:
                text += " " + _("(illustrative rate)")
        else:
            text = _("{name}: not possible ({why})").format(name=method_name(option.code, option.name),
                                                            why=_reason(option.reason))
        out.append(("→ " if plan.chosen and option.code == plan.chosen.code else "· ") + text)
    if plan.timeline:
        t = plan.timeline
        out.append(_("Pick by {pick}, packed by {pack}, hand over by {hand}, with the customer by {arrive}").format(
            pick=_when(t.pick_by, ctx), pack=_when(t.pack_by, ctx), hand=_when(t.hand_over_by, ctx),
            arrive=_when(t.deliver_by, ctx)) + ("" if t.on_time else " " + _("(late)")))
    out.append(view.verdict.reason)
    return out
