"""Map query rows onto the domain's frozen records."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from functools import cache
from typing import Any, TypeVar

from sqlite_utils import Database

T = TypeVar("T")


@cache
def _fields(cls: type) -> tuple[frozenset[str], frozenset[str]]:
    """(field names, names of bool fields) for a record class."""
    fields = dataclasses.fields(cls)
    return (frozenset(f.name for f in fields),
            frozenset(f.name for f in fields if f.type in ("bool", bool)))


def to_record(cls: type[T], names: Sequence[str], row: Sequence[Any]) -> T:
    wanted, bools = _fields(cls)
    values = {}
    for name, value in zip(names, row, strict=True):
        if name in wanted:
            values[name] = bool(value) if name in bools else value
    return cls(**values)


def fetch_one(db: Database, cls: type[T], sql: str, params: Sequence[Any] | dict = ()) -> T | None:
    cursor = db.execute(sql, params)
    row = cursor.fetchone()
    if row is None:
        return None
    return to_record(cls, [d[0] for d in cursor.description], row)


def fetch_all(db: Database, cls: type[T], sql: str, params: Sequence[Any] | dict = ()) -> list[T]:
    cursor = db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [to_record(cls, names, row) for row in cursor.fetchall()]


def scalar(db: Database, sql: str, params: Sequence[Any] | dict = ()) -> Any:
    row = db.execute(sql, params).fetchone()
    return None if row is None else row[0]


def insert(db: Database, table: str, values: dict[str, Any]) -> int:
    """INSERT one row with exactly these columns; returns its rowid (cheaper than Table.insert)."""
    columns = ", ".join(values)
    marks = ", ".join("?" * len(values))
    return db.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(values.values())).lastrowid


def update(db: Database, table: str, key: str, key_value: Any, values: dict[str, Any]) -> int:
    """UPDATE one row by key; returns the number of rows changed."""
    assignments = ", ".join(f"{column} = ?" for column in values)
    cursor = db.execute(f"UPDATE {table} SET {assignments} WHERE {key} = ?", (*values.values(), key_value))
    return cursor.rowcount
