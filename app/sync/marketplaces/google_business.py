"""A Google Business Profile (the Business Profile API's v4 local posts): the shop's offers as "Offer"
posts on its Google profile, seen on Search and Maps by people nearby (organic: no money is spent).

The account details hold the profile's ``account_id`` and ``location_id`` (and, for tests, ``oauth_url``);
the keyring holds the OAuth ``client_id``, ``client_secret`` and the shop's ``refresh_token`` (from Google's
consent screen for the ``business.manage`` scope). Each run trades the refresh token for an access token
(``POST https://oauth2.googleapis.com/token``, ``grant_type=refresh_token``; kept until a minute before it
expires). Connect with ``sync connect google --adapter google_business --account ... --secret ...``.

Operation covered:

- ``campaign.post`` (payload ``campaign``, ``code``, ``message``, ``title``, ``starts_on``, ``ends_on``,
  ``language``): ``POST {base_url}/v4/accounts/{account}/locations/{location}/localPosts`` with an OFFER post
  (``summary`` the message, ``event`` the offer's title and dates, ``offer.couponCode`` the code); the post's
  ``name`` is kept as the row's ``remote_ref``.

At most once, and looked for when unsure: the API takes no idempotency key, but the location's posts can
be listed; a post whose fate is unknown is looked for by its coupon code (``read_back``): found, it counts as
posted; not found, it is posted again.

Answers: a refused or revoked refresh token (``invalid_grant``, 401/403) pauses the channel (connect again;
the queue is kept); an access token refused mid-run is renewed once; 429 waits (``Retry-After``, else the
worker's backoff); 5xx is looked for, then retried; 404 (the
location is not this account's) pauses the channel; 400 fails the post with Google's reason.

Not covered: photos on the post (Google takes them only from a public address), "What's new" and event
posts, reviews and questions.
"""

from __future__ import annotations

import time
from typing import Any, ClassVar

from app.errors import SyncError
from app.i18n import _
from app.sync import transport
from app.sync.errors import Ambiguous, AuthFailed, MissingCredential, NoKeyring, Rejected, Throttled
from app.sync.marketplaces.base import Adapter, Change, Limit, OrdersPage, Outcome

__all__ = ["OP", "GoogleBusinessAdapter"]

API_URL = "https://mybusiness.googleapis.com"
TOKEN_URL = "https://oauth2.googleapis.com/token"
OP = "campaign.post"
MAX_SUMMARY = 1500  # characters Google takes in a post's summary
# the offer's terms, in the post's language (the customers'), not the screen's
TERMS = {"en": "Say the code at the counter. While stocks last.", "hi": "काउंटर पर कोड बताएँ। स्टॉक रहने तक।"}


class GoogleLoginNeeded(AuthFailed):
    """Google refused the shop's sign-in (refresh token revoked, client changed) or it is not in the keyring."""

    def __init__(self, channel: str = "", detail: str = "") -> None:
        SyncError.__init__(self, _("Google refused the shop's sign-in for its Business Profile (revoked or "
                                   "expired). Connect Google again; offers waiting to be posted are kept."),
                           hint=_("Run: sync connect google --adapter google_business --secret refresh_token=..."))
        self.channel, self.detail = channel, detail


