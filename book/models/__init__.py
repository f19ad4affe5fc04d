"""The science: small pure functions (numpy and scipy only), units in names and docstrings."""
