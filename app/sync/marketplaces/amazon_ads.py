"""Amazon Ads (the Advertising API, version 3 Sponsored Products): an item's daily budget for its sponsored
ads, on the shop's ``amazon_ads`` channel.

The account details hold the advertising profile id of the marketplace (``profile_id``, the
``Amazon-Advertising-API-Scope`` header) and the app's ``client_id`` (``Amazon-Advertising-API-ClientId``);
the refresh token and client secret of Login with Amazon are in the keyring. Each call carries ``Authorization:
Bearer`` with an access token traded for the refresh token (``/auth/o2/token``), renewed once if refused.

Operation ``ads.budget`` (payload ``remote_sku``, ``daily_paise``, ``name``, ``state``, ``start_on``), made
so that running it twice changes nothing (the API takes no idempotency key, but everything can be listed):

1. ``POST /sp/campaigns/list`` by the campaign's name (``TAVYONIX <seller SKU>``): found, its budget and state
   are set with ``PUT /sp/campaigns``; not found, it is made with ``POST /sp/campaigns`` (automatic targeting,
   a daily budget in rupees);
2. ``POST /sp/adGroups/list`` for the campaign: none, one ad group is made (``POST /sp/adGroups``);
3. ``POST /sp/productAds/list`` for the ad group: none, the item's product ad is made (``POST /sp/productAds``).

The campaign's id is the row's ``remote_ref``. Answers: 401 renews the token once, then pauses the channel;
429 waits (``Retry-After``); a 207 with the item's error (an unknown SKU, a budget below the marketplace's
minimum) fails the row with Amazon's reason.
"""

from __future__ import annotations

import threading
import time
from typing import Any, ClassVar

from app.i18n import _
from app.sync import transport
from app.sync.errors import AuthFailed, MissingCredential, NoKeyring, Rejected
from app.sync.marketplaces.base import Adapter, Change, Limit, OrdersPage, Outcome

__all__ = ["OP", "AmazonAdsAdapter"]

OP = "ads.budget"
MEDIA = {"campaigns": "application/vnd.spCampaign.v3+json", "adGroups": "application/vnd.spAdGroup.v3+json",
         "productAds": "application/vnd.spProductAd.v3+json"}
DEFAULT_BID_RUPEES = 2.0  # the ad group's default bid under automatic targeting (the seller may change it there)


