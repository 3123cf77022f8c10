"""One adapter per marketplace (and per messaging service: WhatsApp); each module's docstring lists the
operations it covers."""

from __future__ import annotations

from app.sync.marketplaces.base import Adapter


def adapter_class(name: str) -> type[Adapter]:
    from app.sync.marketplaces import amazon, facebook_page, google_business, ondc, shopify, whatsapp, woocommerce
    from app.sync.marketplaces.amazon_ads import AmazonAdsAdapter
    from app.sync.marketplaces.instagram_business import InstagramAdapter

    classes: dict[str, type[Adapter]] = {"amazon": amazon.AmazonAdapter, "shopify": shopify.ShopifyAdapter,
                                         "woocommerce": woocommerce.WooAdapter, "ondc": ondc.OndcAdapter,
                                         "whatsapp": whatsapp.WhatsAppAdapter,
                                         "facebook_page": facebook_page.FacebookPageAdapter,
                                         "google_business": google_business.GoogleBusinessAdapter,
                                         "instagram_business": InstagramAdapter, "amazon_ads": AmazonAdsAdapter}
    return classes[name]


ADAPTERS = ("amazon", "shopify", "woocommerce", "ondc", "whatsapp", "facebook_page", "google_business",
            "instagram_business", "amazon_ads")
