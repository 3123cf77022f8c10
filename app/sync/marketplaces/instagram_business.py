"""An Instagram business account (Meta's Graph API, the Instagram account linked to the shop's Facebook
page): the offer's picture with its text as caption, published in two steps, each its own outbox row.

The account details hold the Instagram user id (``{"ig_user_id": "17841400000000001"}``, shown in Meta
Business Suite); the same Page access token as the Facebook page (with ``instagram_content_publish``) is
in the keyring as ``access_token``. Connect with ``sync connect instagram --adapter instagram_business ...``.

Instagram takes a picture only from a public address, which a shop PC does not have; the address used is
the one Facebook serves the same picture at once it is posted on the shop's page
(:mod:`app.sync.marketplaces.facebook_page`), so an Instagram post follows the Facebook photo post
(:mod:`app.sync.post_steps` queues each next step when the one before is done).

Operations:

- ``instagram.container`` (payload ``campaign``, ``code``, ``caption``, ``image_url``): ``POST
  {ig_user_id}/media``; the container id is the row's ``remote_ref``. A container is invisible until
  published and expires after 24 hours, so one whose reply was lost is simply made again (``read_back``
  answers "not applied"): nothing reaches the followers twice.
- ``instagram.publish`` (payload ``campaign``, ``code``, ``container``): ``POST {ig_user_id}/media_publish``
  with the container as ``creation_id``; the media id is the ``remote_ref``. **At most once**: Graph takes no
  idempotency key, so a publish whose fate is unknown reads the container's ``status_code`` first
  (``read_back``): ``PUBLISHED`` counts as done, ``FINISHED`` is published again, ``EXPIRED`` or ``ERROR``
  fails the row with a sentence (post the offer again).

Answers: a container still being processed (9007 / 2207027) waits and publishes later; the day's publishing
limit (9 / 2207042) waits an hour; a picture Instagram could not fetch (9004) fails the row; the token and
throttling answers are Facebook's (190, 102, 200-299 pause the channel; 4, 17, 32, 613 wait).
"""

from __future__ import annotations

from typing import Any, ClassVar

import httpx

from app.errors import SyncError
from app.i18n import _
from app.sync import transport
from app.sync.errors import Ambiguous, AuthFailed, Rejected, Throttled
from app.sync.marketplaces import graph_calls
from app.sync.marketplaces.base import Adapter, Change, Limit, OrdersPage, Outcome
from app.sync.marketplaces.graph_calls import Kept, graph_error

__all__ = ["CONTAINER", "PUBLISH", "InstagramAdapter"]

CONTAINER = "instagram.container"
PUBLISH = "instagram.publish"
NOT_READY = 9007  # the container is still being processed (subcode 2207027)
DAY_LIMIT = 9  # the day's Content Publishing limit reached (subcode 2207042)
LIMIT_WAIT_S = 3600.0
PROCESSING_WAIT_S = 30.0
MAX_CAPTION = 2200  # Instagram's caption limit


class InstagramLoginNeeded(AuthFailed):
    """The token was refused (expired, revoked, permission removed) or is not in the keyring."""

    def __init__(self, channel: str = "", detail: str = "") -> None:
        SyncError.__init__(self, _("Instagram refused the access token (expired or removed). Connect Instagram "
                                   "again with a new token; offers waiting to be posted are kept."),
                           hint=_("Run: sync connect instagram --adapter instagram_business --secret "
                                  "access_token=..."))
        self.channel, self.detail = channel, detail


def _login_needed(channel: str, detail: str) -> AuthFailed:
    return InstagramLoginNeeded(channel, detail=detail)


