"""The Suppliers tab: suppliers, what the shop owes them, purchase orders and purchase bills."""
