"""The composition root: paths, logging, language, the shop, services, scheduler, then the UI or a command.

The only module that wires every room together. ``python -m app`` opens the desktop app on the last
shop (the demo shop on first run); ``python -m app COMMAND`` runs a headless command (see ``app.cli``).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from app import config, i18n
from app.config import MachineConfig
from app.log import setup_logging
from app.paths import DataDir
from app.session import Launch, Session, open_session, restore_shop
from app.store.backup import BackupInfo

log = logging.getLogger(__name__)

DEMO_SHOP = "demo"


def make_launch(data: DataDir, shop: str) -> Launch:
    from app.housekeeping import backup_if_due, start_scheduler
    from app.store.backup import list_backups

    machine = MachineConfig(data.machine_config)

    def open_shop() -> Session:
        from app.agents.engine import DecisionEngine
        from app.commands.assistant import make_assistant

        session = open_session(data, shop)
        # one engine per shop: the scheduler's cycles, the assistant's "why" and approvals share its lock
        session.engine = DecisionEngine(session.ctx)
        session.assistant = make_assistant(session.ctx, session.machine, engine=session.engine)
        session.closers.append(session.assistant.close)
        return session

    def restore(backup: BackupInfo, reason: str = "damaged") -> None:
        restore_shop(data, shop, backup.path, reason=reason)

    def build_demo(progress: Callable[[float, str], None]) -> None:
        from app.sim.history import build_demo_shop

        build_demo_shop(data, shop, progress=progress)

    def start_background(session: Session) -> None:
        from app.commands.assistant import schedule_monitor, start_api

        backup_if_due(session)
        scheduler = start_scheduler(session)
        start_marketplace_sync(session)
        start_agents(session, scheduler)
        if session.assistant is not None:
            schedule_monitor(scheduler, session.assistant)
            server = start_api(session.ctx, session.assistant, session.machine)
            if server is not None:
                session.closers.append(server.stop)

    needs_demo = shop == DEMO_SHOP and not data.shop_db(shop).exists()
    from app.commands.shop_setup import create_shop_file, may_create

    create = (lambda answers: create_shop_file(data, shop, answers)) if shop != DEMO_SHOP and may_create(
        data, shop) else None
    return Launch(data=data, shop=shop, machine=machine, open_shop=open_shop, restore=restore,
                  backups=lambda: list_backups(data.backups(shop)),
                  build_demo=build_demo if needs_demo else None, start_background=start_background,
                  create_shop=create, other_shop=lambda name: make_launch(data, name))


def start_agents(session: Session, scheduler) -> None:
    """Put the agents' cycle, learning and goal review on the shop's scheduler (unless switched off)."""
    from app.agents.runner import AgentRunner
    from app.services import agents_settings

    if session.engine is None or not agents_settings.value(session.store, agents_settings.ENABLED):
        return
    runner = AgentRunner(session.engine, scheduler=scheduler)
    caught_up = runner.start()
    if caught_up:
        log.info("agents: catching up once on %s", ", ".join(caught_up))
    session.agents = runner
    session.closers.append(runner.shutdown)


def start_marketplace_sync(session: Session) -> None:
    """Start the outbox worker and the connectivity probe for the shop (unless switched off)."""
    from app.services import settings as shop_settings
    from app.sync.credentials import Credentials
    from app.sync.service import start_sync
    from app.sync.worker import WorkerConfig

    get = lambda setting: shop_settings.get(session.store, setting)  # noqa: E731
    if not get(config.SYNC_ENABLED):
        return
    worker = WorkerConfig(pull_every_s=get(config.SYNC_PULL_EVERY_S), overlap_s=get(config.SYNC_OVERLAP_S),
                          max_attempts=get(config.SYNC_MAX_ATTEMPTS),
                          request_timeout_s=get(config.SYNC_REQUEST_TIMEOUT_S),
                          rate_safety=get(config.SYNC_RATE_SAFETY_PCT) / 100,
                          acked_settle_s=get(config.SYNC_ACKED_SETTLE_S))
    handle = start_sync(session.ctx, Credentials(session.data.root / "credentials"), config=worker)
    session.sync = handle
    session.closers.append(handle.stop)


def run(argv: list[str] | None = None) -> int:
    from app import cli

    # Output piped or redirected on Windows would use the ANSI code page and fail on ₹ or Hindi after the
    # work was done; write UTF-8 whenever it is not a console.
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and not stream.isatty() and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")

    parser = cli.build_parser()
    args = parser.parse_args(argv)
    data = DataDir(args.data_dir).ensure()
    machine = MachineConfig(data.machine_config)
    i18n.set_language(args.lang or machine.get(config.LANGUAGE))
    setup_logging(data.logs, machine.get(config.LOG_LEVEL), to_stderr=True)
    if args.command:
        return cli.dispatch(args, data)
    shop = args.shop or machine.get(config.LAST_SHOP)
    from app.ui.app import run_gui

    return run_gui(make_launch(data, shop))


if __name__ == "__main__":
    sys.exit(run())
