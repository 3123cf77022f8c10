"""Shared fixtures: a real shop in a temporary data folder, on a clock the test controls."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app import i18n
from app.domain.clock import ManualClock
from app.paths import DataDir
from app.services import catalog, shop
from app.services.context import ServiceContext
from app.session import Session, open_session

settings.register_profile("tavyonix", max_examples=100, deadline=None, print_blob=True)
settings.load_profile("tavyonix")

# 10:00 in the morning, IST, on a weekday of FY 2026-27 (GST 2.0 rates in force)
NOON_ISH = datetime(2026, 6, 15, 4, 30, tzinfo=UTC)
GSTIN = "27AAPFU0939F1ZV"


REPO_ROOT = Path(__file__).resolve().parents[1]
# what running the suite may leave at the top of the working tree (all in .gitignore)
_TOOL_LEFTOVERS = {".hypothesis", ".pytest_cache", ".mypy_cache", ".ruff_cache", "__pycache__", ".venv", "build",
                   "dist"}


@pytest.fixture(autouse=True)
def _nothing_written_into_the_working_tree() -> Iterator[None]:
    """A test writes its files under tmp_path. A path that slipped through as a relative one (a PDF named
    "False" once reached the repository from the labels dialog: ``pdf_file`` got the button's bool) lands in
    the working directory, the repository's root: fail the test that wrote it."""
    before = set(os.listdir(REPO_ROOT))
    yield
    new = {name for name in set(os.listdir(REPO_ROOT)) - before - _TOOL_LEFTOVERS if not name.endswith(".egg-info")}
    assert not new, f"the test wrote {sorted(new)} into the working tree; write under tmp_path"


@pytest.fixture(autouse=True)
def _the_language_comes_back() -> Iterator[None]:
    """The language is process-wide: a test that switches it (a CLI run with ``--lang hi``, a window told to speak
    Hindi) and does not switch it back would make every later test on the same worker read Hindi (eleven sync tests
    failed that way under ``-n 2`` once). Whatever a test did, the next one starts in the language this one began in."""
    before = i18n.language()
    yield
    if i18n.language() != before:
        i18n.set_language(before)


@pytest.fixture
def data(tmp_path) -> DataDir:
    return DataDir(tmp_path / "data").ensure()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(NOON_ISH)


@pytest.fixture
def session(data: DataDir, clock: ManualClock) -> Iterator[Session]:
    opened = open_session(data, "test", create=True, clock=clock)
    shop.create_shop(opened.ctx, name="Test Kirana", state_code="27", gstin=GSTIN, upi_id="test@okaxis",
                     address="12 Station Road", city="Pune")
    yield opened
    opened.close()


@pytest.fixture
def ctx(session: Session) -> ServiceContext:
    return session.ctx


@pytest.fixture
def make_product(ctx: ServiceContext) -> Callable[..., str]:
    """Add a product with sensible defaults; returns its code."""

    def make(sku: str = "SALT1", **overrides: Any) -> str:
        values: dict[str, Any] = {"name_en": f"Item {sku}", "price_paise": 2800, "mrp_paise": 3000,
                                  "cost_paise": 2400, "hsn_code": "1905", "opening_stock_milli": 50_000}
        values.update(overrides)
        catalog.create_product(ctx, sku=sku, **values)
        return sku

    return make


def table_snapshot(session: Session) -> dict[str, list]:
    """Every row of every table: to prove a refused operation wrote nothing."""
    db = session.store.db()
    names = [r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " AND name NOT LIKE 'product_fts%'")]
    return {name: db.execute(f"SELECT * FROM [{name}] ORDER BY 1").fetchall() for name in names}
