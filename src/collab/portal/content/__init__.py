"""content of collab.portal."""
