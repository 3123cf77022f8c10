"""Bills at the counter that are not sold yet: open (being rung up) or held (put aside for later)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlite_utils import Database


@dataclass(frozen=True, slots=True, kw_only=True)
class DraftLine:
    sku: str
    qty_milli: int
    unit_price_paise: int | None = None  # None: the item's price when the bill is priced
    discount_paise: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class Draft:
    id: int
    status: str  # open | held
    label: str
    customer_id: int | None
    bill_discount_paise: int
    lines: tuple[DraftLine, ...]
    confirmed: bool  # the seller confirmed selling below cost on this bill
    created_at: str
    updated_at: str


def _lines_json(lines: tuple[DraftLine, ...] | list[DraftLine]) -> str:
    return json.dumps([[line.sku, line.qty_milli, line.unit_price_paise, line.discount_paise] for line in lines],
                      ensure_ascii=False, separators=(",", ":"))


def _draft(row: tuple) -> Draft:
    id_, status, label, customer_id, discount, lines_json, confirmed, created_at, updated_at = row
    lines = tuple(DraftLine(sku=sku, qty_milli=qty, unit_price_paise=price, discount_paise=disc)
                  for sku, qty, price, disc in json.loads(lines_json))
    return Draft(id=id_, status=status, label=label, customer_id=customer_id, bill_discount_paise=discount,
                 lines=lines, confirmed=bool(confirmed), created_at=created_at, updated_at=updated_at)


_COLUMNS = "id, status, label, customer_id, bill_discount_paise, lines_json, confirmed, created_at, updated_at"


def insert(db: Database, *, at: str, status: str = "open", label: str = "") -> int:
    return db.execute("INSERT INTO counter_bill (status, label, created_at, updated_at) VALUES (?, ?, ?, ?)",
                      (status, label, at, at)).lastrowid


def save(db: Database, bill_id: int, *, lines: tuple[DraftLine, ...] | list[DraftLine], customer_id: int | None,
         bill_discount_paise: int, confirmed: bool, at: str) -> bool:
    """Overwrite a bill's contents; False when the bill is gone (sold or discarded meanwhile)."""
    cursor = db.execute(
        "UPDATE counter_bill SET lines_json = ?, customer_id = ?, bill_discount_paise = ?, confirmed = ?,"
        " updated_at = ? WHERE id = ?",
        (_lines_json(lines), customer_id, bill_discount_paise, int(confirmed), at, bill_id))
    return cursor.rowcount == 1


def set_status(db: Database, bill_id: int, status: str, *, label: str | None, at: str) -> bool:
    cursor = db.execute("UPDATE counter_bill SET status = ?, label = coalesce(?, label), updated_at = ? WHERE id = ?",
                        (status, label, at, bill_id))
    return cursor.rowcount == 1


def delete(db: Database, bill_id: int) -> bool:
    return db.execute("DELETE FROM counter_bill WHERE id = ?", (bill_id,)).rowcount == 1


def get(db: Database, bill_id: int) -> Draft | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM counter_bill WHERE id = ?", (bill_id,)).fetchone()
    return None if row is None else _draft(row)


def list_bills(db: Database, status: str | None = None) -> list[Draft]:
    """Bills oldest first, all of them or those with ``status``."""
    if status is None:
        rows = db.execute(f"SELECT {_COLUMNS} FROM counter_bill ORDER BY id").fetchall()
    else:
        rows = db.execute(f"SELECT {_COLUMNS} FROM counter_bill WHERE status = ? ORDER BY id", (status,)).fetchall()
    return [_draft(row) for row in rows]
