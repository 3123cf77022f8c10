"""The what-if on the seller's own shop: "what would the agents have done over my last 90 days?"

:func:`scenario_from_shop` builds a market scenario from the shop's own items (price, MRP, cost, shelf life),
its sales over the last ``days`` days (each item's units a day, the weekday pattern) and its suppliers (lead
time, minimum order, each item's cost, case and minimum quantity). :func:`what_if` runs the agents and the two
honest baselines (``ss`` and ``kirana``, docs/simulator.md) on it with the same customers, in a temporary
shop, and returns profit, both fill rates and waste side by side. The shop's own file is only read.

What it cannot know is said in :attr:`WhatIf.assumptions`: customers answer a price change as the agents'
prior assumes (-1.5) and there is no competitor; an item's pace is its sales over the days (days it was out of
stock count as zero, so a pace is never more than what was sold); an item with no supplier is bought from a
stand-in with a 2-day lead time. The shop's limits (or, if not yet chosen, the defaults) are used as if chosen,
and what would wait for the seller is approved a day later.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from app import config
from app.domain.money import format_inr
from app.i18n import _
from app.services import settings as shop_settings
from app.sim.harness import run_simulation
from app.sim.scenario import ItemSpec, Scenario, SupplierSpec
from app.store import Store, catalog, parties
from app.store import sales_history as history
from app.store import shop as shop_store

__all__ = ["MAX_ITEMS", "PolicyFigures", "WhatIf", "scenario_from_shop", "what_if"]

MAX_ITEMS = 300  # the shop's best sellers by sales value: a 4 GB, 2-core PC runs these in a few minutes
PRIOR_ELASTICITY = -1.5  # the pricing agent's own prior (app/agents/price_model.py)
STAND_IN = "usual"
WARMUP_DAYS = 42
POLICIES = ("agents", "ss", "kirana")


@dataclass(frozen=True)
class PolicyFigures:
    policy: str
    profit_paise: int
    revenue_paise: int
    fill_rate: float
    fill_rate_priced: float
    waste_paise: int
    avg_inventory_value_paise: int
    purchase_orders: int
    price_changes: int


@dataclass
class WhatIf:
    days: int
    items: int  # items in the what-if
    items_in_shop: int  # items that sold in the period
    figures: list[PolicyFigures] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def best_baseline(self) -> PolicyFigures | None:
        bases = [f for f in self.figures if f.policy != "agents"]
        return max(bases, key=lambda f: f.profit_paise) if bases else None

    def to_json(self) -> dict[str, Any]:
        return {"days": self.days, "items": self.items, "items_in_shop": self.items_in_shop,
                "figures": [f.__dict__ for f in self.figures], "assumptions": self.assumptions,
                "seconds": self.seconds}


def scenario_from_shop(store: Store, today: date, *, days: int = 90,
                       max_items: int = MAX_ITEMS) -> tuple[Scenario, int]:
    """The shop as a scenario over its last ``days`` days (day 0 = ``today - days``); also how many items sold."""
    db = store.db()
    first, last = today - timedelta(days=days), today - timedelta(days=1)
    units: dict[str, float] = defaultdict(float)
    value: dict[str, float] = defaultdict(float)
    by_weekday = [0.0] * 7
    for sku, day, qty, amount in history.daily_sales(db, first.isoformat(), last.isoformat()):
        units[sku] += qty / 1000
        value[sku] += amount
        by_weekday[date.fromisoformat(day).weekday()] += amount
    sold = [sku for sku in units if units[sku] > 0]
    chosen = sorted(sold, key=lambda sku: -value[sku])[:max_items]
    products = catalog.get_many(db, chosen)
    suppliers = {int(s.id): s for s in parties.suppliers(db)}
    links: dict[str, list[Any]] = defaultdict(list)
    for supplier_id in suppliers:
        for link in parties.supplier_products(db, supplier_id):
            links[link.sku].append(link)
    specs: dict[str, SupplierSpec] = {}
    items = []
    for sku in chosen:
        product = products.get(sku)
        if product is None or product.price_paise <= 0:
            continue
        mrp = product.mrp_paise or product.price_paise
        own = [link for link in links.get(sku, ()) if int(link.supplier_id) in suppliers and (link.cost_paise or 0) > 0]
        cost = own[0].cost_paise if own else product.cost_paise
        if cost <= 0 or cost >= mrp:
            continue  # no margin to measure: the simulator prices from the MRP down
        item_suppliers = []
        for link in [*own] or [None]:
            key = str(link.supplier_id) if link else STAND_IN
            if key not in specs:
                s = suppliers.get(int(link.supplier_id)) if link else None
                specs[key] = SupplierSpec(
                    key=key, name=s.name if s else _("Your usual supplier"),
                    lead_time_days=max(int(s.lead_time_days), 1) if s else 2, jitter_days=1,
                    min_order_paise=int(s.min_order_paise) if s else 0, outages=(),
                    whatsapp=(s.whatsapp or "9800000000") if s else "9800000000")
            item_suppliers.append((key, int(link.cost_paise) if link else int(cost)))
        usual = own[0] if own else None
        case = max(int(usual.case_size_milli), 1000) if usual else 1000
        moq = max(int(usual.moq_milli or 0), case) if usual else case
        items.append(ItemSpec(
            sku=sku, name=product.name_en, category=product.category or "", unit=product.unit, mrp_paise=mrp,
            cost_paise=int(cost), base_rate=units[sku] / days, elasticity=PRIOR_ELASTICITY, comp_sensitivity=-3.0,
            comp_index=1.0, observed=False, case_milli=case, moq_milli=moq,
            shelf_life=int(product.shelf_life_days or 0), suppliers=tuple(item_suppliers), group=-1,
            substitution=0.0, trend=0.0))
    total = sum(by_weekday) or 1.0
    weekday = [7 * w / total if total else 1.0 for w in by_weekday] if any(by_weekday) else [1.0] * 7
    profile = shop_store.get_profile(db)
    limits = {"max_po_paise": shop_settings.get(store, config.AGENT_MAX_PO_PAISE),
              "max_price_change_bp": shop_settings.get(store, config.AGENT_MAX_PRICE_CHANGE_BP),
              "weekly_budget_paise": shop_settings.get(store, config.AGENT_WEEKLY_BUDGET_PAISE)}
    scenario = Scenario(
        name="your-shop", description=_("This shop's last {days} days").format(days=days), start=first, days=days,
        warmup_days=WARMUP_DAYS, catalog_seed=0, state_code=profile.state_code if profile else "27",
        settings={"pricing.margin_floor_bp": shop_settings.get(store, config.MARGIN_FLOOR_BP), "limits": limits},
        suppliers=list(specs.values()), items=items, weekday=[max(w, 0.05) for w in weekday], festivals={},
        competitor_moves=[], shocks=[], random_shocks={}, dispersion=0.3, seller={"approves": "all", "delay_days": 1},
        goal=None, opening_cover_days=10, holding_cost_per_year=0.12)
    return scenario, len(sold)


def what_if(store: Store, today: date, *, days: int = 90, seed: int = 1, max_items: int = MAX_ITEMS,
            warmup_days: int = WARMUP_DAYS, progress: Callable[[float, str], None] | None = None) -> WhatIf:
    """Run the agents and the honest baselines over the shop's last ``days`` days; see the module's notes."""
    import time

    started = time.perf_counter()
    scenario, sold = scenario_from_shop(store, today, days=days, max_items=max_items)
    result = WhatIf(days=days, items=len(scenario.items), items_in_shop=sold)
    if not scenario.items:
        result.assumptions.append(_("Nothing sold in the last {days} days: there is nothing to replay.").format(
            days=days))
        return result
    for k, policy in enumerate(POLICIES):
        if progress is not None:
            progress(k / len(POLICIES), _names()[policy])
        run = run_simulation(scenario, policy=policy, seed=seed, days=days, warmup_days=warmup_days, households=False)
        m, a = run.metrics, run.activity
        result.figures.append(PolicyFigures(
            policy=policy, profit_paise=int(m["profit_paise"]), revenue_paise=int(m["revenue_paise"]),
            fill_rate=float(m["fill_rate"]), fill_rate_priced=float(m["fill_rate_priced"]),
            waste_paise=int(m["waste_paise"]), avg_inventory_value_paise=int(m["avg_inventory_value_paise"]),
            purchase_orders=int(a["purchase_orders"]), price_changes=int(a["price_changes"])))
    if progress is not None:
        progress(1.0, "")
    limits = scenario.settings["limits"]
    result.assumptions = [
        _("The {items} items that sold most in the last {days} days (of {sold} that sold), each at its own pace; "
          "days it was out of stock count as no sales.").format(items=len(scenario.items), days=days, sold=sold),
        _("Customers answer a price change as the agents first assume (1% dearer, 1.5% fewer sold); no competitor."),
        _("The agents act within your limits (orders up to {po}, price moves up to {pct}%); what would wait for you "
          "is approved the next day.").format(po=format_inr(int(limits["max_po_paise"]), decimals=False),
                                              pct=f"{int(limits['max_price_change_bp']) / 100:g}"),
        _("The same customers for every way of running the shop; each starts from the same stock."),
    ]
    result.seconds = round(time.perf_counter() - started, 1)
    return result


def _names() -> dict[str, str]:
    return {"agents": _("the agents"), "ss": _("a textbook reorder routine"),
            "kirana": _("a careful shopkeeper's routine")}
