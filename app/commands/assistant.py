"""The assistant and the local API from the command line, and their wiring (composition layer).

    python -m app ask "kal kitna becha?" [--json]          one message; --json prints intent, slots, reply, actions
    python -m app ask < messages.txt                       one message per line in, one JSON object per line out
    python -m app ask --press confirm:12                   press a button of an earlier reply
    python -m app api serve [--port 8765] [--lan]          serve the local API until Ctrl+C
    python -m app api token add "Owner's phone" | api token list | api token revoke ID

:func:`make_assistant` builds the shop's :class:`~app.assistant.Assistant` with the decision engine (wrapped
as the assistant's ``Engine``) and, when ``assistant.llm_url`` is set, a phraser; :func:`start_api` starts
the gateway when ``api.enabled`` is on; :func:`schedule_monitor` puts the assistant's closing summary and
alerts on the app's scheduler. ``app.main`` calls them for the desktop app (see docs/assistant.md).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import threading
import time
from typing import Any

from app import config
from app.commands.common import common_options, emit, session, table
from app.config import MachineConfig
from app.errors import AppError
from app.i18n import _
from app.paths import DataDir
from app.services.context import SELLER, Origin, ServiceContext

log = logging.getLogger(__name__)


class EngineHandle:
    """The decision engine as the assistant and the API need it (``app.assistant.Engine``): made on first use,
    so questions that never touch the agents do not pay for building it."""

    def __init__(self, ctx: ServiceContext, engine: Any = None) -> None:
        self.ctx = ctx
        self._engine = engine
        self._lock = threading.Lock()

    @property
    def engine(self) -> Any:
        with self._lock:
            if self._engine is None:
                from app.agents.engine import DecisionEngine

                self._engine = DecisionEngine(self.ctx)
            return self._engine

    def process_business_goal(self, goal_id: int) -> dict[str, Any]:
        return self.engine.process_business_goal(goal_id)

    def approve(self, approval_id: int, *, note: str = "", origin: Origin = SELLER) -> str:
        return self.engine.approve(approval_id, note=note, origin=origin)

    def reject(self, approval_id: int, *, note: str = "", origin: Origin = SELLER) -> None:
        self.engine.reject(approval_id, note=note, origin=origin)

    def explain(self, event_id: int | None = None, *, decision_id: int | None = None) -> dict[str, Any]:
        from app.agents.explain import explain

        return explain(self.ctx.store, event_id, decision_id=decision_id)


def make_assistant(ctx: ServiceContext, machine: MachineConfig | None = None, *, engine: Any = None):
    """The shop's assistant, wired to the engine (``engine``: a running DecisionEngine to share, if any)."""
    from app.assistant import Assistant

    phraser = None
    url = machine.get(config.LLM_URL) if machine is not None else ""
    if url:
        from app.api.llm import OpenAICompatiblePhraser

        phraser = OpenAICompatiblePhraser(url, machine.get(config.LLM_MODEL))
    return Assistant(ctx, EngineHandle(ctx, engine), phraser=phraser)


def start_api(ctx: ServiceContext, assistant: Any, machine: MachineConfig, *, force: bool = False,
              port: int | None = None, lan: bool | None = None):
    """Start the local API for the open shop (when ``api.enabled``, or ``force``); None when it is off."""
    if not (force or machine.get(config.API_ENABLED)):
        return None
    from app.api import Api, ApiServer

    server = ApiServer(Api(ctx=ctx, assistant=assistant, engine=assistant.engine),
                       port=machine.get(config.API_PORT) if port is None else port,
                       lan=machine.get(config.API_LAN) if lan is None else lan)
    return server.start()


MONITOR_MINUTES = 10


def schedule_monitor(scheduler: Any, assistant: Any, *, minutes: int = MONITOR_MINUTES) -> None:
    """Let the assistant speak first (the closing summary, alerts) every few minutes on the app's scheduler."""
    from app.assistant import monitor

    def tick() -> None:
        try:
            monitor.tick(assistant)
        except AppError:
            log.exception("the assistant's monitor could not run")

    scheduler.add_job(tick, "interval", minutes=minutes, id="assistant-monitor", replace_existing=True,
                      coalesce=True, max_instances=1)


