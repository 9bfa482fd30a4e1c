"""``GET <draft>/@comments-export?format=docx|xlsx|csv[&round=n]
[&language=es]``: the compiled comments of a round (the current one by
default; labels, countries and dates in the language asked for, else
the draft's), as the
exporting reader may read them (``incorporation.export_file``): the file
with its ``Content-Disposition`` and ``Cache-Control: private,
no-store``. 400 for an unknown format or a round that is not a number;
404 for a round the draft does not have."""

from collab.portal.drafts.incorporation import export_file
from collab.portal.drafts.incorporation import IncorporationRefused
from collab.portal.drafts.services.apply_suggestion.post import refusal
from plone.restapi.services import Service


class CommentsExportGet(Service):
    def render(self):
        self.check_permission()
        try:
            return export_file(self.context, self.request.form, self.request.response)
        except IncorporationRefused as error:
            raise refusal(error, self.request) from None
