"""The marketplace round trip of ``bench/e2e/marketplace_roundtrip.py``, as a test: from an empty data
folder through the real commands and the simulator in its own process, every order matches."""

from __future__ import annotations

import pytest

from bench.e2e.marketplace_roundtrip import roundtrip


@pytest.mark.slow  # about 15 s: a simulator process and a dozen commands, each opening the shop
def test_marketplace_roundtrip_every_order_matches(tmp_path):
    lines: list[str] = []
    rows = roundtrip(tmp_path / "data", show=lines.append)
    assert len(rows) == 6 and all(r["match"] for r in rows), rows
    by_step = {(r["market"], r["step"]): r for r in rows}
    assert by_step[("amazon", "act")]["theirs"] == "shipped"
    booked = by_step[("amazon", "act")]
    assert booked["awb"].startswith("SR") and booked["tracking"] == booked["awb"]  # the courier's AWB reached Amazon
    assert by_step[("shopify", "act")]["theirs"] == "cancelled"
    assert by_step[("woocommerce", "act")]["ours"] == "returned"
    assert by_step[("woocommerce", "act")]["tracking"] == "EE123456789IN"
    assert any("the connection works" in line for line in lines)
