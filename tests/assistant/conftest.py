"""The evaluation shop (tests/assistant/shop.py) built once per test session through the services, then
copied (a plain file copy of the closed SQLite file) for each test or Hypothesis example; every copy gets
the real decision engine behind the assistant."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from shops import Copies, copy_shop

from app.assistant import Assistant
from app.assistant.catalog_index import CatalogIndex
from app.domain.clock import ManualClock
from app.services.context import ServiceContext
from app.store import Store
from app.wiring import LazyEngine

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
        return Shop(self.path, store, ctx, clock, Assistant(ctx, LazyEngine(ctx)), self.built)

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
    path = copy_shop(template[0], directory)
    store, ctx, clock = open_shop(path)
    return Shop(path, store, ctx, clock, Assistant(ctx, LazyEngine(ctx)), template[1])


@pytest.fixture(scope="module")
def index(template, tmp_path_factory) -> Iterator[CatalogIndex]:
    """The evaluation shop's catalog index, built once per test module, for tests that only read messages."""
    opened = open_copy(template, tmp_path_factory.mktemp("index"))
    try:
        yield CatalogIndex(opened.store).ensure()
    finally:
        opened.close()


@pytest.fixture
def shop(template, tmp_path) -> Iterator[Shop]:
    opened = open_copy(template, tmp_path / "shop")
    yield opened
    opened.close()


@pytest.fixture
def fresh_shop(template, tmp_path_factory) -> Callable[[], Shop]:
    """For Hypothesis: a new copy per example (the caller closes it)."""
    return Copies(lambda folder: open_copy(template, folder), tmp_path_factory.mktemp)


__all__ = ["Shop", "at"]
