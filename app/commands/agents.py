"""The autonomy core from the command line: simulate, why, goal, approvals, agents, competitor, promo.

    python -m app simulate --scenario resources/scenarios/kirana_300.json --days 365 --policy agents --seed 1 --json
    python -m app why EVENT_ID
    python -m app goal add "Grow profit 10%" --metric profit:+10% --metric fill_rate:97% --to 2027-03-31
    python -m app approvals | approvals approve ID | approvals reject ID
    python -m app agents run | agents status | agents beliefs   (their settings: settings [set KEY VALUE])
    python -m app agents limits [--price-pct 5] [--po 10000] [--budget 50000] [--yes]
    python -m app competitor add SKU PRICE [--source NAME]
    python -m app promo add SKU PRICE --from DAY --to DAY | promo list | promo end ID
"""

from __future__ import annotations

import argparse
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

from app.commands import autonomy as autonomy_commands
from app.commands.common import common_options, emit, money, parse_day, rupees, session, table
from app.commands.marketing_report import marketing_lines
from app.errors import InputError
from app.i18n import _
from app.paths import DataDir


def register(sub: argparse._SubParsersAction) -> None:
    common = common_options()
    p = sub.add_parser("simulate", parents=[common], help="run a market scenario through the agents or a baseline")
    p.add_argument("--scenario", required=True, help="a scenario file (see docs/simulator.md)")
    p.add_argument("--days", type=int, default=None, help="days to simulate (default: the scenario's)")
    p.add_argument("--policy", choices=("agents", "kirana", "ss", "inventory", "pricing"), default="agents")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--warmup", type=int, default=None, help="days under the kirana routine before day 0")
    p.add_argument("--marketing", choices=("on", "off", "monthly"), default=None,
                   help="named customers with the marketing agent on or off, or 'monthly': the best seller to "
                        "the regulars every four weeks instead (default: on for agents)")
    p.set_defaults(handler=cmd_simulate)

    p = sub.add_parser("why", parents=[common], help="why an event happened: reasoning, alternatives, outcome")
    p.add_argument("event_id", type=int, nargs="?")
    p.add_argument("--decision", type=int, help="explain a decision by its number instead")
    p.set_defaults(handler=cmd_why)

    goal = sub.add_parser("goal", help="the seller's goals: add, list, plan, progress")
    gsub = goal.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = gsub.add_parser("add", parents=[common], help="a goal with metrics, e.g. --metric profit:+10%")
    p.add_argument("description")
    p.add_argument("--metric", action="append", required=True,
                   help="profit:+10%%, revenue:+20%%, fill_rate:97%%, waste:-30%%, inventory_value:200000, margin:15%%")
    p.add_argument("--from", dest="starts_on", help="first day (default today)")
    p.add_argument("--to", dest="ends_on", help="last day (default 90 days on)")
    p.add_argument("--priority", type=int, default=3, help="1 (most important) to 5")
    p.set_defaults(handler=cmd_goal_add)
    p = gsub.add_parser("list", parents=[common], help="goals and their status")
    p.set_defaults(handler=cmd_goal_list)
    p = gsub.add_parser("plan", parents=[common], help="a goal's execution plan (made now if it has none)")
    p.add_argument("goal_id", type=int)
    p.add_argument("--again", action="store_true", help="make the plan again from the shop's recent pace")
    p.set_defaults(handler=cmd_goal_plan)
    p = gsub.add_parser("progress", parents=[common], help="measure a goal against its plan now")
    p.add_argument("goal_id", type=int)
    p.set_defaults(handler=cmd_goal_progress)

    approvals = sub.add_parser("approvals", help="what the agents ask the seller to approve")
    asub = approvals.add_subparsers(dest="action", metavar="ACTION")
    p = asub.add_parser("list", parents=[common], help="pending approval requests")
    p.add_argument("--all", action="store_true", help="answered ones too")
    p.set_defaults(handler=cmd_approvals_list)
    for name, helptext in (("approve", "approve and carry it out now"), ("reject", "turn it down")):
        p = asub.add_parser(name, parents=[common], help=helptext)
        p.add_argument("approval_id", type=int)
        p.add_argument("--note", default="")
        p.set_defaults(handler=cmd_approvals_answer, approve=name == "approve")
    approvals.set_defaults(handler=cmd_approvals_list, all=False, json=False)

    agents = sub.add_parser("agents", help="run the agents now, their status, beliefs and settings")
    gsub = agents.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = gsub.add_parser("run", parents=[common], help="one cycle now (all agents, or --agent NAME)")
    p.add_argument("--agent", action="append", choices=("inventory", "pricing"))
    p.add_argument("--learn", action="store_true", help="learn from outcomes first")
    p.set_defaults(handler=cmd_agents_run)
    p = gsub.add_parser("status", parents=[common], help="last runs, circuit breakers, open alerts")
    p.set_defaults(handler=cmd_agents_status)
    p = gsub.add_parser("beliefs", parents=[common], help="what the agents have learnt")
    p.add_argument("--kind", choices=("elasticity", "lead_time", "forecast_bias", "festival_lift",
                                      "competitor_sensitivity"))
    p.set_defaults(handler=cmd_agents_beliefs)
    p = gsub.add_parser("limits", parents=[common], help="what each agent may do alone: see it in rupees, then --yes")
    p.add_argument("--price-pct", type=float, help="largest price change the pricing agent makes alone (percent)")
    p.add_argument("--po", help="largest purchase order the inventory agent sends alone (rupees)")
    p.add_argument("--budget", help="all purchase orders together in a week (rupees; 0: no weekly budget)")
    p.set_defaults(handler=cmd_agents_limits)  # --yes (common) saves them; without it, only the preview
    autonomy_commands.add_parsers(gsub, common)  # switch an agent on/off, its next plans, undo a price

    comp = sub.add_parser("competitor", help="prices seen at competitors")
    csub = comp.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = csub.add_parser("add", parents=[common], help="competitor add SKU PRICE [--source NAME]")
    p.add_argument("sku")
    p.add_argument("price")
    p.add_argument("--source", default="manual")
    p.set_defaults(handler=cmd_competitor_add)

    promo = sub.add_parser("promo", help="promotions: a price promised for a time")
    psub = promo.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = psub.add_parser("add", parents=[common], help="promo add SKU PRICE --from DAY --to DAY")
    p.add_argument("sku")
    p.add_argument("price")
    p.add_argument("--from", dest="starts_on", help="first day (default today)")
    p.add_argument("--to", dest="ends_on", required=True)
    p.add_argument("--kind", choices=("campaign", "festival", "clearance"), default="campaign")
    p.set_defaults(handler=cmd_promo_add)
    p = psub.add_parser("list", parents=[common], help="planned and running promotions")
    p.set_defaults(handler=cmd_promo_list)
    p = psub.add_parser("end", parents=[common], help="end or cancel a promotion")
    p.add_argument("promotion_id", type=int)
    p.set_defaults(handler=cmd_promo_end)


