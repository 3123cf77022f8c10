"""Building test shops, shared by every folder of tests: each builder makes a real SQLite shop through the
services once, and tests get plain file copies of it (milliseconds each, so every test or Hypothesis
example starts from the same books).

- :func:`at`: a time of day in IST on a given day, as the UTC datetime the services take.
- :func:`open_shop_file`: open (or create) a shop file for a builder or a test, on a clock the test sets.
- :func:`copy_shop` and :class:`Copies`: a fresh copy of a built template, for one test or per example.

Builders of particular shops: ``tests/agents/conftest.py`` (four weeks of sales for the agents),
``tests/assistant/shop.py`` (the assistant's evaluation shop, also used by bench/ and tools/),
``tests/ui/ui_sample_shop.py`` (the UI's sample shop, also used for the screenshots) and
``tests/demo/conftest.py`` (one short demo history); ``tests/conftest.py`` has the empty ``session``.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Generic, TypeVar

from app.domain.clock import IST, ManualClock
from app.events import EventBus
from app.services.context import Origin, ServiceContext
from app.store import Store, open_store

SELLER = Origin(actor="seller")
T = TypeVar("T")


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    """``hour:minute`` in India on ``day``, as a UTC datetime."""
    return datetime.combine(day, time(hour, minute), tzinfo=IST).astimezone(UTC)


def open_shop_file(path: Path, when: datetime, *, create: bool = False) -> tuple[Store, ServiceContext, ManualClock]:
    """The shop file at ``path`` with its services on a clock at ``when``; not locked, and without fsync
    (a test's file does not need to survive a power cut; building templates is ten times faster)."""
    store = open_store(path, create=create, exclusive=False)
    store.db().conn.execute("PRAGMA synchronous=OFF")
    clock = ManualClock(when)
    return store, ServiceContext(store, EventBus(), clock), clock


def copy_shop(template: Path, directory: Path) -> Path:
    """A copy of the closed shop file ``template`` as ``directory/shop.db``."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "shop.db"
    shutil.copyfile(template, path)
    return path


class Copies(Generic[T]):
    """For Hypothesis: call it for a new copy per example, each in its own folder (the caller closes it)."""

    def __init__(self, open_copy: Callable[[Path], T], new_folder: Callable[[str], Path]) -> None:
        self.open_copy, self.new_folder, self.count = open_copy, new_folder, 0

    def __call__(self) -> T:
        self.count += 1
        return self.open_copy(self.new_folder(f"example{self.count}"))
