"""Every service given bad input raises our typed error, in words a shopkeeper understands, and
writes nothing at all."""

from datetime import UTC, date, datetime

import pytest

from app import errors
from app.services import catalog, goals, inventory, khata, periods, purchasing, sales, settings, shop, suppliers, taxes
from app.services.purchasing import PoLine
from app.services.sales import PaymentIn, RemoteLine, SaleLine
from tests.conftest import table_snapshot

CASH = [PaymentIn(method="cash", amount_paise=2800)]
JARGON = ("Traceback", "sqlite", "NoneType", "KeyError", "IntegrityError", "constraint", "None", "__")


@pytest.fixture
def shopfront(session, ctx, make_product):
    make_product("SALT", price_paise=2800, mrp_paise=2800, cost_paise=2400, hsn_code="2501")
    make_product("SOAP", name_en="Old soap", price_paise=2800, mrp_paise=3000)
    catalog.archive_product(ctx, "SOAP")
    customer = khata.create_customer(ctx, name="Meena", phone="9811111111", credit_limit_paise=1000).id
    supplier = suppliers.create_supplier(ctx, name="Gupta Traders", whatsapp="9812345678").id
    po = purchasing.create_purchase_order(ctx, supplier_id=supplier, lines=[PoLine(sku="SALT", qty_milli=12_000)],
                                          confirmed=True).id
    catalog.add_channel(ctx, code="amazon", name="Amazon.in")
    periods.close_financial_year(ctx, "2025-26")
    return {"customer": customer, "supplier": supplier, "po": po}


