"""A Google Business Profile on the simulated My Business API (v4 local posts): the shop's offers as
"Offer" posts on its Google profile (Search and Maps).

``POST /token`` (Google's OAuth token endpoint) trades the shop's refresh token (``grant_type``
``refresh_token``, with the client id and secret) for an access token that lasts ``ACCESS_SECONDS``; a
revoked refresh token gets ``invalid_grant``. ``POST /v4/accounts/{account}/locations/{location}/localPosts``
with that access token (``Authorization: Bearer``) and a ``LocalPost`` (``languageCode``, ``summary``,
``topicType`` "OFFER", ``event`` with a title and a schedule, ``offer.couponCode``) answers the post with its
``name`` and ``state`` (``LIVE``); ``GET`` on the same path lists the location's posts (``localPosts[]``),
which is how a post whose fate is unknown is looked for. Refusals in Google's error shape (``{"error":
{"code", "message", "status"}}``): 401 UNAUTHENTICATED (the access token expired or was never given), 404
NOT_FOUND (an unknown location), 400 INVALID_ARGUMENT (a summary over 1,500 characters, an offer without its
event title or schedule), 429 RESOURCE_EXHAUSTED, and the shared faults (drops, timeouts, 5xx, a reply lost
after the post was made).
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field
from typing import Any

from app.sim.marketplace.core import Simulator
from app.sim.marketplace.facebook_page import book as facebook_book
from app.sim.marketplace.http import Handler, Request, Response

__all__ = ["ACCESS_SECONDS", "ACCOUNT", "CLIENT", "LOCATION", "REFRESH", "GoogleBook", "GoogleBusiness", "book"]

ACCOUNT = "1122334455"
LOCATION = "99887766"
REFRESH = "1//sim-refresh"
CLIENT = ("sim-client.apps.googleusercontent.com", "sim-secret")
ACCESS_SECONDS = 3600


@dataclass
class GoogleBook:
    locations: set[tuple[str, str]] = field(default_factory=lambda: {(ACCOUNT, LOCATION)})
    refresh_tokens: set[str] = field(default_factory=lambda: {REFRESH})
    access: dict[str, float] = field(default_factory=dict)  # access token -> expiry (simulator time)
    posts: list[dict[str, Any]] = field(default_factory=list)


_BOOKS: weakref.WeakKeyDictionary[Simulator, GoogleBook] = weakref.WeakKeyDictionary()


def book(sim: Simulator) -> GoogleBook:
    found = _BOOKS.get(sim)
    if found is None:
        found = _BOOKS[sim] = GoogleBook()
    return found


def _error(code: int, status: str, message: str) -> Response:
    return Response(code, {"error": {"code": code, "message": message, "status": status}})


class GoogleBusiness:
    market = "google"

    def __init__(self, sim: Simulator) -> None:
        self.sim = sim

    def route(self, req: Request) -> tuple[str, Handler] | None:
        if req.path == "/token" and req.method == "POST":
            return "token", self.token
        m = re.fullmatch(r"/v4/accounts/([0-9]+)/locations/([0-9]+)/localPosts", req.path)
        if m is None:
            return None
        where = (m.group(1), m.group(2))
        if req.method == "POST":
            return "post", lambda r: self.post(r, where)
        if req.method == "GET":
            return "list", lambda r: self.list(where)
        return None

    def token(self, req: Request) -> Response:
        body = req.body or {}
        profile = book(self.sim)
        if (body.get("client_id"), body.get("client_secret")) != CLIENT:
            return Response(401, {"error": "invalid_client", "error_description": "The OAuth client was not found."})
        if body.get("grant_type") != "refresh_token" or body.get("refresh_token") not in profile.refresh_tokens:
            return Response(400, {"error": "invalid_grant", "error_description": "Token has been expired or revoked."})
        with self.sim.lock:
            access = f"ya29.{self.sim.next_id('sim')}"
            profile.access[access] = self.sim.now() + ACCESS_SECONDS
        return Response(200, {"access_token": access, "expires_in": ACCESS_SECONDS, "token_type": "Bearer"})

    def guard(self, req: Request, op: str) -> Response | None:
        if op == "token":
            return None
        header = req.headers.get("authorization") or ""
        expiry = book(self.sim).access.get(header.removeprefix("Bearer "))
        if expiry is None or expiry < self.sim.now():
            return _error(401, "UNAUTHENTICATED", "Request had invalid authentication credentials.")
        if op == "post" and not self.sim.allow("google.post", 1.0, 10):
            return _error(429, "RESOURCE_EXHAUSTED", "Quota exceeded for quota metric 'Requests'.")
        return None

    def fault_body(self, status: int, code: str, message: str) -> Response:
        return _error(status, {429: "RESOURCE_EXHAUSTED", 500: "INTERNAL", 503: "UNAVAILABLE"}.get(status, "UNKNOWN"),
                      message)

    def post(self, req: Request, where: tuple[str, str]) -> Response:
        profile = book(self.sim)
        if where not in profile.locations:
            return _error(404, "NOT_FOUND", "Requested entity was not found.")
        body = req.body or {}
        summary = str(body.get("summary") or "")
        event = body.get("event") or {}
        if not summary or len(summary) > 1500:
            return _error(400, "INVALID_ARGUMENT", "Request contains an invalid argument: summary.")
        if body.get("topicType") == "OFFER" and (not event.get("title") or not event.get("schedule")):
            return _error(400, "INVALID_ARGUMENT", "Request contains an invalid argument: event.")
        for media in body.get("media") or []:  # a picture is fetched from its address: one this simulator serves
            served = re.search(r"/fbcdn/([0-9]+)\.png$", str((media or {}).get("sourceUrl") or ""))
            if (media or {}).get("mediaFormat") != "PHOTO" or served is None or \
                    served.group(1) not in facebook_book(self.sim).photos:
                return _error(400, "INVALID_ARGUMENT", "Request contains an invalid argument: media.")
        with self.sim.lock:
            number = self.sim.next_id("")
            post = {**body, "name": f"accounts/{where[0]}/locations/{where[1]}/localPosts/{number}",
                    "state": "LIVE", "createTime": self.sim.stamp(), "searchUrl": f"https://local.google.com/p/{number}"}
            profile.posts.append(post)
        self.sim.record("google", "post", post["name"])
        return Response(200, post)

    def list(self, where: tuple[str, str]) -> Response:
        profile = book(self.sim)
        if where not in profile.locations:
            return _error(404, "NOT_FOUND", "Requested entity was not found.")
        prefix = f"accounts/{where[0]}/locations/{where[1]}/"
        with self.sim.lock:
            found = [dict(p) for p in reversed(profile.posts) if p["name"].startswith(prefix)][:100]
        return Response(200, {"localPosts": found})
