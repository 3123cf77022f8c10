"""Courier bookings in the window: the strip under an order (book, tracking, label), the booking dialog
(carriers with the aggregator's rates), and the courier account box on the Sync page."""
