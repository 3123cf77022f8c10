"""The week's marketing budget between the paid channels: Thompson sampling on sales won per rupee, an
exploration floor, losers stopped (never the last), and the parts always adding up to the budget."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.channel_split import FLOOR, MIN_SPEND_PAISE, ChannelRecord, losing_channels, split_budget

records = st.lists(st.builds(ChannelRecord, channel=st.sampled_from(["whatsapp_api", "amazon_ads", "other"]),
                             spent_paise=st.integers(0, 5_000_000), successes=st.floats(-20, 500),
                             stopped=st.booleans()),
                   min_size=1, max_size=3, unique_by=lambda r: r.channel)


@settings(max_examples=100, deadline=None)
@given(records=records, budget=st.integers(0, 1_000_000), seed=st.integers(0, 2**16))
def test_the_split_never_spends_more_than_the_week_and_keeps_every_live_channel_measured(records, budget, seed):
    """Feature: tavyonix-seller-os, Property 3: Autonomous Marketing Execution.

    Whatever the channels measured, the shares add up to the week's budget exactly (none when every channel
    is stopped), a stopped channel gets nothing and every live one at least the floor (less one paisa of
    rounding)."""
    split = split_budget(records, budget, random.Random(seed), draws=50)
    live = [r for r in records if not r.stopped]
    assert set(split) == {r.channel for r in records}
    assert sum(split.values()) == (budget if live else 0)
    floor = min(FLOOR, 1 / len(live)) if live else 0
    for r in records:
        assert split[r.channel] >= 0
        if r.stopped:
            assert split[r.channel] == 0
        else:
            assert split[r.channel] >= int(budget * floor) - 1


def test_the_channel_that_brought_more_per_rupee_gets_more_of_the_week():
    good = ChannelRecord("whatsapp_api", 100_000, 40.0)  # ₹1,000 for 40 sales won
    poor = ChannelRecord("amazon_ads", 100_000, 2.0)  # ₹1,000 for 2
    split = split_budget([good, poor], 50_000, random.Random(1))
    assert split["whatsapp_api"] > split["amazon_ads"] >= 5_000  # the poor one keeps the floor, measured still
    assert good.per_rupee() > poor.per_rupee()


def test_with_nothing_measured_the_prior_shares_the_week_about_evenly():
    split = split_budget([ChannelRecord("whatsapp_api", 0, 0.0), ChannelRecord("amazon_ads", 0, 0.0)], 70_000,
                         random.Random(3))
    assert 25_000 <= split["amazon_ads"] <= 45_000


def test_a_loser_is_stopped_only_after_spending_enough_and_never_the_last():
    good = ChannelRecord("whatsapp_api", 200_000, 80.0)
    assert losing_channels([good, ChannelRecord("amazon_ads", MIN_SPEND_PAISE - 1, 0.0)], random.Random(2)) == []
    assert losing_channels([good, ChannelRecord("amazon_ads", MIN_SPEND_PAISE * 2, 0.0)],
                           random.Random(2)) == ["amazon_ads"]
    assert losing_channels([ChannelRecord("amazon_ads", MIN_SPEND_PAISE * 2, 0.0)], random.Random(2)) == []
    both_bad = [ChannelRecord("whatsapp_api", MIN_SPEND_PAISE * 9, 0.0),
                ChannelRecord("amazon_ads", MIN_SPEND_PAISE * 9, 0.0)]
    assert len(losing_channels(both_bad, random.Random(2))) <= 1
