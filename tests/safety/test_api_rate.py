"""A request rate limit per client in the local API (issue 12): a token bucket per valid token, else per
address; a realistic burst fits, an empty bucket is answered 429 with Retry-After, and nobody's failures
ever slow down a valid token."""

from __future__ import annotations

import http.client
import json
import time
from concurrent.futures import ThreadPoolExecutor

from api.conftest import Client, served  # noqa: F401
from assistant.conftest import shop, template  # noqa: F401

from app.api.auth import create_token
from app.api.rate import Bucket, RateLimits


def _get(port: int, path: str, token: str | None) -> tuple[int, dict, dict]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        conn.request("GET", path, headers={"Authorization": f"Bearer {token}"} if token else {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), json.loads(response.read() or b"null")
    finally:
        conn.close()


def test_a_burst_of_fifty_parallel_requests_fits_the_bucket(served):  # noqa: F811
    client: Client = served.client
    with ThreadPoolExecutor(max_workers=50) as pool:
        statuses = list(pool.map(lambda _n: client.request("GET", "/v1/goals")[0], range(50)))
    assert statuses == [200] * 50


def test_an_empty_bucket_is_answered_429_with_retry_after_and_refills(served):  # noqa: F811
    served.server.rates = RateLimits(token=Bucket(capacity=5, per_s=2))
    port, token = served.server.port, served.client.token
    statuses = [_get(port, "/v1/goals", token)[0] for _ in range(5)]
    assert statuses == [200] * 5
    status, headers, body = _get(port, "/v1/goals", token)
    assert status == 429 and body["error"]["code"] == "rate_limited"
    wait = int(headers["Retry-After"])
    assert wait == 1  # one request refills in half a second: 1 (whole seconds, rounded up)
    time.sleep(wait)
    assert _get(port, "/v1/goals", token)[0] == 200


def test_others_failures_never_slow_a_valid_token(served):  # noqa: F811
    """A local web page (same 127.0.0.1) sends wrong tokens and none: its bucket empties, the owner's
    token is untouched; and one valid token's burst does not use another's bucket."""
    served.server.rates = RateLimits(token=Bucket(capacity=20, per_s=1), address=Bucket(capacity=10, per_s=0.1))
    port, token = served.server.port, served.client.token
    refused = [_get(port, "/v1/goals", bad)[0] for bad in ["tvx_wrong"] * 20 + [None] * 20]
    assert refused[:10] == [401] * 10 and set(refused[10:]) == {429}
    status, headers, _body = _get(port, "/v1/health", None)
    assert status == 429 and int(headers["Retry-After"]) >= 1  # the page's address is throttled everywhere
    assert [_get(port, "/v1/goals", token)[0] for _ in range(20)] == [200] * 20  # the owner is not
    assert _get(port, "/v1/goals", token)[0] == 429  # ... until the owner's own bucket is empty
    second = create_token(served.shop.ctx, "shop laptop")
    assert _get(port, "/v1/goals", second)[0] == 200  # another token has its own bucket


def test_buckets_refill_at_their_rate_and_forget_idle_clients():
    limits = RateLimits(token=Bucket(capacity=3, per_s=1))
    assert [limits.take("token", "a", now=0.0) for _ in range(3)] == [0, 0, 0]
    assert limits.take("token", "a", now=0.0) == 1
    assert limits.take("token", "a", now=0.5) == 1  # half a token back: still one second to wait, rounded up
    assert limits.take("token", "a", now=1.0) == 0
    assert limits.take("token", "b", now=1.0) == 0  # another client's bucket is full
    from app.api import rate

    for n in range(rate.MAX_CLIENTS + 10):
        limits.take("address", f"10.0.{n // 256}.{n % 256}", now=100.0 + n)
    assert len(limits._level) <= rate.MAX_CLIENTS + 1
