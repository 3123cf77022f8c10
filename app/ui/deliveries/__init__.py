"""The shop's own home deliveries on the Orders page: the list with its steps, the new-order form, and the
day's run sheet."""
