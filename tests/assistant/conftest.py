"""The evaluation shop (tests/assistant/shop.py) built once per test session through the services, then
copied (a plain file copy of the closed SQLite file) for each test or Hypothesis example; every copy gets
the real decision engine behind the assistant."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.assistant import Assistant
from app.commands.assistant import EngineHandle
from app.domain.clock import ManualClock
from app.services.context import ServiceContext
from app.store import Store

from .shop import Built, at, build, open_shop

logging.getLogger("app.ml.forecast._model").setLevel(logging.ERROR)


@dataclass
class Shop:
    path: Path
    store: Store
    ctx: ServiceContext
    clock: ManualClock
    assistant: Assistant
    built: Built

    def reopen(self) -> Shop:
        """Close and open the shop again, with a new assistant (as after a restart of the app)."""
        self.assistant.close()
        self.store.close()
        store, ctx, clock = open_shop(self.path, when=self.clock.now())
        return Shop(self.path, store, ctx, clock, Assistant(ctx, EngineHandle(ctx)), self.built)

    def close(self) -> None:
        self.assistant.close()
        self.store.close()

    def scalar(self, sql: str, params: tuple = ()):
        return self.store.db().execute(sql, params).fetchone()[0]


@pytest.fixture(scope="session")
def template(tmp_path_factory) -> tuple[Path, Built]:
    path = tmp_path_factory.mktemp("assistant-template") / "template.db"
    return path, build(path)


def open_copy(template: tuple[Path, Built], directory: Path) -> Shop:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "shop.db"
    shutil.copyfile(template[0], path)
    store, ctx, clock = open_shop(path)
    return Shop(path, store, ctx, clock, Assistant(ctx, EngineHandle(ctx)), template[1])


@pytest.fixture
def shop(template, tmp_path) -> Iterator[Shop]:
    opened = open_copy(template, tmp_path / "shop")
    yield opened
    opened.close()


@pytest.fixture
def fresh_shop(template, tmp_path_factory) -> Callable[[], Shop]:
    """For Hypothesis: a new copy per example (the caller closes it)."""
    counter = [0]

    def make() -> Shop:
        counter[0] += 1
        return open_copy(template, tmp_path_factory.mktemp(f"example{counter[0]}"))

    return make


__all__ = ["Shop", "at"]
