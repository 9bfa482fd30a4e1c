"""GET @address-list."""
