"""``POST <directory>``: plone.restapi's content creation, its body read
as a JSON object first. plone.restapi answered a malformed body or one
that is no object (``[1]``, ``null``, ``"x"``) with a 500."""
