"""Building the demo shop safely: in a folder of its own inside the data directory, moved into place
only when finished, so an interrupted build never leaves a half-built shop that looks real."""

from __future__ import annotations

import logging
import os
import pathlib
import shutil
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta

from app.domain.clock import IST, ManualClock, SystemClock, local_date
from app.errors import DatabaseDamaged, Duplicate, InputError
from app.events import EventBus
from app.i18n import _
from app.paths import DataDir, check_shop_name
from app.services.context import ServiceContext
from app.sim.history.catalog import build_catalog
from app.sim.history.simulate import SCALES, Report, Simulation
from app.store import open_store
from app.store.backup import fsync_dir, move_aside
from app.store.lock import InstanceLock

__all__ = ["MAX_DAYS", "build", "check_request"]

log = logging.getLogger(__name__)

MAX_DAYS = 3660


def _remove_db_files(path: pathlib.Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        pathlib.Path(f"{path}{suffix}").unlink(missing_ok=True)


def check_request(days: int, scale: str, seed: int) -> None:
    if scale not in SCALES:
        raise InputError(_("'{scale}' is not a demo size.").format(scale=scale),
                         hint=_("Use one of: {sizes}.").format(sizes=", ".join(SCALES)))
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= MAX_DAYS:
        raise InputError(_("The demo history must be from 1 to {most} days long.").format(most=MAX_DAYS))
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise InputError(_("The demo seed must be a whole number."))


def build(data: DataDir, shop: str = "demo", *, seed: int = 7, days: int = 730, end: date | None = None,
          scale: str = "small", progress: Callable[[float, str], None] | None = None,
          force: bool = False) -> tuple[pathlib.Path, Report]:
    """Build the demo shop; returns the path of its database and what the build did."""
    check_shop_name(shop)
    check_request(days, scale, seed)
    report_progress = progress or (lambda _fraction, _message: None)
    target = data.shop_db(shop)
    if target.exists() and not force:
        raise Duplicate(_("A shop called '{shop}' already exists.").format(shop=shop),
                        hint=_("Open it, or build the demo again with --force to replace it."))
    if target.exists():
        InstanceLock(target).acquire().release()  # open in another window: say so now, not after the build
    end = end or local_date(SystemClock().now(), IST)
    start = end - timedelta(days=days)  # the history: the `days` days before `end`, the day it opens on
    data.ensure()
    workdir = data.root / f".building-{shop}"
    workdir.mkdir(parents=True, exist_ok=True)
    temp_db = workdir / f"{shop}.db"
    build_lock = InstanceLock(workdir / "build").acquire()  # one build of a shop at a time (else ShopInUse)
    try:
        _remove_db_files(temp_db)  # whatever an interrupted build left behind
        report_progress(0.0, _("Setting up the demo shop"))
        began = time.perf_counter()
        clock = ManualClock(datetime(start.year, start.month, start.day, 6, tzinfo=IST))
        store = open_store(temp_db, create=True, exclusive=True)
        try:
            # The file is a scratch copy until it is moved into place (after an fsync), so the build
            # need not flush every simulated day to the disk.
            store.db().execute("PRAGMA synchronous=OFF")
            ctx = ServiceContext(store, EventBus(), clock)
            items = build_catalog(seed, size=SCALES[scale].items)
            sim = Simulation(ctx, clock, items, seed=seed, start=start, days=days, scale=SCALES[scale],
                             progress=report_progress)
            sim.setup()
            report = sim.report
            report.setup_s = time.perf_counter() - began
            report_progress(0.25, _("Recording two years of sales"))
            sim.run()
            report.days_s = time.perf_counter() - began - report.setup_s
            report_progress(0.98, _("Checking the demo shop"))
            problems = store.quick_check()
            if problems:
                raise DatabaseDamaged(_("The demo shop did not pass its check."), detail="; ".join(problems[:5]))
            with store.maintenance() as db:
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything into the main file
        finally:
            store.close()
        _finish(temp_db, target, force=force, shop=shop)
        report_progress(1.0, _("The demo shop is ready"))
        log.info("demo shop %s built in %.1f s: %s", shop, time.perf_counter() - began, report)
        return target, report
    finally:
        build_lock.release()
        shutil.rmtree(workdir, ignore_errors=True)


def _finish(temp_db: pathlib.Path, target: pathlib.Path, *, force: bool, shop: str) -> None:
    """Move the finished file into the shop's place, under the shop's lock."""
    if pathlib.Path(f"{temp_db}-wal").exists() and pathlib.Path(f"{temp_db}-wal").stat().st_size:
        raise RuntimeError("the demo database still has a write-ahead log after closing")
    target.parent.mkdir(parents=True, exist_ok=True)
    lock = InstanceLock(target).acquire()  # never replace a shop another window has open (ShopInUse)
    try:
        if target.exists():
            if not force:
                raise Duplicate(_("A shop called '{shop}' already exists.").format(shop=shop),
                                hint=_("Open it, or build the demo again with --force to replace it."))
            aside = move_aside(target, "replaced")  # never deleted: kept next to the shop with its WAL
            log.warning("the previous %s was moved to %s", target.name, aside)
        with open(temp_db, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(temp_db, target)
        fsync_dir(target.parent)
    finally:
        lock.release()
