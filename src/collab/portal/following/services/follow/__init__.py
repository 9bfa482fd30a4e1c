"""``@follow`` on forums and discussion groups: GET, POST, DELETE."""