# --- simulate ----------------------------------------------------------------------------------
def cmd_simulate(args: argparse.Namespace, data: DataDir) -> int:
    from app.sim.harness import run_simulation

    path = Path(args.scenario)
    if not path.exists():
        bundled = Path(__file__).resolve().parents[2] / "resources" / "scenarios" / path.name
        path = bundled if bundled.exists() else path
    result = run_simulation(path, policy=args.policy, seed=args.seed, days=args.days, warmup_days=args.warmup,
                            marketing=None if args.marketing is None else
                            "monthly" if args.marketing == "monthly" else args.marketing == "on")
    m = result.metrics
    text = "\n".join([
        _("{scenario}, {days} days, policy {policy}, seed {seed} ({seconds} s):").format(
            scenario=result.scenario, days=result.days, policy=result.policy, seed=result.seed,
            seconds=result.seconds),
        _("  profit {profit}, revenue {revenue}").format(profit=rupees(m["profit_paise"]),
                                                         revenue=rupees(m["revenue_paise"])),
        _("  fill rate {fill}%, stock-out days {days}").format(fill=f"{m['fill_rate'] * 100:.1f}",
                                                               days=m["stockout_days"]),
        _("  average inventory {value}, waste {waste}").format(value=rupees(m["avg_inventory_value_paise"]),
                                                               waste=rupees(m["waste_paise"])),
        *marketing_lines(result.activity.get("marketing")),
    ])
    emit(args, result.to_json(), text)
    return 0


