"""The shop's SQLite file: one connection per thread, and one way to write.

- WAL journal, ``synchronous=FULL`` (a committed sale survives a power cut), foreign keys on,
  a 5 s busy timeout.
- Every write goes through :meth:`Store.write`: a process-wide lock plus ``BEGIN IMMEDIATE``, so a
  read-then-write can never fail half-way with "database is locked". Outside a write block each
  connection is ``query_only``: code that tries to write elsewhere fails loudly in tests.
- Nested ``write()`` blocks on the same thread join the outer transaction through a savepoint, so
  services compose; callbacks registered with :meth:`Store.after_commit` run once the outermost
  block has committed (the event bus publishes there).
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from app.errors import DatabaseDamaged, DiskFull, ShopNotFound, ShopReplaced
from app.i18n import _
from app.store.lock import InstanceLock, ShopHold

log = logging.getLogger(__name__)

BUSY_TIMEOUT_S = 5.0
# Files up to this size are fully checked before opening (well under a second); larger ones are checked
# table by table for what start-up needs, and in full in the background just after.
FULL_CHECK_MAX_BYTES = 32 * 1024 * 1024
CACHE_KIB = -8192  # 8 MiB of page cache per connection (negative = KiB): big catalogs stay warm
CHECKPOINT_EVERY_S = 2.0
CORE_TABLES = ("_sqlite_migrations", "shop", "settings", "gst_rate", "doc_series", "financial_year", "stock",
               "product", "customer", "supplier", "channel", "counter_bill")

_process_locks: dict[str, threading.RLock] = {}
_process_locks_guard = threading.Lock()


def _write_lock_for(path: Path) -> threading.RLock:
    """One lock per database file for the whole process, however many Store objects open it."""
    key = str(path.resolve())
    with _process_locks_guard:
        return _process_locks.setdefault(key, threading.RLock())


def connect(path: Path, *, autocheckpoint: bool = True) -> sqlite3.Connection:
    """A connection with the shop's pragmas, read-only until a write block opens."""
    # check_same_thread=False only so that close() may run on any thread (restoring a backup on Windows
    # needs every handle closed); each connection is still used by the one thread that opened it.
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
    conn.execute(f"PRAGMA cache_size={CACHE_KIB}")
    if not autocheckpoint:
        conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("PRAGMA query_only=ON")
    return conn



class StoreClosed(RuntimeError):
    """A read or write after the shop was closed: work that outlived its window or session (a late
    background refresh), never a user's mistake."""

class _ThreadState(threading.local):
    db: Database | None = None
    depth: int = 0
    callbacks: list[Callable[[], None]]

    def __init__(self) -> None:
        self.callbacks = []


