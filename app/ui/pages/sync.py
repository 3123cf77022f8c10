"""The "Sync" tab: connect Amazon, Shopify, WooCommerce or ONDC, and see each connected marketplace's health.

Connecting goes through the session's sync handle (``session.sync.connect``: the channel is made if
missing, the sign-in details go to the OS keyring only, and one test call says plainly what is wrong),
on a worker thread because it talks to the marketplace. Without a running sync (switched off in the
settings) the form says so and stays disabled.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError
from app.i18n import _
from app.session import Session
from app.store import sync_state
from app.ui import tasks
from app.ui.courier.account import CourierAccountBox
from app.ui.pages.base import Page

log = logging.getLogger(__name__)

MARKETS = ("amazon", "shopify", "woocommerce", "ondc")


def market_name(market: str) -> str:
    return {"amazon": "Amazon.in", "shopify": "Shopify", "woocommerce": "WooCommerce", "ondc": "ONDC",
            "whatsapp": "WhatsApp"}.get(market, market)


def fields(market: str) -> list[tuple[str, str, bool]]:
    """(name, label, secret) of what a marketplace asks for; secrets go to the keyring, the rest is account."""
    return {
        "amazon": [("seller_id", _("Seller ID (Seller Central > Settings > Account Info)"), False),
                   ("refresh_token", _("Refresh token of the authorised app"), True),
                   ("client_secret", _("App client secret"), True)],
        "shopify": [("access_token", _("Admin API access token (shpat_...)"), True)],
        "woocommerce": [("consumer_key", _("Consumer key (ck_...)"), True),
                        ("consumer_secret", _("Consumer secret (cs_...)"), True)],
        "ondc": [("api_key", _("API key from your ONDC seller app"), True)],
    }[market]


class SyncPage(Page):
    STALE_ON = frozenset({"ChannelAdded"})
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.busy = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        intro = QLabel(_("Connect the marketplaces you sell on. Their orders come into the Orders tab; stock, "
                         "prices and listings go out by themselves, even after days offline."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.channels = QLabel()
        self.channels.setObjectName("sync-channels")
        self.channels.setWordWrap(True)
        layout.addWidget(self.channels)

        form = QFormLayout()
        self.market = QComboBox()
        self.market.setObjectName("market")
        for market in MARKETS:
            self.market.addItem(market_name(market), market)
        self.market.currentIndexChanged.connect(self._show_fields)
        form.addRow(_("Marketplace:"), self.market)
        self.url = QLineEdit()
        self.url.setObjectName("url")
        self.url.setPlaceholderText(_("The store's or the API's address, https://..."))
        form.addRow(_("Address:"), self.url)
        layout.addLayout(form)
        self.fields_box = QWidget()
        self.fields_form = QFormLayout(self.fields_box)
        self.fields_form.setContentsMargins(0, 0, 0, 0)
        self.inputs: dict[str, QLineEdit] = {}
        layout.addWidget(self.fields_box)

        row = QHBoxLayout()
        self.connect_button = QPushButton(_("Connect and &test"))
        self.connect_button.setObjectName("connect")
        self.connect_button.setAutoDefault(False)
        self.connect_button.clicked.connect(self.connect_market)
        row.addWidget(self.connect_button)
        self.result = QLabel()
        self.result.setObjectName("sync-result")
        self.result.setWordWrap(True)
        row.addWidget(self.result, 1)
        layout.addLayout(row)
        self.off = QLabel(_("Marketplace sync is switched off for this shop (Settings), so nothing can be "
                            "connected here."))
        self.off.setWordWrap(True)
        layout.addWidget(self.off)  # first: a label shown before it has a parent is a window of its own
        self.off.setVisible(session.sync is None)
        self.courier = CourierAccountBox(session)  # the courier aggregator's account, for booking parcels
        layout.addWidget(self.courier)
        layout.addStretch(1)
        self._show_fields()

    @classmethod
    def title(cls) -> str:
        return _("Sync")

    def focus_target(self) -> QWidget:
        return self.market

    def _show_fields(self) -> None:
        while self.fields_form.rowCount():
            self.fields_form.removeRow(0)
        self.inputs = {}
        for name, label, secret in fields(str(self.market.currentData())):
            box = QLineEdit()
            box.setObjectName(name)
            if secret:
                box.setEchoMode(QLineEdit.EchoMode.Password)
            self.inputs[name] = box
            self.fields_form.addRow(label, box)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.connect_button.setEnabled(self.session.sync is not None and not self.busy)

    def refresh(self) -> None:
        lines = []
        for ch in sync_state.channels(self.session.store.db()):
            if ch.adapter not in MARKETS:
                continue
            if ch.paused_reason:
                health = _("paused: sign in again")
            elif ch.last_error:
                health = _("last try failed")
            elif ch.last_ok_at:
                health = _("working")
            else:
                health = _("not reached yet")
            lines.append(_("{market} ({channel}): {health}").format(market=market_name(ch.adapter),
                                                                    channel=ch.channel, health=health))
        self.channels.setText("\n".join(lines) if lines else _("No marketplace is connected yet."))

    def connect_market(self) -> None:
        handle = self.session.sync
        if handle is None or self.busy:
            return
        market = str(self.market.currentData())
        secret_names = {name for name, _label, secret in fields(market) if secret}
        values = {name: box.text().strip() for name, box in self.inputs.items()}
        secrets = {k: v for k, v in values.items() if k in secret_names and v}
        account = {k: v for k, v in values.items() if k not in secret_names and v}
        url = self.url.text().strip()

        def done(result: tuple[bool, str]) -> None:
            self.busy = False
            self.result.setText(result[1])
            self.result.setProperty("ok", result[0])
            for name in secret_names:
                self.inputs[name].clear()  # a secret stays on screen no longer than it must
            self._update_buttons()
            self.refresh()

        def failed(error: BaseException) -> None:
            self.busy = False
            if not isinstance(error, AppError):
                log.error("connecting %s failed", market, exc_info=error)
            self.result.setText(error.message if isinstance(error, AppError) else
                                _("Something went wrong inside TAVYONIX; the details are in the log file."))
            self._update_buttons()

        self.busy = True
        self.result.setText(_("Connecting to {market}...").format(market=market_name(market)))
        self._update_buttons()
        tasks.run_in_background(lambda: handle.connect(market, url, account=account, secrets=secrets), done, failed,
                                owner=self)
