"""``<group>/@@export-comments?format=csv|xlsx|docx`` for editors; REST
clients use the same view with the same permission."""

from collab.portal import _
from collab.portal.comments.export import FORMATS
from collab.portal.comments.export import headers as export_headers
from collab.portal.comments.export import WRITERS
from collab.portal.errors import shown
from Products.Five.browser import BrowserView
from zExceptions import BadRequest
from zope.i18n import translate


class ExportComments(BrowserView):
    def __call__(self):
        fmt = self.request.form.get("format", "csv")
        if not isinstance(fmt, str) or fmt not in WRITERS:
            raise shown(
                BadRequest(
                    translate(
                        _(
                            "unknown_export_format",
                            default="Export as csv, xlsx or docx.",
                        ),
                        context=self.request,
                    )
                )
            )
        headers = export_headers(self.context, self.request)
        data = WRITERS[fmt](self.context, headers)
        content_type, extension = FORMATS[fmt]
        response = self.request.response
        response.setHeader("Content-Type", content_type)
        response.setHeader(
            "Content-Disposition",
            f'attachment; filename="{self.context.getId()}-comments.{extension}"',
        )
        response.setHeader("Cache-Control", "no-store")
        return data
