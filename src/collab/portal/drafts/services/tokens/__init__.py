"""``@tokens`` of a draft: the secretariat's view of its guest links."""
