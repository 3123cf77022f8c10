"""``sync``: see and drive marketplace sync; ``marketplace-sim``: run the marketplace simulator.

    python -m app sync status               what waits, what failed, issues to look at
    python -m app sync run                  drain the outbox now (pull orders first), then stop
    python -m app sync retry                put failed changes back in the queue
    python -m app sync connect amazon|shopify|woocommerce|ondc --url URL [--account JSON] [--secret NAME=VALUE ...]
                                            makes the channel if missing, keeps the secrets in the keyring,
                                            then one test call says plainly whether it works [--no-check]
    python -m app sync connect CODE --adapter amazon --url URL ...   a channel with its own code
    python -m app sync connect whatsapp --adapter whatsapp --account '{"phone_number_id": "1065551234"}' \
        --secret access_token=TOKEN      [--url https://graph.facebook.com/v21.0, the default]
    python -m app marketplace-sim --port 8765 [--faults FILE] [--seed N] [--no-rate-limits]
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from app.commands.common import common_options, emit, session
from app.errors import InputError
from app.i18n import _
from app.paths import DataDir


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sync", parents=[common_options()], help="marketplace sync: status, run, retry, connect")
    actions = p.add_subparsers(dest="sync_action", metavar="ACTION")
    s = actions.add_parser("status", parents=[common_options()], help="what waits, what failed, what needs you")
    s.set_defaults(handler=cmd_status)
    r = actions.add_parser("run", parents=[common_options()], help="send everything waiting now, then stop")
    r.add_argument("--cycles", type=int, default=200)
    r.set_defaults(handler=cmd_run)
    t = actions.add_parser("retry", parents=[common_options()], help="put failed changes back in the queue")
    t.add_argument("--channel", default=None)
    t.set_defaults(handler=cmd_retry)
    c = actions.add_parser("connect", parents=[common_options()], help="connect a channel to its marketplace")
    c.add_argument("channel")
    c.add_argument("--adapter", default=None, choices=("amazon", "shopify", "woocommerce", "ondc", "whatsapp"),
                   help="the marketplace (default: the channel's name when it is one)")
    c.add_argument("--no-check", action="store_true", help="do not make the test call")
    c.add_argument("--url", default=None, help="the marketplace's API address (WhatsApp: Meta's Graph API by default)")
    c.add_argument("--account", default="{}", help='JSON, e.g. {"seller_id": "A1..."} (no secrets)')
    c.add_argument("--secret", action="append", default=[], metavar="NAME=VALUE",
                   help="a sign-in detail, kept in the OS keyring only")
    c.set_defaults(handler=cmd_connect)
    p.set_defaults(handler=cmd_status)

    m = sub.add_parser("marketplace-sim", parents=[common_options()],
                       help="run the marketplace simulator on 127.0.0.1 (demos and manual tests)")
    m.add_argument("--port", type=int, default=8765)
    m.add_argument("--faults", default=None, help='JSON file: {"seed": 1, "faults": [{"kind": "drop", "op": '
                                                   '"amazon.", "p": 0.1}]}')
    m.add_argument("--seed", type=int, default=0)
    m.add_argument("--no-rate-limits", action="store_true")
    m.add_argument("--seconds", type=float, default=0, help="stop after this long (0: until Ctrl+C)")
    m.set_defaults(handler=cmd_sim)


def _credentials(data: DataDir):
    from app.sync.credentials import Credentials

    return Credentials(data.root / "credentials")


def cmd_status(args: argparse.Namespace, data: DataDir) -> int:
    from app.store import sync_state
    from app.sync import status

    with session(args, data) as s:
        snap = status.snapshot(s.store)
        issues = sync_state.open_issues(s.store.db())
    text = "\n".join([snap.headline, snap.detail] + [f"! {c} {k} {r}" + (f": {d['message']}" if d.get("message")
                                                                         else "") for c, k, r, d, _at in issues])
    emit(args, {"headline": snap.headline, "waiting": snap.waiting, "failed": snap.failed, "issues": len(issues),
                "last_sync_at": snap.last_sync_at, "channels": [vars(c) for c in snap.channels]}, text)
    return 0


def cmd_run(args: argparse.Namespace, data: DataDir) -> int:
    from app.sync.setup import register_payload_checks
    from app.sync.worker import SyncWorker

    register_payload_checks()
    with session(args, data) as s:
        worker = SyncWorker(s.ctx, secret=_credentials(data).get)
        try:
            report = worker.drain(max_cycles=args.cycles)
        finally:
            worker.close()
    if report.busy:
        from app.sync.errors import SenderBusy

        raise SenderBusy()
    emit(args, vars(report), _("Sent {sent}, applied {applied}, failed {failed}, orders pulled {pulled}.").format(
        sent=report.sent, applied=report.applied, failed=report.failed, pulled=report.pulled)
        + ("\n" + "\n".join(dict.fromkeys(report.errors)) if report.errors else ""))
    return 0


def cmd_retry(args: argparse.Namespace, data: DataDir) -> int:
    from app.sync import status

    with session(args, data) as s:
        count = status.retry_failed(s.ctx, args.channel)
    emit(args, {"requeued": count}, _("{n} changes will be sent again.").format(n=count))
    return 0


def cmd_connect(args: argparse.Namespace, data: DataDir) -> int:
    from app.sync import connection, setup

    adapter = args.adapter or (args.channel if args.channel in (*connection.MARKETS, "whatsapp") else None)
    if adapter is None:
        raise InputError(_("Say which marketplace '{code}' is with --adapter (amazon, shopify, woocommerce or ondc)."
                           ).format(code=args.channel))
    args.adapter = adapter
    url = args.url
    if url is None:
        if args.adapter != "whatsapp":
            raise InputError(_("Give the marketplace's API address with --url."))
        from app.sync.marketplaces.whatsapp import GRAPH_URL

        url = GRAPH_URL
    try:
        account = json.loads(args.account)
    except ValueError:
        raise InputError(_("--account must be JSON, for example {\"seller_id\": \"A1B2C3\"}.")) from None
    secrets = {}
    for item in args.secret:
        name, sep, value = item.partition("=")
        if not sep:
            raise InputError(_("Write each sign-in detail as NAME=VALUE."))
        secrets[name] = value
    credentials = _credentials(data)
    with session(args, data) as s:
        if adapter in connection.MARKETS:
            connection.connect_market(s.ctx, market=adapter, channel=args.channel, base_url=url, account=account,
                                      secrets=secrets, credentials=credentials if secrets else None)
        else:
            setup.connect(s.ctx, channel=args.channel, adapter=adapter, base_url=url, account=account,
                          secrets=secrets, credentials=credentials if secrets else None)
        verdict = None
        if adapter in connection.MARKETS and not args.no_check:
            verdict = connection.test_call(s.ctx, args.channel, credentials)
    text = _("{channel} is connected to {adapter}.").format(channel=args.channel, adapter=adapter)
    if verdict is not None:
        text = verdict.message if verdict.ok else _("{channel} is saved, but the test call failed: {problem}").format(
            channel=args.channel, problem=verdict.message)
    emit(args, {"channel": args.channel, "adapter": adapter, "ok": verdict.ok if verdict else None,
                "problem": None if verdict is None or verdict.ok else verdict.kind}, text)
    return 0 if verdict is None or verdict.ok else 2  # like any other input the seller must fix


def cmd_sim(args: argparse.Namespace, data: DataDir) -> int:
    from pathlib import Path

    from app.sim.marketplace import FaultSchedule, SimServer, Simulator

    faults = FaultSchedule(seed=args.seed)
    if args.faults:
        try:
            faults = FaultSchedule.from_json(Path(args.faults).read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError) as exc:
            raise InputError(_("The faults file cannot be read: {problem}").format(problem=exc)) from None
    server = SimServer(Simulator(faults=faults, rate_limits=not args.no_rate_limits, seed=args.seed),
                       port=args.port).start()
    print(_("Marketplace simulator on {url} (Ctrl+C stops it)").format(url=server.url), flush=True)
    try:
        started = time.monotonic()
        while not args.seconds or time.monotonic() - started < args.seconds:
            time.sleep(0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    print(json.dumps({"applied": len(server.sim.history), "requests": sum(server.sim.requests.values())}),
          file=sys.stderr)
    return 0
