"""Reads and writes of an item's listing and photos (the ``product_listing`` set)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

__all__ = ["FILLABLE", "SavedListing", "fill_details", "get_listing", "image_count", "replace_listing"]

FILLABLE = frozenset({"brand", "hsn_code", "gst_rate_bp", "pack_size"})


@dataclass(frozen=True)
class SavedListing:
    sku: str
    title_en: str
    title_hi: str
    description_en: str
    description_hi: str
    specifications: dict[str, str]
    tags: list[str]
    net_quantity: str
    images: int


def replace_listing(db: Database, sku: str, values: dict[str, Any], images: list[tuple[str, int, int, bytes]],
                    at: str, actor: str) -> None:
    """Write the listing of ``sku`` and its photos (role, width, height, JPEG), replacing what was there.
    Call inside the caller's write transaction."""
    db.execute(
        "INSERT INTO product_listing (sku, title_en, title_hi, description_en, description_hi, specifications_json,"
        " tags_json, net_quantity, saved_at, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(sku) DO UPDATE"
        " SET title_en = excluded.title_en, title_hi = excluded.title_hi, description_en = excluded.description_en,"
        " description_hi = excluded.description_hi, specifications_json = excluded.specifications_json,"
        " tags_json = excluded.tags_json, net_quantity = excluded.net_quantity, saved_at = excluded.saved_at,"
        " actor = excluded.actor",
        (sku, values["title_en"], values["title_hi"], values["description_en"], values["description_hi"],
         json.dumps(values["specifications"], ensure_ascii=False, sort_keys=True),
         json.dumps(values["tags"], ensure_ascii=False), values["net_quantity"], at, actor))
    db.execute("DELETE FROM product_image WHERE sku = ?", (sku,))
    db.conn.executemany("INSERT INTO product_image (sku, position, role, width, height, jpeg, saved_at)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [(sku, n, role, w, h, jpeg, at) for n, (role, w, h, jpeg) in enumerate(images)])


def fill_details(db: Database, sku: str, values: dict[str, Any], at: str) -> None:
    """Set the item's details a listing filled in (only the :data:`FILLABLE` ones)."""
    values = {k: v for k, v in values.items() if k in FILLABLE}
    if values:
        sets = ", ".join(f"{name} = ?" for name in sorted(values))
        db.execute(f"UPDATE product SET {sets}, updated_at = ? WHERE sku = ?",
                   (*(values[k] for k in sorted(values)), at, sku))


def image_count(db: Database, sku: str) -> int:
    return db.execute("SELECT count(*) FROM product_image WHERE sku = ?", (sku,)).fetchone()[0]


def get_listing(db: Database, sku: str) -> SavedListing | None:
    row = db.execute("SELECT title_en, title_hi, description_en, description_hi, specifications_json, tags_json,"
                     " net_quantity FROM product_listing WHERE sku = ?", (sku,)).fetchone()
    if row is None:
        return None
    return SavedListing(sku, row[0], row[1], row[2], row[3], json.loads(row[4]), json.loads(row[5]), row[6],
                        image_count(db, sku))
