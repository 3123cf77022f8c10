"""One short demo build (45 days around Diwali 2025 and the GST change of 22 Sep 2025), shared by the
tests of this folder; each test opens the finished file itself."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from app.paths import DataDir
from app.session import Session, open_session
from app.sim.history.build import build
from app.sim.history.simulate import Report

END = date(2025, 10, 25)  # history 10 Sep .. 24 Oct 2025: GST 2.0 on 22 Sep, Navratri, Dussehra, Diwali 20 Oct
DAYS = 45
SEED = 7


@dataclass
class Built:
    data: DataDir
    path: Path
    report: Report
    progress: list[tuple[float, str]]
    end: date = END
    days: int = DAYS


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Built:
    data = DataDir(tmp_path_factory.mktemp("demo") / "data")
    seen: list[tuple[float, str]] = []
    path, report = build(data, seed=SEED, days=DAYS, end=END, progress=lambda f, m: seen.append((f, m)))
    return Built(data, path, report, seen)


@pytest.fixture
def demo(built: Built) -> Iterator[Session]:
    """The built demo shop, opened the way the app opens it (checked, migrated, locked)."""
    session = open_session(built.data, "demo")
    yield session
    session.close()
