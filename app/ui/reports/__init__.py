"""The Reports page: a period's sales by day, category and item, profit and margin, GST by rate."""
