"""The members page of a contact group (``@@address-list``), its
exports (``@@address-list-export?format=csv|xlsx|vcard``) and its "write
to all" link (``@@address-list-mailto``), for the group's own members and
the secretariat ("View address list")."""

from collab.portal import _
from collab.portal.contacts.address_list import address_rows
from collab.portal.contacts.address_list import AddressList
from collab.portal.contacts.address_list import BadQuery
from collab.portal.contacts.address_list import COLUMNS
from collab.portal.contacts.address_list import export_file
from collab.portal.contacts.address_list import FORMATS
from collab.portal.contacts.address_list import mailto_all
from collab.portal.contacts.address_list import one_value
from collab.portal.contacts.address_list import query_of
from collab.portal.errors import shown
from collab.portal.mail.send import mailto_url
from plone import api
from plone.batching import Batch
from Products.Five.browser import BrowserView
from urllib.parse import urlencode
from zExceptions import BadRequest
from zope.i18n import translate


PAGE_SIZE = 50


def _query(request):
    """country, sort_on, reverse from the form; bad values refused."""
    return query_of(request.form)


def _refused(message, request):
    return shown(BadRequest(translate(message, context=request)))


def _batch_start(request):
    b_start = request.form.get("b_start", "0")
    return int(b_start) if str(b_start).isdigit() else 0


class Page(list):
    """The rows of one page, knowing how many rows there are in all: what
    plone.batching reads from a result the catalog batched itself
    (``actual_result_count``), so a Batch of it shows exactly these."""

    def __init__(self, rows, total):
        super().__init__(rows)
        self.actual_result_count = total


class AddressListView(BrowserView):
    """Builds the rows of the page shown only: the count, the country
    choices and the "write to all" link need none."""

    def __call__(self):
        try:
            country, self.sort_on, self.reverse = _query(self.request)
            self.country = country or ""
            self.members = AddressList(
                self.context, country, self.sort_on, self.reverse
            )
        except BadQuery as error:
            raise _refused(error.args[0], self.request) from None
        self.total = len(self.members)
        start = _batch_start(self.request)
        # Where the page starts and ends (orphans, past the end) as Batch
        # decides, then a Batch of that page's rows alone.
        bounds = Batch(range(self.total), PAGE_SIZE, start, orphan=1)
        rows = self.members.rows(bounds.first, bounds.end)
        self.shown = (bounds.first + 1, bounds.first + len(rows))
        self.batch = Batch(Page(rows, self.total), PAGE_SIZE, start, orphan=1)
        return self.index()

    def count_text(self):
        """The count, and which rows are shown where the list runs over
        pages ("Members: 104 (showing 1–50)."): it is the group's (or the
        filter's) count, not the page's."""
        first, last = self.shown
        if first == 1 and last >= self.total:
            return _(
                "address_list_count",
                default="Members: ${count}.",
                mapping={"count": self.total},
            )
        return _(
            "address_list_count_batched",
            default="Members: ${count} (showing ${first}–${last}).",
            mapping={"count": self.total, "first": first, "last": last},
        )

    def columns(self):
        return COLUMNS

    def countries(self):
        return self.members.countries()

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

    def mailto(self, address):
        """A row's mailto: link, its address percent-encoded (RFC 6068)."""
        return mailto_url(to=[address])

    def write_to_all(self):
        """A link to ``@@address-list-mailto``: the addresses of every
        member shown are looked up when it is followed, not on each page."""
        query = {"country": self.country} if self.country else {}
        url = f"{self.context.absolute_url()}/@@address-list-mailto"
        return f"{url}?{urlencode(query)}" if query else url


class AddressListExport(BrowserView):
    def __call__(self):
        message = _("address_list_format", default="Export as csv, xlsx or vcard.")
        try:
            fmt = one_value(self.request.form, "format", "csv", message)
            if fmt not in FORMATS:
                raise BadQuery(message)
            country, sort_on, reverse = _query(self.request)
            rows = address_rows(self.context, country, sort_on, reverse)
        except BadQuery as error:
            raise _refused(error.args[0], self.request) from None
        return export_file(self.context, rows, fmt, self.request)


class AddressListMailto(BrowserView):
    """Answers with a redirect to the mailto: URL of every member (of the
    country asked), which a mail program opens; the page only links here."""

    def __call__(self):
        try:
            country, _sort_on, _reverse = _query(self.request)
            rows = address_rows(self.context, country)
        except BadQuery as error:
            raise _refused(error.args[0], self.request) from None
        mailto = mailto_all(rows)
        if not mailto:
            raise _refused(_("No members to show."), self.request)
        self.request.response.setHeader("Cache-Control", "no-store")
        return self.request.response.redirect(mailto, lock=True)
