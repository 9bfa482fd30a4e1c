"""``@update-details``: a contact's self-update over REST (GET, POST)."""
