"""Where each label goes on a sheet: A4 sheets of 65 and 24 labels and a 50 x 25 mm label roll.

All lengths in millimetres from the page's top-left corner. The A4 sizes are the common stationery
ones (65 labels of 38.1 x 21.2 mm in 5 columns and 13 rows, as Avery L7651; 24 labels of 63.5 x 33.9 mm
in 3 columns and 8 rows, as Avery L7159); a roll is one label a page.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["LAYOUTS", "LabelLayout", "label_pages"]


@dataclass(frozen=True)
class LabelLayout:
    key: str
    page_w: float
    page_h: float
    label_w: float
    label_h: float
    columns: int
    rows: int
    left: float  # page edge to the first label
    top: float
    gap_x: float  # between labels
    gap_y: float

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    def position(self, index: int) -> tuple[float, float, float, float]:
        """(x, y, width, height) of the ``index``-th label on its page (0 = top-left, across then down)."""
        row, column = divmod(index % self.per_page, self.columns)
        return (self.left + column * (self.label_w + self.gap_x), self.top + row * (self.label_h + self.gap_y),
                self.label_w, self.label_h)


LAYOUTS: dict[str, LabelLayout] = {layout.key: layout for layout in (
    LabelLayout("a4-65", 210, 297, 38.1, 21.2, 5, 13, 4.75, 10.7, 2.5, 0.0),
    LabelLayout("a4-24", 210, 297, 63.5, 33.9, 3, 8, 7.25, 12.9, 2.5, 0.0),
    LabelLayout("roll-50x25", 50, 25, 50, 25, 1, 1, 0.0, 0.0, 0.0, 0.0),
)}


def label_pages(count: int, layout: LabelLayout, *, skip: int = 0) -> list[list[int]]:
    """Which labels go on which page: ``skip`` places left empty at the start of the first sheet (labels
    already peeled off a part-used sheet), then ``count`` labels, numbered 0..count-1."""
    skip = max(0, min(skip, layout.per_page - 1)) if layout.per_page > 1 else 0
    pages: list[list[int]] = []
    for n in range(count):
        slot = n + skip
        if slot % layout.per_page == 0 or not pages:
            pages.append([])
        pages[-1].append(slot % layout.per_page)
    return pages
