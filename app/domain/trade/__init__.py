"""Exports: the terms of an export invoice, the LUT and its 3-month rule, export documents, route scoring.

Pure like the rest of ``app.domain``: the store reads the rows, the services write them. Facts and their
sources are in ``docs/trade.md``.
"""
