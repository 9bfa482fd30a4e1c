"""vocabularies of collab.portal."""
