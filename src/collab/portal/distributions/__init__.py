"""distributions of collab.portal."""
