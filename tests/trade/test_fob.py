"""The FOB value of an export (the value customs declares, CSB-V Form HA B.10): the invoice value less the freight
and insurance the seller paid under CIF, CFR, CPT, CIP and the D-terms; the invoice value as it is under EXW, FCA,
FAS and FOB. Checked by hand-worked figures, on the real export books and through the event log."""

from __future__ import annotations

import pytest

from app.domain.trade.fob import Carriage, check_carriage, fob_paise
from app.errors import InputError, NotFound
from app.services import export_documents, exports
from app.store import events as event_log
from trade.books import build_export_books


@pytest.mark.parametrize(("incoterm", "freight", "insurance", "fob"), [
    ("CIF", 65_000, 4_000, 331_000),  # ₹4,000 - ₹650 - ₹40 = ₹3,310
    ("CIP", 65_000, 4_000, 331_000),
    ("CFR", 65_000, 0, 335_000),  # ₹4,000 - ₹650
    ("CPT", 12_345, 0, 387_655),
    ("DAP", 80_000, 0, 320_000),
    ("DDP", 80_000, 1_000, 319_000),
    ("FOB", 0, 0, 400_000), ("EXW", 0, 0, 400_000), ("FCA", 0, 0, 400_000), ("FAS", 0, 0, 400_000),
])
def test_fob_value_by_incoterm(incoterm, freight, insurance, fob):
    carriage = check_carriage(incoterm, Carriage(freight_paise=freight, insurance_paise=insurance), 400_000)
    assert fob_paise(400_000, incoterm, carriage) == fob


def test_fob_value_waits_for_the_freight_where_the_price_includes_it():
    assert fob_paise(400_000, "CIF", None) is None
    assert fob_paise(400_000, "FOB", None) == 400_000


@pytest.mark.parametrize(("incoterm", "freight", "insurance", "words"), [
    ("FOB", 65_000, 0, "the buyer pays the freight"),
    ("EXW", 0, 100, "the buyer pays the freight"),
    ("CFR", 65_000, 4_000, "the buyer insures"),
    ("CIF", 390_000, 10_000, "take the whole invoice value"),
    ("CIF", -1, 0, "below zero"),
])
def test_carriage_the_incoterm_does_not_allow_is_refused(incoterm, freight, insurance, words):
    with pytest.raises(InputError, match=words):
        check_carriage(incoterm, Carriage(freight_paise=freight, insurance_paise=insurance), 400_000)


def test_recorded_freight_gives_the_documents_their_fob_value(session, ctx):
    ids = build_export_books(ctx)
    db = session.store.db()
    docs = export_documents.read(session.store, ids["exp_lut"])  # CIF (the test terms), under the LUT
    assert docs.incoterm == "CIF" and docs.fob_paise is None
    assert [i.field for i in export_documents.check(docs) if i.field == "carriage"] == ["carriage"]
    total = db.execute("SELECT total_paise FROM orders WHERE id = ?", (ids["exp_lut"],)).fetchone()[0]
    exports.record_carriage(ctx, ids["exp_lut"], freight_paise=120_000, insurance_paise=6_500)
    docs = export_documents.read(session.store, ids["exp_lut"])
    assert docs.fob_paise == total - 126_500
    assert not [i for i in export_documents.check(docs) if i.field == "carriage"]
    shipping = dict(export_documents.BUILDERS["shipping"](docs)["header"])
    assert shipping["FOB value"].endswith(f"(INR {(total - 126_500) / 100:,.2f})")
    # recorded again: replaced, not added; each time an event in the log
    exports.record_carriage(ctx, ids["exp_lut"], freight_paise=100_000, insurance_paise=0)
    assert export_documents.read(session.store, ids["exp_lut"]).fob_paise == total - 100_000
    logged = [e for e in event_log.recent(db, limit=50) if e.type == "ExportCarriageSaved"]
    assert len(logged) == 2
    # the DAP export with IGST paid: FOB = invoice value (IGST included) less freight
    paid = db.execute("SELECT total_paise FROM orders WHERE id = ?", (ids["exp_igst"],)).fetchone()[0]
    assert paid == 50_000  # ten batteries
    exports.record_carriage(ctx, ids["exp_igst"], freight_paise=9_000)
    assert export_documents.read(session.store, ids["exp_igst"]).fob_paise == 41_000
    with pytest.raises(InputError, match="whole invoice value"):
        exports.record_carriage(ctx, ids["exp_igst"], freight_paise=paid)


def test_no_freight_on_a_sale_at_home(session, ctx):
    ids = build_export_books(ctx)
    with pytest.raises(NotFound, match="not an export invoice"):
        exports.record_carriage(ctx, ids["b2b7"], freight_paise=100)
