"""One adapter per marketplace; each module's docstring lists the operations it covers."""

from __future__ import annotations

from app.sync.marketplaces.base import Adapter


def adapter_class(name: str) -> type[Adapter]:
    from app.sync.marketplaces import amazon, ondc, shopify, woocommerce

    classes: dict[str, type[Adapter]] = {"amazon": amazon.AmazonAdapter, "shopify": shopify.ShopifyAdapter,
                                         "woocommerce": woocommerce.WooAdapter, "ondc": ondc.OndcAdapter}
    return classes[name]


ADAPTERS = ("amazon", "shopify", "woocommerce", "ondc")
