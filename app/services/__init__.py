"""Use cases. Each write is one transaction holding the state change, its event and any outbox rows;
it returns a :class:`~app.services.changes.Changes` value and publishes its events after the commit.

UI, CLI, assistant, agents and sync all change the shop only through these functions.
"""
