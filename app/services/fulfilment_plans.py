"""Fulfilment plans as the Orders page and the ``orders plan`` command show them.

The plan is made by the operations agent (``app.agents.operations``), which the composition root registers
here when a session opens (as the sync room registers which commands each marketplace takes), so the
pages and commands can ask for one without importing the agents' room. Reads only: a plan proposes; what
the agent may choose alone is its :class:`Verdict`, within the seller's limit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.domain.fulfilment import FulfillmentPlan
from app.domain.money import format_inr
from app.domain.qty import format_qty
from app.errors import InvalidState
from app.i18n import _
from app.services.context import ServiceContext

__all__ = ["PlanView", "Verdict", "plan_for", "plan_lines", "set_planner"]


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

    return from_iso(iso).astimezone(shop_zone(ctx.timezone)).strftime("%d %b %H:%M")


def _reason(code: str) -> str:
    return {"pin_unknown": _("the customer's PIN code is not known"), "too_heavy": _("too heavy"),
            "too_far": _("outside the shop's own delivery area"), "pin_not_served": _("does not serve this PIN code"),
            "no_cod": _("no cash on delivery")}.get(code, code)


def plan_lines(view: PlanView, ctx: ServiceContext) -> list[str]:
    """The plan in plain words, a line each: pick, pack, options, choice, timeline, verdict."""
    plan = view.plan
    out = [_("Pick: {items}").format(items=", ".join(
        f"{line.name} × {format_qty(line.qty_milli, line.unit)}" for line in plan.picking))]
    pack = plan.packing
    assumed = [a for a in pack.assumptions if a.startswith("weight:")]
    out.append(_("Pack: box {l}×{w}×{h} cm, {kg} kg (charged as {charged} kg)").format(
        l=pack.box_cm[0], w=pack.box_cm[1], h=pack.box_cm[2], kg=f"{pack.weight_g / 1000:.2f}",
        charged=f"{pack.chargeable_g / 1000:.2f}") + (" · " + _("fragile") if pack.fragile else ""))
    if assumed:
        out.append(_("Weights not in the catalog, taken as {grams} g a piece: {items}").format(
            grams=assumed[0].rsplit(":", 1)[1] if len(assumed) == 1 else "500",
            items=", ".join(a.split(":")[1] for a in assumed)))
    out.append(_("Box size not in the catalog: the smallest usual box for the weight."))
    for option in plan.options:
        if option.serviceable:
            text = _("{name}: {cost}, {days} days").format(name=option.name, cost=format_inr(option.cost_paise),
                                                           days=option.days)
            if option.illustrative:
                text += " " + _("(illustrative rate)")
        else:
            text = _("{name}: not possible ({why})").format(name=option.name, why=_reason(option.reason))
        out.append(("→ " if plan.chosen and option.code == plan.chosen.code else "   ") + text)
    if plan.timeline:
        t = plan.timeline
        out.append(_("Pick by {pick}, packed by {pack}, hand over by {hand}, with the customer by {arrive}").format(
            pick=_when(t.pick_by, ctx), pack=_when(t.pack_by, ctx), hand=_when(t.hand_over_by, ctx),
            arrive=_when(t.deliver_by, ctx)) + ("" if t.on_time else " " + _("(late)")))
    out.append(view.verdict.reason)
    return out
