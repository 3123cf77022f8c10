"""The billing counter's screen: the bill, the command line, the scanner filter, payment and new items."""
