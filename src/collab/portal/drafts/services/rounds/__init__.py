"""``@rounds`` of a draft: open, list, close."""
