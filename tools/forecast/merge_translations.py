"""Fill the Hindi catalog's empty entries for the forecast strings from ``forecast_hi.po`` beside this file.

    .venv/bin/python tools/i18n.py update
    .venv/bin/python tools/forecast/merge_translations.py
    .venv/bin/python tools/i18n.py compile

Existing translations in the catalog are never overwritten.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import i18n as catalogs  # noqa: E402  (tools/i18n.py)


def main() -> None:
    with open(HERE / "forecast_hi.po", "rb") as f:
        ours = {m.id: m.string for m in read_po(f, locale="hi") if m.id}
    catalog = catalogs.load("hi")
    filled = 0
    for message in catalog:
        if message.id in ours and not message.string:
            message.string = ours[message.id]
            filled += 1
    with open(catalogs.po_path("hi"), "wb") as f:
        write_po(f, catalog, width=120, sort_output=False, include_previous=False, omit_header=False)
    print(f"filled {filled} forecast strings in {catalogs.po_path('hi').relative_to(ROOT)}")


if __name__ == "__main__":
    main()
