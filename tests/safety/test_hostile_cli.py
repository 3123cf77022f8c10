"""Harden the class (issue 12): every CLI write command, driven with generated hostile values in each
of its inputs, refuses with a message and a non-zero exit, shows no traceback and leaves every table
of the shop exactly as it was. The CLI runs in-process through ``app.main.run``."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.safety.conftest import ShopDigests

pytestmark = pytest.mark.slow

huge = st.one_of(st.integers(13, 60).map(lambda k: str(10**k)), st.integers(10**13, 10**40).map(str),
                 st.integers(13, 40).map(lambda k: "9" * k + ".5"))
negative = st.integers(1, 10**6).map(lambda n: f"-{n}")
nonfinite = st.sampled_from(["nan", "NaN", "inf", "-inf", "Infinity", "1e308", "1e-400", "-0.0001", "+inf"])
garbage = st.sampled_from([" ", "abc", "[]", "{}", "None", "0x10", "1/2", "½", "1,2,3,4", "--", "🙂"])
hidden = st.text(alphabet=st.sampled_from(["\x00", "\x07", "\x1b", "\x7f", "\u202e", "\u2066", "\u202a"]),
                 min_size=1, max_size=4).map(lambda s: "Salt" + s + "x")
surrogate = st.just("Salt \ud800")
too_long = st.integers(1001, 150_000).map(lambda n: "x" * n)
far_dates = st.sampled_from(["0001-01-01", "1900-01-01", "1999-12-31", "2101-01-01", "9999-12-31", "2026-02-30",
                             "31-12-2026", "2026-13-01"])

qty_bad = st.one_of(huge, nonfinite, garbage, hidden)
money_bad = st.one_of(huge, nonfinite, garbage, hidden)
text_bad = st.one_of(too_long, hidden, surrogate, st.sampled_from(["", "   "]))
date_bad = st.one_of(far_dates, garbage)

# (name, argv with {v} where the hostile value goes, the values hostile for that input)
COMMANDS = [
    ("sale-qty", ["sale", "SALT1:{v}"], st.one_of(qty_bad, negative, st.just("0"))),
    ("sale-price", ["sale", "SALT1:1@{v}"], st.one_of(money_bad, negative)),
    ("sale-discount", ["sale", "SALT1:1", "--discount", "{v}"], st.one_of(money_bad, negative)),
    ("sale-note", ["sale", "SALT1:1", "--note", "{v}"], st.one_of(too_long, hidden, surrogate)),
    ("product-add-code", ["product", "add", "{v}", "Name", "--price", "10"], text_bad),
    ("product-add-name", ["product", "add", "NEW1", "{v}", "--price", "10"], text_bad),
    ("product-add-price", ["product", "add", "NEW1", "Name", "--price", "{v}"], st.one_of(money_bad, negative)),
    ("product-add-stock", ["product", "add", "NEW1", "Name", "--price", "10", "--stock", "{v}"],
     st.one_of(qty_bad, negative)),
    ("product-price", ["product", "price", "SALT1", "{v}"], st.one_of(money_bad, negative)),
    ("product-edit-name", ["product", "edit", "SALT1", "--name", "{v}"], text_bad),
    ("stock-receive", ["stock", "receive", "SALT1", "{v}"], st.one_of(qty_bad, negative)),
    ("stock-receive-cost", ["stock", "receive", "SALT1", "1", "--cost", "{v}"], st.one_of(money_bad, negative)),
    ("stock-receive-expiry", ["stock", "receive", "SALT1", "1", "--expires", "{v}"], date_bad),
    ("stock-adjust", ["stock", "adjust", "SALT1", "{v}", "--note", "found"],
     st.one_of(qty_bad, huge.map(lambda v: "-" + v))),
    ("stock-count", ["stock", "count", "SALT1", "{v}"], st.one_of(qty_bad, negative)),
    ("stock-waste", ["stock", "waste", "SALT1", "{v}"], st.one_of(qty_bad, negative)),
    ("customer-add-name", ["customer", "add", "{v}"], text_bad),
    ("customer-add-limit", ["customer", "add", "Ramesh", "--limit", "{v}"], st.one_of(money_bad, negative)),
    ("supplier-add", ["supplier", "add", "{v}"], text_bad),
    ("settings-timezone", ["settings", "set", "shop.timezone", "{v}"], st.one_of(text_bad, garbage, far_dates)),
    ("settings-number", ["settings", "set", "khata.default_credit_limit_paise", "{v}"],
     st.one_of(huge, nonfinite, garbage, negative)),
    ("goal-metric", ["goal", "add", "Grow sales", "--metric", "revenue:{v}%"],
     st.one_of(huge, nonfinite.filter(lambda v: v != "-0.0001"), garbage)),
    ("goal-end", ["goal", "add", "Grow sales", "--metric", "revenue:+10%", "--to", "{v}"], date_bad),
    ("goal-text", ["goal", "add", "{v}", "--metric", "revenue:+10%"], text_bad),
]


def _shop(tmp_path):
    return next((tmp_path / "home").rglob("kirana.db"))


@pytest.mark.parametrize(("name", "argv", "values"), COMMANDS, ids=[c[0] for c in COMMANDS])
def test_hostile_values_are_refused_cleanly(kirana, tmp_path, name, argv, values):
    path = _shop(tmp_path)

    digests = ShopDigests(path)

    @settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                       HealthCheck.too_slow])
    @given(value=values)
    def run(value: str) -> None:
        before = digests.before()
        code, out, err = kirana(*[part.replace("{v}", value) for part in argv])
        assert code in (2, 3), (name, value[:80], code, err[-500:])
        assert "Traceback" not in err + out and "went wrong" not in err, (name, value[:80], err[-800:])
        assert err.strip(), (name, value[:80])  # a message says why
        assert digests.after() == before, (name, value[:80])

    run()
