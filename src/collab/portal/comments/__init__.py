"""The comment engine: plone.app.discussion, extended, for any content
that provides ``ICommentHost`` and answers ``ICommentPolicy``
(``interfaces.py``)."""
