"""The local API on a real socket: auth (no token, wrong token, revoked, LAN off), bad input (malformed
JSON, huge or chunked bodies, wrong types), the assistant over HTTP, goals CRUD, reports, approvals."""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import time

import pytest

from app.api import Api, ApiServer
from app.api.auth import create_token, revoke_token
from app.store import api_tokens

from .conftest import Client, lan_address


# --- auth --------------------------------------------------------------------------------------
def test_health_and_openapi_need_no_token_but_everything_else_does(served):
    client = served.client
    assert client.request("GET", "/v1/health", token=None) == (200, {"ok": True})
    status, doc = client.request("GET", "/v1/openapi.json", token=None)
    assert status == 200 and doc["openapi"].startswith("3.")
    for path in ("/v1/messages", "/v1/goals", "/v1/goals/{id}", "/v1/reports/sales", "/v1/approvals"):
        assert path in doc["paths"]
    status, body = client.request("GET", "/v1/reports/sales", token=None)
    assert status == 401 and body["error"]["code"] == "no_token"
    status, body = client.request("POST", "/v1/messages", {"text": "kal kitna becha?"}, token=None)
    assert status == 401


def test_a_wrong_or_revoked_token_is_refused(served):
    client = served.client
    status, body = client.request("GET", "/v1/goals", token="tvx_not-a-real-token")
    assert status == 401 and body["error"]["code"] == "bad_token"
    status, _body = client.request("GET", "/v1/goals", headers={"Authorization": f"Basic {client.token}"},
                                   token=None)
    assert status == 401
    assert client.request("GET", "/v1/goals")[0] == 200
    token_id = api_tokens.all_tokens(served.shop.store.db())[0].id
    revoke_token(served.shop.ctx, token_id)
    assert client.request("GET", "/v1/goals")[0] == 401


def test_tokens_are_stored_hashed_and_their_use_noted(served):
    db = served.shop.store.db()
    row = db.execute("SELECT token_hash, prefix, last_used_at FROM api_token").fetchone()
    assert served.client.token not in row[0] and len(row[0]) == 64 and served.client.token.startswith(row[1])
    served.client.request("GET", "/v1/goals")
    assert db.execute("SELECT last_used_at FROM api_token").fetchone()[0] is not None


def test_guessing_tokens_is_slowed_down(served):
    client = served.client
    for _attempt in range(10):
        assert client.request("GET", "/v1/goals", token="tvx_guess")[0] == 401
    status, body = client.request("GET", "/v1/goals", token="tvx_guess")
    assert status == 429 and body["error"]["code"] == "too_many_failures"
    # the right token is never locked out by someone else's failures (issue 12, finding 7)
    assert client.request("GET", "/v1/goals")[0] == 200


def test_lan_off_binds_to_this_pc_only(served):
    address = lan_address()
    if address is None:
        pytest.skip("this machine has no network address besides the loopback")
    with pytest.raises(OSError):
        socket.create_connection((address, served.server.port), timeout=2).close()


def test_lan_off_refuses_other_machines_even_when_bound_wider(shop):
    """Defence in depth: with LAN access off, a request that arrives from another address is refused."""
    address = lan_address()
    if address is None:
        pytest.skip("this machine has no network address besides the loopback")
    token = create_token(shop.ctx, "phone")
    server = ApiServer(Api(ctx=shop.ctx, assistant=shop.assistant), port=0, bind="0.0.0.0").start()
    try:
        status, body = Client(server.port, token, host=address).request("GET", "/v1/goals")
        assert status == 403 and body["error"]["code"] == "lan_off"
        assert Client(server.port, token).request("GET", "/v1/goals")[0] == 200
    finally:
        server.stop()
    lan = ApiServer(Api(ctx=shop.ctx, assistant=shop.assistant), port=0, lan=True).start()
    try:
        assert lan.host == "0.0.0.0"
        assert Client(lan.port, token, host=address).request("GET", "/v1/goals")[0] == 200
    finally:
        lan.stop()


