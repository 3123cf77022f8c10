"""Harden the class (issue 12): every API route, driven with generated hostile JSON values and query
parameters, answers 4xx (never 500), with JSON every client can parse (no NaN or Infinity), and a
refused request leaves every table as it was."""

from __future__ import annotations

import http.client
import json
import math

import pytest
from api.conftest import served  # noqa: F401
from assistant.conftest import fresh_shop, shop, template  # noqa: F401
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.safety.conftest import shop_digest

pytestmark = pytest.mark.slow
TOUCHED = ("api_token",)  # a valid token's last use is noted on every call

numbers = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(min_value=-10**40, max_value=10**40),
                    st.sampled_from([1e308, -1e308, 10**19, -(10**19), 2**63]))
texts = st.one_of(st.text(max_size=30), st.sampled_from(["\x00", "\u202e" * 3, "x" * 5000, "9" * 400,
                                                        "0001-01-01", "9999-12-31", "confirm:" + "9" * 40,
                                                        "approve:" + "9" * 30, "undo:-1", ""]))
scalars = st.one_of(numbers, texts, st.booleans(), st.none())
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                       st.dictionaries(st.text(max_size=8), inner, max_size=3)),
                      max_leaves=6)
metric = st.fixed_dictionaries({"metric": st.sampled_from(["revenue", "profit", "fill_rate", "nonsense", 5])},
                               optional={"change_pct": values, "target": values, "target_paise": values,
                                         "max_paise": values, "min_bp": values})


def _encode(body) -> bytes:
    return json.dumps(body, allow_nan=True).encode()  # NaN / Infinity as a hostile client would send them


def _call(port: int, token: str, method: str, path: str, body=None) -> tuple[int, object]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    headers = {"Authorization": f"Bearer {token}"}
    data = None
    if body is not None:
        data = _encode(body)
        headers["Content-Type"] = "application/json"
    try:
        conn.request(method, path, body=data, headers=headers)
        response = conn.getresponse()
        raw = response.read()
    finally:
        conn.close()

    def strict(name: str):
        raise AssertionError(f"the API answered with {name}, which clients cannot parse")

    return response.status, json.loads(raw, parse_constant=strict) if raw else None


ROUTES = [
    ("messages-text", "POST", "/v1/messages", st.fixed_dictionaries({"text": values})),
    ("messages-press", "POST", "/v1/messages", st.fixed_dictionaries({"press": values},
                                                                       optional={"conversation": values})),
    ("goals-create", "POST", "/v1/goals", st.fixed_dictionaries(
        {"description": st.one_of(texts, values), "ends_on": st.one_of(texts, values),
         "metrics": st.one_of(values, st.lists(metric, min_size=1, max_size=3))},
        optional={"starts_on": values, "priority": values})),
    ("goals-text", "POST", "/v1/goals", st.fixed_dictionaries({"text": values})),
    ("goals-patch", "PATCH", "/v1/goals/1", st.fixed_dictionaries({"status": values})),
    ("approve", "POST", "/v1/approvals/999999999/approve", st.fixed_dictionaries({}, optional={"note": values})),
    ("body-not-object", "POST", "/v1/goals", values),
]
QUERIES = [
    ("sales", "/v1/reports/sales?from={v}&to={w}"),
    ("sales-period", "/v1/reports/sales?period={v}"),
    ("summary", "/v1/reports/summary?day={v}&lang={w}"),
    ("alerts", "/v1/reports/alerts?lang={v}"),
    ("messages", "/v1/messages?conversation={v}"),
    ("approvals", "/v1/approvals?status={v}"),
]
query_values = st.one_of(st.text(max_size=20), st.sampled_from(["0001-01-01", "9999-12-31", "1e308", "nan",
                                                                "-1", "9" * 40, "%00", "today", "hi"]))


def _settings():
    return settings(max_examples=100, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.mark.parametrize(("name", "method", "path", "bodies"), ROUTES, ids=[r[0] for r in ROUTES])
def test_hostile_bodies_get_a_clear_4xx(served, name, method, path, bodies):  # noqa: F811
    store_path = served.shop.store.path

    @_settings()
    @given(body=bodies)
    def run(body) -> None:
        before = shop_digest(store_path, ignore=TOUCHED)
        status, payload = _call(served.server.port, served.client.token, method, path, body)
        assert status < 500, (name, body, payload)
        if status >= 400:
            assert isinstance(payload, dict) and payload["error"]["message"], payload
            assert shop_digest(store_path, ignore=TOUCHED) == before, (name, body)

    run()


@pytest.mark.parametrize(("name", "template_path"), QUERIES, ids=[q[0] for q in QUERIES])
def test_hostile_queries_never_give_500(served, name, template_path):  # noqa: F811
    from urllib.parse import quote

    @_settings()
    @given(v=query_values, w=query_values)
    def run(v: str, w: str) -> None:
        path = template_path.format(v=quote(v, safe=""), w=quote(w, safe=""))
        status, payload = _call(served.server.port, served.client.token, "GET", path)
        assert status < 500, (name, v, w, payload)

    run()


def test_no_stored_number_is_nan_or_infinite(served):  # noqa: F811
    """What the API stored while being attacked still reads back as strict JSON."""
    status, payload = _call(served.server.port, served.client.token, "GET", "/v1/goals")
    assert status == 200
    for goal in payload["goals"]:
        for m in goal["metrics"]:
            assert all(not isinstance(v, float) or math.isfinite(v) for v in m.values())
