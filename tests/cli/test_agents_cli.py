"""The autonomy core's commands, run as a shopkeeper would (in-process, real files): ``why``, ``goal`` and
``approvals`` on the agents' test shop (four weeks of sales, a few shelves running low)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

# the agents' test shop, built by its own conftest (``tests/`` is on sys.path through the root conftest)
from agents.conftest import SELLER, TODAY, _build, at

from app import i18n
from app.agents.engine import DecisionEngine
from app.domain.clock import ManualClock
from app.domain.money import format_inr
from app.events import EventBus
from app.main import run
from app.paths import DataDir
from app.services import sales
from app.services.context import ServiceContext
from app.services.sales import PaymentIn, SaleLine
from app.store import decisions as decision_store
from app.store import open_store


@pytest.fixture
def clock(monkeypatch) -> ManualClock:
    """The commands' clock: the agents' day (every session the CLI opens reads this one)."""
    found = ManualClock(at(TODAY))
    monkeypatch.setattr("app.session.SystemClock", lambda: found)
    return found


@pytest.fixture
def home(tmp_path, clock):
    data = DataDir(tmp_path / "home").ensure()
    _build(data.shop_db("kirana"))
    return data


@pytest.fixture
def cli(home, capsys):
    def call(*argv: str) -> tuple[int, str, str]:
        code = run(["--data-dir", str(home.root), "--shop", "kirana", *argv])
        out, err = capsys.readouterr()
        return code, out, err

    yield call
    i18n.set_language("en")


@pytest.fixture
def shop(home, clock):
    """The same shop opened in the test, for what the CLI has no command for (a week of trading)."""
    store = open_store(home.shop_db("kirana"), exclusive=False)
    yield store, ServiceContext(store, EventBus(), clock)
    store.close()


def trade(ctx, clock, days: int) -> None:
    for k in range(days):
        clock.set(at(TODAY + timedelta(days=k), 19))
        lines = [SaleLine(sku="ATTA5", qty_milli=3000), SaleLine(sku="MILK", qty_milli=12_000)]
        total = sales.quote_sale(ctx, lines=lines).total_paise
        sales.record_sale(ctx, lines=lines, payments=[PaymentIn(method="cash", amount_paise=total)], origin=SELLER)
    clock.set(at(TODAY + timedelta(days=days)))


# --- why ---------------------------------------------------------------------------------------------
def test_why_shows_the_reasoning_the_alternatives_and_expected_against_realised(cli, shop, clock):
    store, ctx = shop
    assert cli("competitor", "add", "ATTA5", "299")[0] == 0  # the evidence the pricing agent moves on
    engine = DecisionEngine(ctx, sleep=lambda _s: None)
    engine.run_cycle()
    trade(ctx, clock, 8)
    engine.learn()  # the price changes are a week old: measured; the order's 9 days are not over
    db = store.db()
    decision = next(d for d in decision_store.decisions(db) if d.decision_type == "reprice"
                    and d.actions[0]["params"]["sku"] == "ATTA5")
    event_id = db.execute("SELECT id FROM event WHERE type = 'PriceChanged' AND decision_id = ?",
                          (decision.id,)).fetchone()[0]
    code, out, _err = cli("why", str(event_id))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith(f"Event {event_id} (PriceChanged) at ") and lines[0].endswith("by agent:pricing.")
    assert f"Decision {decision.id} of the pricing agent (reprice): executed." in lines
    why = lines.index("Why:")
    assert lines[why + 1] == f"  - {decision.reasoning[0]}"
    assert "Atta 5 kg: price ₹285.00 to ₹299.00" in lines[why + 1]
    turned_down = lines.index("Alternatives turned down:")
    assert decision.alternatives
    for k, alternative in enumerate(decision.alternatives, start=1):
        assert lines[turned_down + k] == f"  - {alternative['why']}"
    expected = next(line for line in lines if line.startswith("Expected: "))
    assert f"units {decision.expected['units']:g}" in expected and "horizon_days 7" in expected
    realised = next(line for line in lines if line.startswith("Realised: "))
    assert "units 21" in realised and "days_in_stock 7" in realised and "observed_ratio" in realised
    assert "DecisionEvaluated" in out and "PriceChanged" in out  # the decision's own events, listed
    # the same as data
    code, out, _err = cli("why", str(event_id), "--json")
    found = json.loads(out)
    assert found["event"]["id"] == event_id and found["decision"]["id"] == decision.id
    assert found["decision"]["realised"]["units"] == 21 and found["decision"]["expected"] == decision.expected
    # the restock order is not measured yet
    order = next(d for d in decision_store.decisions(db) if d.decision_type == "restock")
    code, out, _err = cli("why", "--decision", str(order.id))
    assert code == 0 and "Realised: not measured yet." in out and "Why:" in out


def test_why_says_plainly_what_it_cannot_find(cli):
    code, out, err = cli("why", "999999")
    assert code == 2 and not out and "There is no event number 999999." in err
    code, _out, err = cli("why", "--decision", "4242")
    assert code == 2 and "There is no decision number 4242." in err
    code, _out, err = cli("why")
    assert code == 2 and "Give the number of an event (or --decision N)." in err


# --- goals -------------------------------------------------------------------------------------------
def test_goal_add_then_plan(cli):
    code, out, _err = cli("goal", "add", "Grow profit 10%", "--metric", "profit:+10%", "--metric", "fill_rate:97%",
                          "--to", "2026-09-30", "--priority", "1")
    assert code == 0
    assert out.strip() == ("Goal 1 saved; its plan: optimise_margins, avoid_stockouts, reduce_waste, "
                           "raise_service_level, prestock_festivals.")
    code, out, _err = cli("goal", "plan", "1", "--json")
    plan = json.loads(out)
    assert plan["goal"]["metrics"] == [{"metric": "profit", "change_pct": 10.0},
                                       {"metric": "fill_rate", "target": 0.97}]
    assert (plan["goal"]["starts_on"], plan["goal"]["ends_on"], plan["goal"]["priority"]) == (
        TODAY.isoformat(), "2026-09-30", 1)
    code, out, _err = cli("goal", "plan", "1")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Goal 1: Grow profit 10%"
    assert lines[1] == "Strategies:" and lines[2].startswith("  - optimise_margins: ")
    assert "  - inventory: replenish {'service_level': 0.97, 'cover_days': 0}" in lines
    assert any(line.startswith("  - inventory: prestock_festivals {'festivals': {") for line in lines)
    milestones = lines.index("Milestones:")
    last = plan["milestones"][-1]
    assert lines[milestones + 1].startswith(f"  - {plan['milestones'][0]['on']} ")
    assert f"  - {last['on']} {last['metric']}: {last['level']}" in lines
    assert lines[-1] == f"Weekly purchase budget: {format_inr(plan['resources']['weekly_purchase_budget_paise'])}"
    code, out, _err = cli("goal", "list", "--json")
    assert [(g["id"], g["status"], g["planned"]) for g in json.loads(out)] == [(1, "active", 1)]


def test_goal_metrics_the_command_cannot_read_are_refused(cli):
    code, out, err = cli("goal", "add", "Grow", "--metric", "profit")
    assert code == 2 and not out and "'profit' is not a goal metric; write it like profit:+10%." in err
    code, _out, err = cli("goal", "add", "Grow", "--metric", "happiness:+5%")
    assert code == 2 and "'happiness' is not a goal metric; use profit, revenue, fill_rate, waste" in err
    code, out, _err = cli("goal", "list", "--json")
    assert json.loads(out) == []  # nothing saved
    code, _out, err = cli("goal", "plan", "7")
    assert code == 2 and "There is no goal number 7." in err


# --- approvals ---------------------------------------------------------------------------------------
def test_approvals_list_approve_and_reject(cli, shop):
    store, _ctx = shop
    assert cli("settings", "set", "agents.inventory.max_po_paise", "1")[0] == 0  # ₹1: every order asks
    assert cli("settings", "set", "agents.pricing.max_change_bp", "0")[0] == 0  # and every price change
    assert cli("competitor", "add", "ATTA5", "299")[0] == 0  # the evidence for a price change
    code, out, _err = cli("agents", "run")
    assert code == 0 and "0 done" in out and "waiting for approval" in out
    db = store.db()
    assert not db.execute("SELECT count(*) FROM purchase_order").fetchone()[0]
    code, out, _err = cli("approvals", "list", "--json")
    pending = json.loads(out)
    kinds = {a["kind"] for a in pending}
    assert "restock" in kinds and "reprice" in kinds and {a["status"] for a in pending} == {"pending"}
    code, out, _err = cli("approvals")
    order = next(a for a in pending if a["kind"] == "restock")
    assert code == 0 and any(line.startswith(f"{order['id']} ") and "inventory" in line for line in out.splitlines())
    # the order is approved: carried out now
    code, out, _err = cli("approvals", "approve", str(order["id"]), "--note", "send it")
    assert code == 0 and out.strip() == "Approved; the decision was executed."
    assert db.execute("SELECT status FROM purchase_order").fetchall() == [("sent",)]
    assert decision_store.decision(db, order["decision_id"]).status == "executed"
    # the price changes are turned down: no price moves
    prices = dict(db.execute("SELECT sku, price_paise FROM product").fetchall())
    for approval in pending:
        if approval["kind"] == "reprice":
            code, out, _err = cli("approvals", "reject", str(approval["id"]), "--note", "not now")
            assert code == 0 and out.strip() == "Rejected."
            assert decision_store.decision(db, approval["decision_id"]).status == "rejected"
    assert dict(db.execute("SELECT sku, price_paise FROM product").fetchall()) == prices
    code, out, _err = cli("approvals", "list")
    assert code == 0 and out.strip() == "Nothing is waiting for your approval."
    code, out, _err = cli("approvals", "list", "--all", "--json")
    assert {a["status"] for a in json.loads(out)} == {"approved", "rejected"}
    # answered once is answered
    code, _out, err = cli("approvals", "reject", str(order["id"]))
    assert code == 2 and f"Approval request {order['id']} was already approved." in err
    code, _out, err = cli("approvals", "approve", "9999")
    assert code == 2 and "There is no approval request number 9999." in err
    # and why tells the story of the approved order
    code, out, _err = cli("why", "--decision", str(order["decision_id"]))
    assert f"Approval request {order['id']}: approved." in out and "Needs the seller:" in out


def test_agents_limits_preview_then_choose(cli, shop):
    """``agents limits``: the seller sees what the limits mean in rupees, chooses them with --yes; before, every
    price change and purchase order waits for approval."""
    from app import config
    from app.services import settings

    store, ctx = shop
    settings.set_setting(ctx, config.AGENT_LIMITS_CHOSEN.key, False)
    code, out, _err = cli("agents", "limits", "--price-pct", "5", "--po", "10000")
    # on the shop's own best seller (atta, Rs 285, MRP Rs 300), in whole rupees
    assert code == 0 and "not chosen" in out and "Atta 5 kg (now ₹285) between ₹271 and ₹299" in out
    assert "orders up to ₹10,000 go to the supplier without asking" in out
    assert settings.get(store, config.AGENT_LIMITS_CHOSEN) is False  # a preview changes nothing
    code, out, _err = cli("agents", "limits", "--price-pct", "5", "--po", "10000", "--yes", "--json")
    printed = json.loads(out)
    assert code == 0 and printed["chosen"] is True and printed["max_po_paise"] == 1_000_000
    assert settings.get(store, config.AGENT_LIMITS_CHOSEN) is True
    assert settings.get(store, config.AGENT_MAX_PRICE_CHANGE_BP) == 500
    code, _out, err = cli("agents", "limits", "--price-pct", "-3")
    assert code != 0 and "negative" in err


def test_agents_switch_plan_and_undo(cli, shop):
    """``agents switch`` turns one agent off (a cycle skips it); ``agents plan`` shows what they would do and
    does nothing; ``agents undo`` puts back a price the pricing agent set."""
    from app import config
    from app.services import catalog, decisions, settings

    store, ctx = shop
    code, out, _err = cli("agents", "switch", "pricing", "off")
    assert code == 0 and out.strip() == "The pricing agent is off."
    assert settings.get(store, config.AGENT_PRICING_ENABLED) is False
    before = store.db().execute("SELECT count(*) FROM agent_decision").fetchone()[0]
    code, out, _err = cli("agents", "plan", "--json")
    plans = json.loads(out)
    assert code == 0 and {p["agent"] for p in plans} <= {"inventory"}
    assert store.db().execute("SELECT count(*) FROM agent_decision").fetchone()[0] == before
    old = store.db().execute("SELECT price_paise FROM product WHERE sku = 'TEA'").fetchone()[0]
    decision = decisions.record_decision(
        ctx, agent="pricing", decision_type="reprice", status="executed", reasoning=["Tea: dearer competitor."],
        actions=[{"kind": "set_price", "params": {"sku": "TEA", "price_paise": old + 300, "old_price_paise": old}}])
    catalog.change_price(ctx, "TEA", price_paise=old + 300)
    code, out, _err = cli("agents", "undo", str(decision.id))
    assert code == 0 and "old price is back" in out
    assert store.db().execute("SELECT price_paise FROM product WHERE sku = 'TEA'").fetchone()[0] == old
    code, _out, err = cli("agents", "undo", str(decision.id))
    assert code != 0 and "has changed since" in err

