"""The simulator's HTTP server (stdlib ``ThreadingHTTPServer``, HTTP/1.1 keep-alive) on 127.0.0.1.

Faults act on the wire: ``drop`` closes the connection unanswered, ``timeout`` and
``applied_no_reply`` hold it past the client's timeout, ``reset`` cuts the body half-way,
``truncated`` sends half a JSON body, ``html_portal`` answers a Wi-Fi login page; ``http_429`` (with
``Retry-After: 1``), ``http_429_bare``, ``http_500`` and ``http_503`` answer that status without applying
anything, ``error_applied`` applies and then answers an error. Error bodies take each market's own shape
(WhatsApp: the Graph API's ``{"error": {...}}``). ``go_offline``
closes the listening socket and every open connection (connection refused, as with no network).
Demo control: ``GET /_sim/state``, ``POST /_sim/order`` ``{"market", "sku", "qty"}``,
``POST /_sim/cancel`` ``{"market", "id"}``, ``POST /_sim/listing`` ``{"market", "sku", ...}``,
``POST /_sim/courier`` ``{"awb", "status"}`` or ``{"awb_delay": n}`` (the courier aggregator, ``courier.py``).
``POST /_sim/whatsapp`` ``{"window_hours": 24}`` and/or ``{"wrote": digits}`` (the 24-hour window).
"""

from __future__ import annotations

import contextlib
import email.parser
import email.policy
import json
import logging
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from app.sim.marketplace.amazon import Amazon
from app.sim.marketplace.amazon_ads import AmazonAds
from app.sim.marketplace.core import Simulator
from app.sim.marketplace.courier import Courier
from app.sim.marketplace.facebook_page import FacebookPage
from app.sim.marketplace.google_business import GoogleBusiness
from app.sim.marketplace.http import Request, Response
from app.sim.marketplace.instagram import Instagram
from app.sim.marketplace.ondc import Ondc
from app.sim.marketplace.shopify import GraphQLError, Shopify
from app.sim.marketplace.whatsapp import WhatsApp
from app.sim.marketplace.woo import Woo

__all__ = ["SimServer"]

log = logging.getLogger(__name__)

PORTAL = b"<!DOCTYPE html><html><head><title>Login</title></head><body>Please sign in to the Wi-Fi</body></html>"


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return  # the client went away (a killed sync process, a timeout): expected in fault tests
        super().handle_error(request, client_address)


def multipart_fields(raw: bytes, ctype: str) -> dict[str, Any]:
    """The fields of a multipart/form-data body: text as str, files as bytes."""
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        f"Content-Type: {ctype}\r\n\r\n".encode() + raw)
    out: dict[str, Any] = {}
    for part in message.iter_parts():  # type: ignore[attr-defined]
        name = part.get_param("name", header="content-disposition")
        if not name:
            continue
        data = part.get_payload(decode=True) or b""
        out[str(name)] = data if part.get_filename() else data.decode("utf-8", "replace")
    return out


