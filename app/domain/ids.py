"""Typed identifiers, so that an order id is never passed where a customer id belongs."""

from typing import NewType

__all__ = ["CustomerId", "DecisionId", "GoalId", "OrderId", "Paise", "PaymentId", "PurchaseOrderId", "Sku",
           "SupplierId"]

Sku = NewType("Sku", str)
OrderId = NewType("OrderId", int)
CustomerId = NewType("CustomerId", int)
SupplierId = NewType("SupplierId", int)
PurchaseOrderId = NewType("PurchaseOrderId", int)
PaymentId = NewType("PaymentId", int)
GoalId = NewType("GoalId", int)
DecisionId = NewType("DecisionId", int)
Paise = NewType("Paise", int)
