"""``GET <group>/@address-list``: the members as JSON (batched), or the
file of the page's export with ``format=csv|xlsx|vcard``; ``country`` and
``sort_on`` (name, organisation, country, email), ``reverse=1``."""

from collab.portal import _
from collab.portal.contacts.address_list import address_rows
from collab.portal.contacts.address_list import BadQuery
from collab.portal.contacts.address_list import batch_of
from collab.portal.contacts.address_list import export_file
from collab.portal.contacts.address_list import FORMATS
from collab.portal.contacts.address_list import one_value
from collab.portal.contacts.address_list import query_of
from plone.restapi.batching import HypermediaBatch
from plone.restapi.services import Service
from zExceptions import BadRequest
from zope.i18n import translate


FORMAT = _(
    "address_list_rest_format",
    default="Ask for format json, csv, xlsx or vcard.",
)


class AddressListGet(Service):
    def _refuse(self, message):
        raise BadRequest(translate(message, context=self.request))

    def _rows(self):
        try:
            return address_rows(self.context, *query_of(self.request.form))
        except BadQuery as error:
            self._refuse(error.args[0])

    def _format(self):
        try:
            fmt = one_value(self.request.form, "format", "json", FORMAT)
            if fmt != "json" and fmt not in FORMATS:
                raise BadQuery(FORMAT)
            if fmt == "json":
                batch_of(self.request.form)
        except BadQuery as error:
            self._refuse(error.args[0])
        return fmt

    def render(self):
        self.check_permission()
        fmt = self._format()
        if fmt == "json":
            return super().render()
        return export_file(self.context, self._rows(), fmt, self.request)

    def reply(self):
        rows = self._rows()
        batch = HypermediaBatch(self.request, rows)
        data = {
            "@id": batch.canonical_url,
            "items": list(batch),
            "items_total": batch.items_total,
        }
        if batch.links:
            data["batching"] = batch.links
        return data
