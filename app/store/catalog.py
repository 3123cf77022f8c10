"""Products and categories: look-ups by code, barcode and name (English, Hindi, romanised Hindi)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from sqlite_utils import Database

from app.domain.records import Category, Product
from app.store.rows import fetch_all, fetch_one

_PRODUCT = "SELECT * FROM product"
CANDIDATES = 200


def get(db: Database, sku: str) -> Product | None:
    return fetch_one(db, Product, f"{_PRODUCT} WHERE sku = ?", (sku,))


def get_many(db: Database, skus: list[str]) -> dict[str, Product]:
    if not skus:
        return {}
    marks = ",".join("?" * len(skus))
    return {p.sku: p for p in fetch_all(db, Product, f"{_PRODUCT} WHERE sku IN ({marks})", skus)}


def by_names_en(db: Database, names: list[str]) -> dict[str, Product]:
    """The items whose English name is one of ``names`` (as a bill line keeps it), by that name."""
    if not names:
        return {}
    marks = ",".join("?" * len(names))
    return {p.name_en: p for p in fetch_all(db, Product, f"{_PRODUCT} WHERE name_en IN ({marks})", names)}


def by_barcode(db: Database, barcode: str) -> Product | None:
    return fetch_one(db, Product, f"{_PRODUCT} WHERE barcode = ?", (barcode,))


def _fts_query(text: str) -> str | None:
    """Every word of the query must match the start of a word in the item's names, code or brand."""
    words = re.findall(r"\w+", text.lower())
    if not words:
        return None
    return " ".join(f'"{w}"*' for w in words)


def search(db: Database, text: str, *, limit: int = 20, include_inactive: bool = False) -> list[Product]:
    """Products whose words start with the typed words, best matches first.

    'aash at' finds 'Aashirvaad Atta'; 'चीनी' and 'chini' (a keyword) find sugar; a barcode or item
    code typed in full finds that item first.
    """
    query = _fts_query(text)
    if query is None:
        return []
    active = "" if include_inactive else "AND p.active = 1"
    exact = fetch_all(db, Product, f"{_PRODUCT} p WHERE (p.sku = ? OR p.barcode = ?) {active}",
                      (text.strip(), text.strip()))
    # Rank only the first CANDIDATES matches: a broad first keystroke ("t") would otherwise score every
    # product in a big catalog; each further keystroke narrows the matches until all of them are ranked.
    found = fetch_all(
        db, Product,
        f"SELECT p.* FROM (SELECT rowid AS id, bm25(product_fts, 2.0, 5.0, 5.0, 3.0, 1.0) AS score"
        f" FROM product_fts WHERE product_fts MATCH ? LIMIT {CANDIDATES}) f JOIN product p ON p.id = f.id"
        f" WHERE 1 {active} ORDER BY f.score, p.name_en LIMIT ?",
        (query, limit),
    )
    seen = {p.sku for p in exact}
    return (exact + [p for p in found if p.sku not in seen])[:limit]


def by_name_prefix(db: Database, prefix: str, *, limit: int = 20) -> list[Product]:
    """Products whose English or Hindi name starts with ``prefix`` (an index range scan)."""
    if not prefix:
        return []
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    # each branch walks its index in order and stops at the limit, whatever the catalog's size
    return fetch_all(
        db, Product,
        f"SELECT * FROM ({_PRODUCT} WHERE name_en >= ? AND name_en < ? AND active = 1 ORDER BY name_en LIMIT ?)"
        f" UNION SELECT * FROM ({_PRODUCT} WHERE name_hi >= ? AND name_hi < ? AND active = 1 ORDER BY name_hi"
        f" LIMIT ?) ORDER BY name_en LIMIT ?",
        (prefix, upper, limit, prefix, upper, limit, limit),
    )


def list_products(db: Database, *, category: str | None = None, include_inactive: bool = False,
                  limit: int = 1000, offset: int = 0) -> list[Product]:
    where = [] if include_inactive else ["active = 1"]
    params: list = []
    if category:
        where.append("category = ?")
        params.append(category)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    return fetch_all(db, Product, f"{_PRODUCT} {clause} ORDER BY name_en LIMIT ? OFFSET ?",
                     (*params, limit, offset))


