"""The seller's controls over the agents from the command line (the Agents page does the same):

    python -m app agents switch pricing off      # inventory | pricing | all; on | off
    python -m app agents plan                    # what they would do now, and what would wait for you
    python -m app agents undo 42                 # put back the price the pricing agent's decision 42 replaced
    python -m app agents whatif [--days 90]      # the agents and the honest baselines replayed on this shop
"""

from __future__ import annotations

import argparse
from typing import Any

from app.commands.common import emit, session
from app.domain.money import format_inr
from app.i18n import _
from app.paths import DataDir

__all__ = ["add_parsers", "plan_line", "what_if_lines"]


def add_parsers(gsub: Any, common: argparse.ArgumentParser) -> None:
    p = gsub.add_parser("switch", parents=[common], help="turn an agent on or off (inventory, pricing or all)")
    p.add_argument("agent", choices=("inventory", "pricing", "all"))
    p.add_argument("state", choices=("on", "off"))
    p.set_defaults(handler=cmd_agents_switch)
    p = gsub.add_parser("plan", parents=[common], help="what the agents would do now; nothing is done")
    p.set_defaults(handler=cmd_agents_plan)
    p = gsub.add_parser("undo", parents=[common], help="undo a price change of the pricing agent (decision id)")
    p.add_argument("decision_id", type=int)
    p.set_defaults(handler=cmd_agents_undo)
    p = gsub.add_parser("whatif", parents=[common],
                        help="what the agents and two honest routines would have made of this shop's last days")
    p.add_argument("--days", type=int, default=90, help="days to replay (default 90)")
    p.add_argument("--items", type=int, default=300, help="at most this many best sellers (default 300)")
    p.add_argument("--seed", type=int, default=1, help="draws the customers (default 1)")
    p.set_defaults(handler=cmd_agents_whatif)


def cmd_agents_switch(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import autonomy

    with session(args, data) as s:
        autonomy.switch_agent(s.ctx, args.agent, args.state == "on")
    on = args.state == "on"
    text = {("all", True): _("The agents are on."), ("all", False): _("The agents are off."),
            ("inventory", True): _("The inventory agent is on."),
            ("inventory", False): _("The inventory agent is off."),
            ("pricing", True): _("The pricing agent is on."), ("pricing", False): _("The pricing agent is off.")}
    emit(args, {"agent": args.agent, "on": on}, text[(args.agent, on)])
    return 0


def plan_line(plan: Any) -> str:
    """One plan in a sentence: what, and whether it would wait for the seller."""
    if plan.waits_for:
        return _("{what} Would wait for you: {why}").format(what=plan.summary, why=plan.waits_for)
    return _("{what} Would go ahead.").format(what=plan.summary)


def cmd_agents_plan(args: argparse.Namespace, data: DataDir) -> int:
    from app.agents.engine import DecisionEngine

    with session(args, data) as s:
        found = DecisionEngine(s.ctx).plan_next()
    lines = [plan_line(p) for p in found if p.kind != "alert"] or [_("Nothing to do now.")]
    spend = sum(int(p.params.get("total_paise", 0)) for p in found if p.kind == "purchase_order")
    if spend:
        lines.append(_("Orders together: {total}.").format(total=format_inr(spend)))
    emit(args, [p.__dict__ for p in found], "\n".join(lines))
    return 0


def cmd_agents_undo(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import autonomy

    with session(args, data) as s:
        autonomy.undo_price_change(s.ctx, args.decision_id)
    emit(args, {"decision_id": args.decision_id, "undone": True}, _("Done: the old price is back."))
    return 0


def what_if_lines(result: Any) -> list[str]:
    """The what-if's figures side by side, the agents against the better routine, and what it assumed."""
    from app.commands.common import table

    names = {"agents": _("the agents"), "ss": _("a textbook reorder routine"),
             "kirana": _("a careful shopkeeper's routine")}
    def rupees(paise: int) -> str:
        return format_inr(round(paise / 100) * 100, decimals=False)

    rows = [[names.get(f.policy, f.policy), rupees(f.profit_paise), f"{f.fill_rate * 100:.1f}%",
             f"{f.fill_rate_priced * 100:.1f}%", rupees(f.waste_paise), str(f.purchase_orders),
             str(f.price_changes)] for f in result.figures]
    lines = [_("The last {days} days of this shop, replayed:").format(days=result.days)]
    if rows:
        lines.append(table(rows, [_("Run by"), _("Profit"), _("Served"), _("Served, priced-away counted"),
                                  _("Thrown away"), _("Orders"), _("Price changes")]))
        agents = next((f for f in result.figures if f.policy == "agents"), None)
        best = result.best_baseline()
        if agents is not None and best is not None and best.profit_paise > 0:
            lines.append(_("The agents: {ratio}x the profit of {name}.").format(
                ratio=f"{agents.profit_paise / best.profit_paise:.2f}", name=names.get(best.policy, best.policy)))
    lines += [f"- {text}" for text in result.assumptions]
    return lines


def cmd_agents_whatif(args: argparse.Namespace, data: DataDir) -> int:
    from app.sim.shop_scenario import what_if

    if not 7 <= args.days <= 365:
        from app.errors import InputError

        raise InputError(_("Replay between 7 and 365 days."))
    with session(args, data) as s:
        result = what_if(s.store, s.ctx.today(), days=args.days, seed=args.seed, max_items=max(args.items, 1))
    emit(args, result.to_json(), "\n".join(what_if_lines(result)))
    return 0
