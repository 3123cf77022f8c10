"""A Facebook Page (Meta's Graph API): the shop's offers posted to its page's feed, where its followers see
them (organic posts: no money is spent).

The account details hold the page's id (``{"page_id": "1094554433"}``, from the page's About section); the
Page access token (with ``pages_manage_posts``) is in the keyring as ``access_token`` and goes as
``Authorization: Bearer``. Connect with ``sync connect facebook --adapter facebook_page --account ...``.

Operation covered:

- ``campaign.post`` (payload ``campaign``, ``code``, ``message``): ``POST {base_url}/{page_id}/feed`` with
  ``{"message": <text>}``; the post id Facebook answers (``id``, ``<page>_<post>``) is kept as the row's
  ``remote_ref``.

At most once, and looked for when unsure: Graph takes no idempotency key, but a page's feed can be read. A
post whose fate is unknown (a timeout or a cut reply after the request left) is looked for in the page's
newest posts by its offer code (``read_back``): found, it counts as posted; not found, it is posted again.
Facebook itself refuses the same message twice in a row (code 506, "Duplicate status message"), which
therefore also counts as posted.

Answers: 401/403 and Graph codes 102, 190, 200-299 pause the channel (a new token is needed; the queue is
kept); an unknown page (100 with subcode 33) pauses it too; 429 and the Graph throttling codes (4, 17, 32,
613) wait (``Retry-After`` wins, else 60 s: page limits are per hour); 5xx and codes 1/2 are retried; 368
(the page is blocked from posting for a while) fails the post with a sentence; any other refusal fails it
with Facebook's reason.

Not covered: photos (an offer's picture must be uploaded as a file; ``marketing image`` writes it for the
seller to post), Instagram (its Graph API publishes only pictures from a public address), boosting (paid).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import httpx

from app.errors import SyncError
from app.i18n import _
from app.sync import transport
from app.sync.errors import Ambiguous, AuthFailed, Rejected, Throttled
from app.sync.marketplaces import graph_calls
from app.sync.marketplaces.base import Adapter, Change, Limit, OrdersPage, Outcome
from app.sync.marketplaces.graph_calls import Kept, graph_error

__all__ = ["OP", "FacebookPageAdapter"]

GRAPH_URL = "https://graph.facebook.com/v21.0"
OP = "campaign.post"
MAX_MESSAGE = 5000  # characters a page post's text may hold here (Facebook's own limit is far higher)


class FacebookLoginNeeded(AuthFailed):
    """The Page token was refused (expired, revoked, permission removed) or is not in the keyring."""

    def __init__(self, channel: str = "", detail: str = "") -> None:
        SyncError.__init__(self, _("Facebook refused the page's access token (expired or removed). Connect the "
                                   "Facebook page again with a new token; offers waiting to be posted are kept."),
                           hint=_("Run: sync connect facebook --adapter facebook_page --secret access_token=..."))
        self.channel, self.detail = channel, detail


def _login_needed(channel: str, detail: str) -> AuthFailed:
    return FacebookLoginNeeded(channel, detail=detail)


class FacebookPageAdapter(Adapter):
    name = "facebook_page"
    covers: ClassVar[dict[str, str]] = {OP: "POST {page_id}/feed, or {page_id}/photos with the offer's picture"}
    limits: ClassVar[dict[str, Limit]] = {"posts": Limit(0.2, 5)}  # a shop posts a few offers a week
    dedupes_commands = False
    reads_back = True
    pulls_orders = False
    batch_size = 1

    @property
    def page_id(self) -> str:
        return str(self.account.get("page_id", ""))

    def auth_headers(self) -> dict[str, str]:
        return graph_calls.bearer(self, _login_needed)

    def validate(self, op: str, payload: dict[str, Any]) -> str | None:
        if op != OP:
            return None
        message = str(payload.get("message") or "")
        if not message.strip():
            return _("The offer {code} has no text to post.").format(code=payload.get("code", "?"))
        if len(message) > MAX_MESSAGE:
            return _("The offer {code} is too long to post ({n} characters).").format(
                code=payload.get("code", "?"), n=len(message))
        return None

    def _call(self, method: str, keep: Kept, edge: str = "feed", **kwargs: Any) -> transport.Reply:
        return graph_calls.request(self, keep, method, f"{self.base_url}/{self.page_id}/{edge}", bucket="posts",
                                   login_needed=_login_needed, keep_errors=(FacebookLoginNeeded,), **kwargs)

    def send_one(self, change: Change) -> Outcome:
        payload = change.payload
        problem = self.validate(change.op, payload)
        if problem is not None:
            return Outcome("failed", message=problem)
        keep = Kept(self.client)
        picture = str(payload.get("picture") or "")
        try:
            if picture:  # the offer's picture, uploaded with the text as its caption: a photo post on the page
                try:
                    data = Path(picture).read_bytes()
                except OSError:
                    return Outcome("failed", message=_("The picture of the offer {code} is gone ({path}); make it "
                                                       "again and post again.").format(code=payload.get("code", "?"),
                                                                                      path=picture))
                reply = self._call("POST", keep, "photos", files={"source": (Path(picture).name, data, "image/png")},
                                   form={"caption": str(payload["message"])})
            else:
                reply = self._call("POST", keep, json_body={"message": str(payload["message"])})
        except Rejected as exc:
            return self._refused(change, exc, keep.response)
        data_ = reply.data if isinstance(reply.data, dict) else {}
        post_id = data_.get("post_id") or data_.get("id")
        if not post_id:  # a 2xx without the post's id: look for it before posting again
            raise Ambiguous("no post id in the reply", status=reply.status)
        if picture:
            return Outcome("applied", remote_ref=str(post_id), remote_value=self._picture_address(str(data_["id"])))
        return Outcome("applied", remote_ref=str(post_id))

    def _picture_address(self, photo_id: str) -> dict[str, str]:
        """The public address Facebook serves the uploaded picture at (Instagram and Google take pictures only
        from an address like that). Empty when it cannot be read now: the post itself is done."""
        keep = Kept(self.client)
        try:
            reply = graph_calls.request(self, keep, "GET", f"{self.base_url}/{photo_id}", bucket="posts",
                                        login_needed=_login_needed, params={"fields": "images"})
        except (Rejected, Ambiguous, Throttled, AuthFailed):
            return {"photo_id": photo_id}
        images = reply.data.get("images") if isinstance(reply.data, dict) else None
        best = images[0] if isinstance(images, list) and images and isinstance(images[0], dict) else {}
        return {"photo_id": photo_id, "image_url": str(best.get("source") or "")}

    def _refused(self, change: Change, exc: Rejected, response: httpx.Response | None) -> Outcome:
        payload = change.payload
        graph_calls.raise_for_account(self, response, _login_needed)
        code, _subcode, message, _details = graph_error(response)
        if code == 506:  # "Duplicate status message": this very text is the page's newest post (an earlier
            found = self.read_back(change)  # attempt made it and its reply was lost): keep that post's id
            return Outcome("applied", remote_ref=found.remote_ref if found.status == "applied" else None)
        if code == 368:
            return Outcome("failed", message=_("Facebook has blocked the page from posting for a while; the offer "
                                               "{code} was not posted. Post it yourself later.").format(
                code=payload.get("code", "?")))
        return Outcome("failed", message=_("Facebook refused the offer {code}: {reason}").format(
            code=payload.get("code", "?"), reason=message or exc.reason))

    def read_back(self, change: Change) -> Outcome:
        """A post whose fate is unknown: posted if the page's newest posts (or, for a picture, its uploaded
        photos) hold its offer code."""
        keep = Kept(self.client)
        picture = bool(change.payload.get("picture"))
        try:
            reply = self._call("GET", keep, "photos" if picture else "feed", params={
                "fields": "id,name,images" if picture else "id,message", "limit": 25,
                **({"type": "uploaded"} if picture else {})})
        except (Rejected, Ambiguous, Throttled):
            return Outcome("unknown")
        code = str(change.payload.get("code") or "")
        posts = reply.data.get("data") if isinstance(reply.data, dict) else None
        for post in posts if isinstance(posts, list) else []:
            text = str(post.get("name" if picture else "message") or "") if isinstance(post, dict) else ""
            if code and code in text:
                if picture:
                    return Outcome("applied", remote_ref=str(post.get("id") or ""),
                                   remote_value=self._picture_address(str(post.get("id") or "")))
                return Outcome("applied", remote_ref=str(post.get("id") or ""))
        return Outcome("not_applied")

    def pull_orders(self, since: str, page_token: str | None) -> OrdersPage:
        return OrdersPage((), None)
