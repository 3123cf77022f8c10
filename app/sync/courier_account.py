"""The shop's courier aggregator account: its address and e-mail in the shop's settings, its password only
in the OS keyring (``Credentials``, channel ``courier``), and a test call that says plainly what is wrong:
the password was refused, nothing at that address is the courier's API, no internet, or a Wi-Fi login page
answered. No password ever goes into a message or the log.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from app import config
from app.errors import InputError, InvalidState
from app.i18n import _
from app.services import settings as settings_service
from app.services.context import ServiceContext
from app.services.shop import profile as shop_profile
from app.sync.courier import CourierClient, CourierError
from app.sync.credentials import Credentials
from app.sync.errors import MissingCredential

__all__ = ["CHANNEL", "Verdict", "client", "configured", "save", "test_call"]

CHANNEL = "courier"  # the keyring's name for the account (not a sync channel: nothing is pulled from it)
SECRET = "password"


@dataclass(frozen=True)
class Verdict:
    ok: bool
    kind: str  # ok, auth, wrong_url, offline, captive_portal, unclear, missing
    message: str


def configured(ctx: ServiceContext) -> tuple[str, str]:
    """(address, e-mail) of the account, '' where not set."""
    return (settings_service.get(ctx.store, config.COURIER_URL), settings_service.get(ctx.store, config.COURIER_EMAIL))


def save(ctx: ServiceContext, credentials: Credentials, *, url: str, email: str, password: str = "") -> None:
    """Keep the account: address and e-mail in the settings, the password in the keyring (an empty password
    keeps the one already there)."""
    url, email = url.strip().rstrip("/"), email.strip()
    if not url.startswith(("https://", "http://")):
        raise InputError(_("The courier's address must start with https://"))
    if "@" not in email:
        raise InputError(_("Give the e-mail of the courier account."))
    if password:
        credentials.set(CHANNEL, SECRET, password)  # first: a keyring that fails leaves the settings as they were
    elif not _has_password(credentials):
        raise InputError(_("Give the courier account's password."))
    settings_service.set_setting(ctx, config.COURIER_URL.key, url)
    settings_service.set_setting(ctx, config.COURIER_EMAIL.key, email)


def _has_password(credentials: Credentials) -> bool:
    try:
        credentials.get(CHANNEL, SECRET)
    except MissingCredential:
        return False
    return True


def client(ctx: ServiceContext, credentials: Credentials, *, http: httpx.Client | None = None) -> CourierClient:
    """A client for the shop's account; says plainly when it is not set up."""
    url, email = configured(ctx)
    if not url or not email:
        raise InvalidState(_("No courier account is set up yet: enter it on the Sync page."))
    try:
        password = credentials.get(CHANNEL, SECRET)
    except MissingCredential:
        raise InvalidState(_("The courier account's password is not on this computer any more: enter it again "
                             "on the Sync page.")) from None
    return CourierClient(url, email, password, client=http)


def test_call(ctx: ServiceContext, credentials: Credentials, *, timeout_s: float = 10.0) -> Verdict:
    """Sign in and ask one harmless question (is the shop's own PIN code served); what went wrong, in the
    seller's words."""
    try:
        courier = client(ctx, credentials, http=httpx.Client(timeout=timeout_s))
    except (InvalidState, InputError) as exc:
        return Verdict(False, "missing", exc.message)
    url = courier.base
    try:
        response = courier.http.post(url + "/courier/v1/external/auth/login",
                                     json={"email": courier.email, "password": courier.password})
        if response.status_code == 404:
            return Verdict(False, "wrong_url", _("Nothing at {url} answers like a courier aggregator's API. Check "
                                                 "the address.").format(url=url))
        try:
            body = response.json()
        except ValueError:
            return Verdict(False, "captive_portal", _("A web page answered instead of the courier (a Wi-Fi login "
                                                      "page?). Open a web browser, sign in to the Wi-Fi, then test "
                                                      "again."))
        if response.status_code in (401, 403):
            return Verdict(False, "auth", _("The courier refused the e-mail or password. Check them on the "
                                            "courier's website and enter them again."))
        if response.status_code >= 400 or not isinstance(body, dict) or not body.get("token"):
            return Verdict(False, "unclear", _("The courier did not answer clearly ({status}); try again in a few "
                                               "minutes.").format(status=response.status_code))
        courier.token = str(body["token"])
        pin = shop_profile(ctx.store).pincode or ""
        if pin:
            served = courier.rates(pin, pin, 0.5, False)
            if not served:
                return Verdict(True, "ok", _("The courier account works, but it picks up nothing from PIN code "
                                             "{pin}.").format(pin=pin))
    except (httpx.ConnectError, httpx.TimeoutException, httpx.NetworkError):
        return Verdict(False, "offline", _("Could not reach {url}: no internet connection, or the address is "
                                           "wrong.").format(url=url))
    except CourierError as exc:
        return Verdict(False, "unclear", exc.message)
    except Exception as exc:
        return Verdict(False, "unclear", _("The courier did not answer clearly ({error}); try again in a few "
                                           "minutes.").format(error=type(exc).__name__))
    finally:
        courier.http.close()
    return Verdict(True, "ok", _("The courier account works."))
