"""The Bills tab: past bills found and opened, printed again, goods taken back, and the day closed."""
