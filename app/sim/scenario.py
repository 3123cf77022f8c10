"""A market scenario: the shop's items, suppliers and customers, read from a JSON file (docs/simulator.md).

The file describes categories (how many items, their prices, margins, demand, price response, case sizes,
shelf life, suppliers) and the year's events (festival lifts, competitor moves, supplier outages, demand
shocks). :func:`load_scenario` checks it and generates the items from ``catalog_seed``, so one file
always gives the same shop; the run's ``--seed`` only draws the customers and the delays.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from app.agents.errors import ScenarioError
from app.i18n import _

__all__ = ["ItemSpec", "Scenario", "SupplierSpec", "load_scenario", "parse_scenario"]

CATEGORY_FIELDS = {"share", "count", "mrp", "margin", "rate", "elasticity", "competitor_sensitivity", "comp_index",
                   "case", "moq_cases", "shelf_life", "suppliers", "second_supplier_share", "unit", "substitution",
                   "trend", "intermittent_share", "names"}
MIN_MARGIN = 0.075
TOP_FIELDS = {"name", "description", "start", "days", "warmup_days", "catalog_seed", "shop", "settings",
              "suppliers", "categories", "count", "weekday", "festivals", "competitor", "shocks", "random_shocks",
              "dispersion", "seller", "goal", "opening_cover_days", "observed_share", "holding_cost_per_year"}


@dataclass(frozen=True)
class SupplierSpec:
    key: str
    name: str
    lead_time_days: int
    jitter_days: int
    min_order_paise: int
    outages: tuple[tuple[int, int], ...]
    whatsapp: str


@dataclass(frozen=True)
class ItemSpec:
    sku: str
    name: str
    category: str
    unit: str
    mrp_paise: int
    cost_paise: int
    base_rate: float  # units a day at the reference price (MRP - 5%)
    elasticity: float
    comp_sensitivity: float
    comp_index: float  # competitor price / MRP at the start
    observed: bool  # whether the shop can see the competitor's price (synced from a marketplace)
    case_milli: int
    moq_milli: int
    shelf_life: int  # days, 0 for none
    suppliers: tuple[tuple[str, int], ...]  # (supplier key, cost) - first is the usual one
    group: int  # substitution group (-1: none)
    substitution: float
    trend: float  # change of the base rate over a year (0.1 = +10%)


@dataclass
class Scenario:
    name: str
    description: str
    start: date
    days: int
    warmup_days: int
    catalog_seed: int
    state_code: str
    settings: dict[str, Any]
    suppliers: list[SupplierSpec]
    items: list[ItemSpec]
    weekday: list[float]
    festivals: dict[str, dict[str, Any]]
    competitor_moves: list[dict[str, Any]]
    shocks: list[dict[str, Any]]
    random_shocks: dict[str, Any]
    dispersion: float
    seller: dict[str, Any]
    goal: dict[str, Any] | None
    opening_cover_days: float
    holding_cost_per_year: float
    raw: dict[str, Any] = field(repr=False, default_factory=dict)

    @property
    def categories(self) -> list[str]:
        return sorted({item.category for item in self.items})


def _fail(message: str) -> ScenarioError:
    return ScenarioError(message, hint=_("See docs/simulator.md for the scenario format."))


def _range(spec: dict[str, Any], key: str, default: Any) -> Any:
    value = spec.get(key, default)
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, (int, float)) for v in value):
        return value
    if isinstance(value, (int, float)) or value is None or isinstance(value, list):
        return value
    raise _fail(_("'{key}' must be a number or a pair [low, high].").format(key=key))


def load_scenario(path: Path | str) -> Scenario:
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise _fail(_("There is no scenario file {path}.").format(path=path)) from None
    except (OSError, ValueError) as exc:
        raise _fail(_("The scenario file {path} is not valid JSON: {error}").format(path=path, error=exc)) from None
    return parse_scenario(raw)


def parse_scenario(raw: dict[str, Any]) -> Scenario:
    if not isinstance(raw, dict):
        raise _fail(_("A scenario is a JSON object."))
    unknown = set(raw) - TOP_FIELDS
    if unknown:
        raise _fail(_("Unknown scenario fields: {names}.").format(names=", ".join(sorted(unknown))))
    for needed in ("name", "suppliers", "categories"):
        if needed not in raw:
            raise _fail(_("The scenario needs '{field}'.").format(field=needed))
    try:
        start = date.fromisoformat(raw.get("start", "2026-04-01"))
    except (TypeError, ValueError):
        raise _fail(_("'start' must be a date like 2026-04-01.")) from None
    suppliers = []
    for s in raw["suppliers"]:
        try:
            suppliers.append(SupplierSpec(
                key=str(s["key"]), name=str(s.get("name", s["key"])), lead_time_days=int(s.get("lead_time_days", 2)),
                jitter_days=int(s.get("jitter_days", 0)), min_order_paise=int(s.get("min_order_paise", 0)),
                outages=tuple((int(o["from_day"]), int(o["to_day"])) for o in s.get("outages", ())),
                whatsapp=str(s.get("whatsapp", "9800000000"))))
        except (KeyError, TypeError, ValueError) as exc:
            raise _fail(_("Supplier {supplier}: {error}").format(supplier=s, error=exc)) from None
    keys = {s.key for s in suppliers}
    weekday = [float(x) for x in raw.get("weekday", [1.0] * 7)]
    if len(weekday) != 7:
        raise _fail(_("'weekday' needs 7 factors, Monday first."))
    items = _generate(raw, keys)
    return Scenario(
        name=str(raw["name"]), description=str(raw.get("description", "")), start=start, days=int(raw.get("days", 365)),
        warmup_days=int(raw.get("warmup_days", 90)), catalog_seed=int(raw.get("catalog_seed", 1)),
        state_code=str(raw.get("shop", {}).get("state", "27")), settings=dict(raw.get("settings", {})),
        suppliers=suppliers, items=items, weekday=weekday, festivals=dict(raw.get("festivals", {})),
        competitor_moves=list(raw.get("competitor", {}).get("moves", [])), shocks=list(raw.get("shocks", [])),
        random_shocks=dict(raw.get("random_shocks", {})), dispersion=float(raw.get("dispersion", 0.3)),
        seller=dict(raw.get("seller", {"approves": "all", "delay_days": 1})), goal=raw.get("goal"),
        opening_cover_days=float(raw.get("opening_cover_days", 10)),
        holding_cost_per_year=float(raw.get("holding_cost_per_year", 0.12)), raw=raw)


def _pick(rng: np.random.Generator, value: Any) -> float:
    if isinstance(value, list) and len(value) == 2:
        return float(rng.uniform(value[0], value[1]))
    return float(value)


def _generate(raw: dict[str, Any], supplier_keys: set[str]) -> list[ItemSpec]:
    rng = np.random.default_rng(int(raw.get("catalog_seed", 1)))
    categories: dict[str, dict[str, Any]] = raw["categories"]
    total = int(raw.get("count", 0))
    shares = {c: float(spec.get("share", 0)) for c, spec in categories.items()}
    share_sum = sum(shares.values()) or 1.0
    observed_share = float(raw.get("observed_share", 0.7))
    items: list[ItemSpec] = []
    group = 0
    for category, spec in categories.items():
        unknown = set(spec) - CATEGORY_FIELDS
        if unknown:
            raise _fail(_("Category {category}: unknown fields {names}.").format(
                category=category, names=", ".join(sorted(unknown))))
        count = int(spec.get("count", round(total * shares[category] / share_sum)))
        suppliers = list(spec.get("suppliers", []))
        if not suppliers or set(suppliers) - supplier_keys:
            raise _fail(_("Category {category}: its suppliers must be among the scenario's suppliers.").format(
                category=category))
        names = list(spec.get("names", [])) or [category.replace("_", " ").title()]
        unit = str(spec.get("unit", "pcs"))
        for k in range(count):
            mrp_range = _range(spec, "mrp", [2000, 20000])
            mrp = int(round(math.exp(rng.uniform(math.log(mrp_range[0]), math.log(mrp_range[1]))) / 100) * 100)
            # at least 7.5% of MRP: the reference price (MRP - 5%, rounded) stays above cost
            margin = max(_pick(rng, _range(spec, "margin", [0.12, 0.2])), MIN_MARGIN)
            cost = round(mrp * (1 - margin))
            median, sigma = _range(spec, "rate", [1.0, 0.8])
            rate = float(math.exp(math.log(median) + sigma * rng.standard_normal()))
            if rng.uniform() < float(spec.get("intermittent_share", 0.1)):
                rate = float(rng.uniform(0.05, 0.4))
            case_choices = spec.get("case", [6, 12])
            case = int(rng.choice(case_choices)) if isinstance(case_choices, list) else int(case_choices)
            shelf = spec.get("shelf_life")
            shelf_life = int(_pick(rng, shelf)) if shelf else 0
            main = suppliers[k % len(suppliers)]
            supplier_list = [(main, cost)]
            others = [s for s in suppliers if s != main] or [s for s in supplier_keys if s != main]
            if others and rng.uniform() < float(spec.get("second_supplier_share", 0.0)):
                supplier_list.append((str(rng.choice(sorted(others))), round(cost * 1.03)))
            sub_share = float(spec.get("substitution", 0.0))
            item_group = -1
            if sub_share > 0:
                item_group = group + k // 3
            items.append(ItemSpec(
                sku=f"{category[:4].upper()}{k + 1:03d}", name=f"{names[k % len(names)]} {k + 1}", category=category,
                unit=unit, mrp_paise=mrp, cost_paise=cost, base_rate=rate,
                elasticity=_pick(rng, _range(spec, "elasticity", [-2.0, -1.0])),
                comp_sensitivity=_pick(rng, _range(spec, "competitor_sensitivity", [-6.0, -3.0])),
                comp_index=round(_pick(rng, _range(spec, "comp_index", [0.95, 1.0])), 3),
                observed=bool(rng.uniform() < observed_share), case_milli=case * 1000,
                moq_milli=case * 1000 * int(spec.get("moq_cases", 1)), shelf_life=shelf_life,
                suppliers=tuple(supplier_list), group=item_group, substitution=sub_share,
                trend=_pick(rng, _range(spec, "trend", [-0.05, 0.1]))))
        group += count
    if not items:
        raise _fail(_("The scenario has no items."))
    return items
