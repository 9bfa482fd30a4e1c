"""Comments of discussion groups: plone.app.discussion, extended."""