# --- bad input ---------------------------------------------------------------------------------
def test_malformed_json_and_wrong_shapes(served):
    client = served.client
    status, body = client.request("POST", "/v1/messages", raw=b'{"text": "kal kitna', headers={
        "Content-Type": "application/json"})
    assert status == 400 and body["error"]["code"] == "bad_json"
    status, body = client.request("POST", "/v1/messages", raw=b"\xff\xfe{}",
                                  headers={"Content-Type": "application/json"})
    assert status == 400
    assert client.request("POST", "/v1/messages", [1, 2, 3])[0] == 400
    status, body = client.request("POST", "/v1/messages", {"text": 42})
    assert status == 422 and body["error"]["code"] == "bad_field"
    status, body = client.request("POST", "/v1/messages", {"text": "a" * 1001})
    assert status == 422 and body["error"]["code"] == "too_long"
    status, body = client.request("POST", "/v1/messages", {"text": "hi", "conversation": "../../etc"})
    assert status == 422
    status, body = client.request("POST", "/v1/messages", raw=b"text=hi", headers={
        "Content-Type": "application/x-www-form-urlencoded"})
    assert status == 415
    assert client.request("GET", "/v1/nothing-here")[0] == 404
    assert client.request("PUT", "/v1/goals", {"x": 1})[0] == 405
    assert client.request("GET", "/v1/reports/sales?period=fortnight")[0] == 422
    assert client.request("GET", "/v1/reports/sales?from=2026-10-10&to=2026-10-01")[0] == 422
    assert client.request("GET", "/v1/goals/999")[0] == 404
    deep = b"[" * 100_000 + b"]" * 100_000
    status, _body = client.request("POST", "/v1/messages", raw=deep[:60_000], headers={
        "Content-Type": "application/json"})
    assert status == 400
    assert client.request("GET", "/v1/health", token=None)[0] == 200  # still serving


def test_a_huge_body_is_refused_without_being_read(served):
    conn = http.client.HTTPConnection("127.0.0.1", served.server.port, timeout=15)
    started = time.perf_counter()
    conn.putrequest("POST", "/v1/messages")
    conn.putheader("Authorization", f"Bearer {served.client.token}")
    conn.putheader("Content-Type", "application/json")
    conn.putheader("Content-Length", str(50 * 1024 * 1024))
    conn.endheaders()
    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
        conn.send(b'{"text": "' + b"x" * 65_536)
    response = conn.getresponse()
    assert response.status == 413 and json.loads(response.read())["error"]["code"] == "too_large"
    conn.close()
    assert time.perf_counter() - started < 5
    assert served.client.request("GET", "/v1/health", token=None)[0] == 200


def test_chunked_or_unannounced_bodies_are_refused(served):
    conn = http.client.HTTPConnection("127.0.0.1", served.server.port, timeout=15)
    conn.request("POST", "/v1/messages", body=iter([b'{"text": "hi"}']), headers={
        "Authorization": f"Bearer {served.client.token}", "Content-Type": "application/json",
        "Transfer-Encoding": "chunked"}, encode_chunked=True)
    assert conn.getresponse().status == 411
    conn.close()
    conn = http.client.HTTPConnection("127.0.0.1", served.server.port, timeout=15)
    conn.putrequest("POST", "/v1/messages")
    conn.putheader("Authorization", f"Bearer {served.client.token}")
    conn.endheaders()
    assert conn.getresponse().status == 411
    conn.close()


def test_a_slow_client_does_not_hold_the_server(served):
    idle = [socket.create_connection(("127.0.0.1", served.server.port)) for _ in range(10)]  # more than the workers
    try:
        time.sleep(0.2)
        started = time.perf_counter()
        status, _body = served.client.request("GET", "/v1/health", token=None)
        assert status == 200 and time.perf_counter() - started < 6
    finally:
        for s in idle:
            s.close()


# --- the assistant over HTTP -------------------------------------------------------------------
def test_messages_and_a_confirmed_price_change(served):
    client, shop = served.client, served.shop
    status, reply = client.request("POST", "/v1/messages", {"text": "Maggi ka daam 2 rupay kam karo"})
    assert status == 200 and reply["intent"] == "change_price"
    assert reply["slots"] == {"product": "MAGGI70", "amount": 200, "direction": "down"} and reply["lang"] == "hinglish"
    assert shop.scalar("SELECT price_paise FROM product WHERE sku = 'MAGGI70'") == 1400
    confirm = next(a["id"] for a in reply["actions"] if a["kind"] == "confirm")
    status, _done = client.request("POST", "/v1/messages", {"press": confirm})
    assert status == 200 and shop.scalar("SELECT price_paise FROM product WHERE sku = 'MAGGI70'") == 1200
    status, history = client.request("GET", "/v1/messages?limit=10")
    assert status == 200 and history["conversation"] == "api-owner-s-phone" and len(history["messages"]) == 4
    # another client cannot press this conversation's buttons
    status, _body = client.request("POST", "/v1/messages", {"press": confirm, "conversation": "someone-else"})
    assert status == 422


