"""GET <forum>/@schedule."""
