"""Finding 7 (and the API parts of 8) of issue 12, against the real server on 127.0.0.1."""

from __future__ import annotations

import http.client
import json
import socket
from concurrent.futures import ThreadPoolExecutor

import pytest
from api.conftest import Client, served  # noqa: F401
from assistant.conftest import fresh_shop, shop, template  # noqa: F401

from app.api import Api, ApiServer
from app.errors import InputError
from tests.safety.conftest import shop_digest

TOUCHED = ("api_token",)  # a valid token's last use is noted on every call


def _raw_post(port: int, token: str, path: str, raw: bytes) -> tuple[int, dict]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    try:
        conn.request("POST", path, body=raw, headers={"Authorization": f"Bearer {token}",
                                                      "Content-Type": "application/json"})
        response = conn.getresponse()
        return response.status, json.loads(response.read())
    finally:
        conn.close()


def test_nan_infinity_and_absurd_goal_numbers_are_refused(served):  # noqa: F811
    """NaN and Infinity were stored in goals and then broke every client's JSON; 1e308 % and 10^40 targets
    were accepted."""
    path = served.shop.store.path
    before = shop_digest(path, ignore=TOUCHED)
    goal = '{"description": "grow", "ends_on": "2026-12-31", "metrics": [{"metric": "revenue", "change_pct": %s}]}'
    for number in ("NaN", "Infinity", "-Infinity", "1e308", "1" + "0" * 40, "9" * 5000):
        status, payload = _raw_post(served.server.port, served.client.token, "/v1/goals",
                                    (goal % number).encode())
        assert status in (400, 422), (number, status, payload)
    status, payload = served.client.request("POST", "/v1/goals", {
        "description": "grow", "ends_on": "2026-12-31", "metrics": [{"metric": "revenue", "target_paise": 10**40}]})
    assert status == 422
    assert shop_digest(path, ignore=TOUCHED) == before


def test_far_dates_are_refused_not_500(served):  # noqa: F811
    """`/v1/reports/summary?day=0001-01-01` gave HTTP 500; a goal ending in 9999 was accepted."""
    status, _ = served.client.request("GET", "/v1/reports/summary?day=0001-01-01")
    assert status == 422
    status, _ = served.client.request("POST", "/v1/goals", {
        "description": "grow", "starts_on": "2026-06-01", "ends_on": "9999-12-31",
        "metrics": [{"metric": "revenue", "change_pct": 10}]})
    assert status == 422


def test_a_huge_number_in_a_button_press_is_refused_not_500(served):  # noqa: F811
    """`{"press": "confirm:999...}` gave HTTP 500 (an integer beyond SQLite's)."""
    status, payload = served.client.request("POST", "/v1/messages", {"press": "confirm:" + "9" * 40})
    assert status < 500, payload


def test_wrong_tokens_from_a_local_page_never_lock_out_the_owner(served):  # noqa: F811
    """Ten requests without a token from any local page locked the owner out for 60 s."""
    for _ in range(15):
        status, _ = served.client.request("GET", "/v1/goals", token=None)
        assert status in (401, 429)
    status, _ = served.client.request("GET", "/v1/goals", token="tvx_wrong")
    assert status == 429  # the guesser is slowed down ...
    status, _ = served.client.request("GET", "/v1/goals")
    assert status == 200  # ... and the owner's valid token still works


def test_a_burst_of_fifty_parallel_requests_is_served(served):  # noqa: F811
    """50 parallel requests got connection resets."""
    client: Client = served.client

    def one(_n: int) -> int:
        return client.request("GET", "/v1/reports/stock")[0]

    with ThreadPoolExecutor(max_workers=50) as pool:
        statuses = list(pool.map(one, range(50)))
    assert statuses == [200] * 50


def test_serving_on_a_port_in_use_says_so(served):  # noqa: F811
    """`api serve` on a port in use gave a traceback."""
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen(1)
    try:
        server = ApiServer(Api(ctx=served.shop.ctx, assistant=served.shop.assistant), port=busy.getsockname()[1])
        with pytest.raises(InputError) as refused:
            server.start()
        assert "port" in str(refused.value)
    finally:
        busy.close()