# --- why ---------------------------------------------------------------------------------------
def cmd_why(args: argparse.Namespace, data: DataDir) -> int:
    from app.agents.explain import explain, render

    if args.event_id is None and args.decision is None:
        raise InputError(_("Give the number of an event (or --decision N)."))
    with session(args, data) as s:
        found = explain(s.store, args.event_id, decision_id=args.decision)
    emit(args, found, render(found))
    return 0


# --- goals -------------------------------------------------------------------------------------
_METRIC = re.compile(r"^(?P<name>[a-z_]+):(?P<value>[+-]?[\d.,]+)(?P<pct>%?)$")


def parse_metric(text: str) -> dict[str, Any]:
    """'profit:+10%' -> {"metric": "profit", "change_pct": 10.0}; 'fill_rate:97%' -> {"metric": "fill_rate",
    "target": 0.97}; 'inventory_value:200000' -> {"metric": "inventory_value", "max_paise": 20000000}."""
    match = _METRIC.match(text.strip().lower())
    if not match:
        raise InputError(_("'{text}' is not a goal metric; write it like profit:+10%.").format(text=text))
    name, value, pct = match["name"], float(match["value"].replace(",", "")), bool(match["pct"])
    if name in ("profit", "revenue", "waste"):
        return {"metric": name, "change_pct": value} if pct else {"metric": name, "target_paise": money(str(value))}
    if name == "fill_rate":
        return {"metric": name, "target": value / 100 if pct or value > 1 else value}
    if name == "inventory_value":
        return {"metric": name, "max_paise": money(str(value))}
    if name == "margin":
        return {"metric": name, "min_bp": round(value * 100)}
    raise InputError(_("'{metric}' is not a goal metric; use profit, revenue, fill_rate, waste, inventory_value "
                       "or margin.").format(metric=name))


def _engine(s):
    from app.agents.engine import DecisionEngine

    return DecisionEngine(s.ctx)


