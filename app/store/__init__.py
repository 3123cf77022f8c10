"""The store: the shop's single SQLite file, its schema and its backups.

Open a shop with :func:`open_store`; it refuses a second app instance, checks the file, refuses a
file from a newer TAVYONIX, backs up before upgrading and applies pending migrations.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from app.errors import SchemaTooNew, ShopNotFound
from app.i18n import _
from app.log import private
from app.store.backup import make_backup
from app.store.db import Store, damaged, disk_full, disk_full_error
from app.store.lock import InstanceLock, ShopHold
from app.store.schema import migration_sets

log = logging.getLogger(__name__)

__all__ = ["Store", "open_store", "schema_version"]


def _applied(db) -> list[tuple[str, str]]:
    """(set, migration) pairs recorded in the file."""
    if "_sqlite_migrations" not in db.table_names():
        return []
    return [(r[0], r[1]) for r in db.execute("SELECT migration_set, name FROM _sqlite_migrations ORDER BY rowid")]


def schema_version() -> str:
    """The newest migration of every set this version knows, e.g. 'm0008_channels_and_outbox'."""
    return "+".join(s.names[-1] for s in migration_sets() if s.names)


def refuse_empty_over_kept(path: Path, *, create: bool) -> None:
    """No shop file: never start an empty one where a previous file of this shop is kept aside."""
    from app.store.backup import kept_aside

    kept = kept_aside(path)
    if kept:
        raise ShopNotFound(
            _("The shop file {path} is missing, but its previous file is kept at {kept}.").format(
                path=path, kept=kept[0][0]),
            hint=_("Restore that file (restore \"{kept}\") instead of starting an empty shop.").format(
                kept=kept[0][0]))
    if not create:
        raise ShopNotFound(_("There is no shop at {path}.").format(path=path),
                           hint=_("Create it first, or restore it from a backup."))


def open_store(path: Path, *, create: bool = False, exclusive: bool = True,
               backup_dir: Path | None = None, keep_backups: int = 14) -> Store:
    """Open (or, with ``create``, start) the shop at ``path``, checked and migrated.

    ``exclusive`` takes the one-instance lock (the desktop app does; short CLI commands that only
    read or make single writes do not). A file that fails its check raises ``DatabaseDamaged``;
    a missing file raises ``ShopNotFound`` unless ``create`` is given: never a silent empty shop.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # known to restore from here on: it waits for us, and we wait for a restore in progress
    hold = ShopHold(path).acquire()
    try:
        existed = path.exists() and path.stat().st_size > 0
        if not existed:
            refuse_empty_over_kept(path, create=create)
        lock = InstanceLock(path).acquire() if exclusive else None
    except BaseException:
        hold.release()
        raise
    if not existed:
        sqlite3.connect(str(path)).close()
    private(path)  # SQLite gives its -wal and -shm files the same permissions
    store = Store(path, lock=lock, hold=hold)
    try:
        try:
            db = store.db()
            if existed:
                problems = store.opening_check()
                if problems and disk_full(sqlite3.OperationalError("; ".join(problems)), path.parent):
                    raise disk_full_error()
                if problems:
                    raise damaged(path, "; ".join(problems[:5]))
            with store.maintenance() as mdb:
                mdb.execute("PRAGMA journal_mode=WAL")
            applied = _applied(db)
        except sqlite3.DatabaseError as exc:
            if disk_full(exc, path.parent):  # not damage: never push the seller into a needless restore
                raise disk_full_error() from exc
            raise damaged(path, str(exc)) from exc
        sets = migration_sets()
        known = {(s.name, name) for s in sets for name in s.names}
        if set(applied) - known:
            raise SchemaTooNew(_("This shop was saved by a newer TAVYONIX and cannot be opened here."),
                               hint=_("Install the newer version of TAVYONIX on this PC."))
        pending = [(s, m) for s in sets for m in s.registry.pending(db)]
        if pending:
            # never change the schema under another running instance
            upgrade_lock = InstanceLock(path).acquire() if lock is None else None
            try:
                if applied and backup_dir is not None:
                    make_backup(path, backup_dir, kind="pre-migration", keep=keep_backups)
                log.info("applying migrations: %s", ", ".join(f"{s.name}/{m.name}" for s, m in pending))
                with store.maintenance() as mdb:
                    for schema in sets:
                        schema.registry.apply(mdb)
            finally:
                if upgrade_lock is not None:
                    upgrade_lock.release()
        return store
    except BaseException:
        store.close()
        raise
