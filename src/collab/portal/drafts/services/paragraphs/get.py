"""``GET <draft>/@paragraphs``: the draft's paragraphs in order, each with
its id, number, kind, text and how many of its comments the reader may
read. Polled by the draft page beside ``@comments``: the answer carries an
ETag and is 304 while nothing of it changed (``drafts.polling``)."""

from collab.portal.conditional import not_modified
from collab.portal.drafts.paragraphs import read_table
from collab.portal.drafts.polling import paragraph_counts
from collab.portal.drafts.polling import paragraphs_etag
from plone.restapi.services import Service


class ParagraphsGet(Service):
    def reply(self):
        if not_modified(self.request, paragraphs_etag(self.context, self.request)):
            return self.reply_no_content(status=304)
        counts = paragraph_counts(self.context)
        items = [
            {
                "id": paragraph.id,
                "number": paragraph.number,
                "kind": paragraph.kind,
                "text": paragraph.text,
                "comments": counts.get(paragraph.id, 0),
            }
            for paragraph in read_table(self.context).paragraphs()
        ]
        return {
            "@id": f"{self.context.absolute_url()}/@paragraphs",
            "items": items,
            "items_total": len(items),
        }
