"""The central assistant: understands the seller in English, Hindi and Hinglish, answers from the shop's
books, carries out commands through the services (asking first when money moves), reports on its own.

Rooms: it reads the store, acts through the services, uses ``app.ml`` and the domain; it never imports
the agents, the UI, sync or httpx. The decision engine comes in through :class:`Engine`.
"""

from app.assistant.assistant import MAIN, Assistant, AssistantPosted
from app.assistant.interfaces import Engine, Phraser
from app.assistant.reply import Button, Chart, Reply, Table

__all__ = ["MAIN", "Assistant", "AssistantPosted", "Button", "Chart", "Engine", "Phraser", "Reply", "Table"]
