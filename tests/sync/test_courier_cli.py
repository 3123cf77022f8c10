"""The courier from the command line, against the simulator on 127.0.0.1: ``courier set`` keeps the password
only in the keyring and says plainly when it is wrong; ``orders rates`` lists the carriers; ``orders book
--carrier-id`` books the one chosen with the saved account; ``orders track``; ``courier run`` is the
operations agent once."""

from __future__ import annotations

import json

import pytest

from app import i18n
from app.main import run


@pytest.fixture
def shop(tmp_path, capsys, memory_keyring, sim):
    home = tmp_path / "home"

    def call(*argv: str) -> tuple[int, str, str]:
        code = run(["--data-dir", str(home), "--shop", "kirana", *argv])
        out, err = capsys.readouterr()
        return code, out, err

    assert call("init", "--name", "Sharma General Store", "--state", "27", "--gstin", "27AAPFU0939F1ZV",
                "--pincode", "411038")[0] == 0
    assert call("product", "add", "SOAP", "Dettol soap 125 g", "--price", "40", "--cost", "32", "--hsn", "3401",
                "--stock", "20")[0] == 0
    yield call
    i18n.set_language("en")


def test_courier_account_rates_book_track_and_the_agents_run(shop, sim, memory_keyring):
    code, out, _err = shop("courier", "set", "--url", sim.url, "--email", "seller@example.com", "--password", "nope")
    assert code == 2 and "refused the e-mail or password" in out
    code, out, _err = shop("courier", "set", "--url", sim.url, "--email", "seller@example.com", "--password",
                           "courier-pass")
    assert code == 0 and "works" in out
    code, out, _err = shop("courier", "show")
    assert "seller@example.com" in out and "courier-pass" not in out
    assert memory_keyring.store[("tavyonix", "courier:password")] == "courier-pass"
    code, out, err = shop("--json", "delivery", "new", "SOAP:2", "--name", "Asha", "--address", "MG Road",
                          "--pin", "560001", "--pay", "upi")
    assert code == 0, err
    oid = str(json.loads(out)["order_id"])
    code, out, _err = shop("orders", "rates", oid)
    assert code == 0 and "Blue Dart Air" in out and "--carrier-id 51" in out
    code, out, err = shop("--json", "orders", "book", oid, "--carrier-id", "51")
    assert code == 0, err
    booked = json.loads(out)
    assert booked["courier"] == "Blue Dart Air" and booked["awb"].startswith("SR")
    (theirs,) = sim.courier.shipments.values()
    assert theirs.cod and theirs.courier == "Blue Dart Air"  # the shop's own order: cash to the courier
    sim.courier.move(booked["awb"], "IN TRANSIT")
    code, out, _err = shop("orders", "track", oid)
    assert code == 0 and "on its way" in out
    code, out, _err = shop("courier", "run")
    assert code == 0 and "1 parcels tracked" in out


def test_stock_short_at_picking_from_the_command_line(shop):
    code, out, err = shop("--json", "delivery", "new", "SOAP:3", "--name", "Asha", "--address", "MG Road",
                          "--pin", "411052")
    assert code == 0, err
    oid = str(json.loads(out)["order_id"])
    code, out, _err = shop("orders", "short", oid, "SOAP", "--found", "0")
    assert code == 0 and "None left" in out and "Out of stock" in out
    code, out, _err = shop("--json", "stock", "show", "SOAP")
    assert json.loads(out)["on_hand_milli"] == 14_000  # 20 - 3 taken by the order - 3 not on the shelf


def test_cancel_booking_and_rebook_from_the_command_line(shop, sim):
    assert shop("courier", "set", "--url", sim.url, "--email", "seller@example.com", "--password",
                "courier-pass")[0] == 0
    code, out, err = shop("--json", "delivery", "new", "SOAP:1", "--name", "Asha", "--address", "MG Road",
                          "--pin", "560001", "--pay", "upi")
    oid = str(json.loads(out)["order_id"])
    code, out, err = shop("--json", "orders", "book", oid, "--carrier-id", "10")
    first = json.loads(out)["awb"]
    code, out, err = shop("orders", "cancel-booking", oid, "--reason", "courier did not come")
    assert code == 0 and first in out and "rebook" in out
    code, out, _err = shop("orders", "cancel-booking", oid)
    assert code != 0 and "no courier booking" in out + _err
    code, out, err = shop("--json", "orders", "rebook", oid, "--carrier-id", "24")
    assert code == 0, err
    second = json.loads(out)
    assert second["courier"] == "Xpressbees Surface" and second["awb"] != first
    sim.courier.move(second["awb"], "PICKED UP")
    code, out, err = shop("orders", "rebook", oid, "--carrier-id", "51")
    assert code != 0 and "already has the parcel" in out + err
    live = [s for s in sim.courier.shipments.values() if s.status != "CANCELED"]
    assert [s.awb for s in live] == [second["awb"]]


def test_a_part_of_a_home_delivery_is_not_booked_on_its_own(shop, sim):
    """``orders ship-part --book`` books parts of marketplace orders that ship in parts; the shop's own order is
    refused in words before the courier is asked."""
    assert shop("courier", "set", "--url", sim.url, "--email", "seller@example.com", "--password",
                "courier-pass")[0] == 0
    code, out, err = shop("--json", "delivery", "new", "SOAP:2", "--name", "Asha", "--address", "MG Road",
                          "--pin", "560001")
    assert code == 0, err
    oid = str(json.loads(out)["order_id"])
    code, _out, err = shop("orders", "ship-part", oid, "SOAP:1", "--book")
    assert code == 2 and "is a home delivery, not a marketplace order" in err
    assert sim.courier.shipments == {}
