"""Thompson sampling between variants: the better variant gets more, every live one keeps its floor."""

import random

from app.domain.campaigns import VariantStats, allocate, losers, quote_problem


def test_the_variant_that_brings_customers_back_gets_most_messages():
    stats = [VariantStats(200, 2), VariantStats(200, 30)]
    counts = allocate(stats, 100, random.Random(1))
    assert sum(counts) == 100
    assert counts[1] >= 80 and counts[0] >= 10  # the exploration floor keeps measuring the loser


def test_unmeasured_variants_share_evenly_and_stopped_ones_get_nothing():
    counts = allocate([VariantStats(0, 0), VariantStats(0, 0)], 100, random.Random(2))
    assert abs(counts[0] - counts[1]) <= 20
    assert allocate([VariantStats(0, 0, stopped=True), VariantStats(0, 0)], 7, random.Random(3)) == [0, 7]


def test_a_clear_loser_is_stopped_but_never_the_last_variant():
    assert losers([VariantStats(300, 1), VariantStats(300, 40)], random.Random(4)) == [0]
    assert losers([VariantStats(20, 0), VariantStats(20, 10)], random.Random(4)) == []  # too few sent yet
    assert losers([VariantStats(300, 1, stopped=True), VariantStats(300, 40)], random.Random(4)) == []


def test_quotes_above_mrp_or_below_the_floor_are_named():
    assert quote_problem(3100, cost_paise=2400, mrp_paise=3000, margin_floor_bp=500) == "above_mrp"
    assert quote_problem(2500, cost_paise=2400, mrp_paise=3000, margin_floor_bp=500) == "below_floor"
    assert quote_problem(2520, cost_paise=2400, mrp_paise=3000, margin_floor_bp=500) == ""
