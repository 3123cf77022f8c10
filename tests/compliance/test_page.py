"""The GST returns tab over the test shop's books: figures, checks, due dates, saving the JSON and workbook."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from openpyxl import load_workbook

from app import i18n
from app.domain.gst_returns import parse_period
from app.domain.money import format_inr
from app.services import gst_returns
from app.ui.app import setup_application
from app.ui.bridge import EventBridge
from app.ui.main_window import MainWindow
from app.ui.pages.compliance import CompliancePage, recent_periods
from app.ui.tasks import wait_for_tasks


@pytest.fixture
def make_page(qtbot, qapp, session) -> Iterator:
    setup_application(qapp)
    made = []

    def make() -> CompliancePage:
        bridge = EventBridge(session.bus)
        window = MainWindow(session, bridge)
        qtbot.addWidget(window)
        window.show()
        made.append((window, bridge))
        page = window.show_page(CompliancePage)
        assert isinstance(page, CompliancePage)
        return page

    yield make
    for window, bridge in made:
        window.close_quietly()
        bridge.close()
    wait_for_tasks()
    i18n.set_language("en")


def _choose(qtbot, page: CompliancePage, label: str) -> None:
    """Choose a period and wait for its figures: they are prepared on a worker."""
    page.choose_period(parse_period(label))
    qtbot.waitUntil(lambda: page.ready, timeout=10_000)


def _cells(table) -> list[list[str]]:
    return [[table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())]
            for r in range(table.rowCount())]


def test_quarter_figures_checks_and_saving(qtbot, session, books, make_page, tmp_path):
    page = make_page()
    _choose(qtbot, page, "2026-Q3")
    summary = gst_returns.prepare(session.store, parse_period("2026-Q3")).gstr3b()
    figures = _cells(page.figures)
    cash_row = next(r for r in figures if r[0] == "To pay in cash")
    assert cash_row[2:4] == [format_inr(summary.cash_rupees.igst), format_inr(summary.cash_rupees.cgst)]
    assert any(r[0] == "Sales at 40%" for r in figures)
    assert _cells(page.checks) == [[
        "1 purchase bill(s) have a supplier GSTIN that is missing or invalid: no input tax credit on them.",
        "Ravi Agencies RA-77"]]
    assert [r[0] for r in _cells(page.due)] == ["GSTR-1", "GSTR-3B"] * 3
    saved = page.save("json", tmp_path / "q3.json")
    assert saved is not None and gst_returns.schema_errors(json.loads(saved.read_text(encoding="utf-8"))) == []
    book = page.save("xlsx", tmp_path / "q3.xlsx")
    assert book is not None and "hsn_b2c" in load_workbook(book).sheetnames
    assert "q3.xlsx" in page.status_line.text()


def test_page_in_hindi(qtbot, session, books, make_page):
    i18n.set_language("hi")
    page = make_page()
    _choose(qtbot, page, "2026-08")
    assert page.title() != "GST returns"
    assert page.figures.rowCount() >= 5
    assert all(not r[0].isascii() for r in _cells(page.figures)[:3])


def test_periods_offered_newest_first():
    periods = recent_periods(parse_period("2026-11"))
    assert [p.label for p in periods[:2]] == ["2026-11", "2026-10"]
    assert [p.label for p in periods if p.is_quarter] == ["2026-Q3", "2026-Q2", "2026-Q1", "2025-Q4"]


def test_a_debit_note_from_the_page(qtbot, session, clock, books, make_page, tmp_path):
    from datetime import UTC, datetime

    from PySide6.QtWidgets import QLabel

    clock.set(datetime(2026, 9, 25, 6, tzinfo=UTC))
    invoice = session.store.db().execute("SELECT invoice_no FROM orders WHERE id = ?", (books["b2b8"],)).fetchone()[0]
    page = make_page()
    _choose(qtbot, page, "2026-09")
    before = gst_returns.prepare(session.store, parse_period("2026-09")).gstr3b().outward.cgst_paise
    form = page.open_debit_note_form()
    form.set_value("invoice", invoice)
    form.set_value("lines", "COLA:50")  # not on that invoice: refused, the form stays open with what was typed
    form.set_value("reason", "price revised after the sale")
    form.submit()
    assert form.isVisible() and page.dialog is not form
    assert "COLA is not on invoice" in " ".join(label.text() for label in page.dialog.findChildren(QLabel))
    form.set_value("lines", "BISC:105")
    form.submit()
    assert not form.isVisible()
    qtbot.waitUntil(lambda: page.ready, timeout=10_000)  # the period is prepared again with the note in it
    assert f"Debit note DN/2627/00001 on invoice {invoice}: ₹105.00 more" in page.status_line.text()
    assert gst_returns.prepare(session.store, parse_period("2026-09")).gstr3b().outward.cgst_paise == before + 2_50
    saved = page.save("json", tmp_path / "gstr1.json")
    assert saved is not None
    notes = [n for buyer in json.loads(saved.read_text(encoding="utf-8"))["cdnr"] for n in buyer["nt"]]
    assert [n["ntty"] for n in notes if n["nt_num"] == "DN/2627/00001"] == ["D"]
    assert page.debit_pdf_button.isEnabled()
    from pypdf import PdfReader

    note_id = gst_returns.debit_notes(session.store)[0]["id"]
    pdf = page.save_debit_note(note_id, tmp_path / "note.pdf")
    assert pdf is not None and "Debit Note" in " ".join(PdfReader(pdf).pages[0].extract_text().split())


def test_the_debit_note_form_in_hindi(qtbot, session, books, make_page):
    i18n.set_language("hi")
    page = make_page()
    _choose(qtbot, page, "2026-09")
    assert page.debit_button.isEnabled() and page.debit_button.text() != "&Debit note..."
    form = page.open_debit_note_form()
    assert form.windowTitle() == i18n._("Debit note") != "Debit note"


def test_a_period_is_prepared_off_the_window_thread(qtbot, session, books, make_page, monkeypatch, tmp_path):
    """The month is read on a worker (0.16 s on the big shop would stall the counter's typing); until its figures
    arrive nothing can be saved for it, and a period chosen while another is read shows only the last one."""
    import threading

    real, threads = gst_returns.prepare, []

    def prepare(store, period):
        threads.append(threading.current_thread())
        return real(store, period)

    monkeypatch.setattr(gst_returns, "prepare", prepare)
    page = make_page()
    qtbot.waitUntil(lambda: page.ready, timeout=10_000)
    assert threads and threading.main_thread() not in threads
    page.choose_period(parse_period("2026-08"))
    page.choose_period(parse_period("2026-Q3"))
    assert not page.ready and not page.json_button.isEnabled()
    assert page.save("json", tmp_path / "early.json") is None and not (tmp_path / "early.json").exists()
    qtbot.waitUntil(lambda: page.ready, timeout=10_000)
    assert page.prepared is not None and page.prepared.period.label == "2026-Q3"
    assert page.json_button.isEnabled() and page.figures.rowCount() >= 5