class InstagramAdapter(Adapter):
    name = "instagram_business"
    covers: ClassVar[dict[str, str]] = {CONTAINER: "POST {ig_user_id}/media",
                                        PUBLISH: "POST {ig_user_id}/media_publish"}
    limits: ClassVar[dict[str, Limit]] = {"posts": Limit(0.2, 5)}
    dedupes_commands = False
    reads_back = True
    pulls_orders = False
    batch_size = 1

    @property
    def ig_user_id(self) -> str:
        return str(self.account.get("ig_user_id", ""))

    def auth_headers(self) -> dict[str, str]:
        return graph_calls.bearer(self, _login_needed)

    def validate(self, op: str, payload: dict[str, Any]) -> str | None:
        code = payload.get("code", "?")
        if op == CONTAINER:
            if not str(payload.get("image_url") or "").startswith(("https://", "http://")):
                return _("The offer {code} has no picture at a public address; Instagram posts need one.").format(
                    code=code)
            if len(str(payload.get("caption") or "")) > MAX_CAPTION:
                return _("The offer {code} is too long for an Instagram caption.").format(code=code)
        if op == PUBLISH and not str(payload.get("container") or ""):
            return _("The offer {code} has no Instagram container to publish.").format(code=code)
        return None

    def _call(self, keep: Kept, method: str, path: str, **kwargs: Any) -> transport.Reply:
        return graph_calls.request(self, keep, method, f"{self.base_url}/{path}", bucket="posts",
                                   login_needed=_login_needed, keep_errors=(InstagramLoginNeeded,), **kwargs)

    def send_one(self, change: Change) -> Outcome:
        payload = change.payload
        problem = self.validate(change.op, payload)
        if problem is not None:
            return Outcome("failed", message=problem)
        keep = Kept(self.client)
        try:
            if change.op == CONTAINER:
                reply = self._call(keep, "POST", f"{self.ig_user_id}/media", json_body={
                    "image_url": str(payload["image_url"]), "caption": str(payload.get("caption") or "")})
            else:
                reply = self._call(keep, "POST", f"{self.ig_user_id}/media_publish",
                                   json_body={"creation_id": str(payload["container"])})
        except Rejected as exc:
            return self._refused(change, exc, keep.response)
        made = reply.data.get("id") if isinstance(reply.data, dict) else None
        if not made:  # a 2xx without an id: look before doing it again
            raise Ambiguous("no id in the reply", status=reply.status)
        return Outcome("applied", remote_ref=str(made))

    def _refused(self, change: Change, exc: Rejected, response: httpx.Response | None) -> Outcome:
        graph_calls.raise_for_account(self, response, _login_needed, not_throttled=frozenset({2207051}))
        code, subcode, message, _details = graph_error(response)
        said = change.payload.get("code", "?")
        if code == NOT_READY:
            return Outcome("retry", retry_after=PROCESSING_WAIT_S,
                           message=_("Instagram is still preparing the picture of the offer {code}.").format(code=said))
        if code == DAY_LIMIT:
            return Outcome("retry", retry_after=LIMIT_WAIT_S, message=_(
                "Instagram's limit of posts for the day is reached; the offer {code} goes out later.").format(
                    code=said))
        if subcode == 2207020:
            return Outcome("failed", message=_("Instagram let the picture of the offer {code} expire before it was "
                                               "published; post the offer again.").format(code=said))
        return Outcome("failed", message=_("Instagram refused the offer {code}: {reason}").format(
            code=said, reason=message or exc.reason))

    def read_back(self, change: Change) -> Outcome:
        """A step whose fate is unknown. A container: made again (unpublished, it is invisible and expires). A
        publish: the container's status says whether it went out."""
        if change.op == CONTAINER:
            return Outcome("not_applied")
        keep = Kept(self.client)
        try:
            reply = self._call(keep, "GET", str(change.payload.get("container") or ""),
                               params={"fields": "status_code"})
        except (Rejected, Ambiguous, Throttled):
            return Outcome("unknown")
        status = str(reply.data.get("status_code") or "") if isinstance(reply.data, dict) else ""
        if status == "PUBLISHED":
            return Outcome("applied")
        if status in ("FINISHED", "IN_PROGRESS"):
            return Outcome("not_applied")
        if status in ("EXPIRED", "ERROR"):
            return Outcome("failed", message=_("Instagram could not publish the offer {code} (its picture {status});"
                                               " post the offer again.").format(code=change.payload.get("code", "?"),
                                                                               status=status.lower()))
        return Outcome("unknown")

    def pull_orders(self, since: str, page_token: str | None) -> OrdersPage:
        return OrdersPage((), None)
