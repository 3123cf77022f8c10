"""``gst debit-note`` driven with hostile values in each input (as the other write commands are): each refuses with a
message and exit 2 or 3, no traceback, and the shop file unchanged."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.safety.cli_fixture import make_cli, open_kirana
from tests.safety.conftest import ShopDigests
from tests.safety.test_hostile_cli import garbage, huge, money_bad, negative, nonfinite, text_bad
from tests.trade.test_hostile_cli import SELL

pytestmark = pytest.mark.slow


def test_debit_note_refuses_hostile_values(tmp_path, capsys):
    call = make_cli(tmp_path / "home", capsys)
    open_kirana(call)
    code, out, _err = call(*SELL)  # an export with IGST paid: a tax invoice a debit note may add to
    assert code == 0, out
    invoice = out.split("Export invoice ")[1].split(":")[0]
    ok = ["gst", "debit-note", "--invoice", invoice, "--line", "SALT1:5", "--reason", "price revised"]

    def case(option: str, template: str, values: st.SearchStrategy[str]):
        argv = list(ok)
        argv[argv.index(option) + 1] = template
        return st.tuples(st.just(argv), values)

    cases = st.one_of(
        case("--line", "SALT1:{v}", st.one_of(money_bad, negative, nonfinite, st.just("0"))),
        case("--line", "{v}:5", st.one_of(garbage, text_bad)),
        case("--line", "{v}", st.one_of(garbage, huge)),
        case("--reason", "{v}", text_bad),
        case("--invoice", "{v}", st.one_of(garbage, text_bad, st.just("CN/2627/00001"))))
    path = next((tmp_path / "home").rglob("kirana.db"))

    digests = ShopDigests(path)

    @settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                       HealthCheck.too_slow])
    @given(picked=cases)
    def run(picked: tuple[list[str], str]) -> None:
        argv, value = picked
        before = digests.before()
        code, out, err = call(*[part.replace("{v}", value) for part in argv])
        assert code in (2, 3), (argv[:6], value[:80], code, err[-500:])
        assert "Traceback" not in err + out and "went wrong" not in err, (value[:80], err[-800:])
        assert err.strip() and digests.after() == before, value[:80]

    run()
    code, out, _err = call(*ok)  # and the plain one is taken
    assert code == 0 and "Debit note DN/" in out, out
