"""The trade commands driven with hostile values in each input (as issue 12 did for the other write
commands): each refuses with a message and exit 2 or 3, no traceback, and the shop file unchanged."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.safety.cli_fixture import make_cli, open_kirana
from tests.safety.conftest import ShopDigests
from tests.safety.test_hostile_cli import (
    date_bad,
    garbage,
    hidden,
    huge,
    money_bad,
    negative,
    nonfinite,
    qty_bad,
    surrogate,
    text_bad,
    too_long,
)

pytestmark = pytest.mark.slow

too_long_or_hidden = st.one_of(too_long, hidden, surrogate)

SELL = ["trade", "sell", "--line", "SALT1:2", "--buyer", "Gulf Foods", "--address", "Dubai", "--country", "AE",
        "--currency", "AED", "--rate", "22.9", "--payment", "advance", "--igst", "--yes"]

ORDER = ["trade", "order", *SELL[2:]]  # an export order takes the same terms as an export sale


def _with(argv: list[str], option: str, value: str) -> list[str]:
    out = list(argv)
    out[out.index(option) + 1] = value
    return out


COMMANDS = [
    ("sell-qty", _with(SELL, "--line", "SALT1:{v}"), st.one_of(qty_bad, negative, st.just("0"))),
    ("sell-price", _with(SELL, "--line", "SALT1:1:{v}"), st.one_of(money_bad, negative)),
    ("sell-rate", _with(SELL, "--rate", "{v}"), st.one_of(money_bad, negative, st.just("0"))),
    ("sell-buyer", _with(SELL, "--buyer", "{v}"), text_bad),
    ("sell-address", _with(SELL, "--address", "{v}"), text_bad),
    ("sell-country", _with(SELL, "--country", "{v}"), st.one_of(text_bad, garbage, st.just("IN"))),
    ("sell-payment", _with(SELL, "--payment", "{v}"), text_bad),
    ("order-qty", _with(ORDER, "--line", "SALT1:{v}"), st.one_of(qty_bad, negative, st.just("0"))),
    ("order-rate", _with(ORDER, "--rate", "{v}"), st.one_of(money_bad, negative, st.just("0"))),
    ("order-buyer", _with(ORDER, "--buyer", "{v}"), text_bad),
    ("invoice-id", ["trade", "invoice", "{v}"], st.one_of(garbage, negative, huge)),
    ("lut-arn", ["trade", "lut", "--arn", "{v}", "--fy", "2026-27"], st.one_of(text_bad, garbage)),
    ("lut-fy", ["trade", "lut", "--arn", "AD270326012345X", "--fy", "{v}"],
     st.one_of(text_bad, garbage, st.sampled_from(["2026-28", "26-27", "0000-01"]))),
    ("lut-filed", ["trade", "lut", "--arn", "AD270326012345X", "--fy", "2026-27", "--filed", "{v}"], date_bad),
    ("quote-per-kg", ["trade", "quote", "--route", "courier", "--country", "AE", "--per-kg", "{v}"],
     st.one_of(money_bad, negative, st.just("0"))),
    ("quote-fee", ["trade", "quote", "--route", "courier", "--country", "AE", "--per-kg", "650", "--fee", "{v}"],
     st.one_of(huge, nonfinite, garbage, negative.map(lambda v: v + "00"))),
]


@pytest.mark.parametrize(("name", "argv", "values"), COMMANDS, ids=[c[0] for c in COMMANDS])
def test_hostile_values_are_refused_cleanly(tmp_path, capsys, name, argv, values):
    call = make_cli(tmp_path / "home", capsys)
    open_kirana(call)
    path = next((tmp_path / "home").rglob("kirana.db"))

    digests = ShopDigests(path)

    @settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                       HealthCheck.too_slow])
    @given(value=values)
    def run(value: str) -> None:
        before = digests.before()
        code, out, err = call(*[part.replace("{v}", value) for part in argv])
        assert code in (2, 3), (name, value[:80], code, err[-500:])
        assert "Traceback" not in err + out and "went wrong" not in err, (name, value[:80], err[-800:])
        assert err.strip(), (name, value[:80])
        assert digests.after() == before, (name, value[:80])

    run()


def test_packages_and_proof_refuse_hostile_values(tmp_path, capsys):
    call = make_cli(tmp_path / "home", capsys)
    open_kirana(call)
    code, out, _err = call(*SELL)
    assert code == 0, out
    invoice = out.split("Export invoice ")[1].split(":")[0]
    path = next((tmp_path / "home").rglob("kirana.db"))
    cases = [(["trade", "packages", invoice, "--package", "{v}:4:40x30x20"], st.one_of(qty_bad, negative)),
             (["trade", "packages", invoice, "--package", "4:5:40x{v}x20"], st.one_of(qty_bad, negative)),
             (["trade", "packages", invoice, "--package", "4:5:40x30x20:{v}"], too_long_or_hidden),
             (["trade", "proof", invoice, "--no", "{v}", "--date", "2026-06-15"], text_bad),
             (["trade", "proof", invoice, "--no", "1234567", "--date", "{v}"], date_bad)]

    digests = ShopDigests(path)

    @settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(case=st.integers(0, len(cases) - 1).flatmap(lambda i: st.tuples(st.just(i), cases[i][1])))
    def run(case: tuple[int, str]) -> None:
        index, value = case
        argv = [part.replace("{v}", value) for part in cases[index][0]]
        before = digests.before()
        code, out, err = call(*argv)
        assert code in (2, 3), (argv[:4], value[:40], code, out[-300:])
        assert "Traceback" not in err + out and err.strip(), (argv[:4], value[:40], err[-500:])
        assert digests.after() == before

    run()
