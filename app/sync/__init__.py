"""Marketplace sync: drains the outbox to the marketplaces and brings their orders in (docs/sync.md).

The only room that touches the network. Modules: ``worker`` (the send protocol, one sender at a
time), ``inbound`` (orders by watermark), ``allocation`` (what each channel may sell), ``policy``
(rate buckets, backoff, circuit breaker), ``transport`` (one HTTP exchange, classified),
``connectivity`` (online / offline / captive portal), ``credentials`` (OS keyring), ``fulfilment``
(accept / ship / cancel commands), ``status`` (what the status bar shows), ``marketplaces`` (one
adapter per marketplace) and ``simulator`` (a fake of all four on 127.0.0.1, for tests and demos).
"""
