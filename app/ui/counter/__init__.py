"""The billing counter's screen, split by job; :class:`app.ui.pages.counter.CounterPage` lays it out and
mixes the jobs together.

- :mod:`.command`: the command line's modes and what typed text means (no Qt; tested without it)
- :mod:`.entry`: the command line's slots (type-ahead, Enter per mode, line keys)
- :mod:`.items`: an item onto the bill (scanner, typed, a new item for an unknown barcode)
- :mod:`.tabs`: the bills on the counter, one tab each, and the one way a bill changes
- :mod:`.hold`: hold, recall, throw away
- :mod:`.paying`: paying (choices from ``services.counter.payment_options``) and printing
- :mod:`.bill`, :mod:`.widgets`, :mod:`.payment`, :mod:`.add_product`, :mod:`.scanner`: the bill in
  memory and its saver, the table and totals, the payment and new-item dialogs, the scanner filter

Nothing is imported here, so ``app.ui.counter.command`` loads without Qt.
"""

__all__: list[str] = []
