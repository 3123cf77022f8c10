"""The never-seen scenarios of issue 14's eighth to twenty-fourth sessions (bench/agents/blind8/ to blind24/,
docs/agents.md "Issue 14, eighth session" to "twenty-fourth session"): each loads, is the size
written down before its one run, is found by name by bench/agents/compare.py, and runs 10 days under the ``ss``
baseline. Only the baselines run here: no agent ever meets these shops before the lead's one run."""

from pathlib import Path

import pytest
from bench_modules import bench_module

from app.domain.festivals import festivals
from app.sim.harness import run_simulation
from app.sim.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]
WRITTEN_DOWN = {  # folder -> scenario -> items, as docs/agents.md says
    "blind8": {"school_stationery_town": 240, "office_kirana_monsoon": 259},
    "blind9": {"hardware_paint_suburb": 280, "mithai_namkeen_festivals": 180, "old_city_ramzan_kirana": 275},
    "blind10": {"college_cosmetics_gifts": 300, "surat_mill_workers_kirana": 262, "hospital_gate_store": 270},
    "blind11": {"aizawl_hill_market_store": 248, "bhopal_colony_sabzi_kirana": 219, "goa_beach_belt_provisions": 240},
    "blind12": {"itarsi_junction_platform_stall": 157, "khanna_mandi_wholesale_kirana": 344,
                "tirur_gulf_onam_stores": 274},
    "blind13": {"coimbatore_long_tail_departmental_store": 452, "ballia_ice_cream_dairy_parlour": 244,
                "leh_main_bazaar_provisions": 289},
    "blind14": {"kota_hostel_belt_store": 198, "bengaluru_pet_supplies_store": 188, "bastar_haat_ground_kirana": 184},
    "blind15": {"dadar_seasonal_fruit_shop": 114, "gadag_many_distributors_store": 212,
                "hyderabad_new_township_store": 244},
    "blind16": {"motera_stadium_road_store": 192, "nashik_mobile_accessories_shop": 164,
                "yavatmal_krishi_seva_kendra": 118},
    "blind17": {"pune_gatari_chicken_centre": 98, "jhansi_two_wheeler_spares": 390,
                "greater_noida_labour_camp_store": 152},
    "blind18": {"bhubaneswar_jan_aushadhi_kendra": 165, "frazer_town_home_baking_supplies": 210,
                "zirakpur_mother_baby_store": 173},
    "blind19": {"dehradun_woollens_rainwear_store": 212, "prayagraj_magh_mela_store": 215,
                "majuli_island_provisions": 205},
    "blind20": {"ranchi_distributor_collapse_kirana": 220, "dooars_tea_garden_store": 202,
                "bihta_cement_hardware_sand_ban": 208},
    "blind21": {"jaipur_festival_goods_cracker_ban": 208, "dhanbad_paan_shop_pan_masala_ban": 140,
                "sriperumbudur_assembly_hostel_store": 199},
    "blind22": {"silchar_barak_flood_kirana": 210, "sri_vijaya_puram_ship_supplied_store": 202,
                "bengaluru_water_crisis_apartment_store": 219},
    "blind23": {"raxaul_nepal_border_kirana": 198, "dharavi_daily_finance_kirana": 148,
                "khatauli_kanwar_highway_store": 194},
    "blind24": {"mamun_cantonment_unit_rotation_store": 204, "meerut_kachehri_stationery_forms_shop": 146,
                "baramati_sugar_factory_cutters_store": 188},
}
FESTIVAL_KEYS = {key for year in (2026, 2027) for key in festivals(year)}
BLIND = [(folder, name) for folder, names in WRITTEN_DOWN.items() for name in sorted(names)]


def _compare():
    """bench/agents/compare.py, loaded by path; its sys.path edit is undone."""
    return bench_module("agents", "compare", key="agents_compare")


def _path(folder: str, name: str) -> Path:
    return ROOT / "bench" / "agents" / folder / f"{name}.json"


@pytest.mark.parametrize("folder", sorted(WRITTEN_DOWN))
def test_a_blind_folder_holds_exactly_the_scenarios_written_down(folder):
    names = WRITTEN_DOWN[folder]
    assert sorted(p.stem for p in (ROOT / "bench" / "agents" / folder).glob("*.json")) == sorted(names)
    bundled = {p.stem for p in (ROOT / "resources" / "scenarios").glob("*.json")}
    assert not bundled & set(names)  # never among the scenarios the agents were tuned on
    others = {name for other, more in WRITTEN_DOWN.items() if other != folder for name in more}
    assert not others & set(names)  # a name in two folders would be found in the first only


@pytest.mark.parametrize(("folder", "name"), BLIND)
def test_a_blind_scenario_loads_and_compare_finds_it_by_name(folder, name):
    scenario = load_scenario(_path(folder, name))
    assert len(scenario.items) == WRITTEN_DOWN[folder][name]
    assert scenario.days == 365 and scenario.warmup_days == 90
    assert len({item.sku for item in scenario.items}) == len(scenario.items)
    assert any(item.shelf_life for item in scenario.items) and any(not item.shelf_life for item in scenario.items)
    compare = _compare()
    assert compare.scenario_path(name) == _path(folder, name)
    assert compare.scenario_path("kirana_300") == ROOT / "resources" / "scenarios" / "kirana_300.json"
    assert name not in compare.SCENARIOS


@pytest.mark.parametrize(("folder", "name"), BLIND)
def test_a_blind_scenarios_events_name_its_own_categories_and_known_festivals(folder, name):
    """The parser does not check events (docs/simulator.md, "Not done"): a misspelt festival or a category the shop
    does not have would be silently ignored, and the shop would not be the one written down."""
    scenario = load_scenario(_path(folder, name))
    own = set(scenario.categories)
    assert set(scenario.festivals) <= set(FESTIVAL_KEYS)
    for spec in scenario.festivals.values():
        assert set(spec["lift"]) <= own
    for event in [*scenario.shocks, *scenario.competitor_moves]:
        assert set(event.get("categories") or ()) <= own
        assert 0 <= event["from_day"] <= event["to_day"] < scenario.days
    for supplier in scenario.suppliers:
        assert all(0 <= a <= b < scenario.days for a, b in supplier.outages)


@pytest.mark.slow
@pytest.mark.parametrize(("folder", "name"), BLIND)
def test_ss_runs_ten_days_on_a_blind_scenario(folder, name):
    """The baseline only, after four weeks' warmup (after one week ``ss`` served only 45% on the sweets shop; not
    traced further): the shop sells and its books agree with its shelves (the harness checks that at
    the end)."""
    result = run_simulation(_path(folder, name), policy="ss", seed=1, days=10, warmup_days=28, households=False)
    m = result.metrics
    assert result.days == 10 and m["units_requested"] > 0
    assert m["revenue_paise"] > 0 and m["gross_margin_paise"] > 0
    assert 0.5 < m["fill_rate"] <= 1.0
