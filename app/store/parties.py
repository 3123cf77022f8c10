"""Customers (with their khata) and suppliers (with the products they sell)."""

from __future__ import annotations

from collections.abc import Iterator

from sqlite_utils import Database

from app.domain.records import Customer, KhataEntry, Supplier, SupplierProduct
from app.store.rows import fetch_all, fetch_one, scalar


def get_customer(db: Database, customer_id: int) -> Customer | None:
    return fetch_one(db, Customer, "SELECT * FROM customer WHERE id = ?", (customer_id,))


def customer_by_phone(db: Database, phone: str) -> Customer | None:
    return fetch_one(db, Customer, "SELECT * FROM customer WHERE phone = ?", (phone,))


def find_customers(db: Database, text: str = "", *, limit: int = 50) -> list[Customer]:
    like = f"%{text}%"
    return fetch_all(db, Customer, "SELECT * FROM customer WHERE active = 1 AND (name LIKE ? OR name_hi LIKE ?"
                     " OR phone LIKE ?) ORDER BY name LIMIT ?", (like, like, like, limit))


def debtors(db: Database, *, limit: int = 100) -> list[Customer]:
    """Customers who owe money, largest first."""
    return fetch_all(db, Customer, "SELECT * FROM customer WHERE khata_balance_paise > 0"
                     " ORDER BY khata_balance_paise DESC LIMIT ?", (limit,))


def khata_entries(db: Database, customer_id: int, *, limit: int = 200) -> list[KhataEntry]:
    return fetch_all(db, KhataEntry, "SELECT * FROM khata_entry WHERE customer_id = ? ORDER BY id DESC LIMIT ?",
                     (customer_id, limit))


def khata_ledger_sum(db: Database, customer_id: int) -> int:
    return scalar(db, "SELECT coalesce(sum(amount_paise), 0) FROM khata_entry WHERE customer_id = ?",
                  (customer_id,))


def khata_total(db: Database) -> int:
    return scalar(db, "SELECT coalesce(sum(khata_balance_paise), 0) FROM customer WHERE khata_balance_paise > 0")


def get_supplier(db: Database, supplier_id: int) -> Supplier | None:
    return fetch_one(db, Supplier, "SELECT * FROM supplier WHERE id = ?", (supplier_id,))


def suppliers(db: Database, *, include_inactive: bool = False) -> list[Supplier]:
    where = "" if include_inactive else "WHERE active = 1"
    return fetch_all(db, Supplier, f"SELECT * FROM supplier {where} ORDER BY name")


def supplier_product(db: Database, supplier_id: int, sku: str) -> SupplierProduct | None:
    return fetch_one(db, SupplierProduct, "SELECT * FROM supplier_product WHERE supplier_id = ? AND sku = ?",
                     (supplier_id, sku))


def supplier_products(db: Database, supplier_id: int) -> list[SupplierProduct]:
    return fetch_all(db, SupplierProduct, "SELECT * FROM supplier_product WHERE supplier_id = ? ORDER BY sku",
                     (supplier_id,))


def suppliers_of(db: Database, sku: str) -> list[SupplierProduct]:
    return fetch_all(db, SupplierProduct, "SELECT * FROM supplier_product WHERE sku = ?", (sku,))


def sold_dearer_elsewhere_cheaper(db: Database, supplier_id: int) -> set[str]:
    """The items ``supplier_id`` sells at a higher cost than some other active supplier of them (a supplier's own
    cost where it has one, else the item's)."""
    rows = db.execute(
        "SELECT sp.sku FROM supplier_product sp JOIN product p ON p.sku = sp.sku"
        " WHERE sp.supplier_id = ? AND coalesce(sp.cost_paise, p.cost_paise) > ("
        "  SELECT min(coalesce(o.cost_paise, p.cost_paise)) FROM supplier_product o"
        "  JOIN supplier s ON s.id = o.supplier_id"
        "  WHERE o.sku = sp.sku AND o.supplier_id != sp.supplier_id AND s.active = 1)", (supplier_id,)).fetchall()
    return {str(row[0]) for row in rows}


