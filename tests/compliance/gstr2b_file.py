"""A GSTR-2B download for September 2026 of the compliance test shop, built with every kind of row.

Field names as in GSTN's GSTR-2B JSON (see docs/gst-returns.md, "GSTR-2B"): ``data.rtnprd``,
``docdata.b2b[].ctin/trdnm/inv[]`` with ``inum``, ``dt``, ``txval``, ``igst``, ``cgst``, ``sgst``, ``cess``, and
``docdata.cdnr[].nt[]`` with ``ntnum`` and ``typ``.
"""

from __future__ import annotations

from datetime import date

from app.services.context import ServiceContext
from app.services.gst_returns import BillLine, record_purchase_bill
from compliance.books import LOCAL_SUPPLIER_GSTIN, SUPPLIER_GSTIN
from tests.conftest import GSTIN


def add_september_bill(ctx: ServiceContext) -> None:
    """Beside the books' September bills (BT/9/1, RA-77 with a bad GSTIN): PW-2, whose 2B tax differs."""
    record_purchase_bill(ctx, supplier_name="Pune Wholesale", supplier_gstin=LOCAL_SUPPLIER_GSTIN, bill_no="PW-2",
                         bill_date=date(2026, 9, 5), lines=[BillLine(rate_bp=500, taxable_paise=5_000_00)])


def _inv(inum: str, dt: str, txval: float, *, igst: float = 0, cgst: float = 0, sgst: float = 0) -> dict:
    return {"inum": inum, "dt": dt, "val": round(txval + igst + cgst + sgst, 2), "pos": "27", "rev": "N",
            "itcavl": "Y", "typ": "R", "txval": txval, "igst": igst, "cgst": cgst, "sgst": sgst, "cess": 0,
            "items": [{"num": 1, "rt": 5, "txval": txval, "igst": igst, "cgst": cgst, "sgst": sgst, "cess": 0}]}


def two_b(rtnprd: str = "092026", gstin: str = GSTIN) -> dict:
    """A GSTR-2B download as the portal gives it (``data`` with ``docdata``), for September 2026."""
    return {"chksum": "x", "data": {
        "gstin": gstin, "rtnprd": rtnprd, "version": "1.0", "gendt": "14-10-2026",
        "docdata": {
            "b2b": [
                {"ctin": SUPPLIER_GSTIN, "trdnm": "BHARAT TRADERS", "supfildt": "11-10-2026", "supprd": "092026",
                 "inv": [
                     # books: BT/9/1, taxable 10,000, IGST 400 + 360; here another spelling and 40 paise more
                     _inv("bt / 09 / 0001", "10-09-2026", 10_000.40, igst=760.00),
                     # books hold BT/8/1 on 10 August: reported a month late
                     _inv("BT/8/1", "10-08-2026", 10_000.00, igst=760.00),
                 ]},
                {"ctin": LOCAL_SUPPLIER_GSTIN, "trdnm": "PUNE WHOLESALE", "supfildt": "11-10-2026", "supprd": "092026",
                 "inv": [
                     _inv("PW-2", "05-09-2026", 5_000.00, cgst=150.00, sgst=150.00),  # books: 125 + 125
                     _inv("PW-9", "20-09-2026", 2_000.00, cgst=50.00, sgst=50.00),  # not in the books
                 ]},
            ],
            "cdnr": [
                {"ctin": LOCAL_SUPPLIER_GSTIN, "trdnm": "PUNE WHOLESALE", "supfildt": "11-10-2026", "supprd": "092026",
                 "nt": [{"ntnum": "CN-3", "typ": "C", "suptyp": "R", "dt": "25-09-2026", "val": 105.0, "pos": "27",
                         "rev": "N", "itcavl": "Y", "txval": 100.0, "igst": 0, "cgst": 2.5, "sgst": 2.5, "cess": 0}]},
            ],
        },
    }}
