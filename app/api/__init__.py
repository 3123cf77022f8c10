"""The local API gateway: the assistant, goals and the main reports over HTTP on this PC, and on
the shop's network only when the owner allows it; protected by tokens. See :mod:`app.api.server`.

Rooms: it may import the assistant, the services, the store, the domain and the kernel; it gets the
decision engine from the composition root (``app.wiring``), never from ``app.agents``.
"""

from app.api.routes import Api
from app.api.server import ApiServer

__all__ = ["Api", "ApiServer"]
