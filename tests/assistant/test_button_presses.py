"""A button id comes from the chat panel or the local API (`POST /v1/messages {"press": ...}`), so anyone may
send any text as one: a press that names no row is refused and writes nothing."""

from __future__ import annotations

import pytest

from app.errors import InputError
from tests.conftest import table_snapshot


@pytest.mark.parametrize("button", ["approve:" + "9" * 30, "reject:" + "9" * 19, "confirm:" + "9" * 25,
                                    "undo:²", "approve:-3", "cancel:"])
def test_a_press_naming_no_row_is_refused_and_writes_nothing(shop, button):
    """Found by the hostile-API property: "approve:" with a 30-digit number wrote an approval action before the
    store refused the number, so the shop changed although the call was refused."""
    before = table_snapshot(shop)
    with pytest.raises(InputError):
        shop.assistant.press(button)
    assert table_snapshot(shop) == before
