"""The Agents tab: each agent on or off, what it may do alone (with a preview on this shop), what it did today
and why, what it plans next, and undo of a price change."""

from app.ui.agents.page import AgentsPage

__all__ = ["AgentsPage"]
