"""POST /@clock (and its old name /@forum-clock)."""
