"""One request to Meta's Graph API, shared by the adapters that speak it (the WhatsApp Cloud API, a Facebook
page, an Instagram business account): the Bearer token from the keyring (none there: the channel's own
"connect again" error, before any byte leaves), the adapter's local rate bucket, one classified exchange
(:func:`app.sync.transport.exchange`), and the raw answer kept so that a refusal's Graph error can be read
(:func:`graph_error`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import httpx

from app.sync import transport
from app.sync.errors import AuthFailed, MissingCredential, NoKeyring, Throttled

if TYPE_CHECKING:
    from app.sync.marketplaces.base import Adapter

__all__ = ["AUTH_CODES", "THROTTLE_CODES", "THROTTLE_WAIT_S", "Kept", "bearer", "graph_error", "raise_for_account",
           "request"]

THROTTLE_CODES = frozenset({4, 17, 32, 613})  # Graph's rate limits: wait
THROTTLE_WAIT_S = 60.0  # when no Retry-After says how long (page and account limits are per hour)
AUTH_CODES = frozenset({102, 190})  # a dead session or token (and 200-299: a permission taken away)

LoginNeeded = Callable[[str, str], AuthFailed]  # (channel, detail) -> the channel's own "connect again" error


class Kept:
    """An httpx client that keeps the last response, so a refusal's Graph error body can be read afterwards."""

    def __init__(self, client: httpx.Client) -> None:
        self.client = client
        self.response: httpx.Response | None = None

    def request(self, *args: Any, **kwargs: Any) -> httpx.Response:
        self.response = self.client.request(*args, **kwargs)
        return self.response


def bearer(adapter: Adapter, login_needed: LoginNeeded) -> dict[str, str]:
    try:
        token = adapter.secret("access_token")
    except (MissingCredential, NoKeyring) as exc:
        raise login_needed(adapter.channel, type(exc).__name__) from None
    return {"Authorization": f"Bearer {token}"}


def request(adapter: Adapter, keep: Kept, method: str, url: str, *, bucket: str, login_needed: LoginNeeded,
            keep_errors: tuple[type[AuthFailed], ...] = (), **kwargs: Any) -> transport.Reply:
    """Send one Graph request. A refused token becomes ``login_needed`` (errors of ``keep_errors`` pass as
    they are); an empty local bucket is a throttle before anything is sent."""
    headers = bearer(adapter, login_needed)  # before any byte leaves: a missing token pauses, nothing was sent
    if not adapter.pace(bucket):
        raise Throttled(None, detail="local bucket empty")
    try:
        return transport.exchange(keep, method, url, channel=adapter.channel,  # type: ignore[arg-type]
                                  headers=headers, **kwargs)
    except AuthFailed as exc:
        if isinstance(exc, keep_errors):
            raise
        raise login_needed(adapter.channel, exc.detail) from None


def graph_error(response: httpx.Response | None) -> tuple[int | None, int | None, str, str]:
    """(code, subcode, message, details) of a Graph API error body; Nones when there is none."""
    if response is None:
        return None, None, "", ""
    try:
        data = response.json()
    except ValueError:
        return None, None, "", ""
    error = data.get("error") if isinstance(data, dict) else None
    if not isinstance(error, dict):
        return None, None, "", ""

    def number(value: Any) -> int | None:
        try:
            return int(value)
        except (TypeError, ValueError):
            return None

    details = (error.get("error_data") or {}).get("details", "") if isinstance(error.get("error_data"), dict) else ""
    return number(error.get("code")), number(error.get("error_subcode")), str(error.get("message") or ""), \
        str(details or "")


def raise_for_account(adapter: Adapter, response: httpx.Response | None, login_needed: LoginNeeded, *,
                      not_throttled: frozenset[int] = frozenset()) -> None:
    """The refusals every Graph account shares: throttling waits (``Retry-After`` wins), a dead token or a
    missing permission and an unknown account (subcode 33) pause the channel for the seller to connect again.
    Returns for any other refusal (the adapter's own meaning). ``not_throttled``: subcodes that look like a
    throttle code but are not (Instagram's 4 / 2207051, a spam restriction)."""
    code, subcode, _message, _details = graph_error(response)
    if code in THROTTLE_CODES and subcode not in not_throttled:
        wait = transport.retry_after_seconds(response.headers.get("retry-after") if response is not None else None)
        raise Throttled(wait if wait is not None else THROTTLE_WAIT_S, detail=f"graph code {code}")
    if code is not None and (code in AUTH_CODES or 200 <= code <= 299):
        raise login_needed(adapter.channel, f"graph code {code}")
    if subcode == 33:
        raise login_needed(adapter.channel, "unknown account")
