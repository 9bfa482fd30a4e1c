"""``@resend-failed`` on a mailing."""
