"""Merge the Hindi translations of the photo, pack-text and onboarding messages into the app's catalog.

    python tools/i18n.py update && python tools/vision/merge_hi.py && python tools/i18n.py compile

The translations are kept in tools/vision/onboarding.hi.po and copied into
resources/locale/hi/LC_MESSAGES/tavyonix.po; only empty entries there are filled.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import i18n as catalogs  # noqa: E402  (tools/i18n.py)


def main() -> None:
    with open(Path(__file__).with_name("onboarding.hi.po"), "rb") as f:
        ours = {m.id: m.string for m in read_po(f, locale="hi") if m.id}
    catalog = catalogs.load("hi")
    filled = 0
    for message in catalog:
        if message.id in ours and not catalogs.translated(message):
            message.string = ours[message.id]
            filled += 1
    with open(catalogs.po_path("hi"), "wb") as f:
        write_po(f, catalog, width=120, sort_output=False, include_previous=False, omit_header=False)
    print(f"filled {filled} Hindi translations")


if __name__ == "__main__":
    main()