def supplier_links(db: Database) -> list[tuple]:
    """(sku, supplier id, cost or None, case size, moq, lead time or None) for active suppliers."""
    return db.execute(
        "SELECT sp.sku, sp.supplier_id, sp.cost_paise, sp.case_size_milli, sp.moq_milli, sp.lead_time_days"
        " FROM supplier_product sp JOIN supplier s ON s.id = sp.supplier_id WHERE s.active = 1").fetchall()


def supplier_exists(db: Database, supplier_id: int) -> bool:
    return db.execute("SELECT 1 FROM supplier WHERE id = ?", (supplier_id,)).fetchone() is not None


def insert_khata_entry(db: Database, *, customer_id: int, amount_paise: int, kind: str, order_id: int | None,
                       payment_id: int | None, note: str, at: str, actor: str) -> int:
    """Append a khata entry (its trigger keeps the customer's balance). Returns its id."""
    cursor = db.execute(
        "INSERT INTO khata_entry (customer_id, amount_paise, kind, order_id, payment_id, note, at, actor)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (customer_id, amount_paise, kind, order_id, payment_id, note, at, actor),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def khata_balance(db: Database, customer_id: int) -> int:
    """What the customer owes now (the customer must exist)."""
    return db.execute("SELECT khata_balance_paise FROM customer WHERE id = ?", (customer_id,)).fetchone()[0]


def customer_use_count(db: Database, customer_id: int) -> int:
    """Khata entries, payments and orders recorded for the customer, together."""
    return db.execute("SELECT (SELECT count(*) FROM khata_entry WHERE customer_id = ?)"
                      " + (SELECT count(*) FROM payment WHERE customer_id = ?)"
                      " + (SELECT count(*) FROM orders WHERE customer_id = ?)",
                      (customer_id, customer_id, customer_id)).fetchone()[0]


def link_supplier_product(db: Database, *, supplier_id: int, sku: str, supplier_code: str | None, cost_paise: int,
                          case_size_milli: int | None, moq_milli: int | None, lead_time_days: int | None) -> None:
    """What a supplier sells an item at (added, or its terms replaced)."""
    db.execute(
        "INSERT INTO supplier_product (supplier_id, sku, supplier_code, cost_paise, case_size_milli, moq_milli,"
        " lead_time_days) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(supplier_id, sku) DO UPDATE SET"
        " supplier_code = excluded.supplier_code, cost_paise = excluded.cost_paise,"
        " case_size_milli = excluded.case_size_milli, moq_milli = excluded.moq_milli,"
        " lead_time_days = excluded.lead_time_days",
        (supplier_id, sku, supplier_code, cost_paise, case_size_milli, moq_milli, lead_time_days))


def prefer_supplier_if_none(db: Database, supplier_id: int, sku: str) -> None:
    """The item's preferred supplier becomes this one unless it already has one."""
    db.execute("UPDATE product SET preferred_supplier_id = coalesce(preferred_supplier_id, ?) WHERE sku = ?",
               (supplier_id, sku))


def customers_signature(db: Database) -> tuple[int, str]:
    """(customers, the latest change to one): changes whenever a customer is added or edited."""
    return tuple(db.execute("SELECT count(*), coalesce(max(updated_at), '') FROM customer").fetchone())


def active_customer_rows(db: Database) -> Iterator[tuple]:
    """(id, name, name_hi, phone, address, gstin, state_code, credit_limit_paise, khata_balance_paise, notes, active,
    created_at, updated_at) of the first 20,000 active customers, oldest first (a cursor)."""
    return db.execute("SELECT id, name, name_hi, phone, address, gstin, state_code,"
                      " credit_limit_paise, khata_balance_paise, notes, active, created_at,"
                      " updated_at FROM customer WHERE active = 1 ORDER BY id LIMIT 20000")


def khata_mismatches(db: Database) -> list[tuple[int, int, int]]:
    """(customer, balance kept, sum of the khata ledger) where the two differ: never, unless the file was changed by
    hand."""
    return db.execute(
        "SELECT c.id, c.khata_balance_paise, coalesce(sum(k.amount_paise), 0) FROM customer c"
        " LEFT JOIN khata_entry k ON k.customer_id = c.id GROUP BY c.id"
        " HAVING c.khata_balance_paise != coalesce(sum(k.amount_paise), 0)").fetchall()
