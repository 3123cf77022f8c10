"""The local API gateway: stdlib ``http.server`` on a small fixed pool of threads.

- Bound to 127.0.0.1; the shop's network (the owner's phone) only with the explicit ``api.lan`` setting,
  and even then a request from elsewhere than this PC is refused unless LAN access is on.
- Every call but ``/v1/health`` and ``/v1/openapi.json`` needs ``Authorization: Bearer <token>``; repeated
  failures from one address make that address's *wrong* tokens refused for a minute, but a valid token is
  always served (any local web page shares 127.0.0.1 with the owner's own tools, so blocking the address
  would let any page lock the owner out; a token's 256 random bits are what stops guessing).
- JSON bodies may not hold NaN or Infinity, nor numbers of absurd size; a number too large for the shop's
  file anywhere below is answered 422, never 500.
- A burst of requests waits in the listen queue (128 deep) for the worker pool instead of being reset.
- Each client has a token bucket (``app.api.rate``): its valid token's own, else its address's; an empty
  bucket is answered 429 with ``Retry-After``. A burst of 50 fits; others' failures never touch a valid
  token's bucket.
- Bodies are JSON objects of at most 64 KiB, announced by Content-Length (no chunked uploads); a slow
  client is cut off after 3 seconds. Errors are JSON: ``{"error": {"code", "message"}}``.
- Requests run on a fixed pool of worker threads that live as long as the server: the shop's store keeps
  one SQLite connection per thread, so short-lived threads would leave connections behind.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from app.api import auth, openapi
from app.api.rate import RateLimits
from app.api.routes import Api, HttpError, Request, app_error_status, route
from app.errors import AppError
from app.i18n import _
from app.store.odd_records import is_overflow, out_of_bounds_error

log = logging.getLogger(__name__)

MAX_BODY = 64 * 1024
TIMEOUT_S = 3.0  # to send the request line, headers and body: idle connections cannot hold the workers long
WORKERS = 8
PUBLIC = {"/v1/health", "/v1/openapi.json"}


def is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address.split("%")[0]).is_loopback
    except ValueError:
        return False


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")  # NaN, Infinity, -Infinity: stored, they break every client


class _PooledServer(HTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # the listen backlog: a phone's burst of 50 requests waits instead of being reset

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler], gateway: ApiServer) -> None:
        self.gateway = gateway
        self.pool = ThreadPoolExecutor(max_workers=gateway.workers, thread_name_prefix="api")
        super().__init__(address, handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        self.pool.submit(self._work, request, client_address)

    def _work(self, request: Any, client_address: Any) -> None:
        try:
            self.finish_request(request, client_address)
        except Exception:
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        log.exception("API request from %s failed", client_address[0] if client_address else "?")

    def server_close(self) -> None:
        super().server_close()
        self.pool.shutdown(wait=True, cancel_futures=True)


class _Handler(BaseHTTPRequestHandler):
    server: _PooledServer
    server_version = "TAVYONIX"
    sys_version = ""
    timeout = TIMEOUT_S
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s %s", self.address_string(), format % args)  # never the headers: tokens stay out of logs

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def do_PATCH(self) -> None:
        self._serve("PATCH")

    def do_DELETE(self) -> None:
        self._serve("DELETE")

    def do_PUT(self) -> None:
        self._serve("PUT")

    # --- one request ---------------------------------------------------------------------------
    def _serve(self, method: str) -> None:
        gateway = self.server.gateway
        client = self.client_address[0]
        try:
            if not gateway.lan and not is_loopback(client):
                raise HttpError(403, "lan_off", _("The API is open to this PC only; allow the shop's network in the "
                                                  "settings first."))
            parts = urlsplit(self.path)
            path = parts.path.rstrip("/") or "/"
            query = dict(parse_qsl(parts.query, keep_blank_values=True))
            if path in PUBLIC:
                self._limit(gateway, "address", client)
            if path == "/v1/health" and method == "GET":
                return self._send(200, {"ok": True})
            if path == "/v1/openapi.json" and method == "GET":
                return self._send(200, openapi.document())
            handler, params, exists = route(method, path)
            if handler is None:
                if exists:
                    raise HttpError(405, "method_not_allowed", _("That method is not allowed here."))
                raise HttpError(404, "not_found", _("There is nothing at {path}.").format(path=path[:100]))
            token_name = self._authorise(gateway, client)
            body = self._read_body(method)
            request = Request(method=method, path=path, query=query, body=body, params=params, client=client,
                              token_name=token_name)
            status, payload = handler(gateway.api, request)
            self._send(status, payload)
        except HttpError as error:
            wait = getattr(error, "retry_after", 0)
            self._send(error.status, {"error": {"code": error.code, "message": error.message}},
                       close=error.status in (411, 413), headers={"Retry-After": str(wait)} if wait else None)
        except AppError as error:
            self._send(app_error_status(error), {"error": {"code": type(error).__name__, "message": str(error)}})
        except (OverflowError, UnicodeError):  # a number beyond SQLite's integers, text that cannot be stored
            self._send(422, {"error": {"code": "bad_value", "message": _(
                "A number in the request is too large, or a text holds characters that cannot be stored.")}})
        except TimeoutError:
            self.close_connection = True
        except Exception as exc:
            if is_overflow(exc):  # records stored before the bounds existed: named, never a 500
                log.warning("API %s %s could not add up the shop: %s", method, self.path[:100], exc)
                odd = out_of_bounds_error(gateway.api.ctx.store.path)
                return self._send(409, {"error": {"code": type(odd).__name__, "message": str(odd)}})
            log.exception("API %s %s failed", method, self.path[:100])
            self._send(500, {"error": {"code": "internal", "message": _("Something went wrong inside TAVYONIX; the "
                                                                          "details are in the log file.")}})

    def _authorise(self, gateway: ApiServer, client: str) -> str:
        header = self.headers.get("Authorization", "")
        scheme, _sep, token = header.partition(" ")
        found = auth.check_token(gateway.api.ctx, token.strip()) if scheme.lower() == "bearer" and token.strip() \
            else None
        if found is not None:
            # a valid token has a bucket of its own: never locked out by others' failures from the same address
            self._limit(gateway, "token", str(found.id))
            return found.name
        self._limit(gateway, "address", client)
        if gateway.limiter.blocked(client):
            raise HttpError(429, "too_many_failures", _("Too many wrong tokens; try again in a minute."))
        gateway.limiter.failed(client)
        if scheme.lower() != "bearer" or not token.strip():
            raise HttpError(401, "no_token", _("Send your API token as 'Authorization: Bearer <token>'."))
        raise HttpError(401, "bad_token", _("That API token is not valid."))

    def _limit(self, gateway: ApiServer, kind: str, key: str) -> None:
        wait = gateway.rates.take(kind, key)
        if wait:
            error = HttpError(429, "rate_limited", _("Too many requests; try again in {n} s.").format(n=wait))
            error.retry_after = wait  # type: ignore[attr-defined]
            raise error

    def _read_body(self, method: str) -> Any:
        if method in ("GET", "DELETE"):
            return None
        if self.headers.get("Transfer-Encoding"):
            raise HttpError(411, "length_required", _("Send the body with a Content-Length, not in chunks."))
        length_text = self.headers.get("Content-Length")
        if length_text is None:
            raise HttpError(411, "length_required", _("A Content-Length header is needed."))
        try:
            length = int(length_text)
        except ValueError:
            raise HttpError(400, "bad_length", _("The Content-Length is not a number.")) from None
        if length < 0:
            raise HttpError(400, "bad_length", _("The Content-Length is not a number."))
        if length > MAX_BODY:
            raise HttpError(413, "too_large", _("The body is larger than {n} KiB.").format(n=MAX_BODY // 1024))
        if length == 0:
            return {} if method in ("POST", "PATCH", "PUT") else None
        content_type = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type != "application/json":
            raise HttpError(415, "unsupported_type", _("Send the body as application/json."))
        raw = self.rfile.read(length)
        if len(raw) < length:
            raise HttpError(400, "short_body", _("The body ended before its Content-Length."))
        try:
            return json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
        except (UnicodeDecodeError, ValueError, RecursionError):  # ValueError: also ints of > 4300 digits
            raise HttpError(400, "bad_json", _("The body is not valid JSON (NaN and Infinity are not numbers)."))\
                from None

    def _send(self, status: int, payload: Any, *, close: bool = False, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            if close:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True


class ApiServer:
    """Start with :meth:`start` (returns at once; ``port=0`` picks a free port), stop with :meth:`stop`."""

    def __init__(self, api: Api, *, port: int = 8765, lan: bool = False, workers: int = WORKERS,
                 bind: str | None = None) -> None:
        self.api = api
        self.lan = lan
        # ``bind`` is for tests and unusual set-ups: even bound wider, LAN off still refuses other machines
        self.host = bind or ("0.0.0.0" if lan else "127.0.0.1")
        self.port = port
        self.workers = workers
        self.limiter = auth.FailureLimiter()
        self.rates = RateLimits()  # a token bucket per client: its valid token, else its address
        self._server: _PooledServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> ApiServer:
        if self.running:
            return self
        try:
            self._server = _PooledServer((self.host, self.port), _Handler, self)
        except OSError as exc:
            from app.errors import InputError

            raise InputError(_("The local API cannot listen on port {port}: {reason}.").format(
                port=self.port, reason=exc.strerror or exc),
                hint=_("Another program uses that port; choose another with 'settings set api.port 8766'."))\
                from None
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.2},
                                        name="api-server", daemon=True)
        self._thread.start()
        log.info("local API listening on %s:%s%s", self.host, self.port, " (shop network)" if self.lan else "")
        return self

    def stop(self) -> None:
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._server, self._thread = None, None

    def __enter__(self) -> ApiServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
