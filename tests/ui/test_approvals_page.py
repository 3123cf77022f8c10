"""The Approvals tab: pending requests of the agents, answered with Approve / Reject."""

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from app.agents.engine import DecisionEngine
from app.services import decisions
from app.store import decisions as decision_store
from app.ui.pages.approvals import ApprovalsPage


def ask(session, sku: str, price_paise: int, summary: str) -> int:
    """A pricing decision waiting for the seller, as the engine leaves one; returns the approval's id."""
    decision = decisions.record_decision(
        session.ctx, agent="pricing", decision_type="reprice", status="awaiting_approval", reasoning=[summary],
        actions=[{"kind": "set_price", "params": {"sku": sku, "price_paise": price_paise}}])
    return int(decisions.request_approval(session.ctx, int(decision.id), summary=summary, kind="reprice",
                                                 expires=session.ctx.now() + timedelta(days=3)).id)


def price(session, sku: str) -> int:
    return session.store.db().execute("SELECT price_paise FROM product WHERE sku = ?", (sku,)).fetchone()[0]


def decision_status(session, approval_id: int) -> str:
    db = session.store.db()
    return decision_store.decision(db, decision_store.approval(db, approval_id).decision_id).status


def summaries(page: ApprovalsPage) -> list[str]:
    return [page.table.item(row, page.WHAT).text() for row in range(page.table.rowCount())]


@pytest.fixture
def engine(session):
    session.engine = DecisionEngine(session.ctx, [], sleep=lambda _s: None)
    return session.engine


def open_page(window, qtbot) -> ApprovalsPage:
    page = window.show_page(ApprovalsPage)
    assert isinstance(page, ApprovalsPage)
    return page


def test_approve_sets_the_price_and_reject_leaves_it(session, engine, make_window, qtbot):
    atta = ask(session, "AASH-ATTA-5KG", 25_500, "Raise Aashirvaad Atta 5 kg to ₹255.00.")
    butter = ask(session, "AMUL-BUTTER-100", 5_700, "Raise Amul Butter 100 g to ₹57.00.")
    page = open_page(make_window(), qtbot)
    assert summaries(page) == ["Raise Aashirvaad Atta 5 kg to ₹255.00.", "Raise Amul Butter 100 g to ₹57.00."]
    assert page.table.item(0, page.AGENT).text() == "pricing agent"
    assert page.table.item(0, page.ASKED).text().startswith("today, ")
    assert page.table.isVisible() and not page.empty.isVisible()
    assert page.selected_id() == atta and page.approve_button.isEnabled() and page.reject_button.isEnabled()
    assert page.approve_button.text() == "&Approve" and page.reject_button.text() == "&Reject"

    qtbot.mouseClick(page.approve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.status_line.text() == "Approved: the new price is set.")
    assert price(session, "AASH-ATTA-5KG") == 25_500
    assert decision_status(session, atta) == "executed"
    assert summaries(page) == ["Raise Amul Butter 100 g to ₹57.00."]

    assert page.selected_id() == butter
    qtbot.mouseClick(page.reject_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.status_line.text() == "Rejected.")
    assert price(session, "AMUL-BUTTER-100") == 5_600
    assert decision_status(session, butter) == "rejected"
    assert page.table.rowCount() == 0 and not page.table.isVisible()
    assert page.empty.isVisible() and page.empty.text() == "Nothing is waiting for your approval."
    assert not page.approve_button.isEnabled() and not page.reject_button.isEnabled()
    assert not decision_store.approvals(session.store.db())


def test_a_request_that_breaks_a_hard_limit_says_why(session, engine, make_window, qtbot):
    ask(session, "AMUL-BUTTER-100", 6_500, "Raise Amul Butter 100 g to ₹65.00.")
    page = open_page(make_window(), qtbot)
    qtbot.mouseClick(page.approve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.status_line.text().startswith("Approved, but it could not be done: "))
    assert "above the MRP" in page.status_line.text()
    assert price(session, "AMUL-BUTTER-100") == 5_600
    assert page.table.rowCount() == 0


def test_new_requests_appear_without_leaving_the_page(session, engine, make_window, qtbot):
    page = open_page(make_window(), qtbot)
    assert page.empty.isVisible() and page.table.rowCount() == 0
    ask(session, "PARLE-G-80", 950, "Cut Parle-G to ₹9.50.")
    qtbot.waitUntil(lambda: summaries(page) == ["Cut Parle-G to ₹9.50."])
    assert page.approve_button.isEnabled()


def test_an_answer_given_elsewhere_is_shown_as_a_message(session, engine, make_window, qtbot):
    first = ask(session, "PARLE-G-80", 950, "Cut Parle-G to ₹9.50.")
    page = open_page(make_window(), qtbot)
    engine.reject(first, note="in the chat")  # the page has not heard of it yet
    qtbot.mouseClick(page.approve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    assert price(session, "PARLE-G-80") == 1000
    assert page.dialog.message_label.text() == f"Approval request {first} was already rejected."
    qtbot.waitUntil(lambda: page.table.rowCount() == 0)


def test_without_an_engine_requests_are_shown_but_not_answered(session, make_window, qtbot):
    assert session.engine is None
    ask(session, "PARLE-G-80", 950, "Cut Parle-G to ₹9.50.")
    page = open_page(make_window(), qtbot)
    assert summaries(page) == ["Cut Parle-G to ₹9.50."]
    assert not page.approve_button.isEnabled() and not page.reject_button.isEnabled()
    assert page.no_engine.isVisible() and "cannot be answered" in page.no_engine.text()
    page.answer(approve=True)
    assert price(session, "PARLE-G-80") == 1000 and page.status_line.text() == ""


def test_the_selected_request_is_shown_whole_below_its_one_line_row(session, engine, make_window, qtbot):
    """A wrapped cell was sized by the Latin font's line height, so a long Hindi request lost its last lines (the
    money and the expected result) to an ellipsis: each row is now one line, and the details say it all."""
    long = ("Shree Dairy से 10 दिनों से कुछ नहीं मँगाया गया और उसका कोई सामान शेल्फ़ पर नहीं है; एक ऑर्डर "
            "सप्लायर को बनाए रखता है: 20 pcs (₹520.00, अपेक्षित नतीजा -₹306)।")
    ask(session, "PARLE-G-80", 950, long)
    page = open_page(make_window(), qtbot)
    assert summaries(page) == [long] and not page.table.wordWrap()
    assert page.details.isVisible() and page.details.text().startswith(long)
    assert "अपेक्षित नतीजा -₹306" in page.details.text()
