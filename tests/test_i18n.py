"""Every string a shopkeeper can see is translated into Hindi, placeholders survive translation, and
the compiled catalog the app loads matches its source."""

import gettext
import re
import string
import sys
from pathlib import Path

import pytest

from app import i18n
from app.domain.codes import check_barcode
from app.errors import InvalidCode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import i18n as catalogs  # noqa: E402  (tools/i18n.py)


def fields(text: str) -> list[str]:
    return sorted(f for _lit, f, _spec, _conv in string.Formatter().parse(text) if f is not None)


@pytest.fixture(scope="module")
def hindi():
    return catalogs.load("hi")


def test_every_string_in_the_code_is_in_the_hindi_catalog_and_translated(hindi):
    wanted = {m.id for m in catalogs.extract() if m.id}
    have = {m.id for m in hindi if m.id and catalogs.translated(m)}
    missing = sorted(map(str, wanted - have))
    assert not missing, "run `python tools/i18n.py update`, translate, then `compile`:\n" + "\n".join(missing[:40])


def test_translations_keep_every_placeholder(hindi):
    bad = []
    for message in hindi:
        if (message.id and isinstance(message.id, str) and message.string
                and fields(message.id) != fields(message.string)):
            bad.append(message.id)
    assert not bad, bad


def test_keyboard_markers_never_split_devanagari(hindi):
    """Qt underlines the letter after "&": before a Devanagari letter it breaks the word's shaping (a vowel sign
    drawn on its own) and names a key no English keyboard has; Hindi labels carry the key as "(&S)"."""
    bad = [message.string for message in hindi
           if isinstance(message.string, str) and re.search("&[\u0900-\u097f]", message.string)]
    assert not bad, bad


def test_compiled_catalog_matches_its_source(hindi):
    mo = catalogs.po_path("hi").with_suffix(".mo")
    with open(mo, "rb") as f:
        compiled = gettext.GNUTranslations(f)
    for message in hindi:
        if message.id and isinstance(message.id, str) and message.string:
            assert compiled.gettext(message.id) == message.string, f"stale .mo: run tools/i18n.py compile: {message.id}"


def test_switching_language_changes_messages():
    try:
        i18n.set_language("hi")
        with pytest.raises(InvalidCode) as info:
            check_barcode("8904000210038")
        assert "बारकोड" in str(info.value) and "8904000210038" in str(info.value)
        assert i18n.language() == "hi"
    finally:
        i18n.set_language("en")
    assert i18n._("Stopped.") == "Stopped."
    i18n.set_language("xx")  # an unknown language falls back to English
    assert i18n.language() == "en"
