"""``@send`` on a mailing."""
