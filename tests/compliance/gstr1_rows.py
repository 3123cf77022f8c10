"""The taxed rows of a GSTR-1 document as the portal's JSON holds them, each with its sign, for tests that add
the return up independently of the code that wrote it."""

from __future__ import annotations

from collections.abc import Iterator


def taxed_rows(doc: dict, *, exports: bool = True, debit_notes_add: bool = True) -> Iterator[tuple[dict, int]]:
    """Each row's amounts and +1 or -1: invoices and debit notes add, credit notes take off. ``exports=False``
    leaves out the ``exp`` table; ``debit_notes_add=False`` takes every note off, as ``test_returns.json_sums``
    always has (``test_debit_notes`` counts on it)."""
    for table in ("b2b", "b2cl"):
        for group in doc.get(table, []):
            for inv in group["inv"]:
                for item in inv["itms"]:
                    yield item["itm_det"], 1
    for row in doc.get("b2cs", []):
        yield row, 1
    if exports:
        for group in doc.get("exp", []):
            for inv in group["inv"]:
                for item in inv["itms"]:
                    yield item, 1
    notes = [note for buyer in doc.get("cdnr", []) for note in buyer["nt"]] + list(doc.get("cdnur", []))
    for note in notes:
        sign = 1 if debit_notes_add and note.get("ntty") == "D" else -1
        for item in note["itms"]:
            yield item["itm_det"], sign
