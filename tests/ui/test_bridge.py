import threading

from PySide6.QtCore import QObject

from app.events import EventBus, PriceChanged, StockReceived
from app.ui.bridge import EventBridge, handler_name


class Listener(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.prices: list[tuple[PriceChanged, int]] = []
        self.any: list[str] = []

    def on_event_price_changed(self, event: PriceChanged) -> None:
        self.prices.append((event, threading.get_ident()))

    def on_any_event(self, event) -> None:
        self.any.append(event.type)


def test_handler_names():
    assert handler_name("PriceChanged") == "on_event_price_changed"
    assert handler_name("KhataEntryAdded") == "on_event_khata_entry_added"


def test_events_from_another_thread_reach_handlers_on_the_gui_thread(qtbot):
    bus = EventBus()
    bridge = EventBridge(bus)
    listener = Listener()
    bridge.register(listener)
    price = PriceChanged(sku="TATA-SALT-1KG", old_price_paise=2800, new_price_paise=2700)
    worker = threading.Thread(target=lambda: (bus.publish(price), bus.publish(StockReceived(
        sku="TATA-SALT-1KG", qty_milli=1000, on_hand_milli=5000))))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(listener.any) == 2)
    assert listener.any == ["PriceChanged", "StockReceived"]
    assert [event for event, _thread in listener.prices] == [price]
    assert listener.prices[0][1] == threading.get_ident()
    bridge.close()


def test_published_on_the_gui_thread_still_arrives_later_not_inside_the_publisher(qtbot):
    bus = EventBus()
    bridge = EventBridge(bus)
    listener = Listener()
    bridge.register(listener)
    bus.publish(PriceChanged(sku="X", old_price_paise=1, new_price_paise=2))
    assert listener.any == []  # queued: never runs inside the service call that published
    qtbot.waitUntil(lambda: listener.any == ["PriceChanged"])
    bridge.close()


def test_destroyed_listeners_and_a_closed_bridge_hear_nothing(qtbot):
    bus = EventBus()
    bridge = EventBridge(bus)
    gone, kept = Listener(), Listener()
    bridge.register(gone)
    bridge.register(kept)
    gone.deleteLater()
    qtbot.waitUntil(lambda: len(bridge.listeners) == 1)
    bus.publish(PriceChanged(sku="X", old_price_paise=1, new_price_paise=2))
    qtbot.waitUntil(lambda: kept.any == ["PriceChanged"])
    bridge.close()
    bus.publish(PriceChanged(sku="X", old_price_paise=2, new_price_paise=3))
    qtbot.wait(50)
    assert kept.any == ["PriceChanged"]