def test_goals_crud(served):
    client, shop = served.client, served.shop
    status, goal = client.request("POST", "/v1/goals", {"text": "grow sales 20% this Diwali"})
    assert status == 201 and goal["metrics"] == [{"metric": "revenue", "change_pct": 20.0}]
    assert goal["ends_on"] == "2026-11-08" and goal["plan"]["strategies"]
    status, second = client.request("POST", "/v1/goals", {
        "description": "Keep the shelves full", "metrics": [{"metric": "fill_rate", "target": 0.97}],
        "starts_on": "2026-10-15", "ends_on": "2026-12-31", "priority": 2})
    assert status == 201 and second["priority"] == 2 and second["plan"] is not None
    assert client.request("POST", "/v1/goals", {"text": "tell me a joke"})[0] == 422
    assert client.request("POST", "/v1/goals", {"description": "x", "metrics": [{"metric": "happiness"}],
                                                "ends_on": "2026-12-31"})[0] == 422
    assert client.request("POST", "/v1/goals", {"description": "x", "metrics": [{"metric": "profit"}],
                                                "ends_on": "2026-01-01"})[0] == 422  # ends before it starts
    status, listed = client.request("GET", "/v1/goals")
    assert [g["id"] for g in listed["goals"]] == [goal["id"], second["id"]]
    status, paused = client.request("PATCH", f"/v1/goals/{goal['id']}", {"status": "paused"})
    assert status == 200 and paused["status"] == "paused"
    status, gone = client.request("DELETE", f"/v1/goals/{second['id']}")
    assert status == 200 and gone["status"] == "cancelled"
    assert shop.scalar("SELECT count(*) FROM goal") == 2  # kept, never deleted
    assert client.request("GET", "/v1/goals?status=active")[1]["goals"] == []


def test_reports_agree_with_the_books(served):
    client, shop = served.client, served.shop
    status, sales = client.request("GET", "/v1/reports/sales?period=last_week")
    assert status == 200 and sales["from"] == "2026-10-05" and sales["to"] == "2026-10-11"
    bills, total = shop.store.db().execute(
        "SELECT count(*), sum(total_paise) FROM orders WHERE kind = 'sale'"
        " AND status NOT IN ('draft', 'held', 'cancelled')"
        " AND business_date BETWEEN '2026-10-05' AND '2026-10-11'").fetchone()
    assert (sales["bills"], sales["total_paise"]) == (bills, total)
    assert sum(d["total_paise"] for d in sales["by_day"]) == total and len(sales["top_items"]) == 10
    status, custom = client.request("GET", "/v1/reports/sales?from=2026-10-05&to=2026-10-11")
    assert custom["total_paise"] == total
    stock = client.request("GET", "/v1/reports/stock")[1]["low_stock"]
    assert {s["sku"] for s in stock} == {"LAYS", "TOORDAL", "COLGATE", "FORTUNE1"}
    khata = client.request("GET", "/v1/reports/khata")[1]
    assert khata["total_paise"] == 568_000 and khata["debtors"][0]["name"] == "Pooja Sharma"
    summary = client.request("GET", "/v1/reports/summary?lang=hi")[1]
    assert "आज का हिसाब" in summary["text"]
    alerts = client.request("GET", "/v1/reports/alerts")[1]["alerts"]
    assert any(a["key"].startswith("stockout:") for a in alerts) and any(a["key"].startswith("sync_failed")
                                                                          for a in alerts)


def test_approvals_over_the_api(served):
    client, shop = served.client, served.shop
    approvals = client.request("GET", "/v1/approvals")[1]["approvals"]
    assert [a["id"] for a in approvals] == [shop.built.approval_id]
    status, answer = client.request("POST", f"/v1/approvals/{shop.built.approval_id}/approve", {"note": "ok"})
    assert status == 200 and answer["decision_status"] == "executed"
    assert shop.scalar("SELECT count(*) FROM purchase_order_line WHERE sku = 'COLGATE'") == 1
    status, body = client.request("POST", f"/v1/approvals/{shop.built.approval_id}/reject", {})
    assert status == 422 and "already" in body["error"]["message"]
