"""What the hostile CLI suite for purchase orders, returns, khata, promotions, competitor prices and API
tokens found (issue 12), each reproduced: far dates and over-long or hidden-character text were stored,
a competitor's price had no upper bound, and a token name was silently cut. Each must now be refused
with a message, exit 2, and the shop unchanged."""

from __future__ import annotations

import pytest

from tests.safety.conftest import shop_digest
from tests.safety.test_hostile_cli_more import PHONE, SOON, stocked  # noqa: F401

LONG = "x" * 1001
FOUND = [
    ("po expected 0001-01-01", ["po", "create", "1", "SALT1:1", "--expected", "0001-01-01"], "plausible date"),
    ("po note too long", ["po", "create", "1", "SALT1:1", "--note", LONG], "too long"),
    ("po note hidden", ["po", "create", "1", "SALT1:1", "--note", "ok\u202eevil"], "hidden or control"),
    ("return reason too long", ["return", "{inv}", "1:1", "--reason", LONG], "too long"),
    ("return reason control", ["return", "{inv}", "1:1", "--reason", "torn\x1b[2J"], "hidden or control"),
    ("pay reference too long", ["customer", "pay", PHONE, "10", "--reference", LONG], "too long"),
    ("pay reference surrogate", ["customer", "pay", PHONE, "10", "--reference", "UPI \ud800"], "hidden or control"),
    ("adjust note too long", ["customer", "adjust", PHONE, "10", "--note", LONG], "too long"),
    ("promo ends 2101", ["promo", "add", "SALT1", "27", "--to", "2101-01-01"], "plausible date"),
    ("promo starts 0001", ["promo", "add", "SALT1", "27", "--from", "0001-01-01", "--to", SOON], "plausible date"),
    ("competitor price 10^13", ["competitor", "add", "SALT1", str(10**13)], "Competitor's price"),
    ("competitor source too long", ["competitor", "add", "SALT1", "26", "--source", LONG], "too long"),
    ("token name too long", ["api", "token", "add", LONG], "too long"),
    ("token name bidi", ["api", "token", "add", "phone\u202e"], "hidden or control"),
]


@pytest.mark.parametrize(("label", "argv", "said"), FOUND, ids=[f[0] for f in FOUND])
def test_found_by_the_hostile_suite_is_refused(stocked, tmp_path, label, argv, said):  # noqa: F811
    kirana, invoice = stocked
    path = next((tmp_path / "home").rglob("kirana.db"))
    before = shop_digest(path)
    code, out, err = kirana(*[part.replace("{inv}", invoice) for part in argv])
    assert code == 2, (label, out, err)
    assert said in err and "Traceback" not in out + err, (label, err)
    assert shop_digest(path) == before, label
