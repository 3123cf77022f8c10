"""One open shop and everything acting on it: the handles ``main`` wires together and passes down.

The UI, the CLI, the scheduler and (later) the agents and sync all receive a :class:`Session`; none of
them opens the store or builds services on its own.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from app import config, httpx_without_its_cli
from app.config import MachineConfig
from app.domain.clock import Clock, SystemClock
from app.events import EventBus
from app.paths import DataDir
from app.services import settings as settings_service
from app.services.context import ServiceContext
from app.store import Store, open_store
from app.store.backup import BackupInfo, list_backups, make_backup

if TYPE_CHECKING:
    from app.assistant.reply import Reply

__all__ = ["AgentsHandle", "AssistantHandle", "EngineHandle", "Launch", "Session", "SyncControl", "open_session",
           "restore_shop"]

log = logging.getLogger(__name__)


# The handles a Session carries, as the UI and the commands use them. Protocols, so that the UI (which may
# import ``session`` but not the agents, the assistant or sync) is typed without importing those rooms.


class EngineHandle(Protocol):
    """The decision engine (``app.agents.engine.DecisionEngine``): answers the approvals inbox."""

    def approve(self, approval_id: int, *, note: str = ...) -> str: ...

    def reject(self, approval_id: int, *, note: str = ...) -> None: ...

    def process_business_goal(self, goal_id: int) -> dict[str, Any]: ...

    def plan_next(self) -> list[Any]: ...  # what the agents would do now, nothing done (the Agents page)

    def goal_outlook(self) -> list[Any]: ...  # each active goal so far and by its last day (the Today page)


class AgentsHandle(Protocol):
    """The agents' runner on the scheduler (``app.agents.runner.AgentRunner``)."""

    def run_now(self, name: str = ...) -> None: ...

    def shutdown(self, *, wait: bool = ...) -> None: ...


class AssistantHandle(Protocol):
    """The shop's assistant (``app.assistant.Assistant``) as the chat panel uses it."""

    def ask(self, text: str, *, conversation: str = ..., source: str = ..., lang: str | None = ...) -> Reply: ...

    def press(self, button_id: str, *, conversation: str = ..., source: str = ...) -> Reply: ...

    def history(self, conversation: str = ..., *, limit: int = ...) -> list[dict[str, Any]]: ...

    def close(self) -> None: ...


class SyncControl(Protocol):
    """The marketplace outbox worker (``app.sync.service.SyncHandle``)."""

    def status(self) -> Any: ...  # an app.sync.status.SyncStatus: headline, detail, failed, connection

    def retry(self) -> int: ...

    def wake(self) -> None: ...

    def stop(self) -> None: ...

    # connect a marketplace and make a test call (network: off the GUI thread) -> (works, what to say)
    def connect(self, market: str, base_url: str, *, account: dict[str, Any] | None = ...,
                secrets: dict[str, str] | None = ...) -> tuple[bool, str]: ...


@dataclass
class Session:
    data: DataDir
    machine: MachineConfig
    shop: str
    store: Store
    ctx: ServiceContext
    closers: list[Callable[[], object]] = field(default_factory=list)
    # Handles the composition root (``app.main`` with ``app.wiring``) starts for the desktop app; the UI
    # uses them through the Protocols above without importing their rooms. None when not started (the
    # headless commands, or the capability switched off).
    sync: SyncControl | None = None
    engine: EngineHandle | None = None
    agents: AgentsHandle | None = None
    assistant: AssistantHandle | None = None
    what_if: Callable[[int], Any] | None = None  # replay the shop's last N days (app.sim.shop_scenario.what_if)

    @property
    def bus(self) -> EventBus:
        return self.ctx.bus

    @property
    def backup_dir(self) -> Path:
        return self.data.backups(self.shop)

    def backup(self, kind: str = "manual", now: datetime | None = None) -> Path:
        return make_backup(self.store.path, self.backup_dir, kind=kind, keep=self.machine.get(config.BACKUP_KEEP),
                           now=now)

    def backups(self) -> list[BackupInfo]:
        return list_backups(self.backup_dir)

    def item_outlook(self, sku: str) -> Any:
        """The item's recent daily sales and its forecast, an ``app.ml.forecast.outlook.Outlook`` (the UI
        may not import ``ml``): for the Items page's chart. Seconds at worst; call it off the GUI thread."""
        from app.ml.forecast.outlook import FIT_DAYS, outlook
        from app.store.sales_history import item_sales_by_day

        today = self.ctx.today()
        since = (today - timedelta(days=FIT_DAYS)).isoformat()
        return outlook(item_sales_by_day(self.store.db(), sku, since, today.isoformat()), today)

    def listing_from_photos(self, photos: list[Path], *, price_paise: int | None = None,
                            name: str | None = None) -> Any:
        """The onboarding's listing (an ``app.onboarding.Listing``) made from 1-5 photos of one product, with
        this shop's GST rates, brands, FSSAI number and confirmed photos (the UI may not import
        ``onboarding``): for the Items page's photo drop. Seconds; call it off the GUI thread."""
        from app import onboarding
        from app.ml import vision
        from app.services import taxes
        from app.store import catalog as catalog_store
        from app.store import photos as photo_store
        from app.store import shop as shop_store

        db = self.store.db()
        table = taxes.rate_table(self.store)
        brands = catalog_store.brands(db)
        fssai = shop_store.fssai_no(db)
        confirmed = photo_store.rows(db, vision.MODEL)
        index = vision.FewShotIndex.from_rows(confirmed) if confirmed else None
        return onboarding.onboard(list(photos), onboarding.SellerInput(price_paise=price_paise, name=name, facts={}),
                                  rates=table.lookup if table.rates else onboarding.shipped_rates(), brands=brands,
                                  index=index, shop_fssai=fssai, names=[p.name for p in photos])

    def close(self) -> None:
        for closer in reversed(self.closers):
            try:
                closer()
            except Exception:
                log.exception("closing %r failed", closer)
        self.closers.clear()
        self.store.close()


