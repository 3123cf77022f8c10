"""The compliance tests' shop: the shared test shop (Maharashtra, regular GST) with three months of books."""

from __future__ import annotations

import pytest

from app.services.context import ServiceContext
from compliance.books import build_books


@pytest.fixture
def books(ctx: ServiceContext) -> dict[str, int]:
    return build_books(ctx)
