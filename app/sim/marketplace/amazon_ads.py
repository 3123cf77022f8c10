"""Amazon Ads (Advertising API v3, Sponsored Products) on the simulator: campaigns, ad groups and product ads of
one advertising profile.

Every call needs ``Authorization: Bearer`` with an access token the simulated Login with Amazon issued
(``/auth/o2/token``, served with Amazon's marketplace), ``Amazon-Advertising-API-ClientId`` and
``Amazon-Advertising-API-Scope`` (the profile id). ``POST /sp/{campaigns|adGroups|productAds}`` creates,
``PUT /sp/campaigns`` updates, ``POST /sp/.../list`` lists (by campaign name, campaign id, ad group id);
creates and updates answer 207 with ``{"<resource>": {"success": [...], "error": [...]}}`` item by item.
Refusals item by item: a daily budget below ``AdsBook.min_daily_rupees`` (a minimum of this simulator), a
product ad for a SKU the seller does not list (``AdsBook.skus``). A second campaign of the same name is made
if asked (the worst case; the adapter lists first). The shared faults apply.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field
from typing import Any

from app.sim.marketplace.core import Simulator
from app.sim.marketplace.http import Handler, Request, Response

__all__ = ["CLIENT_ID", "PROFILE_ID", "AdsBook", "AmazonAds", "book"]

PROFILE_ID = "3512345678"
CLIENT_ID = "amzn1.application-oa2-client.sim"


@dataclass
class AdsBook:
    campaigns: list[dict[str, Any]] = field(default_factory=list)
    ad_groups: list[dict[str, Any]] = field(default_factory=list)
    product_ads: list[dict[str, Any]] = field(default_factory=list)
    skus: set[str] | None = None  # the seller's listed SKUs (None: any)
    min_daily_rupees: float = 1.0


_BOOKS: weakref.WeakKeyDictionary[Simulator, AdsBook] = weakref.WeakKeyDictionary()


def book(sim: Simulator) -> AdsBook:
    found = _BOOKS.get(sim)
    if found is None:
        found = _BOOKS[sim] = AdsBook()
    return found


def _item_error(index: int, message: str) -> dict[str, Any]:
    return {"index": index, "errors": [{"errorType": "invalidArgument",
                                        "errorValue": {"invalidArgument": {"message": message}}}]}


class AmazonAds:
    market = "amazon_ads"

    def __init__(self, sim: Simulator) -> None:
        self.sim = sim

    def route(self, req: Request) -> tuple[str, Handler] | None:
        m = re.fullmatch(r"/sp/(campaigns|adGroups|productAds)(/list)?", req.path)
        if m is None:
            return None
        resource, listing = m.group(1), bool(m.group(2))
        if listing and req.method == "POST":
            return f"{resource}.list", lambda r: self.listed(r, resource)
        if req.method == "POST":
            return f"{resource}.create", lambda r: self.create(r, resource)
        if req.method == "PUT" and resource == "campaigns":
            return "campaigns.update", self.update
        return None

    def guard(self, req: Request, op: str) -> Response | None:
        token = req.headers.get("authorization", "").removeprefix("Bearer ")
        expiry = self.sim.tokens.get(token)
        if expiry is None or expiry < self.sim.now():
            return Response(401, {"code": "UNAUTHORIZED", "details": "Not authorized to access this advertiser."})
        if req.headers.get("amazon-advertising-api-scope") != PROFILE_ID or \
                req.headers.get("amazon-advertising-api-clientid") != CLIENT_ID:
            return Response(403, {"code": "UNAUTHORIZED", "details": "Invalid scope or client id."})
        return None

    def fault_body(self, status: int, code: str, message: str) -> Response:
        return Response(status, {"code": code, "details": message})

    def _items(self, resource: str) -> list[dict[str, Any]]:
        ads = book(self.sim)
        return {"campaigns": ads.campaigns, "adGroups": ads.ad_groups, "productAds": ads.product_ads}[resource]

    def listed(self, req: Request, resource: str) -> Response:
        body = req.body if isinstance(req.body, dict) else {}
        with self.sim.lock:
            items = list(self._items(resource))
        names = ((body.get("nameFilter") or {}).get("include")) or None
        campaigns = ((body.get("campaignIdFilter") or {}).get("include")) or None
        groups = ((body.get("adGroupIdFilter") or {}).get("include")) or None
        found = [dict(i) for i in items if (names is None or i.get("name") in names)
                 and (campaigns is None or i.get("campaignId") in campaigns)
                 and (groups is None or i.get("adGroupId") in groups)]
        return Response(200, {resource: found, "totalResults": len(found)})

    def create(self, req: Request, resource: str) -> Response:
        ads = book(self.sim)
        body = req.body if isinstance(req.body, dict) else {}
        key = {"campaigns": "campaignId", "adGroups": "adGroupId", "productAds": "adId"}[resource]
        success, error = [], []
        for index, item in enumerate(body.get(resource) or []):
            if resource == "campaigns":
                daily = float(((item.get("budget") or {}).get("budget")) or 0)
                if daily < ads.min_daily_rupees:
                    error.append(_item_error(index, f"Budget must be at least {ads.min_daily_rupees:.2f}"))
                    continue
            if resource == "productAds" and ads.skus is not None and item.get("sku") not in ads.skus:
                error.append(_item_error(index, f"SKU {item.get('sku')} is not an active listing of this seller"))
                continue
            with self.sim.lock:
                made = {**item, key: self.sim.next_id("")}
                self._items(resource).append(made)
            self.sim.record("amazon_ads", resource, made[key])
            success.append({"index": index, key: made[key]})
        return Response(207, {resource: {"success": success, "error": error}})

    def update(self, req: Request) -> Response:
        ads = book(self.sim)
        body = req.body if isinstance(req.body, dict) else {}
        success, error = [], []
        for index, item in enumerate(body.get("campaigns") or []):
            with self.sim.lock:
                found = next((c for c in ads.campaigns if c["campaignId"] == item.get("campaignId")), None)
                daily = float(((item.get("budget") or {}).get("budget")) or 0)
                if found is None:
                    error.append(_item_error(index, "Campaign not found"))
                    continue
                if item.get("budget") is not None and daily < ads.min_daily_rupees:
                    error.append(_item_error(index, f"Budget must be at least {ads.min_daily_rupees:.2f}"))
                    continue
                found.update({k: v for k, v in item.items() if k in ("state", "budget")})
            self.sim.record("amazon_ads", "campaigns.update", str(item.get("campaignId")))
            success.append({"index": index, "campaignId": item.get("campaignId")})
        return Response(207, {"campaigns": {"success": success, "error": error}})