def register(sub: argparse._SubParsersAction) -> None:
    common = common_options()
    p = sub.add_parser("ask", parents=[common], help="ask the assistant (English, Hindi or Hinglish)")
    p.add_argument("message", nargs="*", help="the message; none: read one message per line from standard input")
    p.add_argument("--conversation", default="cli", help="which conversation (default: cli)")
    p.add_argument("--press", help="press a button of an earlier reply by its id, e.g. confirm:12")
    p.set_defaults(handler=cmd_ask)

    api = sub.add_parser("api", help="the local API: serve it, manage its tokens")
    asub = api.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = asub.add_parser("serve", parents=[common], help="serve the local API until Ctrl+C")
    p.add_argument("--port", type=int, default=None, help="port (default: the api.port setting, 8765)")
    p.add_argument("--lan", action="store_true", help="also serve the shop's network (the owner's phone)")
    p.set_defaults(handler=cmd_api_serve)
    token = asub.add_parser("token", help="API tokens: add NAME, list, revoke ID")
    tsub = token.add_subparsers(dest="token_action", metavar="ACTION", required=True)
    p = tsub.add_parser("add", parents=[common], help="make a token (shown once)")
    p.add_argument("name", help="what it is for, e.g. \"Owner's phone\"")
    p.set_defaults(handler=cmd_token_add)
    p = tsub.add_parser("list", parents=[common], help="tokens and when they were last used")
    p.set_defaults(handler=cmd_token_list)
    p = tsub.add_parser("revoke", parents=[common], help="stop a token from working")
    p.add_argument("token_id", type=int)
    p.set_defaults(handler=cmd_token_revoke)


def _reply_json(reply) -> dict[str, Any]:
    data = reply.to_json()
    return {"intent": data["intent"], "slots": data["slots"], "reply": data["reply"], "actions": data["actions"],
            "lang": data["lang"], "table": data["table"], "chart": data["chart"], "message_id": data["message_id"],
            "conversation": data["conversation"]}


def _reply_text(reply) -> str:
    lines = [reply.text]
    if reply.table is not None:
        lines.append(table(reply.table.rows, reply.table.columns))
    if reply.buttons:
        lines.append("  ".join(f"[{b.label}: {b.id}]" for b in reply.buttons))
    return "\n".join(lines)


def cmd_ask(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        assistant = make_assistant(s.ctx, s.machine)
        try:
            if args.press:
                reply = assistant.press(args.press, conversation=args.conversation, source="cli")
                emit(args, _reply_json(reply), _reply_text(reply))
                return 0
            if args.message:
                reply = assistant.ask(" ".join(args.message), conversation=args.conversation, source="cli")
                emit(args, _reply_json(reply), _reply_text(reply))
                return 0
            for line in sys.stdin:
                if not line.strip():
                    continue
                try:
                    out = _reply_json(assistant.ask(line, conversation=args.conversation, source="cli"))
                except AppError as error:
                    out = {"error": str(error)}
                sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
                sys.stdout.flush()
            return 0
        finally:
            assistant.close()


def cmd_api_serve(args: argparse.Namespace, data: DataDir) -> int:
    with session(args, data) as s:
        assistant = make_assistant(s.ctx, s.machine)
        server = start_api(s.ctx, assistant, s.machine, force=True, port=args.port, lan=args.lan or None)
        assert server is not None
        print(_("The local API is at {url} (Ctrl+C stops it).").format(
            url=f"http://{'0.0.0.0' if server.lan else '127.0.0.1'}:{server.port}"), flush=True)
        try:
            while True:
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            server.stop()
            assistant.close()
    return 0


def cmd_token_add(args: argparse.Namespace, data: DataDir) -> int:
    from app.api.auth import create_token

    with session(args, data) as s:
        token = create_token(s.ctx, args.name)
    text = _("Token for {name} (shown only now, keep it safe):\n{token}").format(name=args.name, token=token)
    emit(args, {"name": args.name, "token": token}, text)
    return 0


def cmd_token_list(args: argparse.Namespace, data: DataDir) -> int:
    from app.store import api_tokens

    with session(args, data) as s:
        found = api_tokens.all_tokens(s.store.db())
    rows = [[str(t.id), t.name, t.prefix + "...", t.created_at[:16], (t.last_used_at or "-")[:16],
             _("revoked") if t.revoked_at else _("active")] for t in found]
    emit(args, [{"id": t.id, "name": t.name, "prefix": t.prefix, "created_at": t.created_at,
                 "last_used_at": t.last_used_at, "revoked": t.revoked_at is not None} for t in found],
         table(rows, ["#", _("Name"), _("Token"), _("Made"), _("Last used"), _("State")]) if rows
         else _("No API tokens yet."))
    return 0


def cmd_token_revoke(args: argparse.Namespace, data: DataDir) -> int:
    from app.api.auth import revoke_token

    with session(args, data) as s:
        revoke_token(s.ctx, args.token_id)
    emit(args, {"revoked": args.token_id}, _("Token {id} no longer works.").format(id=args.token_id))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run these commands before the lead adds this module to ``app.cli.COMMAND_MODULES``."""
    from app import cli
    from app.main import run

    if "app.commands.assistant" not in cli.COMMAND_MODULES:
        cli.COMMAND_MODULES = (*cli.COMMAND_MODULES, "app.commands.assistant")
    return run(argv if argv is not None else sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
