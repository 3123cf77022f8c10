"""The real API server on 127.0.0.1 (a free port), over a copy of the evaluation shop with the real engine."""

from __future__ import annotations

import http.client
import json
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from assistant.conftest import fresh_shop, shop, template  # noqa: F401  (the shop fixtures of tests/assistant)

from app.api import Api, ApiServer
from app.api.auth import create_token


@dataclass
class Client:
    port: int
    token: str | None = None
    host: str = "127.0.0.1"

    def request(self, method: str, path: str, body: Any = None, *, token: str | None = "default",
                headers: dict[str, str] | None = None, raw: bytes | None = None) -> tuple[int, Any]:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=15)
        sent = dict(headers or {})
        use = self.token if token == "default" else token
        if use:
            sent["Authorization"] = f"Bearer {use}"
        data = raw
        if body is not None:
            data = json.dumps(body).encode()
            sent.setdefault("Content-Type", "application/json")
        try:
            conn.request(method, path, body=data, headers=sent)
            response = conn.getresponse()
            payload = response.read()
        finally:
            conn.close()
        return response.status, json.loads(payload) if payload else None


@dataclass
class Served:
    shop: Any
    server: ApiServer
    client: Client


@pytest.fixture
def served(shop) -> Iterator[Served]:  # noqa: F811
    token = create_token(shop.ctx, "owner's phone")
    server = ApiServer(Api(ctx=shop.ctx, assistant=shop.assistant, engine=shop.assistant.engine), port=0).start()
    try:
        yield Served(shop, server, Client(server.port, token))
    finally:
        server.stop()


def lan_address() -> str | None:
    """This machine's address on its network (None when it has only the loopback)."""
    try:
        probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        probe.connect(("10.254.254.254", 1))
        address = probe.getsockname()[0]
        probe.close()
    except OSError:
        return None
    return None if address.startswith("127.") else address
