"""A marketplace simulator: a real HTTP server on 127.0.0.1 speaking the request shapes of our four
marketplace adapters (Amazon SP-API, Shopify Admin GraphQL, WooCommerce REST v3, an ONDC seller
platform) and of the WhatsApp Business Cloud API (text messages to suppliers), with each one's semantics
(rate limits, idempotency keys kept 24 h, compare-and-set, asynchronous acceptance, per-item batch
results, page tokens, out-of-order order updates, token expiry; WhatsApp: no key, no read-back) and faults
injected from a seeded schedule. It records every command it applied and every WhatsApp message it
delivered (``sim.delivered()``), so tests can check that none was applied or delivered twice.
``python -m app marketplace-sim --port N --faults FILE`` runs it for demos.

One module per marketplace (``amazon``, ``shopify``, ``woo``, ``ondc``, ``whatsapp``): each one's
``route(request)`` names the operation (faults and rate buckets are per operation) and returns the
function that applies it; ``http`` holds the request and response shapes they share, ``core`` the state
and the fault schedule, ``server`` the HTTP server.
"""

from app.sim.marketplace.core import Fault, FaultSchedule, Simulator
from app.sim.marketplace.server import SimServer

__all__ = ["Fault", "FaultSchedule", "SimServer", "Simulator"]
