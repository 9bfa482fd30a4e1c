"""The members page of a contact group (``@@address-list``) and its
exports (``@@address-list-export?format=csv|xlsx|vcard``), for the group's
own members and the secretariat ("View address list")."""

from collab.portal import _
from collab.portal.contacts.address_list import address_rows
from collab.portal.contacts.address_list import BadQuery
from collab.portal.contacts.address_list import COLUMNS
from collab.portal.contacts.address_list import countries_of
from collab.portal.contacts.address_list import export_file
from collab.portal.contacts.address_list import FORMATS
from collab.portal.contacts.address_list import mailto_all
from collab.portal.contacts.address_list import member_rows
from collab.portal.interfaces import shown
from plone import api
from plone.batching import Batch
from Products.Five.browser import BrowserView
from urllib.parse import urlencode
from zExceptions import BadRequest
from zope.i18n import translate


PAGE_SIZE = 50


def _query(request):
    """country, sort_on, reverse from the form; bad values refused."""
    form = request.form
    country = form.get("country") or None
    sort_on = form.get("sort_on") or "name"
    if not isinstance(country, (str, type(None))) or not isinstance(sort_on, str):
        raise BadQuery(_("This is not a known country code."))
    return country, sort_on, form.get("reverse") == "1"


def _refused(message, request):
    return shown(BadRequest(translate(message, context=request)))


class AddressListView(BrowserView):
    def __call__(self):
        try:
            country, self.sort_on, self.reverse = _query(self.request)
            self.country = country or ""
            self.all_rows = member_rows(self.context)
            self.rows = address_rows(self.context, country, self.sort_on, self.reverse)
        except BadQuery as error:
            raise _refused(error.args[0], self.request) from None
        b_start = self.request.form.get("b_start", "0")
        b_start = int(b_start) if str(b_start).isdigit() else 0
        self.batch = Batch(self.rows, PAGE_SIZE, b_start, orphan=1)
        return self.index()

    def columns(self):
        return COLUMNS

    def countries(self):
        return countries_of(self.all_rows)

    def sort_url(self, key):
        """Clicking the sorted column again reverses it."""
        query = {"sort_on": key}
        if self.country:
            query["country"] = self.country
        if key == self.sort_on and not self.reverse:
            query["reverse"] = "1"
        return f"{self.context.absolute_url()}/@@address-list?{urlencode(query)}"

    def sort_state(self, key):
        """For aria-sort: screen readers say how the table is sorted."""
        if key != self.sort_on:
            return None
        return "descending" if self.reverse else "ascending"

    def export_url(self, fmt):
        query = {"format": fmt}
        if self.country:
            query["country"] = self.country
        return f"{self.context.absolute_url()}/@@address-list-export?{urlencode(query)}"

    def batch_navigation(self):
        return api.content.get_view("batchnavigation", self.context, self.request)(
            self.batch
        )

    def can_edit_roles(self):
        return api.user.has_permission("Modify portal content", obj=self.context)

    def write_to_all(self):
        return mailto_all(self.rows)


class AddressListExport(BrowserView):
    def __call__(self):
        fmt = self.request.form.get("format", "csv")
        if not isinstance(fmt, str) or fmt not in FORMATS:
            raise _refused(
                _("address_list_format", default="Export as csv, xlsx or vcard."),
                self.request,
            )
        try:
            country, sort_on, reverse = _query(self.request)
            rows = address_rows(self.context, country, sort_on, reverse)
        except BadQuery as error:
            raise _refused(error.args[0], self.request) from None
        return export_file(self.context, rows, fmt, self.request)
