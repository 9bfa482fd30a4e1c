"""upgrades of collab.portal."""
