"""Agents: each reads a snapshot of the shop and proposes; the decision engine decides (see docs/design.md).

Agents may import services, store (reads), domain and ml; never the UI, sync or Qt.
"""
