"""behaviors of collab.portal."""
