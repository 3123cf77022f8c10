"""One HTTP exchange with a marketplace, classified so that the send protocol knows what happened.

| what came back | raised | was it applied? |
|---|---|---|
| connection refused, DNS failure, connect timeout | ``Offline`` | no: nothing reached the server |
| HTML where JSON was expected (Wi-Fi login page) | ``CaptivePortal`` | no: the marketplace was never reached |
| read timeout, reset mid-body, truncated JSON, 5xx | ``Ambiguous`` | maybe: read back before resending a command |
| 429, 503 with ``Retry-After`` | ``Throttled`` | no |
| 401 / 403 with the marketplace's JSON or an auth challenge | ``AuthFailed`` | no: pause the channel, keep its queue |
| 401 / 403 / 407 / 511 as a page or bare text (a Wi-Fi login in between) | ``CaptivePortal`` | no |
| other 4xx | ``Rejected`` | no, and the same request will never succeed |

Request bodies and headers (tokens) never go into an exception message or a log line.
"""

from __future__ import annotations

import email.utils
import json
import time
from dataclasses import dataclass, field
from typing import Any

import httpx

from app.sync.errors import Ambiguous, AuthFailed, CaptivePortal, Offline, Rejected, Throttled


@dataclass(frozen=True)
class Reply:
    status: int
    data: Any
    headers: dict[str, str] = field(default_factory=dict)

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """``Retry-After`` as seconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3); None if absent/bad."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


def _error_message(data: Any, fallback: str) -> tuple[str, str]:
    """(code, message) from the usual error shapes: SP-API ``errors[]``, Woo ``{code, message}``, GraphQL."""
    if isinstance(data, dict):
        errors = data.get("errors")
        if isinstance(errors, list) and errors and isinstance(errors[0], dict):
            first = errors[0]
            return str(first.get("code", "")), str(first.get("message") or first.get("details") or fallback)
        if "message" in data:
            return str(data.get("code", "")), str(data["message"])
    return "", fallback


def looks_like_html(response: httpx.Response, body: bytes) -> bool:
    ctype = response.headers.get("content-type", "").lower()
    head = body.lstrip()[:15].lower()
    return "html" in ctype or head.startswith((b"<!doctype", b"<html", b"<head", b"<body"))


def exchange(client: httpx.Client, method: str, url: str, *, channel: str = "", json_body: Any = None,
             params: Any = None, headers: dict[str, str] | None = None, timeout: float | None = None,
             files: Any = None, form: Any = None) -> Reply:
    """Send one request and classify the answer (see the table above). ``files`` and ``form``: a multipart
    upload (a picture and its fields) instead of a JSON body."""
    kwargs: dict[str, Any] = {"params": params, "headers": headers}
    if files is not None:
        kwargs["files"], kwargs["data"] = files, form
    if json_body is not None:
        kwargs["content"] = json.dumps(json_body, ensure_ascii=False, separators=(",", ":")).encode()
        given = {k.lower() for k in (headers or {})}  # a vendor JSON type (Amazon Ads' vnd.*+json) is kept
        kwargs["headers"] = {**(headers or {}), **({} if "content-type" in given else
                                                   {"content-type": "application/json"})}
    if timeout is not None:
        kwargs["timeout"] = timeout
    try:
        response = client.request(method, url, **kwargs)
    except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol) as exc:
        raise Offline(type(exc).__name__) from None
    except (httpx.ReadTimeout, httpx.WriteTimeout, httpx.RemoteProtocolError, httpx.ReadError,
            httpx.WriteError) as exc:
        raise Ambiguous(type(exc).__name__) from None
    except httpx.TransportError as exc:
        raise Ambiguous(type(exc).__name__) from None
    body = response.content
    status = response.status_code
    reply_headers = {k.lower(): v for k, v in response.headers.items()}
    if status in (407, 511):  # a proxy or hotspot asks for its own login, not the marketplace's
        raise CaptivePortal(f"network login, status {status}")
    if looks_like_html(response, body):
        if status < 400 or status in (401, 403):
            raise CaptivePortal(f"HTML with status {status}")
        raise Ambiguous(f"HTML error page {status}", status=status)
    data: Any = None
    if body.strip():
        try:
            data = json.loads(body)
        except ValueError:
            if 200 <= status < 300 or status >= 500:
                raise Ambiguous(f"unreadable JSON ({len(body)} bytes)", status=status) from None
            data = None
    retry_after = retry_after_seconds(response.headers.get("retry-after"))
    if status == 429 or (status == 503 and retry_after is not None):
        raise Throttled(retry_after, detail=f"status {status}")
    if status in (401, 403):
        if not isinstance(data, dict | list) and "www-authenticate" not in reply_headers:
            # not the marketplace's own answer: pausing the channel as "login needed" would be wrong
            raise CaptivePortal(f"status {status} without the marketplace's answer")
        code, message = _error_message(data, f"status {status}")
        raise AuthFailed(channel, detail=f"{status} {code}".strip())
    if status >= 500:
        raise Ambiguous(f"status {status}", status=status)
    if status >= 400:
        code, message = _error_message(data, f"status {status}")
        raise Rejected(message, code=code, status=status)
    return Reply(status, data, reply_headers)
