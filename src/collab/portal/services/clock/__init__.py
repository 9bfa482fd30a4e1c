"""POST /@forum-clock."""
