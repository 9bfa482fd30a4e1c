"""``@import-contacts`` on a contact directory."""