class Store:
    """One open shop. Create with :func:`app.store.open_store`, which also checks and migrates it."""

    def __init__(self, path: Path, *, lock: InstanceLock | None = None, hold: ShopHold | None = None) -> None:
        self.path = Path(path)
        self._hold = hold
        self._identity = file_identity(self.path)
        self._local = _ThreadState()
        self._write_lock = _write_lock_for(self.path)
        self._instance_lock = lock
        self._all: list[sqlite3.Connection] = []
        self._by_thread: dict[int, Database] = {}  # each OS thread's connection (see db())
        self._all_guard = threading.Lock()
        self.closed = False
        self.full_check_pending = False
        self._checkpointer: _Checkpointer | None = None

    # --- connections -------------------------------------------------------------------------
    def db(self) -> Database:
        """This thread's connection (sqlite-utils ``Database``); SQLite connections are thread-bound."""
        db = self._local.db
        if db is None:
            if self.closed:
                raise StoreClosed("store is closed")
            # A thread Python did not start (Qt's thread pool) gets a fresh Python thread state for each task,
            # and with it an empty threading.local: without this map every background task opened one more
            # connection, never closed (in the window, 13 for each barcode scanned, 50 MB a bill). Keyed by the
            # OS thread, the connection is found again; a thread that ended leaves its id to the next one, which
            # takes its connection over (one thread at a time, as before).
            ident = threading.get_ident()
            with self._all_guard:
                db = self._by_thread.get(ident)
            if db is None:
                if not self.path.exists():
                    raise ShopNotFound(_("The shop file {path} is missing.").format(path=self.path))
                conn = connect(self.path, autocheckpoint=self._checkpointer is None)
                db = Database(conn, recursive_triggers=False, execute_plugins=False)
                with self._all_guard:
                    self._all.append(conn)
                    self._by_thread[ident] = db
            self._local.db = db
        return db

    def execute(self, sql: str, params: tuple | dict = ()) -> sqlite3.Cursor:
        return self.db().execute(sql, params)

    # --- transactions ------------------------------------------------------------------------
    @property
    def in_write(self) -> bool:
        return self._local.depth > 0

    @contextmanager
    def write(self) -> Iterator[Database]:
        """The only way to write: one writer at a time, one transaction per outermost block."""
        state = self._local
        db = self.db()
        if state.depth:
            with db.atomic():  # a savepoint inside the outer transaction
                state.depth += 1
                try:
                    yield db
                finally:
                    state.depth -= 1
            return
        conn = db.conn
        with self._write_lock, _disk_full_said(self.path):
            conn.execute("PRAGMA query_only=OFF")
            try:
                conn.execute("BEGIN IMMEDIATE")
                self._check_still_the_shop(conn)
                state.depth, state.callbacks = 1, []
                try:
                    yield db
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    state.callbacks = []
                    raise
                try:
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    state.callbacks = []
                    raise
            finally:
                state.depth = 0
                conn.execute("PRAGMA query_only=ON")
        callbacks, state.callbacks = state.callbacks, []
        for callback in callbacks:
            try:
                callback()
            except Exception:
                log.exception("after-commit callback failed")

    def _check_still_the_shop(self, conn: sqlite3.Connection) -> None:
        """Never write into a file that a restore has replaced (it would be kept aside, unseen).

        Restores wait for every process holding the shop, so this only trips when something opened the
        file without :func:`app.store.open_store`; it costs one ``stat`` per write.
        """
        if self._identity is None:
            return
        now = file_identity(self.path)
        if now != self._identity:
            conn.execute("ROLLBACK")
            raise ShopReplaced(_("The shop's file was replaced (a backup was restored) while this program had "
                                 "it open; nothing was saved."),
                               hint=_("Close this window or command and open the shop again."))

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once the current write block commits (now, if there is none)."""
        if self._local.depth:
            self._local.callbacks.append(callback)
        else:
            callback()

    @contextmanager
    def read(self) -> Iterator[Database]:
        """A consistent snapshot for several reads (a report that must add up)."""
        db = self.db()
        if db.conn.in_transaction:
            yield db
            return
        db.conn.execute("BEGIN")
        try:
            yield db
        finally:
            db.conn.execute("COMMIT")

    @contextmanager
    def maintenance(self) -> Iterator[Database]:
        """Writable, outside any transaction, under the write lock (migrations, checkpoints)."""
        db = self.db()
        with self._write_lock:
            db.conn.execute("PRAGMA query_only=OFF")
            try:
                yield db
            finally:
                if db.conn.in_transaction:
                    db.conn.execute("ROLLBACK")
                db.conn.execute("PRAGMA query_only=ON")

    # --- checks ------------------------------------------------------------------------------
    def opening_check(self) -> list[str]:
        """The check made before a shop opens.

        A small file gets a full ``quick_check``. A large one (years of history) would keep the counter
        waiting for many seconds after a power cut, so it gets ``quick_check`` of the tables every start
        depends on, and ``full_check_pending`` tells housekeeping to run the full check in the background.
        """
        conn = self.db().conn
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # reads the header and schema
        if self.path.stat().st_size <= FULL_CHECK_MAX_BYTES:
            self.full_check_pending = False
            return check_file(conn, full=False)
        self.full_check_pending = True
        problems: list[str] = []
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        try:
            for table in CORE_TABLES:
                if table in tables:
                    problems += [r[0] for r in conn.execute(f"PRAGMA quick_check({table})") if r[0] != "ok"]
        except sqlite3.DatabaseError as exc:
            problems.append(str(exc))
        return problems

    def quick_check(self) -> list[str]:
        """Problems found by ``PRAGMA quick_check`` (empty when the file is healthy)."""
        return check_file(self.db().conn, full=False)

    def integrity_check(self) -> list[str]:
        return check_file(self.db().conn, full=True)

    # --- life cycle --------------------------------------------------------------------------
    def start_checkpointer(self, interval_s: float = CHECKPOINT_EVERY_S) -> None:
        """Move WAL checkpoints off the counter's path (the desktop app calls this).

        By default SQLite checkpoints inside whichever commit pushes the WAL past 1000 pages, so one
        sale in fifty would also copy the WAL into the main file and fsync it. With the checkpointer a
        thread of its own does that every ``interval_s`` (PASSIVE: it never blocks a writer or reader),
        and the shop's connections stop checkpointing on commit.
        """
        if self._checkpointer is not None:
            return
        self._checkpointer = _Checkpointer(self.path, interval_s)
        with self._all_guard:
            for conn in self._all:
                conn.execute("PRAGMA wal_autocheckpoint=0")
        self._checkpointer.start()

    def close(self) -> None:
        """Close every thread's connection and release the instance lock."""
        if self.closed:
            return
        self.closed = True
        if self._checkpointer is not None:
            self._checkpointer.stop()
        with self._all_guard:
            connections, self._all = self._all, []
            self._by_thread = {}
        for conn in connections:
            # A connection made on another, still running thread cannot be closed from here;
            # SQLite closes it when that thread's objects are collected.
            with contextlib.suppress(sqlite3.ProgrammingError):
                conn.close()
        self._local = _ThreadState()
        if self._instance_lock is not None:
            self._instance_lock.release()
        if self._hold is not None:
            self._hold.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Checkpointer(threading.Thread):
    def __init__(self, path: Path, interval_s: float) -> None:
        super().__init__(name="wal-checkpoint", daemon=True)
        self.path, self.interval_s = path, interval_s
        self._stop_event = threading.Event()

    def run(self) -> None:
        conn = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_S, isolation_level=None)
        try:
            while not self._stop_event.wait(self.interval_s):
                try:
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
                except sqlite3.Error:
                    log.exception("WAL checkpoint failed")
            conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        finally:
            conn.close()

    def stop(self) -> None:
        self._stop_event.set()
        self.join(timeout=30)


