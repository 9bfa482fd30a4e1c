"""``@delivery`` on a mailing."""
