"""Keep the translation catalogs in step with the code (Babel; a development tool only).

    .venv/bin/python tools/i18n.py update    extract every user-visible string from app/ into the .po files,
                                             keeping existing translations; new strings get an empty msgstr
    .venv/bin/python tools/i18n.py compile   write the .mo files the app loads
    .venv/bin/python tools/i18n.py missing   list strings that still need a translation
    .venv/bin/python tools/i18n.py merge BASE OURS THEIRS
                                             a git merge driver for the .po files (see .gitattributes):
                                             the union of both sides' messages, a translation from either
                                             side winning over an empty one; then run update and compile

tests/test_i18n.py checks that every string is translated, that placeholders survive translation and
that the committed .mo files match the .po files.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "resources" / "locale"
DOMAIN = "tavyonix"
LANGUAGES = ("hi",)
KEYWORDS = {"_": None, "lazy": None, "ngettext": (1, 2), "declare": (5,), "tr": None,
            "reason": None}  # app.domain.reasons.reason: a reason kept as its message, read in any language


def extract() -> Catalog:
    catalog = Catalog(project="TAVYONIX", domain=DOMAIN)
    for filename, lineno, message, comments, context in extract_from_dir(
            ROOT / "app", method_map=[("**.py", "python")], keywords=KEYWORDS, strip_comment_tags=True):
        catalog.add(message, locations=[(f"app/{filename}", lineno)], auto_comments=comments, context=context)
    return catalog


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def load(lang: str) -> Catalog:
    path = po_path(lang)
    if not path.exists():
        return Catalog(locale=lang, project="TAVYONIX", domain=DOMAIN)
    with open(path, "rb") as f:
        return read_po(f, locale=lang)


def update() -> None:
    template = extract()
    for lang in LANGUAGES:
        catalog = load(lang)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        path = po_path(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as f:
            write_po(f, catalog, width=120, sort_output=False, include_previous=False, omit_header=False)
        print(f"{path.relative_to(ROOT)}: {len(catalog)} strings, {len(missing(catalog))} untranslated")


def translated(message) -> bool:
    if isinstance(message.string, str):
        return bool(message.string)
    return bool(message.string) and all(message.string)


def missing(catalog: Catalog) -> list:
    return [m.id for m in catalog if m.id and not translated(m)]


def mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def merge_po(base: str, ours: str, theirs: str) -> None:
    """Write into ``ours`` every message of ``ours`` and ``theirs``: two branches that each add strings
    then merge without conflict markers. Locations may be stale until the next ``update``."""
    del base  # a message is never removed by a merge; ``update`` drops the ones the code no longer has
    with open(ours, "rb") as f:
        merged = read_po(f)
    with open(theirs, "rb") as f:
        other = read_po(f)
    for message in other:
        if not message.id:
            continue
        mine = merged.get(message.id, context=message.context)
        if mine is None:
            merged[message.id] = message
        elif not translated(mine) and translated(message):
            mine.string = message.string
    with open(ours, "wb") as f:
        write_po(f, merged, width=120, sort_output=False, include_previous=False, omit_header=False)


def compile_all() -> None:
    for lang in LANGUAGES:
        data = mo_bytes(load(lang))
        target = po_path(lang).with_suffix(".mo")
        target.write_bytes(data)
        print(f"{target.relative_to(ROOT)}: {len(data)} bytes")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "update"
    if command == "update":
        update()
    elif command == "compile":
        compile_all()
    elif command == "missing":
        for lang in LANGUAGES:
            for msgid in missing(load(lang)):
                print(f"{lang}: {msgid}")
    elif command == "merge" and len(sys.argv) == 5:
        merge_po(*sys.argv[2:5])
    else:
        sys.exit(__doc__)
