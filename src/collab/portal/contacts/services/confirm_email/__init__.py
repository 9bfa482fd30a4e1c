"""``@confirm-email``: confirm a new address given through a personal link."""
