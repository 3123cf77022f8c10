"""Connecting a marketplace by name (channel made, secrets in the keyring, a test call in plain words), and
fulfilment reaching the marketplace: accept, ship with tracking, cancel, and a return that puts stock back
only when the parcel is received."""

from __future__ import annotations

import json
import socket

import pytest

from app.commands.parser import build_parser
from app.errors import InvalidState
from app.services import order_flow
from app.store import orders as order_store
from app.store import outbox
from app.store import stock as stock_store
from app.sync import connection, fulfilment

from .conftest import SECRETS


def run_cli(data, *argv: str) -> int:
    args = build_parser().parse_args(["--shop", "test", *argv])
    return args.handler(args, data)


def test_connect_by_name_from_the_cli_makes_the_channel_and_checks_it(session, data, sim, memory_keyring, capsys):
    session.close()
    for market in ("amazon", "shopify", "woocommerce", "ondc"):
        secrets = [f"--secret={k}={v}" for k, v in SECRETS[market].items()]
        account = ["--account", '{"seller_id": "A1SELLER"}'] if market == "amazon" else []
        assert run_cli(data, "sync", "connect", market, "--url", sim.url, *account, *secrets, "--json") == 0
        shown = json.loads(capsys.readouterr().out)
        assert shown == {"channel": market, "adapter": market, "ok": True, "problem": None}
    # the secrets are in the keyring, not in the shop's file
    assert [v for (_s, user), v in memory_keyring.store.items() if user == "shopify:access_token"] == ["shpat-test"]
    files = [p for p in data.root.rglob("*") if p.is_file()]
    assert files and not any(b"shpat-test" in p.read_bytes() for p in files)
    assert run_cli(data, "sync", "connect", "shopify", "--url", sim.url, "--secret", "access_token=wrong") == 2
    assert "refused the sign-in details" in capsys.readouterr().out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("case", ["bad_token", "wrong_url", "offline", "captive_portal", "amazon_bad_refresh"])
def test_the_test_call_says_plainly_what_is_wrong(ctx, sim, credentials, case):
    market, url, secrets = "woocommerce", sim.url, dict(SECRETS["woocommerce"])
    if case == "bad_token":
        secrets["consumer_secret"] = "cs_typo"
    elif case == "wrong_url":
        url = sim.url + "/shop"  # the store lives elsewhere: nothing answers like the API here
    elif case == "offline":
        url = f"http://127.0.0.1:{_free_port()}"
    elif case == "captive_portal":
        sim.sim.faults.add("html_portal", "woocommerce.", p=1.0, times=1)
    elif case == "amazon_bad_refresh":
        market, secrets = "amazon", {"refresh_token": "revoked", "client_secret": "cs"}
    code = connection.connect_market(ctx, market=market, base_url=url, secrets=secrets, credentials=credentials,
                                     account={"seller_id": "A1SELLER"} if market == "amazon" else {})
    verdict = connection.test_call(ctx, code, credentials, timeout_s=2)
    expected = {"bad_token": ("auth", "refused the sign-in details"), "wrong_url": ("wrong_url", "store address"),
                "offline": ("offline", "no internet connection"), "captive_portal": ("captive_portal", "Wi-Fi"),
                "amazon_bad_refresh": ("auth", "Amazon.in refused")}[case]
    assert not verdict.ok and verdict.kind == expected[0] and expected[1] in verdict.message, verdict
    assert "cs_typo" not in verdict.message


def _orders_in(sim, connect, list_item, make_worker, ctx, market: str, n: int = 1) -> list[int]:
    code = connect(market)
    list_item(f"{market[:3].upper()}1", code, market, stock_milli=10_000)
    make_worker().drain(advance_clock=True)
    remote = [sim.sim.place_order(market, f"{market[:3].upper()}1", 1) for _ in range(n)]
    make_worker().drain(advance_clock=True)
    ids = [order_store.by_remote(ctx.store.db(), code, r).id for r in remote]
    return ids


def _sent(ctx, op: str) -> int:
    return ctx.store.db().execute("SELECT COUNT(*) FROM outbox WHERE op = ?", (op,)).fetchone()[0]


def test_ship_and_cancel_reach_the_marketplace_exactly_once(ctx, sim, connect, list_item, make_worker):
    shipped, cancelled = _orders_in(sim, connect, list_item, make_worker, ctx, "shopify", 2)
    fulfilment.ship_order(ctx, shipped, carrier="Delhivery", tracking="AWB123")
    fulfilment.ship_order(ctx, shipped, carrier="Delhivery", tracking="AWB123")  # a second click queues nothing
    fulfilment.cancel_order(ctx, cancelled, reason="customer asked")
    make_worker().drain(advance_clock=True)
    remote = {o.id: o for o in sim.sim.orders["shopify"].values()}
    db = ctx.store.db()
    assert remote[order_store.get(db, shipped).remote_id].status == "shipped"
    assert remote[order_store.get(db, cancelled).remote_id].status == "cancelled"
    assert _sent(ctx, "order.ship") == 1 and _sent(ctx, "order.cancel") == 1
    assert sum(1 for h in sim.sim.history if h[1] in ("fulfillmentCreate", "orderCancel")) == 2
    rows = {r.order_id: r for r in order_flow.board(ctx)}
    assert rows[shipped].status == rows[shipped].channel_status == "shipped"
    assert rows[cancelled].status == rows[cancelled].channel_status == "cancelled"