def list_products_after(db: Database, after: tuple[str, int] | None = None, *, limit: int = 200) -> list[Product]:
    """Active products by name, the page after ``(name_en, id)`` of the last one shown.

    Keyset paging: page 500 of a 100,000-item catalog costs the same index walk as page 1
    (OFFSET would read and skip every earlier row)."""
    if after is None:
        return fetch_all(db, Product, f"{_PRODUCT} WHERE active = 1 ORDER BY name_en, id LIMIT ?", (limit,))
    return fetch_all(db, Product, f"{_PRODUCT} WHERE active = 1 AND (name_en, id) > (?, ?) ORDER BY name_en, id"
                     " LIMIT ?", (after[0], after[1], limit))


def count(db: Database) -> int:
    return db.execute("SELECT count(*) FROM product WHERE active = 1").fetchone()[0]


def get_category(db: Database, code: str) -> Category | None:
    return fetch_one(db, Category, "SELECT * FROM category WHERE code = ?", (code,))


def categories(db: Database) -> list[Category]:
    return fetch_all(db, Category, "SELECT * FROM category ORDER BY name_en")


def category_relatives(db: Database, code: str) -> list[str]:
    """The category's parent, its children and those sharing its parent in the shop's category tree, by code."""
    rows = db.execute("SELECT code FROM category WHERE code != ? AND (parent = ? OR code = (SELECT parent FROM"
                      " category WHERE code = ?) OR (parent IS NOT NULL AND parent = (SELECT parent FROM category"
                      " WHERE code = ?))) ORDER BY code", (code, code, code, code)).fetchall()
    return [str(r[0]) for r in rows]


def listed_channels(db: Database, sku: str) -> list[str]:
    """Enabled marketplace channels on which this product is actively listed."""
    return [r[0] for r in db.execute(
        "SELECT l.channel FROM channel_listing l JOIN channel c ON c.code = l.channel"
        " WHERE l.sku = ? AND l.status = 'active' AND c.enabled = 1 AND c.kind = 'marketplace'", (sku,))]


def catalog_rows(db: Database) -> list[tuple]:
    """(sku, category, cost, price, mrp or None, unit, shelf life days or None, preferred supplier, on hand,
    name) of every active item, by sku."""
    return db.execute(
        "SELECT p.sku, coalesce(p.category, ''), p.cost_paise, p.price_paise, p.mrp_paise, p.unit,"
        " p.shelf_life_days, p.preferred_supplier_id, coalesce(s.on_hand_milli, 0), p.name_en"
        " FROM product p LEFT JOIN stock s ON s.sku = p.sku WHERE p.active = 1 ORDER BY p.sku").fetchall()


def price_changed_on(db: Database, since_at: str) -> dict[str, str]:
    """{sku: last time its price changed} for changes since ``since_at``."""
    return dict(db.execute("SELECT sku, max(at) FROM price_history WHERE at >= ? GROUP BY sku", (since_at,)))


def import_keys(db: Database) -> tuple[list[str], list[str], list[str], list[tuple[str, str, str]]]:
    """What an item import checks its rows against: every sku, barcode and English name, and the categories
    (code, English name, Hindi name)."""
    return ([r[0] for r in db.execute("SELECT sku FROM product")],
            [r[0] for r in db.execute("SELECT barcode FROM product WHERE barcode IS NOT NULL")],
            [r[0] for r in db.execute("SELECT name_en FROM product")],
            list(category_names(db)))