def restore_shop(data: DataDir, shop: str, backup: Path, *, reason: str = "damaged",
                 other_shop_ok: bool = False, wait_s: float | None = None) -> Path | None:
    """Put ``backup`` in the shop's place and note it in the shop's log.

    ``reason`` names the file set aside: "damaged" after a failed check, "replaced" when the seller chose
    to go back. Every program that has the shop open (the app, ``api serve``, ``sync run``, a CLI
    command) is waited for, briefly, and the restore is refused with their names if they stay; none can
    open the shop until the backup is in place. Returns where the previous file was kept.
    """
    from app.services.shop import note_restored
    from app.store.backup import prune_aside, restore_backup
    from app.store.lock import RESTORE_WAIT_S, shop_closed_everywhere

    db_path = data.shop_db(shop)
    with shop_closed_everywhere(db_path, wait_s=RESTORE_WAIT_S if wait_s is None else wait_s):
        aside = restore_backup(db_path, backup, label=reason, other_shop_ok=other_shop_ok,
                               before_replace=lambda: _pre_restore_backup(data, shop) if reason == "replaced"
                               else None)
    restored = open_session(data, shop)
    try:
        note_restored(restored.ctx, backup.name)
    finally:
        restored.close()
    prune_aside(db_path, data.backups(shop))
    return aside


def _pre_restore_backup(data: DataDir, shop: str) -> None:
    """A checked copy of the healthy file about to be set aside: what lets old kept-aside files go."""
    from app.errors import BackupError

    try:
        make_backup(data.shop_db(shop), data.backups(shop), kind="pre-restore")
    except BackupError:
        log.warning("no pre-restore backup could be made; the replaced file is kept aside all the same")


def open_session(data: DataDir, shop: str, *, create: bool = False, exclusive: bool = True,
                 clock: Clock | None = None, bus: EventBus | None = None) -> Session:
    """Open ``shop`` in ``data`` (checked, migrated, locked if ``exclusive``) with its services."""
    machine = MachineConfig(data.machine_config)
    store = open_store(data.shop_db(shop), create=create, exclusive=exclusive, backup_dir=data.backups(shop),
                       keep_backups=machine.get(config.BACKUP_KEEP))
    ctx = ServiceContext(store, bus or EventBus(), clock or SystemClock())
    # every path that can enqueue for a marketplace (app, CLI, agents) checks payloads against its API
    httpx_without_its_cli()
    from app.sync.setup import register_payload_checks

    register_payload_checks()
    from app.agents.operations import register as register_fulfilment_planner  # plans for the Orders page

    register_fulfilment_planner()
    from app.sync.courier_desk import register as register_courier_desk  # courier bookings: page, CLI, agent

    register_courier_desk(data.root)
    try:
        ctx.timezone = settings_service.get(store, config.TIMEZONE)
    except Exception:
        store.close()
        raise
    return Session(data=data, machine=machine, shop=shop, store=store, ctx=ctx)


@dataclass
class Launch:
    """What the desktop app needs to start, as callables, so that ``app.ui`` imports no other room.

    ``open_shop`` raises ``ShopNotFound``, ``DatabaseDamaged``, ``ShopInUse`` or ``SchemaTooNew`` with a
    message for the shopkeeper; ``build_demo`` (set only for the demo shop) builds it with progress
    reports in 0..1; ``restore`` puts a backup in the shop's place (the old file is kept aside).
    """

    data: DataDir
    shop: str
    machine: MachineConfig
    open_shop: Callable[[], Session]
    restore: Callable[..., None]  # restore(backup: BackupInfo, reason="damaged" | "replaced")
    backups: Callable[[], list[BackupInfo]]
    build_demo: Callable[[Callable[[float, str], None]], None] | None
    start_background: Callable[[Session], None]
    # the first-run wizard: make this shop's file from its answers (None where it may not: a file or a
    # restore's kept-aside file is there); and the Launch of another shop ("open the demo shop")
    create_shop: Callable[[dict[str, Any]], None] | None = None
    other_shop: Callable[[str], Launch] | None = None
    attach_helpers: Callable[[Session], None] | None = None  # engine + assistant, after the window is shown
