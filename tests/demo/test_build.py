"""Building the demo shop: the same seed gives the same shop, a build is all or nothing, and an existing
shop is never silently replaced."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from app.errors import Duplicate, InputError, ShopInUse
from app.paths import DataDir
from app.session import open_session
from app.sim.history import build_demo_shop
from app.store.lock import InstanceLock

HERE = Path(__file__).resolve().parent
SHORT_END, SHORT_DAYS = date(2025, 3, 20), 20  # Holi (14 Mar) and Eid shopping fall inside


def _summary_module():
    spec = importlib.util.spec_from_file_location("demo_summary", HERE / "demo_summary.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


summarise = _summary_module().summarise


def leftovers(data: DataDir) -> list[str]:
    return sorted(p.name for p in data.root.iterdir() if p.name.startswith(".building"))


def test_the_api_the_app_calls_returns_the_shop_file(built):
    assert built.path == built.data.shop_db("demo") and built.path.is_file()
    assert not Path(f"{built.path}-wal").exists() or Path(f"{built.path}-wal").stat().st_size == 0
    assert leftovers(built.data) == []
    session = open_session(built.data, "demo")  # opens like any shop: checked, migrated, locked
    session.close()


def test_progress_runs_from_0_to_1_with_messages(built):
    fractions = [f for f, _m in built.progress]
    assert fractions[0] == 0.0 and fractions[-1] == 1.0
    assert fractions == sorted(fractions) and len(fractions) >= 8
    assert all(isinstance(m, str) and m for _f, m in built.progress)


@pytest.mark.slow
def test_same_seed_same_shop(tmp_path, built):
    again = build_demo_shop(DataDir(tmp_path / "again"), seed=7, days=built.days, end=built.end)
    assert summarise(again) == summarise(built.path)


@pytest.mark.slow
def test_other_seed_other_shop_and_no_dependence_on_string_hashing(tmp_path):
    """Another process with another PYTHONHASHSEED orders sets of strings differently: same shop anyway."""
    here = summarise(build_demo_shop(DataDir(tmp_path / "here"), seed=3, days=SHORT_DAYS, end=SHORT_END))
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, str(HERE / "demo_summary.py"), str(tmp_path / "there"), "3",
                          str(SHORT_DAYS), SHORT_END.isoformat()], env=env, capture_output=True, text=True,
                         check=True, timeout=300)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == json.loads(json.dumps(here))
    other = summarise(build_demo_shop(DataDir(tmp_path / "other"), seed=4, days=SHORT_DAYS, end=SHORT_END))
    assert other["orders"] != here["orders"] and other["revenue_paise"] != here["revenue_paise"]
    assert other["products"][0] == here["products"][0]  # the same shelf, priced and stocked differently


def test_an_existing_shop_is_refused_unless_forced_and_then_kept_aside(tmp_path):
    data = DataDir(tmp_path / "data")
    first = build_demo_shop(data, seed=1, days=3, end=SHORT_END)
    before = summarise(first)
    with pytest.raises(Duplicate) as refused:
        build_demo_shop(data, seed=2, days=3, end=SHORT_END)
    assert "demo" in str(refused.value)
    assert summarise(first) == before and leftovers(data) == []
    again = build_demo_shop(data, seed=2, days=3, end=SHORT_END, force=True)
    assert again == first and summarise(again) != before
    aside = [p for p in data.shops.iterdir() if re.fullmatch(r"demo\.db\.replaced-\d{8}-\d{6}(-\d+)*", p.name)]
    assert len(aside) == 1 and summarise(aside[0]) == before  # the old shop is moved aside, never deleted


def test_a_shop_open_in_another_window_is_not_replaced(tmp_path):
    data = DataDir(tmp_path / "data")
    path = build_demo_shop(data, seed=1, days=2, end=SHORT_END)
    before = summarise(path)
    lock = InstanceLock(path).acquire()
    try:
        with pytest.raises(ShopInUse):
            build_demo_shop(data, seed=2, days=2, end=SHORT_END, force=True)
    finally:
        lock.release()
    assert summarise(path) == before and leftovers(data) == []
    assert [p.name for p in data.shops.glob("demo.db.replaced-*")] == []


def test_an_interrupted_build_leaves_no_shop_behind(tmp_path):
    data = DataDir(tmp_path / "data")

    class Stop(Exception):
        pass

    def progress(fraction: float, message: str) -> None:
        if fraction > 0.5:
            raise Stop(message)

    with pytest.raises(Stop):
        build_demo_shop(data, days=10, end=SHORT_END, progress=progress)
    assert not data.shop_db("demo").exists() and data.list_shops() == [] and leftovers(data) == []
    built = build_demo_shop(data, days=2, end=SHORT_END)  # and the next build starts clean
    assert built.exists()


@pytest.mark.parametrize(("kwargs", "words"), [
    ({"scale": "huge"}, "demo size"),
    ({"days": 0}, "1 to"),
    ({"days": 100_000}, "1 to"),
    ({"shop": "My Shop"}, "shop name"),
])
def test_bad_requests_get_a_clear_message_and_write_nothing(tmp_path, kwargs, words):
    data = DataDir(tmp_path / "data")
    with pytest.raises(InputError) as refused:
        build_demo_shop(data, end=SHORT_END, **kwargs)
    assert words in str(refused.value)
    assert not data.root.exists() or (data.list_shops() == [] and leftovers(data) == [])


def test_a_named_demo_shop_lives_beside_the_others(tmp_path):
    data = DataDir(tmp_path / "data")
    path = build_demo_shop(data, "training", seed=5, days=2, end=SHORT_END)
    assert path == data.shop_db("training") and data.list_shops() == ["training"]
