"""services of collab.portal."""