class SimServer:
    """Start with ``start()``; ``url`` is where the adapters point. ``stop()`` closes everything."""

    def __init__(self, sim: Simulator | None = None, *, port: int = 0, host: str = "127.0.0.1") -> None:
        self.sim = sim or Simulator()
        self.host, self.port = host, port
        self.courier = Courier(self.sim)
        self.markets = [Amazon(self.sim), Shopify(self.sim), Woo(self.sim), Ondc(self.sim), WhatsApp(self.sim),
                        self.courier, FacebookPage(self.sim), GoogleBusiness(self.sim),
                        Instagram(self.sim), AmazonAds(self.sim)]
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._conns: set[socket.socket] = set()
        self._conns_lock = threading.Lock()
        self.offline = False

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> SimServer:
        outer = self

        class Handler(_Handler):
            server_ref = outer

        self._server = _Server((self.host, self.port), Handler)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="marketplace-sim", daemon=True)
        self._thread.start()
        self.offline = False
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        self._close_connections()

    def go_offline(self) -> None:
        """A partition: connections refused until ``go_online``."""
        self.offline = True
        self.stop()

    def go_online(self) -> None:
        if self._server is None:
            for _try in range(50):
                try:
                    self.start()
                    return
                except OSError:
                    time.sleep(0.05)
            raise RuntimeError("could not reopen the simulator's port")

    def _close_connections(self) -> None:
        with self._conns_lock:
            conns, self._conns = list(self._conns), set()
        for conn in conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)

    def track(self, conn: socket.socket, alive: bool) -> None:
        with self._conns_lock:
            (self._conns.add if alive else self._conns.discard)(conn)

    def __enter__(self) -> SimServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_ref: SimServer

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def setup(self) -> None:
        super().setup()
        # headers and body go out as separate writes: without this, Nagle + delayed ACK add ~40 ms a request
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.server_ref.track(self.connection, True)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server_ref.track(self.connection, False)

    def do_GET(self) -> None:
        self.dispatch()

    def do_POST(self) -> None:
        self.dispatch()

    def do_PUT(self) -> None:
        self.dispatch()

    def do_PATCH(self) -> None:
        self.dispatch()

    def do_DELETE(self) -> None:
        self.dispatch()

    # --- plumbing ----------------------------------------------------------------------------------------
    def _read(self) -> Request:
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length) if length else b""
        ctype = self.headers.get("content-type") or ""
        if ctype.startswith("multipart/form-data"):  # a picture uploaded with its fields
            body = multipart_fields(raw, ctype)
        else:
            try:
                body = json.loads(raw) if raw else None
            except ValueError:
                body = {"__invalid__": True}
        parts = urlsplit(self.path)
        return Request(self.command, parts.path, parse_qs(parts.query),
                       {k.lower(): v for k, v in self.headers.items()}, body)

    def _send(self, response: Response, *, cut: str | None = None) -> None:
        if response.body is None:
            payload = b""
        elif isinstance(response.body, bytes):
            payload = response.body
        else:
            payload = json.dumps(response.body).encode()
        self.send_response(response.status)
        ctype = "text/html; charset=utf-8" if payload.startswith(b"<!DOCTYPE") else "application/json"
        self.send_header("Content-Type", ctype)
        for k, v in response.headers.items():
            self.send_header(k, v)
        if cut == "truncated":
            payload = payload[: max(1, len(payload) // 2)]
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if cut == "reset":
            self.wfile.write(payload[: max(1, len(payload) // 2)])
            self.wfile.flush()
            self._hang_up()
            return
        self.wfile.write(payload)

    def _hang_up(self) -> None:
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def _hold(self) -> None:
        time.sleep(self.server_ref.sim.timeout_s)
        self._hang_up()

    def dispatch(self) -> None:
        sim = self.server_ref.sim
        req = self._read()
        if req.path.startswith("/_sim/"):
            self._send(self._control(req))
            return
        route = None
        market = None
        for m in self.server_ref.markets:
            route = m.route(req)
            if route is not None:
                market = m
                break
        if route is None or market is None:
            self._send(Response(404, {"errors": [{"code": "NotFound", "message": f"no route {req.path}"}]}))
            return
        op, handler = route
        name = f"{market.market}.{op}"
        with sim.lock:
            sim.requests[name] += 1
        fault = sim.faults.pick(name)
        if fault == "drop":
            self._hang_up()
            return
        if fault == "timeout":
            self._hold()
            return
        if fault in ("http_429", "http_429_bare"):
            headers = {"Retry-After": "1"} if fault == "http_429" else {}
            self._send(self._error(market, 429, "QuotaExceeded", "Too many requests", headers))
            return
        if fault == "http_500":
            self._send(self._error(market, 500, "InternalFailure", "We encountered an error"))
            return
        if fault == "http_503":
            self._send(self._error(market, 503, "ServiceUnavailable", "Service temporarily unavailable"))
            return
        if fault == "html_portal":
            self._send(Response(200, PORTAL))
            return
        if fault == "token_expired":
            with sim.lock:
                sim.tokens.clear()
        refused = market.guard(req, op)
        if refused is not None:
            self._send(refused)
            return
        if fault == "accepted_invalid":
            req.invalid = True  # type: ignore[attr-defined]
        if fault == "replay_old":
            req.replay_old = True  # type: ignore[attr-defined]
        try:
            response = handler(req)
        except GraphQLError as exc:
            response = Response(200, {"errors": [{"message": str(exc)}]})
        except (KeyError, TypeError, ValueError) as exc:
            response = Response(400, {"errors": [{"code": "InvalidInput", "message": f"bad request: {exc}"}]})
        if fault == "error_applied":
            if market.market == "woocommerce":
                response = Response(400, {"code": "product_invalid_sku", "message": "Invalid or duplicated SKU."})
            else:
                response = self._error(market, 500, "InternalFailure", "Internal error")
        if fault == "applied_no_reply":
            self._hold()
            return
        self._send(response, cut=fault if fault in ("reset", "truncated") else None)

    @staticmethod
    def _error(market: Any, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> Response:
        """A fault's error answer, in the market's own error shape where it has one."""
        shape = getattr(market, "fault_body", None)
        response = shape(status, code, message) if shape is not None else \
            Response(status, {"errors": [{"code": code, "message": message}]})
        response.headers.update(headers or {})
        return response

    def _control(self, req: Request) -> Response:
        sim = self.server_ref.sim
        body = req.body or {}
        if req.path == "/_sim/state":
            return Response(200, sim.snapshot() | {"courier": self.server_ref.courier.snapshot()})
        if req.path == "/_sim/courier":
            courier = self.server_ref.courier
            if "awb_delay" in body:
                courier.awb_delay = int(body["awb_delay"])
            moved = courier.move(body["awb"], body["status"]) if "awb" in body else True
            return Response(200 if moved else 404, {"ok": moved})
        if req.path == "/_sim/whatsapp":  # the 24-hour window: enforce it, or a number writes to the shop
            from app.sim.marketplace import whatsapp_templates

            if "window_hours" in body:
                whatsapp_templates.book(sim).window_hours = body["window_hours"]
            if body.get("wrote"):
                whatsapp_templates.wrote(sim, str(body["wrote"]))
            return Response(200, {"ok": True})
        if req.path == "/_sim/order":
            oid = sim.place_order(body["market"], body["sku"], int(body.get("qty", 1)), body.get("price_paise"))
            return Response(200 if oid else 409, {"id": oid})
        if req.path == "/_sim/cancel":
            sim.buyer_cancel(body["market"], body["id"])
            return Response(200, {"ok": True})
        if req.path == "/_sim/listing":
            values = {k: v for k, v in body.items() if k not in ("market", "sku")}
            sim.ensure_listing(body["market"], body["sku"], **values)
            return Response(200, {"ok": True})
        return Response(404, {"message": "unknown control"})
