"""``@moderate-comment``: moderators decide on a comment over REST."""