class AdsRefused(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class AmazonAdsAdapter(Adapter):
    name = "amazon_ads"
    covers: ClassVar[dict[str, str]] = {OP: "sp/campaigns, sp/adGroups, sp/productAds (list, then create or update)"}
    limits: ClassVar[dict[str, Limit]] = {"ads": Limit(2, 12)}  # six calls an item at most; a few items a week
    dedupes_commands = False
    reads_back = False  # each run lists before it makes anything: running it again is safe
    pulls_orders = False
    batch_size = 1

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.auth_url = str(self.account.get("auth_url") or self.base_url)
        self._token: tuple[str, float] | None = None
        self._lock = threading.Lock()

    def _access_token(self, force: bool = False) -> str:
        with self._lock:
            if self._token and not force and self._token[1] > time.monotonic() + 60:
                return self._token[0]
            try:
                secrets = {"refresh_token": self.secret("refresh_token"), "client_secret": self.secret("client_secret")}
            except (MissingCredential, NoKeyring) as exc:
                raise AuthFailed(self.channel, detail=type(exc).__name__) from None
            try:
                reply = transport.exchange(self.client, "POST", self.auth_url + "/auth/o2/token", channel=self.channel,
                                           json_body={"grant_type": "refresh_token",
                                                      "client_id": self.account.get("client_id", ""), **secrets})
            except Rejected as exc:  # invalid_grant: the seller revoked the app
                raise AuthFailed(self.channel, detail=exc.code or "refresh refused") from None
            data = reply.data or {}
            self._token = (str(data.get("access_token", "")), time.monotonic() + float(data.get("expires_in", 3600)))
            return self._token[0]

    def auth_headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._access_token()}",
                "Amazon-Advertising-API-ClientId": str(self.account.get("client_id", "")),
                "Amazon-Advertising-API-Scope": str(self.account.get("profile_id", ""))}

    def _ads(self, method: str, resource: str, body: dict[str, Any], *, listing: bool = False) -> Any:
        path = f"/sp/{resource}/list" if listing else f"/sp/{resource}"
        media = MEDIA[resource]

        def once() -> transport.Reply:
            return self.call("POST" if listing else method, path, bucket="ads", json_body=body,
                             headers={"Content-Type": media, "Accept": media})

        try:
            reply = once()
        except AuthFailed:
            self._access_token(force=True)  # an expired access token: one new one, then the call once more
            reply = once()
        return reply.data or {}

    @staticmethod
    def _made(data: Any, resource: str, key: str) -> str:
        result = data.get(resource) if isinstance(data, dict) else None
        success = result.get("success") if isinstance(result, dict) else None
        if success and isinstance(success[0], dict) and success[0].get(key):
            return str(success[0][key])
        errors = result.get("error") if isinstance(result, dict) else None
        first = errors[0].get("errors", [{}])[0] if errors and isinstance(errors[0], dict) else {}
        reason = (first.get("errorValue") or {}) if isinstance(first, dict) else {}
        message = next((v.get("message") for v in reason.values() if isinstance(v, dict) and v.get("message")), None) \
            if isinstance(reason, dict) else None
        raise AdsRefused(str(message or first.get("errorType") or "refused"))

    def send_one(self, change: Change) -> Outcome:
        payload = change.payload
        rupees = round(int(payload["daily_paise"]) / 100, 2)
        name, state = str(payload["name"]), str(payload.get("state") or "ENABLED")
        try:
            found = self._ads("POST", "campaigns", {"nameFilter": {"queryTermMatchType": "EXACT_MATCH",
                                                                   "include": [name]}}, listing=True)
            existing = [c for c in found.get("campaigns") or [] if isinstance(c, dict) and c.get("name") == name]
            if existing:
                campaign_id = str(existing[0]["campaignId"])
                self._made(self._ads("PUT", "campaigns", {"campaigns": [{
                    "campaignId": campaign_id, "state": state,
                    **({"budget": {"budgetType": "DAILY", "budget": rupees}} if rupees else {})}]}),
                    "campaigns", "campaignId")
            else:
                if state != "ENABLED":
                    return Outcome("applied")  # nothing runs there: nothing to stop
                campaign_id = self._made(self._ads("POST", "campaigns", {"campaigns": [{
                    "name": name, "targetingType": "AUTO", "state": "ENABLED", "startDate": payload.get("start_on"),
                    "dynamicBidding": {"strategy": "LEGACY_FOR_SALES"},
                    "budget": {"budgetType": "DAILY", "budget": rupees}}]}), "campaigns", "campaignId")
            groups = self._ads("POST", "adGroups", {"campaignIdFilter": {"include": [campaign_id]}}, listing=True)
            group = next((str(g["adGroupId"]) for g in groups.get("adGroups") or [] if isinstance(g, dict)), None)
            if group is None:
                group = self._made(self._ads("POST", "adGroups", {"adGroups": [{
                    "campaignId": campaign_id, "name": name, "state": "ENABLED", "defaultBid": DEFAULT_BID_RUPEES}]}),
                    "adGroups", "adGroupId")
            ads = self._ads("POST", "productAds", {"adGroupIdFilter": {"include": [group]}}, listing=True)
            if not [a for a in ads.get("productAds") or [] if isinstance(a, dict)]:
                self._made(self._ads("POST", "productAds", {"productAds": [{
                    "campaignId": campaign_id, "adGroupId": group, "sku": str(payload["remote_sku"]),
                    "state": "ENABLED"}]}), "productAds", "adId")
        except AdsRefused as refused:
            return Outcome("failed", message=_("Amazon Ads refused the budget for {sku}: {reason}").format(
                sku=payload.get("sku", "?"), reason=refused.reason))
        except Rejected as exc:
            return Outcome("failed", message=_("Amazon Ads refused the budget for {sku}: {reason}").format(
                sku=payload.get("sku", "?"), reason=exc.reason))
        return Outcome("applied", remote_ref=campaign_id)

    def pull_orders(self, since: str, page_token: str | None) -> OrdersPage:
        return OrdersPage((), None)
