"""Connecting a marketplace from nothing: the channel is made if missing, the sign-in details go to the
keyring, and one harmless read (the last minute's orders) tells the seller plainly whether it works.

The test call's answer is one of a few plain verdicts, never a stack trace: the sign-in details were
refused, nothing at that address is the marketplace's API (a wrong store URL), no internet, or a Wi-Fi
login page answered. No token or header ever goes into a message.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import httpx

from app.domain.clock import to_iso
from app.errors import AppError
from app.i18n import _
from app.services import catalog
from app.services.context import ServiceContext
from app.store import channels, sync_state
from app.sync import setup
from app.sync.credentials import Credentials
from app.sync.errors import Ambiguous, AuthFailed, CaptivePortal, Offline, Rejected, Throttled
from app.sync.marketplaces import adapter_class

# the marketplaces a seller connects by name: adapter -> (default channel code, shown name)
MARKETS = {"amazon": ("amazon", "Amazon.in"), "shopify": ("shopify", "Shopify"),
           "woocommerce": ("woocommerce", "WooCommerce"), "ondc": ("ondc", "ONDC")}


@dataclass(frozen=True)
class Verdict:
    ok: bool
    kind: str  # ok, auth, wrong_url, offline, captive_portal, busy, unclear, missing
    message: str


def connect_market(ctx: ServiceContext, *, market: str, base_url: str, channel: str | None = None,
                   account: dict[str, Any] | None = None, secrets: dict[str, str] | None = None,
                   credentials: Credentials | None = None) -> str:
    """Make the channel for ``market`` if it is missing and point it at the marketplace; returns its code."""
    from app.errors import InputError

    if market not in MARKETS:
        raise InputError(_("'{name}' is not a marketplace TAVYONIX can connect to.").format(name=market))
    code, title = MARKETS[market]
    code = channel or code
    if not channels.has_channel(ctx.store.db(), code):
        catalog.add_channel(ctx, code=code, name=title)
    setup.connect(ctx, channel=code, adapter=market, base_url=base_url, account=account, secrets=secrets,
                  credentials=credentials)
    return code


def test_call(ctx: ServiceContext, channel: str, credentials: Credentials, *, timeout_s: float = 10.0,
              client: httpx.Client | None = None) -> Verdict:
    """One read of the channel's orders of the last minute; what went wrong, in the seller's words."""
    ch = sync_state.get_channel(ctx.store.db(), channel)
    if ch is None:
        return Verdict(False, "missing", _("{channel} is not connected yet.").format(channel=channel))
    name = MARKETS.get(ch.adapter, (channel, ch.adapter))[1]
    own = client is None
    client = client or httpx.Client(timeout=timeout_s)
    adapter = adapter_class(ch.adapter)(channel=channel, base_url=ch.base_url, account=ch.account, client=client,
                                        secret=lambda key: credentials.get(channel, key))
    try:
        adapter.pull_orders(to_iso(ctx.now() - timedelta(minutes=1)), None)
    except AuthFailed:
        return Verdict(False, "auth", _("{market} refused the sign-in details: the token or key is wrong, expired "
                                        "or was removed. Copy it again from {market} and connect again.")
                       .format(market=name))
    except Rejected as exc:
        if exc.status == 404:
            return Verdict(False, "wrong_url", _("Nothing at {url} answers like {market}'s API. Check the store "
                                                 "address.").format(url=ch.base_url, market=name))
        return Verdict(False, "unclear", _("{market} refused the test call: {reason}").format(
            market=name, reason=exc.reason))
    except CaptivePortal:
        return Verdict(False, "captive_portal", _("A Wi-Fi login page answered instead of {market}. Open a web "
                                                  "browser, sign in to the Wi-Fi, then connect again.")
                       .format(market=name))
    except Offline:
        return Verdict(False, "offline", _("Could not reach {url}: no internet connection, or the address is "
                                           "wrong.").format(url=ch.base_url))
    except Throttled:
        with ctx.store.write() as db:
            sync_state.update_channel(db, channel, last_ok_at=ctx.now_iso(), last_error=None)
        return Verdict(True, "busy", _("{market} answered (busy just now); the connection works.").format(
            market=name))
    except Ambiguous:
        return Verdict(False, "unclear", _("{market} did not answer clearly; try again in a few minutes.")
                       .format(market=name))
    except AppError as exc:  # missing sign-in details, no keyring: their own plain messages
        return Verdict(False, "missing", exc.message)
    finally:
        if own:
            client.close()
    with ctx.store.write() as db:  # the channel's health shows what the seller just saw: the sign-in works
        sync_state.update_channel(db, channel, last_ok_at=ctx.now_iso(), last_error=None, paused_reason=None)
    return Verdict(True, "ok", _("{market} answered: the connection works.").format(market=name))
