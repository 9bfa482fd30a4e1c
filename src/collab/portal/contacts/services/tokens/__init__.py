"""``@tokens`` on a contact: the secretariat's view of its personal links."""
