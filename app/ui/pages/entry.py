"""A page of the main window named by where it lives, so the window can list it without importing it.

Importing every page at start-up cost most of the time to a usable window (each page pulls in its services,
openpyxl, the agents, the assistant...). The window lists every page from its :class:`PageEntry` (title and
place in the list, Ctrl+1..9 unchanged) and imports and builds a page only when it is first shown or asked
for (:meth:`app.ui.main_window.MainWindow.page`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.ui.pages.base import Page

__all__ = ["PageEntry", "as_entry"]


@dataclass(frozen=True, eq=False)
class PageEntry:
    """``module`` and ``name`` locate the :class:`~app.ui.pages.base.Page` subclass; ``title`` gives its
    label in the current language without importing it (a test checks it against the class's own)."""

    module: str
    name: str
    title: Callable[[], str] = field(repr=False)

    def load(self) -> type[Page]:
        return getattr(importlib.import_module(self.module), self.name)  # type: ignore[no-any-return]

    def is_loaded(self) -> bool:
        import sys

        return self.module in sys.modules

    def matches(self, page: type | str) -> bool:
        """True for the page's class (also one imported elsewhere) or its class name."""
        if isinstance(page, str):
            return page == self.name
        return page.__name__ == self.name and page.__module__ == self.module

    # ``PAGES.index(ItemsPage)`` keeps working with entries in the list
    def __eq__(self, other: object) -> bool:
        if isinstance(other, PageEntry):
            return (self.module, self.name) == (other.module, other.name)
        if isinstance(other, type | str):
            return self.matches(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.module, self.name))


def as_entry(page: PageEntry | type[Page]) -> PageEntry:
    """A page class put straight into ``PAGES`` (imported at start) still works: it is simply not lazy."""
    if isinstance(page, PageEntry):
        return page
    return PageEntry(page.__module__, page.__name__, page.title)
