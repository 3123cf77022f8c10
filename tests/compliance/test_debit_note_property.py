"""Debit notes in GSTR-1 for any invoice: Hypothesis over buyer (registered or not), intra/inter-state, value (B2CL or
not), export under an LUT or with IGST, rates and amounts, with credit notes beside them."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain import gstr1
from app.domain.gst import OTHER_COUNTRY, TaxSplit, split_inclusive
from app.domain.gst_returns import DocLine, OutwardDoc, month_period, signed, sum_splits
from app.services.gst_returns import schema_errors
from compliance.gstr1_rows import taxed_rows

BUYER = "27AAPFU0939F1ZV"
HEADS = {"txval": "taxable_paise", "iamt": "igst_paise", "camt": "cgst_paise", "samt": "sgst_paise",
         "csamt": "cess_paise"}


def _doc(*, order_id: int, kind: str, number: str, day: date, amounts: list[tuple[int, int]], b2b: bool,
         pos: str, mode: str, original: OutwardDoc | None = None) -> OutwardDoc:
    interstate = pos != "27"
    lines = tuple(DocLine(hsn="1905", name="biscuits", unit="pcs", qty_milli=0 if kind == "debit" else 1000,
                          rate_bp=rate, cess_bp=0,
                          split=TaxSplit(amount) if mode == "lut" else split_inclusive(amount, rate,
                                                                                        interstate=interstate))
                  for rate, amount in amounts)
    return OutwardDoc(order_id=order_id, kind=kind, doc_type={"sale": "tax_invoice", "return": "credit_note",
                                                              "debit": "debit_note"}[kind],
                      number=number, day=day, status="completed", customer_name="X",
                      customer_gstin=BUYER if b2b else None, place_of_supply=pos, interstate=interstate,
                      total_paise=sum(a for _r, a in amounts), lines=lines, export_mode=mode,
                      original_id=original.order_id if original else None,
                      original_number=original.number if original else "",
                      original_day=original.day if original else None,
                      original_total_paise=original.total_paise if original else 0)


def _json_total(doc: dict) -> dict[str, int]:
    """Every taxed row of the return: invoices and debit notes add, credit notes take off."""
    out = dict.fromkeys(HEADS, 0)

    def add(det: dict, sign: int) -> None:
        for key in HEADS:
            out[key] += sign * round(det.get(key, 0) * 100)

    for det, sign in taxed_rows(doc):
        add(det, sign)
    return out


rates = st.sampled_from([500, 1200, 1800, 4000])
amounts = st.lists(st.tuples(rates, st.integers(min_value=100, max_value=5_00_000_00)), min_size=1, max_size=3,
                   unique_by=lambda t: t[0])


@settings(max_examples=120, deadline=None)
@given(b2b=st.booleans(), pos=st.sampled_from(["27", "29", "07", OTHER_COUNTRY]), mode=st.sampled_from(["lut", "igst"]),
       sale=amounts, debit=st.lists(st.integers(min_value=1, max_value=2_00_000_00), min_size=1, max_size=3),
       credit=st.booleans())
def test_every_debit_note_is_reported_once_where_its_invoice_belongs(b2b, pos, mode, sale, debit, credit):
    """Feature: tavyonix-seller-os, Property 8: Trade Opportunity Management (returns: debit notes): for any invoice
    (registered buyer or not, intra/inter-state, above or below the B2CL limit, an export under an LUT or with IGST)
    and debit notes on it, with or without a credit note, the GSTR-1 passes the schema, each debit note is in it once
    with ``ntty`` D in the table its invoice's notes belong to (or added to ``b2cs``), and the taxed rows add up, paisa
    for paisa, to invoice + debit notes - credit note."""
    if pos == OTHER_COUNTRY:
        b2b = False  # an export's buyer abroad has no GSTIN
    else:
        mode = ""
    period = month_period(2026, 9)
    invoice = _doc(order_id=1, kind="sale", number="INV/2627/00001", day=date(2026, 9, 3), amounts=sale, b2b=b2b,
                   pos=pos, mode=mode)
    rates_of_sale = [rate for rate, _a in sale]
    docs = [invoice]
    for n, amount in enumerate(debit, start=1):
        docs.append(_doc(order_id=100 + n, kind="debit", number=f"DN/2627/{n:05d}", day=date(2026, 9, 10 + n),
                         amounts=[(rates_of_sale[n % len(rates_of_sale)], amount)], b2b=b2b, pos=pos, mode=mode,
                         original=invoice))
    if credit:
        docs.append(_doc(order_id=200, kind="return", number="CN/2627/00001", day=date(2026, 9, 20),
                         amounts=[(rates_of_sale[0], min(sale[0][1], 50_00))], b2b=b2b, pos=pos, mode=mode,
                         original=invoice))
    result = gstr1.build(gstin="27AAPFU0939F1ZV", period=period, docs=docs)
    assert schema_errors(result) == []
    table = gstr1.classify(docs[1])
    notes = ([n for buyer in result.get("cdnr", []) for n in buyer["nt"]] if table == "cdnr"
             else result.get("cdnur", []) if table == "cdnur" else [])
    if table in ("cdnr", "cdnur"):
        assert sorted(n["nt_num"] for n in notes if n["ntty"] == "D") == [d.number for d in docs if d.is_debit_note]
    else:  # a note on a small B2C invoice: only the b2cs rows carry it
        assert table == "b2cs" and not result.get("cdnr") and not result.get("cdnur")
    expected = sum_splits(signed(d, line.split) for d in docs for line in d.lines)
    assert _json_total(result) == {key: getattr(expected, attr) for key, attr in HEADS.items()}
    debit_row = next(d for d in result["doc_issue"]["doc_det"] if d["doc_num"] == 4)
    assert debit_row["docs"][0]["totnum"] == len(debit)
