"""Connecting a channel to its marketplace, and the payload checks run when rows are enqueued."""

from __future__ import annotations

import re
from typing import Any

from sqlite_utils import Database

from app.errors import InputError, NotFound
from app.i18n import _
from app.services import catalog
from app.services.context import ServiceContext
from app.store import channels, outbox, sync_state
from app.sync.credentials import SECRET_NAMES, Credentials
from app.sync.marketplaces import ADAPTERS, adapter_class

# messaging adapters (channel kind 'messaging'): each serves the one channel its rows are queued on
# (purchasing queues a purchase order on its ``via`` name), with that channel's display name
MESSAGING_CHANNEL = {"whatsapp": ("whatsapp", "WhatsApp"),
                     "facebook_page": ("facebook", "Facebook"),  # the shop's offers, posted to its page
                     "google_business": ("google", "Google Business Profile"),  # and on its Google profile
                     "instagram_business": ("instagram", "Instagram"),  # and on its Instagram business account
                     "amazon_ads": ("amazon_ads", "Amazon Ads")}  # sponsored-ads budgets: no stock goes there


def connect(ctx: ServiceContext, *, channel: str, adapter: str, base_url: str, account: dict[str, Any] | None = None,
            secrets: dict[str, str] | None = None, credentials: Credentials | None = None) -> None:
    """Point ``channel`` (already added with ``catalog.add_channel``) at a marketplace. Secrets go to the
    keyring only; ``account`` holds what is not secret (seller id, marketplace id, location).

    WhatsApp is a messaging channel: it must be the channel ``whatsapp`` (purchase orders are queued there),
    which is added if missing, and its account names the business phone number id."""
    if adapter not in ADAPTERS:
        raise InputError(_("'{name}' is not a marketplace TAVYONIX can connect to.").format(name=adapter))
    if not base_url.startswith(("https://", "http://127.0.0.1", "http://localhost")):
        raise InputError(_("The marketplace address must start with https://."))
    for name in ("password", "token", "secret", "key"):
        if any(name in k.lower() for k in (account or {})):
            raise InputError(_("Secrets belong in the keyring, not in the account details."))
    kind = "messaging" if adapter in MESSAGING_CHANNEL else "marketplace"
    if adapter in MESSAGING_CHANNEL:
        code, title = MESSAGING_CHANNEL[adapter]
        if channel != code:
            raise InputError((_("Purchase orders go out on the channel '{code}'; connect {service} as '{code}'.")
                              if adapter == "whatsapp" else _("Connect {service} as the channel '{code}'."))
                             .format(code=code, service=title))
        if adapter == "facebook_page" and not re.fullmatch(r"[0-9]{5,20}", str((account or {}).get("page_id", ""))):
            raise InputError(_("Facebook needs the page's id, for example "
                               "--account '{{\"page_id\": \"1094554433\"}}'.").format())
        if adapter == "google_business" and not all(re.fullmatch(r"[0-9]{5,25}", str((account or {}).get(k, "")))
                                                    for k in ("account_id", "location_id")):
            raise InputError(_("Google needs the Business Profile's account and location ids, for example "
                               "--account '{{\"account_id\": \"1122334455\", \"location_id\": \"99887766\"}}'.")
                             .format())
        if adapter == "instagram_business" and not re.fullmatch(r"[0-9]{5,25}",
                                                                str((account or {}).get("ig_user_id", ""))):
            raise InputError(_("Instagram needs the business account's id, for example "
                               "--account '{{\"ig_user_id\": \"17841400000000001\"}}'.").format())
        if adapter == "amazon_ads" and not (re.fullmatch(r"[0-9]{3,25}", str((account or {}).get("profile_id", "")))
                                            and (account or {}).get("client_id")):
            raise InputError(_("Amazon Ads needs the advertising profile id and the app's client id, for example "
                               "--account '{{\"profile_id\": \"3512345678\", \"client_id\": \"amzn1...\"}}'.")
                             .format())
        if adapter == "whatsapp" and not re.fullmatch(r"[0-9]{5,20}", str((account or {}).get("phone_number_id", ""))):
            raise InputError(_("WhatsApp needs the business phone number id from WhatsApp Manager, for example "
                               "--account '{{\"phone_number_id\": \"1065551234\"}}'."))
        if not channels.has_channel(ctx.store.db(), channel):
            catalog.add_channel(ctx, code=channel, name=title, kind="messaging")
    if secrets:
        if credentials is None:
            raise InputError(_("No keyring to keep the sign-in details in."))
        unknown = set(secrets) - set(SECRET_NAMES[adapter])
        if unknown:
            raise InputError(_("Unknown sign-in details: {names}").format(names=", ".join(sorted(unknown))))
        for name, value in secrets.items():
            credentials.set(channel, name, value)
    with ctx.store.write() as db:
        if not channels.has_channel(db, channel, kind):
            if kind == "messaging":
                raise NotFound(_("There is no messaging channel '{code}'.").format(code=channel))
            raise NotFound(_("There is no marketplace '{code}'.").format(code=channel))
        sync_state.connect_channel(db, channel=channel, adapter=adapter, base_url=base_url, account=account or {},
                                   at=ctx.now_iso())
        sync_state.resolve_reauth(db, channel, ctx.now_iso())


def check_payload(db: Database, channel: str, op: str, payload: dict[str, Any]) -> str | None:
    """The outbox payload check: the channel's adapter says whether the marketplace would refuse it
    (Amazon: the official models). Channels that are not connected are not checked."""
    ch = sync_state.get_channel(db, channel)
    if ch is None:
        return None
    cls = adapter_class(ch.adapter)
    if not cls.covers.get(op):
        return None
    probe = cls(channel=channel, base_url=ch.base_url, account=ch.account, client=None,  # type: ignore[arg-type]
                secret=lambda name: "")
    return probe.validate(op, payload)


def register_payload_checks() -> None:
    """Also tells the order state machine which commands each marketplace takes (see ``fulfilment``)."""
    from app.sync import fulfilment

    outbox.add_payload_check(check_payload)
    fulfilment.register()
