"""Qt item models over the store: they hold a page of records, never the whole table."""
