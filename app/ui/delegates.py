"""Table cells that put every line of text on the same baseline, whatever its script.

Qt centres each cell's text by that text's own line box. Noto Sans Devanagari has a shorter ascent
and a deeper descent than Noto Sans, so a name written only in Hindi sat a few pixels higher than
the English and the prices beside it. This delegate lets the style draw the cell's background,
selection and focus as usual, then draws the text on a baseline taken from the cell font's own
(Latin) metrics, so a row reads as one line.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, Qt
from PySide6.QtGui import QBrush, QFontMetricsF, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem


class BaselineTextDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        if not text:
            super().paint(painter, option, index)
            return
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is None:
            super().paint(painter, option, index)
            return
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        metrics = QFontMetricsF(opt.font)
        width = rect.width() - 2 * margin
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
        advance = metrics.horizontalAdvance(shown)
        if opt.displayAlignment & Qt.AlignmentFlag.AlignRight:
            x = rect.right() - margin - advance
        elif opt.displayAlignment & Qt.AlignmentFlag.AlignHCenter:
            x = rect.left() + (rect.width() - advance) / 2
        else:
            x = rect.left() + margin
        baseline = rect.top() + (rect.height() - metrics.height()) / 2 + metrics.ascent()
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(self._colour(opt, index))
        painter.drawText(QPointF(x, baseline), shown)
        painter.restore()

    @staticmethod
    def _colour(opt: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex):
        group = (QPalette.ColorGroup.Normal if opt.state & QStyle.StateFlag.State_Enabled
                 else QPalette.ColorGroup.Disabled)
        if opt.state & QStyle.StateFlag.State_Selected:
            return opt.palette.color(group, QPalette.ColorRole.HighlightedText)
        brush = index.data(Qt.ItemDataRole.ForegroundRole)
        if isinstance(brush, QBrush):
            return brush.color()
        return opt.palette.color(group, QPalette.ColorRole.Text)