class GoogleBusinessAdapter(Adapter):
    name = "google_business"
    covers: ClassVar[dict[str, str]] = {OP: "POST v4/accounts/{account}/locations/{location}/localPosts"}
    limits: ClassVar[dict[str, Limit]] = {"posts": Limit(0.2, 5)}
    dedupes_commands = False
    reads_back = True
    pulls_orders = False
    batch_size = 1
    _token: tuple[str, float] | None = None  # this run's access token and when it expires (monotonic)

    @property
    def _path(self) -> str:
        return (f"/v4/accounts/{self.account.get('account_id', '')}/locations/"
                f"{self.account.get('location_id', '')}/localPosts")

    def _access_token(self) -> str:
        cached = self._token
        if cached is not None and cached[1] > time.monotonic() + 60:
            return cached[0]
        try:
            body = {"grant_type": "refresh_token", "refresh_token": self.secret("refresh_token"),
                    "client_id": self.secret("client_id"), "client_secret": self.secret("client_secret")}
        except (MissingCredential, NoKeyring) as exc:
            raise GoogleLoginNeeded(self.channel, detail=type(exc).__name__) from None
        url = str(self.account.get("oauth_url") or TOKEN_URL)
        try:
            reply = transport.exchange(self.client, "POST", url, channel=self.channel, json_body=body)
        except (AuthFailed, Rejected) as exc:  # invalid_grant / invalid_client: the sign-in must be done again
            raise GoogleLoginNeeded(self.channel, detail=str(getattr(exc, "code", "") or exc)) from None
        data = reply.data if isinstance(reply.data, dict) else {}
        token = str(data.get("access_token") or "")
        if not token:
            raise Ambiguous("no access token in Google's answer", status=reply.status)
        self._token = (token, time.monotonic() + float(data.get("expires_in") or 3600))
        return token

    def auth_headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._access_token()}"}

    def validate(self, op: str, payload: dict[str, Any]) -> str | None:
        if op != OP:
            return None
        message = str(payload.get("message") or "")
        if not message.strip() or len(message) > MAX_SUMMARY:
            return _("The offer {code} must have 1 to {most} characters to go on Google ({n}).").format(
                code=payload.get("code", "?"), most=MAX_SUMMARY, n=len(message))
        return None

    def _call(self, method: str, **kwargs: Any) -> transport.Reply:
        headers = self.auth_headers()  # before any byte of the post leaves: a refused sign-in pauses
        if not self.pace("posts"):
            raise Throttled(None, detail="local bucket empty")
        return transport.exchange(self.client, method, self.base_url + self._path, channel=self.channel,
                                  headers=headers, **kwargs)

    @staticmethod
    def _date(day: str) -> dict[str, int]:
        year, month, date = (int(x) for x in day.split("-"))
        return {"year": year, "month": month, "day": date}

    def send_one(self, change: Change) -> Outcome:
        payload = change.payload
        problem = self.validate(change.op, payload)
        if problem is not None:
            return Outcome("failed", message=problem)
        post = {"languageCode": payload.get("language", "en"), "summary": str(payload["message"]),
                "topicType": "OFFER",
                "event": {"title": str(payload.get("title") or payload.get("code")),
                          "schedule": {"startDate": self._date(payload["starts_on"]),
                                       "endDate": self._date(payload["ends_on"])}},
                "offer": {"couponCode": str(payload["code"]),
                          "termsConditions": TERMS.get(str(payload.get("language")), TERMS["en"])}}
        if payload.get("photo_url"):  # the offer's picture, from the address Facebook serves it at
            post["media"] = [{"mediaFormat": "PHOTO", "sourceUrl": str(payload["photo_url"])}]
        try:
            try:
                reply = self._call("POST", json_body=post)
            except AuthFailed as exc:
                if isinstance(exc, GoogleLoginNeeded) or self._token is None:
                    raise
                self._token = None  # the access token ran out: one new one, then the post once more
                reply = self._call("POST", json_body=post)
        except AuthFailed as exc:
            if isinstance(exc, GoogleLoginNeeded):
                raise
            raise GoogleLoginNeeded(self.channel, detail=exc.detail) from None
        except Rejected as exc:
            if exc.status == 404:
                raise GoogleLoginNeeded(self.channel, detail="location not found") from None
            return Outcome("failed", message=_("Google refused the offer {code}: {reason}").format(
                code=payload.get("code", "?"), reason=exc.message))
        name = reply.data.get("name") if isinstance(reply.data, dict) else None
        if not name:
            raise Ambiguous("no post name in the reply", status=reply.status)
        return Outcome("applied", remote_ref=str(name))

    def read_back(self, change: Change) -> Outcome:
        """A post whose fate is unknown: posted if one of the location's posts carries its coupon code."""
        try:
            reply = self._call("GET")
        except (Rejected, Ambiguous, Throttled):
            return Outcome("unknown")
        posts = reply.data.get("localPosts") if isinstance(reply.data, dict) else None
        code = str(change.payload.get("code") or "")
        for post in posts if isinstance(posts, list) else []:
            if isinstance(post, dict) and code and (post.get("offer") or {}).get("couponCode") == code:
                return Outcome("applied", remote_ref=str(post.get("name") or ""))
        return Outcome("not_applied")

    def pull_orders(self, since: str, page_token: str | None) -> OrdersPage:
        return OrdersPage((), None)

