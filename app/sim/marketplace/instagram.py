"""An Instagram business account on the simulated Graph API: a picture post is made in two steps.

``POST /[vNN.N/]{ig_user_id}/media`` with ``{"image_url", "caption"}`` makes a media container and answers its
id; Instagram fetches the picture from that public address, and here the address must be one the simulated
Facebook page serves (``/fbcdn/<photo>.png``, an uploaded photo), else the container is refused with code
9004, subcode 2207052 ("the media could not be fetched"). ``GET /[vNN.N/]{container_id}?fields=status_code``
answers ``IN_PROGRESS`` while the container is being processed (``InstagramBook.processing`` reads), then
``FINISHED``, ``PUBLISHED`` once published, ``EXPIRED`` after 24 hours unpublished.
``POST /[vNN.N/]{ig_user_id}/media_publish`` with ``{"creation_id"}`` publishes it and answers the media id;
a container still in progress is refused with 9007 / 2207027 ("Media ID is not available"), an expired one
with -2 / 2207020. A container published already is **published again** here (a second post: the worst
case, which the adapter must avoid by reading the container's status before it publishes again).
Other refusals: 190 (token), 100 / 33 (unknown account), 9 / 2207042 (the day's posting limit,
``InstagramBook.daily_limit``). The shared faults (drops, timeouts, 5xx, 429, a reply lost after the work was
done) apply as to every market.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field
from typing import Any

from app.sim.marketplace.core import Simulator
from app.sim.marketplace.facebook_page import TOKEN, _error
from app.sim.marketplace.facebook_page import book as facebook_book
from app.sim.marketplace.http import Handler, Request, Response

__all__ = ["IG_USER_ID", "Instagram", "InstagramBook", "book"]

IG_USER_ID = "17841400000000001"
CONTAINER_LIFE_S = 24 * 3600.0


@dataclass
class InstagramBook:
    accounts: set[str] = field(default_factory=lambda: {IG_USER_ID})
    token: str = TOKEN
    containers: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> image_url, caption, status, at
    media: list[dict[str, Any]] = field(default_factory=list)  # published: id, account, caption, container
    processing: int = 0  # status reads (or publish attempts) a new container stays IN_PROGRESS for
    daily_limit: int = 100


_BOOKS: weakref.WeakKeyDictionary[Simulator, InstagramBook] = weakref.WeakKeyDictionary()


def book(sim: Simulator) -> InstagramBook:
    found = _BOOKS.get(sim)
    if found is None:
        found = _BOOKS[sim] = InstagramBook()
    return found


class Instagram:
    market = "instagram"

    def __init__(self, sim: Simulator) -> None:
        self.sim = sim

    def route(self, req: Request) -> tuple[str, Handler] | None:
        edge = re.fullmatch(r"(?:/v[0-9]+\.[0-9]+)?/([0-9]+)/(media|media_publish)", req.path)
        if edge is not None and req.method == "POST":
            account = edge.group(1)
            if edge.group(2) == "media":
                return "container", lambda r: self.container(r, account)
            return "publish", lambda r: self.publish(r, account)
        one = re.fullmatch(r"(?:/v[0-9]+\.[0-9]+)?/([0-9]+)", req.path)
        if one is not None and req.method == "GET" and one.group(1) in book(self.sim).containers:
            return "status", lambda r: self.status(one.group(1))
        return None

    def guard(self, req: Request, op: str) -> Response | None:
        if req.headers.get("authorization") != f"Bearer {book(self.sim).token}":
            return _error(401, 190, "Error validating access token: Session has expired.", 463)
        return None

    def fault_body(self, status: int, code: str, message: str) -> Response:
        return _error(status, {429: 4, 500: 2, 503: 2}.get(status, 1), message)

    def _state(self, container: dict[str, Any], *, reading: bool) -> str:
        if container["status"] == "IN_PROGRESS":
            if container["left"] > 0:
                container["left"] -= reading
            else:
                container["status"] = "FINISHED"
        if container["status"] != "PUBLISHED" and self.sim.now() - container["at"] > CONTAINER_LIFE_S:
            container["status"] = "EXPIRED"
        return str(container["status"])

    def container(self, req: Request, account: str) -> Response:
        ig = book(self.sim)
        if account not in ig.accounts:
            return _error(400, 100, f"Unsupported post request. Object with ID '{account}' does not exist.", 33)
        body = req.body if isinstance(req.body, dict) else {}
        url = str(body.get("image_url") or "")
        served = re.search(r"/fbcdn/([0-9]+)\.png$", url)
        if served is None or served.group(1) not in facebook_book(self.sim).photos:
            return _error(400, 9004, "The media could not be fetched from this uri: " + url, 2207052)
        with self.sim.lock:
            container_id = self.sim.next_id("")
            ig.containers[container_id] = {"account": account, "image_url": url, "caption": str(body.get("caption")
                                           or ""), "status": "IN_PROGRESS", "left": ig.processing,
                                           "at": self.sim.now()}
        self.sim.record("instagram", "container", container_id)
        return Response(200, {"id": container_id})

    def status(self, container_id: str) -> Response:
        with self.sim.lock:
            container = book(self.sim).containers[container_id]
            state = self._state(container, reading=True)
        return Response(200, {"id": container_id, "status_code": state})

    def publish(self, req: Request, account: str) -> Response:
        ig = book(self.sim)
        body = req.body if isinstance(req.body, dict) else {}
        creation = str(body.get("creation_id") or "")
        with self.sim.lock:
            container = ig.containers.get(creation)
            if container is None or container["account"] != account:
                return _error(400, 24, "Media builder not found", 2207008)
            state = self._state(container, reading=True)
            if state == "IN_PROGRESS":
                return _error(400, 9007, "Media ID is not available", 2207027)
            if state == "EXPIRED":
                return _error(400, -2, "The media you are trying to access has expired. Please try to upload again.",
                              2207020)
            day = [m for m in ig.media if m["account"] == account and self.sim.now() - m["at"] < 24 * 3600]
            if len(day) >= ig.daily_limit:
                return _error(400, 9, "You reached maximum number of posts that is allowed to be published "
                                      "by Content Publishing API.", 2207042)
            media = {"id": self.sim.next_id(""), "account": account, "caption": container["caption"],
                     "container": creation, "at": self.sim.now()}
            ig.media.append(media)  # a second publish of the same container is a second post (the worst case)
            container["status"] = "PUBLISHED"
        self.sim.record("instagram", "publish", media["id"])
        return Response(200, {"id": media["id"]})