def test_amazon_order_is_never_cancelled_only_locally(ctx, sim, connect, list_item, make_worker):
    (order_id,) = _orders_in(sim, connect, list_item, make_worker, ctx, "amazon")
    before = stock_store.on_hand(ctx.store.db(), "AMA1")
    with pytest.raises(InvalidState, match="Seller Central"):
        fulfilment.cancel_order(ctx, order_id)
    assert stock_store.on_hand(ctx.store.db(), "AMA1") == before  # no stock back while the order is live there
    sim.sim.buyer_cancel("amazon", order_store.get(ctx.store.db(), order_id).remote_id)  # cancelled there
    make_worker().drain(advance_clock=True)
    assert order_store.get(ctx.store.db(), order_id).status == "cancelled"
    assert stock_store.on_hand(ctx.store.db(), "AMA1") == before + 1000
    row = next(r for r in order_flow.board(ctx) if r.order_id == order_id)
    assert row.ship_by > row.created_at  # Amazon's LatestShipDate


def test_return_puts_stock_back_only_when_received(ctx, sim, connect, list_item, make_worker):
    (order_id,) = _orders_in(sim, connect, list_item, make_worker, ctx, "woocommerce")
    db = ctx.store.db()
    with pytest.raises(InvalidState):
        fulfilment.receive_return(ctx, order_id)  # nothing shipped yet, nothing can come back
    fulfilment.ship_order(ctx, order_id, carrier="India Post", tracking="EE123456789IN")
    make_worker().drain(advance_clock=True)
    after_ship = stock_store.on_hand(db, "WOO1")
    assert sim.sim.orders["woocommerce"][order_store.get(db, order_id).remote_id].status == "shipped"
    fulfilment.receive_return(ctx, order_id)
    fulfilment.receive_return(ctx, order_id)  # twice: stock back once
    assert stock_store.on_hand(db, "WOO1") == after_ship + 1000
    assert order_store.get(db, order_id).status == "returned"
    make_worker().drain(advance_clock=True)
    assert sim.sim.listings["woocommerce"]["WOO1"].quantity == 10  # the website sells the returned unit again
    assert outbox.counts(db).get("failed", 0) == 0


def test_list_on_refuses_an_item_that_cannot_be_billed_before_queuing_anything(session, data, ctx, make_product,
                                                                               capsys):
    from app.commands.parser import dispatch
    from app.services import catalog

    catalog.add_channel(ctx, code="ondc", name="ONDC")
    make_product("OK1")
    make_product("NOHSN", hsn_code="")
    session.close()
    args = build_parser().parse_args(["--shop", "test", "list-on", "ondc", "OK1", "NOHSN"])
    assert dispatch(args, data) == 2
    assert "Item NOHSN has no HSN code or GST rate." in capsys.readouterr().err
    args = build_parser().parse_args(["--shop", "test", "list-on", "ondc", "OK1", "--json"])
    assert dispatch(args, data) == 0
    assert json.loads(capsys.readouterr().out)["queued"] == 3


def test_a_refusal_from_before_the_seller_signed_in_again_pauses_nothing(ctx, sim, clock, credentials, make_worker):
    """The old, wrong details may still be in flight in a sync cycle while the seller connects again with the right
    ones: whichever finishes first, the channel ends working (the Sync page once said "paused: sign in again" right
    after "the connection works")."""
    from datetime import timedelta

    from app.store import sync_state
    from app.sync.errors import AuthFailed

    worker = make_worker()
    secrets = dict(SECRETS["woocommerce"])
    code = connection.connect_market(ctx, market="woocommerce", base_url=sim.url, secrets=secrets,
                                     credentials=credentials)
    started = worker.now()  # a cycle begins with the details as they are now...
    clock.advance(timedelta(seconds=5))
    # ...the refusal lands first, then the seller's test call with the new details works
    worker.health.pause(code, AuthFailed("refused"), since=started)
    assert sync_state.get_channel(ctx.store.db(), code).paused_reason == "auth"
    assert connection.test_call(ctx, code, credentials, timeout_s=2).ok
    assert sync_state.get_channel(ctx.store.db(), code).paused_reason is None
    # the test call works first, then the old cycle's refusal lands: it is older than that success
    worker.health.pause(code, AuthFailed("refused"), since=started)
    assert sync_state.get_channel(ctx.store.db(), code).paused_reason is None
    # a refusal from a cycle that began after the last success still pauses the channel
    clock.advance(timedelta(seconds=5))
    worker.health.pause(code, AuthFailed("refused"), since=worker.now())
    assert sync_state.get_channel(ctx.store.db(), code).paused_reason == "auth"
