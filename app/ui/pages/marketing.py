"""The "Marketing" tab: campaigns planned, running and done with what they brought back, and the
customers' consent to offers (recorded, withdrawn) — the same services as ``python -m app marketing``.

Writes here are single short transactions (a status, a consent row), so they run on the GUI thread.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app import config
from app.domain.campaigns import AGENT_ACTOR, segment_text, unproven_allowance
from app.domain.money import format_inr
from app.errors import AppError
from app.i18n import _, language, ngettext
from app.services import campaigns, consent
from app.services import settings as settings_service
from app.session import Session
from app.store import Store, marketing_reads
from app.store import campaign_uplift as uplift_store
from app.store import campaigns as campaign_store
from app.store import catalog as catalog_store
from app.ui.campaign_chart import CampaignChart
from app.ui.dialogs import show_error
from app.ui.formatting import actor_text
from app.ui.page_scroll import scrolling_body
from app.ui.pages.base import Page
from app.ui.tables import filling, keep_rows_visible


class HandSendDialog(QDialog):
    """The messages to send from the shop's own WhatsApp: each with its click-to-chat link (opens WhatsApp with
    the text written; the seller presses send)."""

    def __init__(self, campaign_id: int, out: list[campaigns.Outgoing], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Send by hand: campaign {id}").format(id=campaign_id))
        layout = QVBoxLayout(self)
        intro = QLabel(ngettext(
            "Open the link and press send in WhatsApp. It counts as sent from now.",
            "Open each of the {n} links and press send in WhatsApp. They count as sent from now.",
            len(out)).format(n=len(out)))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.links = QTextBrowser()
        self.links.setObjectName("hand-links")
        self.links.setOpenExternalLinks(True)
        opener = html.escape(_("Open in WhatsApp"))
        self.links.setHtml("".join(
            f"<p><b>{html.escape(o.name)}</b> ({html.escape(o.phone)}): {html.escape(o.text)}<br>"
            f"<a href=\"{html.escape(o.link)}\">{opener}</a></p>" for o in out))
        layout.addWidget(self.links, 1)
        close = QPushButton(_("Close"))
        close.clicked.connect(self.accept)
        layout.addWidget(close)
        self.resize(620, 480)


def status_text(status: str) -> str:
    return {"planned": _("planned"), "running": _("running"), "paused": _("paused"), "done": _("done"),
            "cancelled": _("cancelled")}.get(status, status)




def came_back_text(measured: uplift_store.Uplift) -> str:
    """"40% / 10%": the share of the messaged and of the held-back customers who came within four weeks."""
    if not measured.messaged or not measured.held:
        return "-"
    return f"{measured.messaged_came / measured.messaged:.0%} / {measured.held_came / measured.held:.0%}"


def campaign_names(store: Store, campaigns: list[tuple[str, str]]) -> list[str]:
    """Each (name, sku) campaign's name as the page shows it: a campaign planned without a name of its own is read
    under its item's present English name (``app.store.campaigns``; the agent's and the assistant's campaigns), so it
    is shown by the item's name in the page's language; a name the seller typed stays as typed."""
    products = catalog_store.get_many(store.db(), sorted({sku for _name, sku in campaigns}))
    lang = language()
    return [product.name(lang) if (product := products.get(sku)) is not None and name == product.name_en else name
            for name, sku in campaigns]


def method_text(method: str) -> str:
    return {"counter": _("at the counter"), "written": _("in writing"), "window": _("on this screen"),
            "cli": _("typed in"), "stop_reply": _("replied STOP")}.get(method, method)


class MarketingPage(Page):
    STALE_ON = frozenset({"CampaignSaved", "CampaignSent", "CampaignRedeemed", "ConsentRecorded", "CustomerSaved"})
    HEADERS = 11
    ROWS_SHOWN = 5  # the campaigns table keeps room for this many rows however short the window
    HAND_NAMED = 3  # the free campaigns named in the to-do sentence; the rest are counted (all in its tooltip)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.dialog: QWidget | None = None
        # the page scrolls when the window is shorter than its parts need (1366x768 in Hindi, a shop with many
        # campaigns): squeezed, the campaigns table showed one row and the to-do sentence ran over the consent box
        self.page_scroll, layout = scrolling_body(self, "marketing-scroll")
        intro = QLabel(_("Campaigns bring customers back with a WhatsApp message and a code they say at the "
                         "counter. Only customers who agreed get messages."))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.table = QTableWidget(0, self.HEADERS)
        self.table.setObjectName("campaigns-table")
        self.table.setHorizontalHeaderLabels([
            _("Campaign"), _("Group"), _("Status"), _("By"), _("Reach"), _("Redeemed"), _("Sales"), _("Spend"),
            _("Return per ₹"), _("Read"), _("Came back, messaged / held back")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column in range(1, self.HEADERS):  # the figures as wide as they need; the campaign's name the rest
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        keep_rows_visible(self.table, self.ROWS_SHOWN, 1)
        layout.addWidget(self.table, 1)
        self.chart = CampaignChart()
        layout.addWidget(self.chart)

        buttons = QHBoxLayout()
        self.pause_button = QPushButton(_("&Pause"))
        self.pause_button.clicked.connect(lambda: self._set_status("paused"))
        self.approve_button = QPushButton(_("Approve / &resume"))
        self.approve_button.clicked.connect(lambda: self._set_status("planned"))
        self.check_button = QPushButton(_("Check &prices"))
        self.check_button.clicked.connect(self.check_prices)
        self.art_button = QPushButton(_("Picture and p&oster..."))
        self.art_button.clicked.connect(self.show_art)
        self.post_button = QPushButton(_("Post on &Facebook"))
        self.post_button.clicked.connect(lambda: self.post_offer("facebook"))
        self.google_button = QPushButton(_("Post on &Google"))
        self.google_button.clicked.connect(lambda: self.post_offer("google"))
        self.instagram_button = QPushButton(_("Post on &Instagram"))
        self.instagram_button.clicked.connect(lambda: self.post_offer("instagram"))
        self.with_picture = QCheckBox(_("with the offer's picture"))
        self.with_picture.setChecked(True)
        self.wording_button = QPushButton(_("Edit &wording..."))
        self.wording_button.clicked.connect(self.edit_wording)
        for button in (self.pause_button, self.approve_button, self.wording_button, self.check_button,
                       self.art_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        self.status_line = QLabel()
        self.status_line.setObjectName("marketing-status")
        self.status_line.setWordWrap(True)
        buttons.addWidget(self.status_line, 1)
        layout.addLayout(buttons)
        posting = QHBoxLayout()
        posting.addWidget(QLabel(_("Post the offer:")))
        for button in (self.post_button, self.google_button, self.instagram_button):
            button.setAutoDefault(False)
            posting.addWidget(button)
        posting.addWidget(self.with_picture)
        posting.addStretch(1)
        layout.addLayout(posting)

        ads_row = QHBoxLayout()
        self.ads_state = QLabel()
        self.ads_state.setObjectName("ads-state")
        self.ads_state.setWordWrap(True)
        self.ads_sku = QLineEdit()
        self.ads_sku.setPlaceholderText(_("Item code"))
        self.ads_sku.setMaximumWidth(140)
        self.ads_daily = QLineEdit()
        self.ads_daily.setPlaceholderText(_("₹ a day (0 stops)"))
        self.ads_daily.setMaximumWidth(140)
        self.ads_button = QPushButton(_("Set Amazon &ads budget"))
        self.ads_button.setAutoDefault(False)
        self.ads_button.clicked.connect(self.set_ads_budget)
        ads_row.addWidget(self.ads_state, 1)
        ads_row.addWidget(self.ads_sku)
        ads_row.addWidget(self.ads_daily)
        ads_row.addWidget(self.ads_button)
        layout.addLayout(ads_row)

        # how much the agent may spend on paid messages, on its own, before its codes show anyone comes back
        risk_row = QHBoxLayout()
        risk_row.addWidget(QLabel(_("The agent may risk on paid messages, before its codes bring anyone back:")))
        self.risk = QSpinBox()
        self.risk.setObjectName("marketing-risk")
        self.risk.setRange(0, 100_000)
        self.risk.setPrefix("₹")
        self.risk.setSingleStep(25)
        self.risk_button = QPushButton(_("Save &limit"))
        self.risk_button.setAutoDefault(False)
        self.risk_button.clicked.connect(self.save_risk)
        self.risk_words = QLabel()
        self.risk_words.setObjectName("marketing-risk-words")
        self.risk_words.setWordWrap(True)
        risk_row.addWidget(self.risk)
        risk_row.addWidget(self.risk_button)
        risk_row.addStretch(1)
        layout.addLayout(risk_row)
        layout.addWidget(self.risk_words)  # its own line: the sentence says what the figure means

        # the free campaigns: messages the seller sends from the shop's own WhatsApp (click-to-chat links)
        hand_row = QHBoxLayout()
        self.hand_words = QLabel()
        self.hand_words.setObjectName("marketing-hand")
        self.hand_words.setWordWrap(True)
        # a wrapped label beside a button is not given its height for its width: room for two lines
        self.hand_words.setMinimumHeight(self.hand_words.fontMetrics().lineSpacing() * 2 + 4)
        self.hand_button = QPushButton(_("Send by &hand..."))
        self.hand_button.setObjectName("marketing-hand-send")
        self.hand_button.setAutoDefault(False)
        self.hand_button.clicked.connect(self.send_by_hand)
        hand_row.addWidget(self.hand_words, 1)
        hand_row.addWidget(self.hand_button)
        layout.addLayout(hand_row)

        box = QGroupBox(_("Consent to offers on WhatsApp"))
        row = QHBoxLayout(box)
        self.customer = QComboBox()
        self.customer.setObjectName("consent-customer")
        self.customer.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.customer.setMinimumContentsLength(22)
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(_("Phone (if new)"))
        self.grant_button = QPushButton(_("Customer &agreed"))
        self.grant_button.clicked.connect(self.grant)
        self.revoke_button = QPushButton(_("&Stop messages"))
        self.revoke_button.clicked.connect(self.revoke)
        self.consent_state = QLabel()
        self.consent_state.setObjectName("consent-state")
        self.customer.currentIndexChanged.connect(self._show_consent)
        for widget in (self.customer, self.phone, self.grant_button, self.revoke_button):
            row.addWidget(widget)
        row.addWidget(self.consent_state, 1)
        layout.addWidget(box)
        self._update_buttons()

    @classmethod
    def title(cls) -> str:
        return _("Marketing")

    def focus_target(self) -> QWidget:
        return self.table

    def refresh(self) -> None:
        chosen = self.selected_id()
        found = campaigns.summaries(self.session.ctx)
        db, now = self.session.store.db(), self.session.ctx.now_iso()
        names = campaign_names(self.session.store, [(c.name, c.sku) for c in found])
        with filling(self.table):  # the figures' columns measured once, not for each cell
            self.table.setRowCount(len(found))
            for r, c in enumerate(found):
                back = "-" if c.return_per_rupee is None else f"{c.return_per_rupee:.1f}"
                measured = uplift_store.uplift(db, now, campaign_id=c.id)
                cells = [f"#{c.id} {names[r]}", segment_text(c.segment), status_text(c.status),
                         actor_text(c.created_by), str(c.reach), str(c.redemptions), format_inr(c.sales_paise),
                         format_inr(c.spend_paise), back, str(c.read), came_back_text(measured)]
                for column, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    item.setData(Qt.ItemDataRole.UserRole, c.id)
                    if column == 2 and c.status_reason:
                        item.setToolTip(c.status_reason)
                    if column == 10:
                        item.setToolTip(_("Of the customers messaged, {came} of {messaged} came within four weeks; "
                                          "of the customers this campaign held back (not messaged, to compare), "
                                          "{held_came} of {held}.").format(
                            came=measured.messaged_came, messaged=measured.messaged, held_came=measured.held_came,
                            held=measured.held))
                    self.table.setItem(r, column, item)
        ids = [c.id for c in found]
        if chosen in ids:
            self.table.selectRow(ids.index(chosen))
        current = self.customer.currentData()
        self.customer.blockSignals(True)
        self.customer.clear()
        for cid, name, phone in campaign_store.customer_choices(self.session.store.db()):
            self.customer.addItem(f"{name} ({phone or '-'})", cid)
        index = self.customer.findData(current)
        self.customer.setCurrentIndex(max(0, index))
        self.customer.blockSignals(False)
        self._show_consent()
        self._show_ads()
        self._show_risk()
        self._show_hand()
        self._update_buttons()

    def _show_hand(self) -> None:
        """The seller's to-do of free messages: the campaigns sent by hand from the shop's phone."""
        todo = campaigns.hand_todo(self.session.ctx)
        self.hand_button.setEnabled(bool(todo))
        if not todo:
            self.hand_words.setToolTip("")
            self.hand_words.setText(_("No messages wait for you to send from the shop's WhatsApp."))
            return
        total = sum(n for _c, n in todo)
        names = campaign_names(self.session.store, [(c.name, c.sku) for c, _n in todo])
        each = [ngettext("#{id} {name} to '{group}', {n} message", "#{id} {name} to '{group}', {n} messages",
                         n).format(id=c.id, name=name, group=segment_text(c.segment), n=n)
                for (c, n), name in zip(todo, names, strict=True)]
        shown = "; ".join(each[:self.HAND_NAMED])
        if len(todo) > self.HAND_NAMED:  # a shop with dozens of free campaigns: the sentence names a few
            more = len(todo) - self.HAND_NAMED
            shown += " " + ngettext("and {n} more campaign", "and {n} more campaigns", more).format(n=more)
        self.hand_words.setText(ngettext(
            "Send this message yourself from the shop's WhatsApp (free): {campaigns}.",
            "Send these {n} messages yourself from the shop's WhatsApp (free): {campaigns}.", total).format(
            n=total, campaigns=shown)
            + " " + _("Ideas the codes have not shown to pay go out free first; paid messages only once they do."))
        self.hand_words.setToolTip("\n".join(each) if len(todo) > self.HAND_NAMED else "")

    def send_by_hand(self) -> None:
        """The messages of the chosen free campaign (else the oldest) as click-to-chat links to open one by one;
        they count as sent from now (as ``marketing send`` does)."""
        todo = campaigns.hand_todo(self.session.ctx)
        if not todo:
            return
        chosen = self.selected_id()
        campaign = next((c for c, _n in todo if c.id == chosen), todo[0][0])
        try:
            _changes, out = campaigns.send_campaign(self.session.ctx, campaign.id)
        except AppError as error:
            self.dialog = show_error(self, error, title=_("Marketing"))
            return
        self.dialog = HandSendDialog(campaign.id, out, self)
        self.dialog.show()
        self.status_line.setText(ngettext("{n} message of campaign {id} to send from the shop's WhatsApp.",
                                          "{n} messages of campaign {id} to send from the shop's WhatsApp.",
                                          len(out)).format(n=len(out), id=campaign.id))
        self.refresh()

    def _show_risk(self) -> None:
        """The seller's risk limit (``marketing.unproven_risk_paise``), in a sentence, with what is left of it."""
        risk = settings_service.get(self.session.store, config.MARKETING_UNPROVEN_RISK_PAISE)
        if not self.risk.hasFocus():
            self.risk.setValue(risk // 100)
        spent, back = marketing_reads.creator_record(self.session.store.db(), AGENT_ACTOR,
                                                         self.session.ctx.now_iso())
        if risk == 0:
            text = _("Nothing: the agent sends no paid message on its own; its ideas go out free first, as messages "
                     "you send yourself (below), and paid ones once their codes bring back more than they cost.")
        else:
            text = _("The agent's paid messages may cost up to {risk} more than the margin of the bills its codes "
                     "brought back; then it stops until a code is said at the counter. Left now: {left} (spent "
                     "{spent}, codes brought {back}).").format(
                risk=format_inr(risk), left=format_inr(unproven_allowance(spent, back, risk)),
                spent=format_inr(spent), back=format_inr(back))
        self.risk_words.setText(text)

    def save_risk(self) -> None:
        value = self.risk.value()
        self._act(lambda: settings_service.set_setting(self.session.ctx, config.MARKETING_UNPROVEN_RISK_PAISE.key,
                                                       value * 100),
                  _("The agent may now risk {risk} before its codes bring anyone back.").format(
                      risk=format_inr(value * 100)))

    def _show_ads(self) -> None:
        from app.services import ad_budgets
        from app.store import ad_budgets as ad_store

        running = [b for b in ad_store.budgets(self.session.store.db()) if b.state == "running"]
        left = format_inr(max(ad_budgets.week_left(self.session.ctx), 0))
        if not running:
            text = _("Amazon sponsored ads: none running. Left of this week's marketing budget: {left}.").format(
                left=left)
        else:
            items = ", ".join(_("{sku} {daily} a day").format(sku=b.sku, daily=format_inr(b.daily_paise))
                              for b in running)
            text = _("Amazon sponsored ads: {items} (seven days of them are held from the week's marketing "
                     "budget). Left this week: {left}.").format(items=items, left=left)
        self.ads_state.setText(text + self._agents_ads())

    def _agents_ads(self) -> str:
        """The marketing agent's last ads proposal, what became of it, and why (in the tooltip)."""
        from app.store import decisions as decision_store
        from app.ui.agent_words import status_text

        last = next((d for d in decision_store.decisions(self.session.store.db(), agent="marketing", limit=50)
                     if d.decision_type == "ad_budget"), None)
        if last is None or not last.reasoning:
            self.ads_state.setToolTip("")
            return ""
        self.ads_state.setToolTip("\n".join(last.reasoning))
        return " " + _("The agent's last proposal: {what} ({status}).").format(
            what=last.reasoning[0].rstrip("."), status=status_text(last.status))

    def set_ads_budget(self) -> None:
        """The typed item's daily budget for Amazon sponsored-products ads (0 stops them)."""
        from app.domain.money import parse_inr
        from app.services import ad_budgets

        sku = self.ads_sku.text().strip().upper()

        def run() -> None:
            ad_budgets.set_budget(self.session.ctx, sku, parse_inr(self.ads_daily.text().strip() or "0"))

        self._act(run, _("The Amazon ads budget of {sku} goes out when the shop is online (sync status shows "
                         "it).").format(sku=sku))

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def _update_buttons(self) -> None:
        self._show_chart()
        chosen = self.selected_id() is not None
        self.pause_button.setEnabled(chosen)
        self.approve_button.setEnabled(chosen)
        self.art_button.setEnabled(chosen)
        self.wording_button.setEnabled(chosen)
        self.post_button.setEnabled(chosen)
        self.google_button.setEnabled(chosen)
        self.instagram_button.setEnabled(chosen)
        has_customer = self.customer.count() > 0
        self.grant_button.setEnabled(has_customer)
        self.revoke_button.setEnabled(has_customer)

    def _show_chart(self) -> None:
        chosen = self.selected_id()
        if chosen is None:
            self.chart.show_campaign("", [])
            return
        rows = self.table.selectionModel().selectedRows()
        item = self.table.item(rows[0].row(), 0)
        self.chart.show_campaign(item.text() if item else "", campaign_store.campaign_days(self.session.store.db(),
                                                                                           chosen))

    def _show_consent(self) -> None:
        cid = self.customer.currentData()
        found = campaign_store.current_consent(self.session.store.db(), int(cid)) if cid is not None else None
        if found is None:
            self.consent_state.setText(_("No consent recorded."))
        elif found.granted:
            self.consent_state.setText(_("Agreed on {day} ({how}).").format(day=found.at[:10],
                                                                         how=method_text(found.method)))
        else:
            self.consent_state.setText(_("Asked for no messages on {day}.").format(day=found.at[:10]))

    def _act(self, action, done_text: str) -> None:
        try:
            action()
        except AppError as error:
            self.dialog = show_error(self, error, title=_("Marketing"))
            return
        self.status_line.setText(done_text)
        self.refresh()

    def _set_status(self, status: str) -> None:
        chosen = self.selected_id()
        if chosen is not None:
            self._act(lambda: campaigns.set_status(self.session.ctx, chosen, status),
                      _("Campaign {id} paused.").format(id=chosen) if status == "paused"
                      else _("Campaign {id} approved.").format(id=chosen))

    def show_art(self) -> None:
        """The chosen campaign's offer as a picture and a poster: preview, then save as PNG or PDF."""
        from app.ui.offer_art_dialog import OfferArtDialog

        chosen = self.selected_id()
        if chosen is None:
            return
        self.dialog = OfferArtDialog(self.session, chosen, self)
        self.dialog.open()

    def edit_wording(self) -> None:
        """The chosen campaign's greeting in the seller's own words (the price and code stay the app's)."""
        from app.ui.campaign_wording_dialog import CampaignWordingDialog

        chosen = self.selected_id()
        if chosen is None:
            return
        dialog = CampaignWordingDialog(self.session, chosen, self)
        dialog.accepted.connect(lambda: self._wording_saved(chosen))
        self.dialog = dialog
        dialog.open()

    def _wording_saved(self, campaign_id: int) -> None:
        self.status_line.setText(_("The wording of campaign {id} was saved.").format(id=campaign_id))
        self.refresh()

    def post_offer(self, channel: str) -> None:
        """The chosen campaign's offer (variant A, in the screen's language) as a post on the shop's Facebook
        page, Google Business Profile or Instagram account; with its picture (Instagram always), drawn here and
        kept in the data folder for the sync to upload."""
        from app.i18n import language
        from app.services import campaign_posts

        chosen = self.selected_id()
        if chosen is None:
            return
        lang = "hi" if language() == "hi" else "en"
        done = {"facebook": _("The offer of campaign {id} will be posted on the Facebook page when the shop is "
                              "online (sync status shows it)."),
                "google": _("The offer of campaign {id} will be posted on the shop's Google profile when the shop "
                            "is online (sync status shows it)."),
                "instagram": _("The offer of campaign {id} will be posted on the Facebook page with its picture, "
                               "then on Instagram, when the shop is online (sync status shows it).")}[channel]

        def post() -> None:
            picture = self._picture(chosen, lang) if channel == "instagram" or self.with_picture.isChecked() else None
            campaign_posts.post_campaign(self.session.ctx, chosen, channel=channel, language=lang, picture=picture)

        self._act(post, done.format(id=chosen))

    def _picture(self, campaign_id: int, lang: str) -> str:
        """The offer's 1080 × 1080 picture, drawn now and kept where the sync process can read it."""
        from app.ui.offer_art import campaign_offer, offer_image

        folder = self.session.data.root / "offers" / self.session.shop
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"campaign-{campaign_id}-A-{lang}.png"
        offer_image(campaign_offer(self.session.store.db(), campaign_id, language=lang)).save(str(path))
        return str(path)

    def check_prices(self) -> None:
        self._act(lambda: campaigns.reconcile(self.session.ctx),
                  _("Every campaign was checked against today's prices."))

    def grant(self) -> None:
        cid = self.customer.currentData()
        phone = self.phone.text().strip() or None
        self._act(lambda: consent.grant(self.session.ctx, int(cid), phone=phone, method="window"),
                  _("Consent recorded."))
        self.phone.clear()

    def revoke(self) -> None:
        cid = self.customer.currentData()
        self._act(lambda: consent.revoke(self.session.ctx, int(cid), method="window"),
                  _("No more offers will go to this customer."))