def insert_items(db: Database, columns: tuple[str, ...], chunks: Iterable[list[tuple]], *, now: str, actor: str,
                 event_id: int | None) -> None:
    """Add new items, chunk by chunk: ``columns`` name each row's values (the product's columns plus
    ``stock_milli``, the opening stock). Each chunk is staged in a temporary table, then goes into the shop's
    tables with one INSERT ... SELECT each. The triggers still run for every row (the item search's FTS index,
    the stock balance), but inside one statement: row by row through ``executemany`` the FTS5 index did its
    per-statement work 100,000 times, and 100,000 rows took 7.1 s of CPU against 2.4 s this way
    (bench/ui/bench_item_import.py)."""
    conn = db.conn
    conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS item_import_rows ({', '.join(columns)})")
    try:
        for part in chunks:
            conn.execute("DELETE FROM temp.item_import_rows")
            conn.executemany(f"INSERT INTO temp.item_import_rows VALUES ({', '.join('?' * len(columns))})", part)
            conn.execute(
                "INSERT INTO product (sku, name_en, name_hi, barcode, hsn_code, gst_rate_bp, mrp_paise, cost_paise,"
                " price_paise, unit, category, brand, pack_size, reorder_point_milli, created_at, updated_at)"
                " SELECT sku, name_en, name_hi, barcode, hsn_code, gst_rate_bp, mrp_paise, cost_paise, price_paise,"
                " unit, category, brand, pack_size, reorder_point_milli, ?1, ?1 FROM temp.item_import_rows"
                " ORDER BY rowid", (now,))
            conn.execute("INSERT INTO stock (sku, on_hand_milli, updated_at)"
                         " SELECT sku, 0, ? FROM temp.item_import_rows ORDER BY rowid", (now,))
            conn.execute(
                "INSERT INTO price_history (sku, price_paise, mrp_paise, cost_paise, at, actor, event_id)"
                " SELECT sku, price_paise, mrp_paise, cost_paise, ?, ?, ? FROM temp.item_import_rows ORDER BY rowid",
                (now, actor, event_id))
            conn.execute(
                "INSERT INTO stock_move (sku, qty_milli, reason, source, source_ref, unit_cost_paise, at, actor,"
                " event_id) SELECT sku, stock_milli, 'opening', 'local', 'opening:' || sku, NULLIF(cost_paise, 0),"
                " ?, ?, ? FROM temp.item_import_rows WHERE stock_milli != 0 ORDER BY rowid", (now, actor, event_id))
    finally:
        conn.execute("DROP TABLE IF EXISTS temp.item_import_rows")


def sku_taken(db: Database, sku: str) -> str | None:
    """The item code already used that differs from ``sku`` at most in case, or None."""
    row = db.execute("SELECT sku FROM product WHERE sku = ? COLLATE NOCASE", (sku,)).fetchone()
    return None if row is None else row[0]


def add_price_history(db: Database, *, sku: str, price_paise: int, mrp_paise: int | None, cost_paise: int, at: str,
                      actor: str, event_id: int | None) -> None:
    db.execute("INSERT INTO price_history (sku, price_paise, mrp_paise, cost_paise, at, actor, event_id)"
               " VALUES (?, ?, ?, ?, ?, ?, ?)", (sku, price_paise, mrp_paise, cost_paise, at, actor, event_id))


def set_cost(db: Database, sku: str, cost_paise: int, at: str) -> None:
    db.execute("UPDATE product SET cost_paise = ?, updated_at = ? WHERE sku = ?", (cost_paise, at, sku))


def add_category(db: Database, *, code: str, name_en: str, name_hi: str, parent: str | None) -> None:
    """A category, unless one with the code is there already."""
    db.execute("INSERT OR IGNORE INTO category (code, name_en, name_hi, parent) VALUES (?, ?, ?, ?)",
               (code, name_en, name_hi, parent))


def active_signature(db: Database) -> tuple[int, int]:
    """(active items, the newest item's id): changes whenever an item is added or archived."""
    return tuple(db.execute("SELECT count(*), coalesce(max(id), 0) FROM product WHERE active = 1").fetchone())


def active_words(db: Database) -> Iterator[tuple[str, str, str | None, str | None, str | None]]:
    """(sku, English name, Hindi name, keywords, brand) of every active item, oldest first (a cursor)."""
    return db.execute("SELECT sku, name_en, name_hi, keywords, brand FROM product WHERE active = 1 ORDER BY id")


def category_names(db: Database) -> Iterator[tuple[str, str, str]]:
    """(code, English name, Hindi name) of every category (a cursor)."""
    return db.execute("SELECT code, name_en, name_hi FROM category")


def brands(db: Database) -> list[str]:
    """Every brand the catalog names."""
    return [row[0] for row in db.execute("SELECT DISTINCT brand FROM product WHERE brand != ''")]
