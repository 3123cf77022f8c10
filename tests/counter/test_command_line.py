"""The counter's command line without Qt: its modes, prompts, and how typed text reads."""

from __future__ import annotations

import subprocess
import sys

import pytest

from app import config
from app.errors import InputError, InvalidQuantity
from app.services import counter
from app.services import settings as settings_service
from app.services.sales import PaymentIn, SaleLine, quote_sale
from app.ui.counter.command import MODES, Command, Search, split_times


def test_the_command_module_loads_without_qt():
    code = ("import sys; import app.ui.counter.command; "
            "print(sorted(m for m in sys.modules if m.startswith('PySide6')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_times_split_a_quantity_from_the_item():
    assert split_times("3*atta").qty == "3" and split_times("3*atta").rest == "atta"
    loose = split_times(" 250g * chini ")
    assert loose.rest == "chini" and loose.qty_milli("kg") == 250
    plain = split_times(" parle g ")
    assert plain.qty is None and plain.rest == "parle g" and plain.qty_milli("pcs") is None


def test_typing_searches_products_or_customers_by_mode():
    command = Command()
    assert command.mode == "item"
    assert command.search("2*dal") == Search("products", "dal")
    assert command.search("   ") is None
    command.set_mode("customer")
    assert command.search(" ravi ") == Search("customers", "ravi")
    assert command.search("") == Search("customers", "")  # an empty box lists the customers
    command.set_mode("qty")
    assert command.search("2") is None


def test_each_mode_has_its_prompt_and_unknown_modes_are_refused():
    command = Command()
    prompts = set()
    for mode in MODES:
        command.set_mode(mode)
        prompts.add(command.prompt("Salt"))
    assert len(prompts) == len(MODES)
    command.set_mode("qty")
    assert "Salt" in command.prompt("Salt")
    with pytest.raises(ValueError):
        command.set_mode("sing")


def test_line_modes_need_a_chosen_line():
    command = Command()
    with pytest.raises(InputError):
        command.line_mode("qty", has_line=False)
    assert command.mode == "item"
    command.line_mode("rate", has_line=True)
    assert command.mode == "rate"


def test_numbers_read_as_paise_and_milli_units():
    assert Command.quantity("0.5 kg", "kg") == 500
    assert Command.quantity("250 g", "kg") == 250
    assert Command.quantity("2", "pcs") == 2000
    with pytest.raises(InvalidQuantity):
        Command.quantity("two", "pcs")
    assert Command.rate("24.50") == 2450
    assert Command.discount("10%", 12_345) == 1234
    assert Command.discount("5", 12_345) == 500
    assert Command.discount("", 12_345) == 0
    with pytest.raises(InputError):
        Command.discount("120%", 12_345)


def test_the_payment_choices_come_from_the_cash_memo_rule(session, ctx, make_product):
    make_product("SALT1", price_paise=2800, mrp_paise=3000, hsn_code="2501", gst_rate_bp=500)
    none = counter.payment_options(ctx, total_paise=2800, customer_id=None)
    assert not none.khata and not none.invoice_offer  # no cash memos without a limit set
    settings_service.set_setting(ctx, config_key(), 20_000)
    small = counter.payment_options(ctx, total_paise=2800, customer_id=None)
    big = counter.payment_options(ctx, total_paise=20_000, customer_id=None)
    assert small.invoice_offer and not big.invoice_offer


def test_a_passed_quote_decides_the_cash_memo_and_the_sale_is_priced_again(session, ctx, make_product):
    make_product("SALT1", price_paise=2800, mrp_paise=3000, hsn_code="2501", gst_rate_bp=500)
    settings_service.set_setting(ctx, config_key(), 20_000)
    lines = [SaleLine(sku="SALT1", qty_milli=1000)]
    quote = quote_sale(ctx, lines=lines)
    memo = counter.complete_bill(ctx, None, lines=lines, payments=[PaymentIn(method="cash", amount_paise=2800)],
                                 quote=quote)
    order = session.store.db().execute("SELECT invoice_no, total_paise FROM orders WHERE id = ?",
                                       (memo.id,)).fetchone()
    assert order == ("CM/2627/00001", 2800)


def config_key() -> str:
    return config.CONSOLIDATE_BELOW.key
