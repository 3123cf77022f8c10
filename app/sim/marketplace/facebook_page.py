"""A Facebook Page on the simulated Graph API: the shop's offers posted to its page's feed.

``POST /[vNN.N/]{page_id}/feed`` with a Page access token (``Authorization: Bearer``) and ``{"message": ...}``
answers ``{"id": "<page_id>_<post_id>"}``; ``GET /[vNN.N/]{page_id}/feed`` lists the page's posts (newest
first, ``data[].id``/``message``), which is how a post whose fate is unknown is looked for. Refusals, with
Graph's codes: 190 (the token expired or was revoked: ``FacebookBook.token`` changed), 100 (an unknown
page, or no message), 506 (the same message posted twice in a row: Facebook refuses a duplicate status),
368 (the page is blocked from posting for a while, ``FacebookBook.blocked``), and 4 / 32 (throttled: more
than ``POSTS_PER_MINUTE``). The shared faults (drops, timeouts, 5xx, 429, a reply lost after the post was
made) apply as to every market.
"""

from __future__ import annotations

import re
import secrets
import weakref
from dataclasses import dataclass, field
from typing import Any

from app.sim.marketplace.core import Simulator
from app.sim.marketplace.http import Handler, Request, Response

__all__ = ["PAGE_ID", "TOKEN", "FacebookBook", "FacebookPage", "book"]

PAGE_ID = "1094554433"
TOKEN = "fb-page-token"
POSTS_PER_MINUTE = 10  # a page posting more than this in a simulated burst is throttled (code 32)


@dataclass
class FacebookBook:
    pages: set[str] = field(default_factory=lambda: {PAGE_ID})
    token: str = TOKEN
    posts: list[dict[str, Any]] = field(default_factory=list)  # {"id", "page", "message", "created_time"}
    blocked: bool = False
    photos: dict[str, dict[str, Any]] = field(default_factory=dict)  # photo id -> {"page", "post", "name", "data"}


_BOOKS: weakref.WeakKeyDictionary[Simulator, FacebookBook] = weakref.WeakKeyDictionary()


def book(sim: Simulator) -> FacebookBook:
    found = _BOOKS.get(sim)
    if found is None:
        found = _BOOKS[sim] = FacebookBook()
    return found


def _error(status: int, code: int, message: str, subcode: int | None = None) -> Response:
    error: dict[str, Any] = {"message": message, "type": "OAuthException" if code == 190 else "FacebookApiException",
                             "code": code, "fbtrace_id": secrets.token_urlsafe(12)}
    if subcode is not None:
        error["error_subcode"] = subcode
    return Response(status, {"error": error})