CASES = [
    ("negative quantity", errors.InvalidQuantity,
     lambda c, ids: sales.record_sale(c, lines=[SaleLine(sku="SALT", qty_milli=-1000)], payments=CASH)),
    ("zero quantity received", errors.InvalidQuantity, lambda c, ids: inventory.receive_stock(c, "SALT", 0)),
    ("half a packet", errors.InvalidQuantity,
     lambda c, ids: sales.record_sale(c, lines=[SaleLine(sku="SALT", qty_milli=1500)], payments=CASH)),
    ("unknown item sold", errors.NotFound,
     lambda c, ids: sales.record_sale(c, lines=[SaleLine(sku="NOPE", qty_milli=1000)], payments=CASH)),
    ("unknown item priced", errors.NotFound, lambda c, ids: catalog.change_price(c, "NOPE", price_paise=100)),
    ("archived item sold", errors.InputError,
     lambda c, ids: sales.record_sale(c, lines=[SaleLine(sku="SOAP", qty_milli=1000)], payments=CASH)),
    ("wrong barcode check digit", errors.InvalidCode,
     lambda c, ids: catalog.create_product(c, sku="NEW", name_en="New", price_paise=100, barcode="8904000210038")),
    ("price above MRP on a new item", errors.PriceAboveMrp,
     lambda c, ids: catalog.create_product(c, sku="NEW", name_en="New", price_paise=3100, mrp_paise=3000)),
    ("price above MRP at the counter", errors.PriceAboveMrp,
     lambda c, ids: sales.record_sale(c, lines=[SaleLine(sku="SALT", qty_milli=1000, unit_price_paise=2900)],
                                      payments=[PaymentIn(method="cash", amount_paise=2900)])),
    ("bad GSTIN for a customer", errors.InvalidCode,
     lambda c, ids: khata.create_customer(c, name="X", gstin="27AAPFU0939F1ZX")),
    ("bad GSTIN for the shop", errors.InvalidCode, lambda c, ids: shop.update_shop(c, gstin="12345")),
    ("sale dated in a closed financial year", errors.ClosedPeriod,
     lambda c, ids: sales.record_sale(c, lines=[SaleLine(sku="SALT", qty_milli=1000)], payments=CASH,
                                      at=datetime(2026, 1, 10, 6, 0, tzinfo=UTC))),
    ("payments that do not add up", errors.InvalidAmount,
     lambda c, ids: sales.record_sale(c, lines=[SaleLine(sku="SALT", qty_milli=1000)],
                                      payments=[PaymentIn(method="cash", amount_paise=1000)])),
    ("khata without a customer", errors.InputError,
     lambda c, ids: sales.record_sale(c, lines=[SaleLine(sku="SALT", qty_milli=1000)],
                                      payments=[PaymentIn(method="khata", amount_paise=2800)])),
    ("khata over the limit", errors.CreditLimitExceeded,
     lambda c, ids: sales.record_sale(c, lines=[SaleLine(sku="SALT", qty_milli=1000)], customer_id=ids["customer"],
                                      payments=[PaymentIn(method="khata", amount_paise=2800)])),
    ("unknown way of paying", errors.InputError,
     lambda c, ids: sales.record_sale(c, lines=[SaleLine(sku="SALT", qty_milli=1000)],
                                      payments=[PaymentIn(method="cheque", amount_paise=2800)])),
    ("unknown customer pays", errors.NotFound, lambda c, ids: khata.receive_payment(c, 999, 100)),
    ("duplicate phone", errors.Duplicate, lambda c, ids: khata.create_customer(c, name="Y", phone="98111 11111")),
    ("bad phone", errors.InvalidCode, lambda c, ids: khata.create_customer(c, name="Y", phone="12345")),
    ("bad HSN code", errors.InvalidCode,
     lambda c, ids: catalog.create_product(c, sku="NEW", name_en="New", price_paise=100, hsn_code="12AB")),
    ("negative cost", errors.InvalidAmount, lambda c, ids: catalog.update_product(c, "SALT", cost_paise=-5)),
    ("unknown unit", errors.InvalidQuantity,
     lambda c, ids: catalog.create_product(c, sku="NEW", name_en="New", price_paise=100, unit="bags")),
    ("purchase order to an unknown supplier", errors.NotFound,
     lambda c, ids: purchasing.create_purchase_order(c, supplier_id=999, lines=[PoLine(sku="SALT", qty_milli=1000)])),
    ("receiving an item not on the order", errors.InputError,
     lambda c, ids: purchasing.receive_purchase_order(c, ids["po"], received={"SOAP": 1000})),
    ("zero stock correction", errors.InvalidQuantity, lambda c, ids: inventory.adjust_stock(c, "SALT", 0)),
    ("wastage of nothing", errors.InvalidQuantity, lambda c, ids: inventory.record_wastage(c, "SALT", 0)),
    ("unknown setting", errors.InputError, lambda c, ids: settings.set_setting(c, "no.such.thing", 1)),
    ("bad setting value", errors.InputError,
     lambda c, ids: settings.set_setting(c, "billing.round_to_rupee", "perhaps")),
    ("order from an unknown marketplace", errors.NotFound,
     lambda c, ids: sales.import_marketplace_order(c, channel="flipkart", remote_id="1", lines=[
         RemoteLine(sku="SALT", qty_milli=1000, unit_price_paise=2800, remote_line_id="1:1")])),
    ("status of an unknown order", errors.NotFound, lambda c, ids: sales.set_order_status(c, 999, "packed")),
    ("GST rate over 100%", errors.InputError,
     lambda c, ids: taxes.add_rate(c, hsn_prefix="1905", rate_bp=20_000, effective_from=date(2027, 1, 1))),
    ("goal that ends before it starts", errors.InputError,
     lambda c, ids: goals.create_goal(c, description="grow", metrics=[], starts_on=date(2026, 7, 1),
                                      ends_on=date(2026, 6, 1))),
    ("closing a year twice", errors.InvalidState, lambda c, ids: periods.close_financial_year(c, "2025-26")),
]


@pytest.mark.parametrize(("what", "error", "call"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_refused_in_plain_words_and_writes_nothing(session, ctx, shopfront, what, error, call):
    before = table_snapshot(session)
    published = []
    ctx.bus.subscribe(published.append)
    with pytest.raises(error) as info:
        call(ctx, shopfront)
    message = str(info.value)
    assert isinstance(info.value, errors.AppError)
    assert len(info.value.message) > 10 and not any(word in message for word in JARGON), message
    assert table_snapshot(session) == before, f"{what}: something was written"
    assert published == []
