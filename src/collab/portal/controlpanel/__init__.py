"""controlpanel of collab.portal."""
