"""Sync's own errors (subclasses of ``app.errors.SyncError``), each with a message for the shopkeeper.

Never put a credential, a token or a request header into one of these messages.
"""

from __future__ import annotations

from app.errors import SyncError
from app.i18n import _


class Offline(SyncError):
    """Nothing reached the marketplace (no network, DNS failure, connection refused): safe to retry."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(_("No internet connection. Changes are saved and will be sent when it returns."))
        self.detail = detail


class CaptivePortal(SyncError):
    """A Wi-Fi login page (or a proxy) answered instead of the marketplace."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(_("The internet connection needs a login (a Wi-Fi sign-in page answered)."),
                         hint=_("Open a web browser and sign in to the Wi-Fi, then sync starts again."))
        self.detail = detail


class Ambiguous(SyncError):
    """The request may have reached the marketplace but no complete answer came back (timeout, reset
    mid-body, truncated JSON, a 5xx): it may or may not have been applied."""

    def __init__(self, detail: str = "", *, status: int | None = None) -> None:
        super().__init__(_("The marketplace did not answer clearly; TAVYONIX will check before sending again."))
        self.detail, self.status = detail, status


class Throttled(SyncError):
    """429 or a THROTTLED body: not applied; wait ``retry_after`` seconds (None: back off)."""

    def __init__(self, retry_after: float | None = None, detail: str = "") -> None:
        super().__init__(_("The marketplace asked us to slow down; sending continues shortly."))
        self.retry_after, self.detail = retry_after, detail


class AuthFailed(SyncError):
    """401/403, an expired refresh token or a revoked app: the channel pauses, its queue is kept."""

    def __init__(self, channel: str = "", detail: str = "") -> None:
        super().__init__(_("The connection to {channel} needs to be set up again (login expired or removed).").format(
            channel=channel or _("the marketplace")),
            hint=_("Open Settings > Marketplaces and sign in again; nothing waiting is lost."))
        self.channel, self.detail = channel, detail


class Rejected(SyncError):
    """The marketplace refused the change (4xx validation): retrying the same change cannot help."""

    def __init__(self, message: str, *, code: str = "", status: int | None = None) -> None:
        super().__init__(_("The marketplace refused this change: {reason}").format(reason=message))
        self.code, self.status, self.reason = code, status, message


class Stale(SyncError):
    """Compare-and-set lost (Shopify CHANGE_FROM_QUANTITY_STALE): re-read, recompute, retry."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(_("The marketplace's stock changed meanwhile; recounting and sending again."))
        self.detail = detail


class NoKeyring(SyncError):
    def __init__(self) -> None:
        super().__init__(_("This computer has no safe place for marketplace passwords (no system keyring)."),
                         hint=_("On Windows this is the Credential Manager; ask for help to turn it on."))


class MissingCredential(SyncError):
    def __init__(self, channel: str) -> None:
        super().__init__(_("The sign-in details for {channel} are missing.").format(channel=channel),
                         hint=_("Open Settings > Marketplaces and connect {channel} again.").format(channel=channel))


class SenderBusy(SyncError):
    def __init__(self) -> None:
        super().__init__(_("Sync is already running in another TAVYONIX window or command."))
