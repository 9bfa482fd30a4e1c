"""``@flag-comment``: members flag a comment for the moderators."""
