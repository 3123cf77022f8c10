"""Finding 8 of issue 12: the smaller faults, each as it was found."""

from __future__ import annotations

import csv
import os
import stat
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import ClassVar

import httpx
import pytest

from app.errors import Duplicate, InputError
from app.services import catalog, taxes
from app.sync.errors import AuthFailed, CaptivePortal
from app.sync.transport import exchange
from tests.safety.conftest import shop_digest


def test_item_codes_differing_only_in_case_are_one_item(ctx, make_product):
    make_product("SALT1")
    with pytest.raises(Duplicate):
        make_product("salt1")


@pytest.mark.parametrize("name", ["x" * 120_000, "Salt \u202egnp.exe", "Salt\x00\x07", "Salt \ud800"])
def test_absurd_or_hidden_characters_in_a_name_are_refused(ctx, session, name):
    before = shop_digest(session.store.path)
    with pytest.raises(InputError):
        catalog.create_product(ctx, sku="X1", name_en=name, price_paise=100)
    assert shop_digest(session.store.path) == before


def test_hindi_names_are_still_welcome(ctx):
    catalog.create_product(ctx, sku="DAL", name_en="Toor Dal", name_hi="तूर दाल", price_paise=15000)


def test_a_gst_rate_that_does_not_exist_is_refused(ctx):
    with pytest.raises(InputError):
        catalog.create_product(ctx, sku="X1", name_en="X", price_paise=100, gst_rate_bp=3700)
    from datetime import date

    with pytest.raises(InputError):
        taxes.add_rate(ctx, hsn_prefix="1905", rate_bp=3700, effective_from=date(2026, 4, 1))
    catalog.create_product(ctx, sku="X2", name_en="X", price_paise=100, gst_rate_bp=1800)


def test_far_dates_are_refused_from_the_command_line(kirana, tmp_path):
    path = next((tmp_path / "home").rglob("kirana.db"))
    chat = ("assistant_message", "assistant_state")  # `ask` keeps the conversation by design
    before = shop_digest(path, ignore=chat)
    for argv in (["stock", "receive", "SALT1", "5", "--expires", "1900-01-01"],
                 ["goal", "add", "Grow sales", "--metric", "revenue:+10%", "--to", "9999-12-31"],
                 ["goal", "add", "Grow sales", "--metric", "revenue:+10%", "--from", "0001-01-01"],
                 ["ask", "approve " + "9" * 40]):
        code, _out, err = kirana(*argv)
        assert "Traceback" not in err and "went wrong" not in err, (argv, err)
        if argv[0] != "ask":
            assert code in (2, 3), (argv, code, err)
    assert shop_digest(path, ignore=chat) == before


def test_forecast_csv_dated_0001_is_a_message_and_ids_cannot_inject_formulas(kirana, tmp_path):
    history = tmp_path / "h.csv"
    history.write_text("series_id,date,qty\nA,0001-01-01,3\nA,0001-01-02,4\n", encoding="utf-8")
    code, _out, err = kirana("forecast", "--history", str(history), "--horizon", "3", "--out", str(tmp_path / "o.csv"))
    assert code == 2 and "Traceback" not in err and "plausible" in err
    rows = ["series_id,date,qty"] + [f"=cmd|' /C calc'!A0,2026-01-{d:02d},{d % 5 + 1}" for d in range(1, 29)]
    history.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "o.csv"
    code, _out, err = kirana("forecast", "--history", str(history), "--horizon", "3", "--out", str(out))
    assert code == 0, err
    with out.open(encoding="utf-8") as f:
        ids = {row["series_id"] for row in csv.DictReader(f)}
    assert ids == {"'=cmd|' /C calc'!A0"}


class _Portal(BaseHTTPRequestHandler):
    """A hotel/railway Wi-Fi page: answers every request itself, asking for its own login."""

    replies: ClassVar[dict[str, tuple[int, str, bytes]]] = {
               "/html403": (403, "text/html", b"<html><body>Please log in to the Wi-Fi</body></html>"),
               "/text401": (401, "text/plain", b"Login required"),
               "/511": (511, "text/html", b"<html>Network authentication required</html>"),
               "/real401": (401, "application/json", b'{"errors": [{"code": "Unauthorized", "message": "expired"}]}')}

    def do_GET(self) -> None:
        status, ctype, body = self.replies[self.path]
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def test_a_captive_wifi_page_is_not_read_as_login_needed():
    server = HTTPServer(("127.0.0.1", 0), _Portal)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with httpx.Client() as client:
            for path in ("/html403", "/text401", "/511"):
                with pytest.raises(CaptivePortal):
                    exchange(client, "GET", base + path, channel="amazon")
            with pytest.raises(AuthFailed):  # the marketplace's own refusal still pauses the channel
                exchange(client, "GET", base + "/real401", channel="amazon")
    finally:
        server.shutdown()


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_the_shop_file_backups_and_log_are_private(kirana, tmp_path):
    assert kirana("backup")[0] == 0
    home = tmp_path / "home"
    backups = [p for p in home.rglob("*.db") if "backup" in str(p)]
    files = [next(home.rglob("kirana.db")), *home.rglob("*.log"), *backups]
    assert len(files) >= 3
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path