def cmd_goal_add(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import goals

    with session(args, data) as s:
        starts = parse_day(args.starts_on) if args.starts_on else s.ctx.today()
        ends = parse_day(args.ends_on) if args.ends_on else starts + timedelta(days=90)
        changes = goals.create_goal(s.ctx, description=args.description,
                                    metrics=[parse_metric(m) for m in args.metric], starts_on=starts, ends_on=ends,
                                    priority=args.priority)
        plan = _engine(s).process_business_goal(int(changes.id))
    emit(args, {"goal_id": changes.id, "plan": plan}, _("Goal {id} saved; its plan: {strategies}.").format(
        id=changes.id, strategies=", ".join(x["name"] for x in plan["strategies"])))
    return 0


def cmd_goal_list(args: argparse.Namespace, data: DataDir) -> int:
    from app.store import goals as goals_store

    with session(args, data) as s:
        rows = goals_store.goal_list(s.store.db())
    found = [dict(zip(("id", "description", "starts_on", "ends_on", "priority", "status", "planned"), r,
                      strict=True)) for r in rows]
    emit(args, found, table([[str(r[0]), r[1], r[2], r[3], str(r[4]), r[5], _("yes") if r[6] else _("no")]
                             for r in rows],
                            ["#", _("Goal"), _("From"), _("To"), _("Priority"), _("Status"), _("Plan")]))
    return 0


def cmd_goal_plan(args: argparse.Namespace, data: DataDir) -> int:
    from app.agents.planner import load_goal

    with session(args, data) as s:
        goal = load_goal(s.store.db(), args.goal_id)
        plan = goal.plan if goal.plan and not args.again else _engine(s).process_business_goal(args.goal_id)
    lines = [_("Goal {id}: {description}").format(id=args.goal_id, description=goal.description), _("Strategies:")]
    lines += [f"  - {x['name']}: {x['why']}" for x in plan["strategies"]]
    lines.append(_("Agent tasks:"))
    lines += [f"  - {t['agent']}: {t['task']} {t['params']}" for t in plan["agent_tasks"]]
    lines.append(_("Milestones:"))
    lines += [f"  - {m['on']} {m['metric']}: {rupees(m['cumulative_paise']) if 'cumulative_paise' in m else m['level']}"
              for m in plan["milestones"]]
    lines.append(_("Weekly purchase budget: {amount}").format(
        amount=rupees(plan["resources"]["weekly_purchase_budget_paise"])))
    emit(args, plan, "\n".join(lines))
    return 0


def cmd_goal_progress(args: argparse.Namespace, data: DataDir) -> int:
    from app.agents.planner import review_goal

    with session(args, data) as s:
        result = review_goal(s.ctx, args.goal_id)
    text = [_("On track.") if result["on_track"] else _("Behind plan.")]
    for metric, value in result["metrics"].items():
        if isinstance(value, dict):
            text.append(f"  {metric}: " + ", ".join(f"{k} {v}" for k, v in value.items()))
    text += [f"  * {a}" for a in result["adjusted"]]
    if result["recommendation"]:
        text.append(result["recommendation"])
    emit(args, result, "\n".join(text))
    return 0


# --- approvals ---------------------------------------------------------------------------------
def cmd_approvals_list(args: argparse.Namespace, data: DataDir) -> int:
    from app.store import decisions as decision_store

    with session(args, data) as s:
        found = decision_store.approvals(s.store.db(), status=None if getattr(args, "all", False) else "pending")
    rows = [[str(a.id), a.agent, a.kind, a.status, a.created_at[:16], a.text[:90]] for a in found]
    emit(args, found, table(rows, ["#", _("Agent"), _("Kind"), _("Status"), _("Asked"), _("What")]) if rows
         else _("Nothing is waiting for your approval."))
    return 0


def cmd_approvals_answer(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        engine = _engine(s)
        if args.approve:
            status = engine.approve(args.approval_id, note=args.note)
            text = _("Approved; the decision was {status}.").format(status=status)
        else:
            engine.reject(args.approval_id, note=args.note)
            status, text = "rejected", _("Rejected.")
    emit(args, {"approval_id": args.approval_id, "status": status}, text)
    return 0


# --- agents ------------------------------------------------------------------------------------
def cmd_agents_run(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        engine = _engine(s)
        learnt = engine.learn() if args.learn else None
        report = engine.run_cycle(args.agent, trigger="manual")
    emit(args, {"report": report, "learnt": learnt}, _(
        "{proposals} proposals: {executed} done, {escalated} waiting for approval, {rejected} turned down, "
        "{failed} failed.").format(proposals=report.proposals, executed=report.executed, escalated=report.escalated,
                                   rejected=report.rejected, failed=report.failed))
    return 0


def cmd_agents_status(args: argparse.Namespace, data: DataDir) -> int:
    from app.store import agent_runs as run_store
    from app.store import alerts as alert_store

    with session(args, data) as s:
        db = s.store.db()
        runs = run_store.runs(db, limit=10)
        breakers = run_store.breakers(db)
        alerts = alert_store.open_alerts(db, limit=20)
    lines = [_("Last runs:")]
    lines += [f"  {r.started_at[:16]}  {r.agent:<12} {r.status:<8} {r.executed}/{r.proposals} {r.error or ''}"
              for r in runs]
    lines.append(_("Circuit breakers:"))
    lines += [f"  {b.agent:<12} {b.state:<9} {b.failures} {b.retry_at or ''}" for b in breakers] or ["  -"]
    lines.append(_("Open alerts:"))
    lines += [f"  [{a.severity}] {a.text}" for a in alerts] or ["  -"]
    emit(args, {"runs": runs, "breakers": breakers, "alerts": alerts}, "\n".join(lines))
    return 0


def cmd_agents_limits(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import autonomy

    with session(args, data) as s:
        now = autonomy.controls(s.store)
        pct_bp = round(args.price_pct * 100) if args.price_pct is not None else now.max_price_change_bp
        po = money(args.po) if args.po is not None else now.max_po_paise
        budget = money(args.budget) if args.budget is not None else now.weekly_budget_paise
        if not 0 <= pct_bp <= 10_000 or po < 0 or budget < 0:
            raise InputError(_("A limit cannot be negative, and a price change is at most 100%."))
        lines = autonomy.preview(s.store, enabled=now.enabled, max_price_change_bp=pct_bp, max_po_paise=po,
                                 weekly_budget_paise=budget, today=s.ctx.today())
        if args.yes:
            autonomy.choose_limits(s.ctx, max_price_change_bp=pct_bp, max_po_paise=po, weekly_budget_paise=budget)
            head = _("Saved. From now on:")
        elif now.chosen:
            head = _("The agents' limits (add --yes to save a change):")
        else:
            head = _("You have not chosen the agents' limits yet, so every price change and purchase order waits for "
                     "your approval. With these limits (add --yes to choose them):")
    emit(args, {"chosen": now.chosen or args.yes, "max_price_change_bp": pct_bp, "max_po_paise": po,
                "weekly_budget_paise": budget, "preview": lines}, "\n".join([head, *(f"  {line}" for line in lines)]))
    return 0


def cmd_agents_beliefs(args: argparse.Namespace, data: DataDir) -> int:
    from app.store import beliefs as beliefs

    with session(args, data) as s:
        found = beliefs.all_beliefs(s.store.db(), kind=args.kind)
    rows = [[b.kind, b.subject, f"{b.value:.3f}", "" if b.spread is None else f"{b.spread:.3f}", str(b.n),
             b.updated_at[:10]] for b in found]
    emit(args, found, table(rows, [_("Kind"), _("Subject"), _("Value"), _("Spread"), _("Updates"), _("Updated")]))
    return 0


def cmd_competitor_add(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import market

    with session(args, data) as s:
        market.record_competitor_prices(s.ctx, [market.CompetitorSighting(
            sku=args.sku, price_paise=money(args.price), source=args.source)])
    emit(args, {"sku": args.sku, "price_paise": money(args.price)}, _("Noted."))
    return 0


def cmd_promo_add(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import market

    with session(args, data) as s:
        starts = parse_day(args.starts_on) if args.starts_on else s.ctx.today()
        changes = market.plan_promotion(s.ctx, sku=args.sku, price_paise=money(args.price), starts_on=starts,
                                               ends_on=parse_day(args.ends_on), kind=args.kind, confirmed=args.yes)
    emit(args, {"promotion_id": changes.id}, _("Promotion {id} saved.").format(id=changes.id))
    return 0


def cmd_promo_list(args: argparse.Namespace, data: DataDir) -> int:
    from app.store import market as market_store

    with session(args, data) as s:
        found = market_store.open_promotions(s.store.db())
    rows = [[str(p.id), p.sku, p.kind, rupees(p.price_paise), p.starts_on, p.ends_on, p.status] for p in found]
    emit(args, found, table(rows, ["#", _("Code"), _("Kind"), _("Price"), _("From"), _("To"), _("Status")]))
    return 0


def cmd_promo_end(args: argparse.Namespace, data: DataDir) -> int:
    from app.services import market

    with session(args, data) as s:
        market.end_promotion(s.ctx, args.promotion_id, confirmed=args.yes)
    emit(args, {"promotion_id": args.promotion_id}, _("Promotion {id} ended.").format(id=args.promotion_id))
    return 0
