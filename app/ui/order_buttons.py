"""The push button the order screens use (Orders tabs, the courier strip and its dialogs): named for tests
and the keyboard, never the dialog's default (Enter in a field must not book a courier or cancel an order)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QPushButton


def action_button(text: str, name: str, slot: Callable[[], object]) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAutoDefault(False)
    button.clicked.connect(slot)
    return button
