"""The sync worker wakes after a write only when that write left outbox rows to send."""

from __future__ import annotations

from app.services import catalog
from app.store import outbox
from app.sync.worker_thread import WorkerThread, wake_when_queued


def test_the_worker_wakes_only_for_writes_that_queue_outbox_rows(ctx, connect, list_item, make_product,
                                                                  make_worker):
    ch = connect("woocommerce")
    list_item("Q2", ch, "woocommerce")
    make_product("LOOSE1")  # on no marketplace
    make_worker().drain(advance_clock=True)  # what listing queued is sent to the simulator
    assert outbox.waiting_count(ctx.store.db()) == 0
    thread = WorkerThread(lambda: None)  # never started: only its wake-up flag is looked at
    unsubscribe = ctx.bus.subscribe(wake_when_queued(thread, ctx.store))
    try:
        changes = catalog.change_price(ctx, "LOOSE1", price_paise=2500)
        assert changes.events and changes.outbox == 0
        assert not thread._wake.is_set()  # a write with events but nothing to send
        changes = catalog.change_price(ctx, "Q2", price_paise=2600)
        assert changes.outbox > 0
        assert thread._wake.is_set()
    finally:
        unsubscribe()