LOW_SPACE_BYTES = 2 * 1024 * 1024  # below this much free space, a failed write is the disk's fault


def disk_full(exc: BaseException, folder: Path | None = None) -> bool:
    """Whether ``exc`` (an OS or SQLite error) comes from a full disk rather than damage or a bug."""
    import errno
    import shutil

    text = str(exc).lower()
    if getattr(exc, "errno", None) == errno.ENOSPC or "disk is full" in text or "no space left" in text:
        return True
    if folder is not None and isinstance(exc, OSError | sqlite3.OperationalError):
        try:
            return shutil.disk_usage(folder).free < LOW_SPACE_BYTES
        except OSError:
            return False
    return False


def disk_full_error() -> DiskFull:
    return DiskFull(_("The disk is full, so this was not saved."),
                    hint=_("Nothing is lost: the bill stays open. Free some space on the disk (empty the "
                           "Recycle Bin, remove old downloads) and try again."))


@contextmanager
def _disk_full_said(path: Path) -> Iterator[None]:
    """Say 'the disk is full' (a DiskFull the seller can act on), not 'something went wrong'.

    SQLite rolls the transaction back on SQLITE_FULL and the connection stays usable, so the same
    write succeeds by itself once there is room again.
    """
    try:
        yield
    except sqlite3.OperationalError as exc:
        if disk_full(exc, path.parent):
            log.warning("write refused, disk full: %s", exc)
            raise disk_full_error() from exc
        raise


def file_identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the file now at ``path``: a restore gives the shop's name a new one."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino) if st.st_ino else None


def check_file(conn: sqlite3.Connection, *, full: bool) -> list[str]:
    """Problems found in the file (empty when healthy). Damage bad enough to stop the check itself
    ("database disk image is malformed") is reported as a problem, not raised."""
    pragma = "integrity_check" if full else "quick_check"
    try:
        rows = [r[0] for r in conn.execute(f"PRAGMA {pragma}").fetchall()]
        problems = [r for r in rows if r != "ok"]
        if not full:
            problems += [f"foreign key: {r}" for r in conn.execute("PRAGMA foreign_key_check").fetchall()][:10]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return problems


def damaged(path: Path, detail: str) -> DatabaseDamaged:
    return DatabaseDamaged(
        _("The shop's data file is damaged and cannot be used safely."),
        hint=_("Restore the last good backup: nothing will be deleted, the damaged file is kept aside."),
        path=str(path),
        detail=detail,
    )