class FacebookPage:
    market = "facebook"

    def __init__(self, sim: Simulator) -> None:
        self.sim = sim

    def route(self, req: Request) -> tuple[str, Handler] | None:
        cdn = re.fullmatch(r"/fbcdn/([0-9]+)\.png", req.path)
        if cdn is not None and req.method == "GET":
            return "cdn", lambda r: self.served(cdn.group(1))
        one = re.fullmatch(r"(?:/v[0-9]+\.[0-9]+)?/([0-9]+)", req.path)
        if one is not None and req.method == "GET" and one.group(1) in book(self.sim).photos:
            return "photo", lambda r: self.photo(r, one.group(1))
        photos = re.fullmatch(r"(?:/v[0-9]+\.[0-9]+)?/([0-9]+)/photos", req.path)
        if photos is not None:
            if req.method == "POST":
                return "post", lambda r: self.upload(r, photos.group(1))
            if req.method == "GET":
                return "photos", lambda r: self.uploaded(r, photos.group(1))
            return None
        m = re.fullmatch(r"(?:/v[0-9]+\.[0-9]+)?/([0-9]+)/feed", req.path)
        if m is None:
            return None
        page = m.group(1)
        if req.method == "POST":
            return "post", lambda r: self.post(r, page)
        if req.method == "GET":
            return "feed", lambda r: self.feed(page)
        return None

    def guard(self, req: Request, op: str) -> Response | None:
        pages = book(self.sim)
        if op == "cdn":  # a public address: no token
            return None
        if req.headers.get("authorization") != f"Bearer {pages.token}":  # expired, revoked or never valid
            return _error(401, 190, "Error validating access token: Session has expired.", 463)
        if op == "post" and not self.sim.allow("facebook.post", POSTS_PER_MINUTE / 60, POSTS_PER_MINUTE):
            return _error(400, 32, "Page request limit reached")
        return None

    def fault_body(self, status: int, code: str, message: str) -> Response:
        return _error(status, {429: 4, 500: 2, 503: 2}.get(status, 1), message)

    def post(self, req: Request, page: str) -> Response:
        pages = book(self.sim)
        if page not in pages.pages:
            return _error(400, 100, f"Unsupported post request. Object with ID '{page}' does not exist.", 33)
        message = str((req.body or {}).get("message") or "")
        if not message.strip():
            return _error(400, 100, "Invalid parameter: message is required")
        if pages.blocked:
            return _error(400, 368, "It looks like you were misusing this feature by going too fast. You've been "
                                    "blocked from using it.")
        with self.sim.lock:
            mine = [p for p in pages.posts if p["page"] == page]
            if mine and mine[-1]["message"] == message:
                return _error(400, 506, "Duplicate status message")
            post = {"id": f"{page}_{self.sim.next_id('')}", "page": page, "message": message,
                    "created_time": self.sim.stamp()}
            pages.posts.append(post)
        self.sim.record("facebook", "post", post["id"])
        return Response(200, {"id": post["id"]})

    def feed(self, page: str) -> Response:
        pages = book(self.sim)
        if page not in pages.pages:
            return _error(400, 100, f"Unsupported get request. Object with ID '{page}' does not exist.", 33)
        with self.sim.lock:
            data = [{"id": p["id"], "message": p["message"], "created_time": p["created_time"]}
                    for p in reversed(pages.posts) if p["page"] == page][:25]
        return Response(200, {"data": data})

    # --- photos: an offer's picture uploaded to the page, and the public address it is served at ----------
    def upload(self, req: Request, page: str) -> Response:
        pages = book(self.sim)
        if page not in pages.pages:
            return _error(400, 100, f"Unsupported post request. Object with ID '{page}' does not exist.", 33)
        body = req.body if isinstance(req.body, dict) else {}
        data = body.get("source")
        if not isinstance(data, bytes) or not (data.startswith(b"\x89PNG") or data.startswith(b"\xff\xd8")):
            return _error(400, 324, "Requires upload file")  # Graph's answer to a missing or unreadable picture
        if pages.blocked:
            return _error(400, 368, "It looks like you were misusing this feature by going too fast. You've been "
                                    "blocked from using it.")
        caption = str(body.get("caption") or body.get("message") or "")
        with self.sim.lock:
            photo_id = self.sim.next_id("")
            post = {"id": f"{page}_{self.sim.next_id('')}", "page": page, "message": caption,
                    "created_time": self.sim.stamp(), "photo": photo_id}
            pages.posts.append(post)
            pages.photos[photo_id] = {"page": page, "post": post["id"], "name": caption, "data": data}
        self.sim.record("facebook", "photo", post["id"])
        return Response(200, {"id": photo_id, "post_id": post["id"]})

    def uploaded(self, req: Request, page: str) -> Response:
        pages = book(self.sim)
        with self.sim.lock:
            data = [{"id": k, "name": v["name"], "images": [self._image(req, k)]}
                    for k, v in reversed(pages.photos.items()) if v["page"] == page][:25]
        return Response(200, {"data": data})

    def photo(self, req: Request, photo_id: str) -> Response:
        return Response(200, {"id": photo_id, "images": [self._image(req, photo_id)]})

    def served(self, photo_id: str) -> Response:
        found = book(self.sim).photos.get(photo_id)
        return Response(404, {"error": {"message": "not found"}}) if found is None else Response(200, found["data"])

    @staticmethod
    def _image(req: Request, photo_id: str) -> dict[str, Any]:
        return {"source": f"http://{req.headers.get('host', '127.0.0.1')}/fbcdn/{photo_id}.png", "width": 1080,
                "height": 1080}
