"""The assistant and the local API from the command line.

    python -m app ask "kal kitna becha?" [--json]          one message; --json prints intent, slots, reply, actions
    python -m app ask < messages.txt                       one message per line in, one JSON object per line out
    python -m app ask --press confirm:12                   press a button of an earlier reply
    python -m app api serve [--port 8765] [--lan]          serve the local API until Ctrl+C
    python -m app api token add "Owner's phone" | api token list | api token revoke ID

The assistant and the API server are built by :mod:`app.wiring`, the same way the desktop app builds them
(see docs/assistant.md).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from typing import Any

from app.commands.common import common_options, emit, session, table
from app.errors import AppError
from app.i18n import _
from app.paths import DataDir
from app.wiring import make_assistant, start_api

log = logging.getLogger(__name__)


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
