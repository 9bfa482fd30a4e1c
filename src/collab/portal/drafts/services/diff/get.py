"""``GET <draft>/@diff?from=<round>&to=<round|current>``: two texts of the
draft compared paragraph by paragraph, down to one word
(``drafts.comparison``). ``to`` defaults to ``current``, the text as it
stands. Each paragraph: its id, its numbers in both texts, its status
(unchanged, changed, moved, added, deleted), whether its words changed
(``edited``: a moved paragraph may be edited too) and the word diff as
``[[op, text], ...]`` (op: equal, delete, insert). 400 for a missing or
garbled parameter, 404 for a round the draft does not have."""

from collab.portal.drafts.comparison import as_ops
from collab.portal.drafts.comparison import compare_rounds
from collab.portal.drafts.comparison import ComparisonRefused
from collab.portal.drafts.comparison import CURRENT
from collab.portal.drafts.comparison import parse_side
from collab.portal.errors import shown
from plone.restapi.services import Service
from urllib.parse import urlencode
from zExceptions import BadRequest
from zExceptions import NotFound
from zope.i18n import translate


class DiffGet(Service):
    def reply(self):
        form = self.request.form
        try:
            old = parse_side(form.get("from"))
            new = parse_side(form.get("to"), default=CURRENT)
            rows = compare_rounds(self.context, old, new)
        except ComparisonRefused as error:
            kind = NotFound if error.status == 404 else BadRequest
            message = translate(error.message, context=self.request)
            raise shown(kind(message)) from None
        query = urlencode({"from": old, "to": new})
        return {
            "@id": f"{self.context.absolute_url()}/@diff?{query}",
            "from": old,
            "to": new,
            "paragraphs": [as_ops(row) for row in rows],
        }
