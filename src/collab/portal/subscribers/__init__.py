"""subscribers of collab.portal."""
