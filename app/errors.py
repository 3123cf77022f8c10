"""Errors a user can cause, each with a message meant for the shopkeeper.

The tree (catch by branch; UI and CLI show ``str(error)``)::

    AppError
    ├── InputError                  the user can fix it and try again; nothing was written
    │   ├── NotFound                an item code, customer, supplier, order ... that does not exist
    │   ├── InvalidQuantity
    │   ├── InvalidAmount
    │   ├── InvalidCode             barcode (EAN-13), GSTIN, HSN code, UPI id, phone
    │   ├── PriceAboveMrp           Legal Metrology: never sell a packed item above its MRP
    │   ├── NeedsConfirmation       allowed, but only when the seller confirms (e.g. below cost)
    │   │   └── CreditLimitExceeded a khata sale over the customer's limit
    │   ├── Duplicate               a code, barcode or phone that is already used
    │   ├── ClosedPeriod            a date in a financial year that has been closed
    │   └── InvalidState            e.g. receiving goods on a cancelled purchase order
    ├── StoreError                  the shop's data file
    │   ├── ShopInUse               another TAVYONIX window already has this shop open
    │   ├── ShopNotFound
    │   ├── ShopReplaced            a restore replaced the file this process had open
    │   ├── DiskFull                no room left on the disk; retry when there is
    │   ├── DatabaseDamaged         quick_check failed or the file is not a database
    │   ├── SchemaTooNew            the file was written by a newer TAVYONIX
    │   └── BackupError
    ├── PrintFailed                 the receipt did not reach the printer (the sale is saved anyway)
    ├── SyncError                   marketplaces (app/sync)
    └── AgentError                  autonomous agents (app/agents)

Bugs are not caught and hidden: only these types are turned into friendly messages.
"""

from __future__ import annotations

__all__ = ["AgentError", "AppError", "BackupError", "ClosedPeriod", "CreditLimitExceeded", "DatabaseDamaged",
           "DiskFull", "Duplicate", "InputError", "InvalidAmount", "InvalidCode", "InvalidQuantity", "InvalidState",
           "NeedsConfirmation", "NotFound", "PriceAboveMrp", "PrintFailed", "SchemaTooNew", "ShopInUse",
           "ShopNotFound", "ShopReplaced", "StoreError", "SyncError", "UnusualQuantity"]


class AppError(Exception):
    """Base of every error whose message is written for the user.

    ``message`` is already translated into the current language; ``hint`` says what to do next.
    """

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} {self.hint}".strip()


class InputError(AppError):
    """Bad input; the operation wrote nothing."""


class NotFound(InputError):
    pass


class InvalidQuantity(InputError):
    pass


class InvalidAmount(InputError):
    pass


class InvalidCode(InputError):
    pass


class PriceAboveMrp(InputError):
    pass


class NeedsConfirmation(InputError):
    """The action is allowed only if the seller confirms it; retry with ``confirmed=True``."""


class UnusualQuantity(NeedsConfirmation):
    """A quantity far above what the item usually sells in one line: the seller confirms it."""


class Duplicate(InputError):
    pass


class CreditLimitExceeded(NeedsConfirmation):
    pass


class ClosedPeriod(InputError):
    pass


class InvalidState(InputError):
    pass


class StoreError(AppError):
    pass


class ShopInUse(StoreError):
    pass


class ShopNotFound(StoreError):
    pass


class ShopReplaced(StoreError):
    """The file this process opened is no longer the shop (a restore replaced it)."""


class DiskFull(StoreError):
    """The disk has no room left; nothing half-written was kept, and the work can be retried."""


class DatabaseDamaged(StoreError):
    """The shop file failed its check. Offer the last good backup; never start an empty shop."""

    def __init__(self, message: str, *, hint: str = "", path: str = "", detail: str = "") -> None:
        super().__init__(message, hint=hint)
        self.path = path
        self.detail = detail


class SchemaTooNew(StoreError):
    pass


class BackupError(StoreError):
    pass


class PrintFailed(AppError):
    """The receipt could not reach the printer; the sale itself is already saved."""


class SyncError(AppError):
    pass


class AgentError(AppError):
    pass
