"""Every released schema upgrades to the newest one with its data intact."""

import json
import shutil
from pathlib import Path

import pytest

from app.store import open_store
from app.store.backup import list_backups
from app.store.schema.core import NAMES, migrations
from app.store.stock import mismatches

OLD_DBS = sorted((Path(__file__).parent.parent / "fixtures" / "old_dbs").glob("*.db"))


def test_there_is_a_fixture_for_the_first_release():
    assert OLD_DBS, "tests/fixtures/old_dbs must keep a database from every released schema"


@pytest.mark.parametrize("fixture", OLD_DBS, ids=lambda p: p.stem)
def test_old_database_upgrades_with_its_data(fixture, tmp_path):
    manifest = json.loads(fixture.with_suffix(".json").read_text(encoding="utf-8"))
    path = tmp_path / "shop.db"
    shutil.copyfile(fixture, path)
    store = open_store(path, backup_dir=tmp_path / "backups")
    db = store.db()
    assert [m.name for m in migrations.applied(db)] == NAMES
    assert store.integrity_check() == []
    assert db.execute("SELECT count(*) FROM product").fetchone()[0] == manifest["products"]
    assert db.execute("SELECT count(*) FROM orders").fetchone()[0] == manifest["orders"]
    assert db.execute("SELECT count(*) FROM event").fetchone()[0] >= manifest["events"]
    assert dict(db.execute("SELECT sku, on_hand_milli FROM stock").fetchall()) == manifest["stock"]
    for customer, balance in manifest["khata"].items():
        assert db.execute("SELECT khata_balance_paise FROM customer WHERE id = ?", (int(customer),)).fetchone()[0] \
            == balance
    assert [r[0] for r in db.execute("SELECT invoice_no FROM orders ORDER BY id")] == manifest["invoices"]
    assert mismatches(db) == []
    if manifest["schema"] != NAMES[-1]:
        assert [b.kind for b in list_backups(tmp_path / "backups")] == ["pre-migration"]
    store.close()


def test_pending_migrations_apply_after_a_backup(tmp_path):
    """A shop created by an older version (simulated by stopping before the later migrations)."""
    from sqlite_utils import Database

    path = tmp_path / "shop.db"
    conn = Database(path)
    migrations.apply(conn, stop_before=NAMES[4])
    conn.execute("INSERT INTO settings VALUES ('kept', '\"yes\"', 'then')")
    conn.conn.commit()
    conn.close()
    store = open_store(path, backup_dir=tmp_path / "backups")
    db = store.db()
    assert [m.name for m in migrations.applied(db)] == NAMES
    assert db.execute("SELECT value_json FROM settings WHERE key = 'kept'").fetchone()[0] == '"yes"'
    backups = list_backups(tmp_path / "backups")
    assert [b.kind for b in backups] == ["pre-migration"]
    old = Database(backups[0].path)
    assert "orders" not in old.table_names()  # the copy is from before the upgrade
    old.close()
    store.close()


def test_a_failing_migration_leaves_the_shop_as_it_was(tmp_path, monkeypatch):
    from sqlite_utils import Database

    path = tmp_path / "shop.db"
    conn = Database(path)
    migrations.apply(conn, stop_before=NAMES[-1])
    schema_before = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    conn.close()
    last = migrations._migrations[-1]
    original = last.fn

    def broken(db):
        original(db)
        raise RuntimeError("power cut half-way through the migration")

    monkeypatch.setattr(last, "fn", broken)
    with pytest.raises(RuntimeError):
        open_store(path)
    monkeypatch.setattr(last, "fn", original)
    db = Database(path)
    assert db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall() == schema_before
    assert NAMES[-1] not in [m.name for m in migrations.applied(db)]
    db.close()
    open_store(path).close()  # and the next start applies it cleanly


def test_an_area_migration_set_applies_after_the_core_and_is_known_afterwards(tmp_path, monkeypatch):
    import app.store as store_pkg
    from app.errors import SchemaTooNew
    from app.store.schema import MigrationSet
    from app.store.schema.core import CORE

    extra = MigrationSet("future_area")

    @extra.migration
    def m0001_future_table(db):
        db.execute("CREATE TABLE future_table (key TEXT PRIMARY KEY, value TEXT) STRICT")

    path = tmp_path / "shop.db"
    open_store(path, create=True).close()
    areas = [s for s in store_pkg.migration_sets() if s is not CORE]  # the areas this version already has
    monkeypatch.setattr(store_pkg, "migration_sets", lambda: [CORE, *areas, extra])
    store = open_store(path, backup_dir=tmp_path / "b")
    assert "future_table" in store.db().table_names()
    store.close()
    monkeypatch.setattr(store_pkg, "migration_sets", lambda: [CORE, *areas])  # an older TAVYONIX without it
    with pytest.raises(SchemaTooNew):
        open_store(path)
