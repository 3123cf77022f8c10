"""The migration machinery: a named set of migrations, and running a script inside one transaction.
(Imported through ``app.store.schema``; it lives in its own module so the set modules import it without
importing the package that lists them.)"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

__all__ = ["MigrationSet", "run_sql"]


class MigrationSet:
    """A named, ordered set of migrations (one sqlite-utils ``Migrations`` registry)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.registry = Migrations(name)
        self.names: list[str] = []

    def migration(self, fn: Callable[[Database], None]) -> Callable[[Database], None]:
        self.names.append(fn.__name__)
        return self.registry()(fn)


def run_sql(db: Database, script: str) -> None:
    """Execute several statements inside the current transaction.

    (``sqlite3.executescript`` would COMMIT first, breaking the migration's atomicity.)
    """
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete SQL statement: {statement[:80]!r}")
