"""Harden the class (issue 12), the rest of the write commands: purchase orders, returns, customer
payments and adjustments, promotions, competitor prices and API tokens, each input driven with 100
generated hostile values. The same assertions as ``test_hostile_cli``: a message, exit 2 or 3, no
traceback, every table unchanged."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.safety.conftest import ShopDigests
from tests.safety.test_hostile_cli import (
    date_bad,
    far_dates,
    garbage,
    hidden,
    huge,
    money_bad,
    negative,
    qty_bad,
    surrogate,
    text_bad,
    too_long,
)

pytestmark = pytest.mark.slow

PHONE = "9822011111"
SOON = (date.today() + timedelta(days=20)).isoformat()
note_bad = st.one_of(too_long, hidden, surrogate)
id_bad = st.one_of(huge, negative, garbage, st.just("0"))


@pytest.fixture
def stocked(kirana) -> tuple:
    """The kirana shop with a supplier, a sent purchase order, a customer who owes Rs 50 and a paid bill."""
    assert kirana("supplier", "add", "Gupta Traders", "--whatsapp", "9822012345")[0] == 0
    assert kirana("po", "create", "1", "SALT1:10@23")[0] == 0
    assert kirana("po", "send", "1")[0] == 0
    assert kirana("customer", "add", "Ramesh", "--phone", PHONE)[0] == 0
    assert kirana("customer", "adjust", PHONE, "50", "--note", "old dues")[0] == 0
    code, out, err = kirana("sale", "SALT1:5", "SUGAR:2", "--pay", "cash", "--json")
    assert code == 0, err
    invoice = json.loads(out)["order"]["invoice_no"]
    return kirana, invoice


# (name, argv with {v} where the hostile value goes and {inv} the bill, the values hostile for that input)
COMMANDS = [
    ("po-create-qty", ["po", "create", "1", "SALT1:{v}"], st.one_of(qty_bad, negative, st.just("0"))),
    ("po-create-cost", ["po", "create", "1", "SALT1:1@{v}"], st.one_of(money_bad, negative)),
    ("po-create-expected", ["po", "create", "1", "SALT1:1", "--expected", "{v}"], date_bad),
    ("po-create-note", ["po", "create", "1", "SALT1:1", "--note", "{v}"], note_bad),
    ("po-create-supplier", ["po", "create", "{v}", "SALT1:1"], id_bad),
    ("po-receive-qty", ["po", "receive", "1", "SALT1:{v}"], st.one_of(qty_bad, negative, st.just("0"))),
    ("po-receive-id", ["po", "receive", "{v}", "SALT1:1"], id_bad),
    ("po-cancel-id", ["po", "cancel", "{v}"], id_bad),
    ("return-qty", ["return", "{inv}", "1:{v}"], st.one_of(qty_bad, negative, st.just("0"), st.just("6"))),
    ("return-line", ["return", "{inv}", "{v}"], id_bad),
    ("return-refund", ["return", "{inv}", "1:1", "--refund", "cash:{v}"], st.one_of(money_bad, negative)),
    ("return-reason", ["return", "{inv}", "1:1", "--reason", "{v}"], note_bad),
    ("return-ref", ["return", "{v}", "1:1"], st.one_of(text_bad, garbage)),
    ("customer-pay-amount", ["customer", "pay", PHONE, "{v}"], st.one_of(money_bad, negative, st.just("0"))),
    ("customer-pay-reference", ["customer", "pay", PHONE, "10", "--reference", "{v}"], note_bad),
    ("customer-pay-who", ["customer", "pay", "{v}", "10"], st.one_of(text_bad, huge, garbage)),
    ("customer-adjust-amount", ["customer", "adjust", PHONE, "{v}", "--note", "x"],
     st.one_of(money_bad, huge.map(lambda v: "-" + v), st.just("0"))),
    ("customer-adjust-note", ["customer", "adjust", PHONE, "10", "--note", "{v}"], note_bad),
    ("promo-price", ["promo", "add", "SALT1", "{v}", "--to", SOON], st.one_of(money_bad, negative, st.just("0"))),
    ("promo-to", ["promo", "add", "SALT1", "27", "--to", "{v}"], date_bad),
    ("promo-from", ["promo", "add", "SALT1", "27", "--from", "{v}", "--to", SOON], st.one_of(far_dates, garbage)),
    ("promo-sku", ["promo", "add", "{v}", "27", "--to", SOON], text_bad),
    ("competitor-price", ["competitor", "add", "SALT1", "{v}"], st.one_of(money_bad, negative, st.just("0"))),
    ("competitor-source", ["competitor", "add", "SALT1", "26", "--source", "{v}"], note_bad),
    ("competitor-sku", ["competitor", "add", "{v}", "26"], text_bad),
    ("token-add-name", ["api", "token", "add", "{v}"], text_bad),
    ("token-revoke", ["api", "token", "revoke", "{v}"], id_bad),
]


@pytest.mark.parametrize(("name", "argv", "values"), COMMANDS, ids=[c[0] for c in COMMANDS])
def test_hostile_values_are_refused_cleanly(stocked, tmp_path, name, argv, values):
    kirana, invoice = stocked
    path = next((tmp_path / "home").rglob("kirana.db"))

    digests = ShopDigests(path)

    @settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                       HealthCheck.too_slow])
    @given(value=values)
    def run(value: str) -> None:
        before = digests.before()
        code, out, err = kirana(*[part.replace("{inv}", invoice).replace("{v}", value) for part in argv])
        assert code in (2, 3), (name, value[:80], code, out[-300:], err[-500:])
        assert "Traceback" not in err + out and "went wrong" not in err, (name, value[:80], err[-800:])
        assert err.strip(), (name, value[:80])  # a message says why
        assert digests.after() == before, (name, value[:80])

    run()
