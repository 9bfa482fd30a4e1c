"""browser of collab.portal."""
