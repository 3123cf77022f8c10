"""A page's body that scrolls only when the window is shorter than the body's least height.

A page laid out in a plain layout is squeezed below what it needs on a short screen (1366x768 with Devanagari
text): word-wrapped labels are drawn over the widgets around them and tables show a sliver of a row. A
``QScrollArea`` that resizes its widget gives every part its *preferred* height instead, which makes empty
tables tall and scrolls pages that fitted. :class:`PageScroll` gives the body the viewport's height, or the
least height its layout needs at the viewport's width (word-wrapped text included) when that is more: the page
looks as before wherever it fitted, and scrolls where it did not.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QBoxLayout, QFrame, QScrollArea, QVBoxLayout, QWidget

__all__ = ["PageScroll", "scrolling_body"]


class PageScroll(QScrollArea):
    def __init__(self, body: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(False)  # sized by fit(), not to its size hint
        self.setWidget(body)
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(0)
        self._later.timeout.connect(self.fit)
        body.installEventFilter(self)

    def least_height(self, width: int) -> int:
        """The least height the body's layout lays its parts out in at ``width`` without overlapping them.

        ``QBoxLayout`` lays a part whose height depends on its width (wrapped text, or a box holding some) at
        that height for width, never less, so that is what counts for those; the others count at their minimum
        (a table its few rows, not its preferred 192 pixels)."""
        body = self.widget()
        if body is None:
            return 0
        layout = body.layout()
        if not isinstance(layout, QBoxLayout) or layout.direction() not in (
                QBoxLayout.Direction.TopToBottom, QBoxLayout.Direction.BottomToTop):
            return body.minimumSizeHint().height()
        margins = layout.contentsMargins()
        inner = width - margins.left() - margins.right()
        shown = [item for i in range(layout.count())
                 if (item := layout.itemAt(i)) is not None and not item.isEmpty()]
        parts = sum(int(item.heightForWidth(inner)) if item.hasHeightForWidth() else item.minimumSize().height()
                    for item in shown)
        need = margins.top() + margins.bottom() + parts + max(layout.spacing(), 0) * max(len(shown) - 1, 0)
        return max(need, layout.minimumSize().height())

    def fit(self) -> None:
        body = self.widget()
        if body is None:
            return
        view = self.viewport().size()
        width = max(view.width(), body.minimumSizeHint().width())
        height = max(view.height(), self.least_height(width))
        if body.size().width() != width or body.size().height() != height:
            body.resize(width, height)

    def bring_into_view(self, widget: QWidget) -> None:
        """Scroll to ``widget`` as laid out now (its parts may have just changed)."""
        body = self.widget()
        layout = body.layout() if body is not None else None
        if layout is not None:
            layout.activate()
        self.fit()
        self.ensureWidgetVisible(widget, 0, 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # the body's parts changed (a longer text, a table shown): its least height may have too
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self._later.start()
        return super().eventFilter(watched, event)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:  # the window, or a scroll bar coming or going
            self.fit()
        return super().viewportEvent(event)


def scrolling_body(page: QWidget, name: str) -> tuple[PageScroll, QVBoxLayout]:
    """Fill ``page`` with a :class:`PageScroll` (object name ``name``) and return it with its body's layout, in
    which the page lays out its parts with the pages' usual margins."""
    body = QWidget()
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    scroll = PageScroll(body)
    scroll.setObjectName(name)
    outer.addWidget(scroll)
    layout = QVBoxLayout(body)
    layout.setContentsMargins(16, 12, 16, 12)
    return scroll, layout
