"""A contact group's address list: its members as rows, filtered by
country and sorted, and the same rows as CSV, XLSX and vCard.

Shared by the members page and ``GET <group>/@address-list``. Rows carry
no internal notes: an address list goes to the group's own members.
"""

from BTrees.IIBTree import IISet
from BTrees.IIBTree import intersection
from collab.portal import _
from collab.portal.comments.text import writable
from collab.portal.contacts.groups import member_intids
from collab.portal.content.contact import as_one_line
from collab.portal.mail.send import mailto_url
from collab.portal.vocabularies.countries import country_name
from io import BytesIO
from io import StringIO
from plone import api
from plone.i18n.normalizer.base import mapUnicode
from Products.CMFCore.indexing import processQueue
from Products.ZCatalog.query import IndexQuery
from zope.i18n import translate
import csv
import re
import vobject


COLUMNS = (
    ("name", _("Name")),
    ("organisation", _("Organisation")),
    ("country_name", _("Country")),
    ("email", _("E-mail")),
    ("phone", _("Phone")),
    ("role", _("Role in the group")),
)

SORT_KEYS = ("name", "organisation", "country", "email")

FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    ),
    "vcard": ("text/vcard; charset=utf-8", "vcf"),
}

E164 = re.compile(r"^\+\d{4,15}$")


class BadQuery(ValueError):
    """A sort key or country the address list does not know; its message
    is a translatable msgid."""


def _language(language):
    return (language or api.portal.get_current_language() or "en")[:2]


def _catalog():
    """The catalog, with the indexing queued in this transaction done first,
    as its ``searchResults`` does: the indexes are read directly below."""
    processQueue()
    return api.portal.get_tool("portal_catalog")


def _index(catalog, name):
    return catalog.Indexes[name]


def _record_ids(catalog, group):
    """The catalog record ids of the members, from the intids the group
    keeps: one query of the ``contact_intid`` index, no brain made, no
    contact or relation woken. A deleted contact's intid has no record and
    drops out."""
    intids = member_intids(group)
    if not intids:
        return IISet()
    rids = _index(catalog, "contact_intid").query_index(
        IndexQuery({"contact_intid": list(intids)}, "contact_intid")
    )
    return IISet() if rids is None else rids


def _in_country(catalog, rids, country):
    found = _index(catalog, "contact_country").query_index(
        IndexQuery({"contact_country": country}, "contact_country"), rids
    )
    return intersection(rids, found) if found is not None else IISet()


def _name_keys(catalog):
    return _index(catalog, "sortable_title").documentToKeyMap()


def _sorted(catalog, rids, sort_on, reverse, language):
    """The record ids in page order. The keys are read from the indexes'
    own record id -> value maps (what the catalog's ``sort_on`` reads);
    the name breaks ties. The country sorts by its name in the reader's
    language, which no index can hold for every language."""
    names = _name_keys(catalog)
    if sort_on == "name":
        return sorted(rids, key=lambda rid: names.get(rid) or "", reverse=reverse)
    if sort_on == "country":
        codes = _index(catalog, "contact_country").documentToKeyMap()
        folded = {}

        def first(rid):
            code = codes.get(rid)
            if code not in folded:
                folded[code] = mapUnicode(country_name(code, language)).lower()
            return folded[code]

    else:
        index = {"organisation": "contact_organisation", "email": "contact_email"}
        keys = _index(catalog, index[sort_on]).documentToKeyMap()

        def first(rid):
            return keys.get(rid) or ""

    return sorted(
        rids, key=lambda rid: (first(rid), names.get(rid) or ""), reverse=reverse
    )


def _rows_of(catalog, group, rids, language):
    """The rows of ``rids`` (a page's, or all for a file), in their order:
    the brains of exactly these records, found by their intids."""
    if not rids:
        return []
    intids = _index(catalog, "contact_intid").documentToKeyMap()
    brains = {
        brain.getRID(): brain
        for brain in catalog.unrestrictedSearchResults(
            contact_intid=[intids[rid] for rid in rids], portal_type="Contact"
        )
    }
    roles = group.member_roles or {}
    return [_row(brains[rid], roles, language) for rid in rids if rid in brains]


SORT_KEY_UNKNOWN = _("Sort the address list by name, organisation, country or e-mail.")
COUNTRY_UNKNOWN = _("This is not a known country code.")
BATCH_SIZE = _(
    "address_list_batch_size",
    default="b_size is a whole number from 1 up, b_start one from 0 up.",
)


def one_value(form, name, default, message):
    """The one text value of ``name`` in a query (``default`` if absent or
    empty); a parameter given twice or not as text is refused with
    ``message``, the message of that parameter."""
    value = form.get(name)
    if value in (None, ""):
        return default
    if not isinstance(value, str):
        raise BadQuery(message)
    return value


def query_of(form):
    """``(country, sort_on, reverse)`` from a page's or REST query; each
    parameter refused with its own message."""
    country = one_value(form, "country", None, COUNTRY_UNKNOWN)
    sort_on = one_value(form, "sort_on", "name", SORT_KEY_UNKNOWN)
    reverse = form.get("reverse")
    return country, sort_on, isinstance(reverse, str) and reverse in ("1", "true")


def batch_of(form):
    """``(b_start, b_size)`` of a REST query, checked (None when absent)."""
    found = []
    for name, low in (("b_start", 0), ("b_size", 1)):
        value = form.get(name)
        if value in (None, ""):
            found.append(None)
            continue
        text = str(value) if isinstance(value, (str, int)) else ""
        if not (text.isascii() and text.isdigit()) or int(text) < low:
            raise BadQuery(BATCH_SIZE)
        found.append(int(text))
    return tuple(found)


def _checked(sort_on, country, language):
    if sort_on not in SORT_KEYS:
        raise BadQuery(SORT_KEY_UNKNOWN)
    if country and country_name(country, language) == "":
        raise BadQuery(COUNTRY_UNKNOWN)


class AddressList:
    """The members (of ``country``, an ISO code or None) sorted on
    ``sort_on``; ``len()`` counts them and ``rows(start, end)`` builds the
    rows of that slice only.

    Finding, filtering, counting and sorting 2,000 members read catalog
    indexes, never their brains or objects; a page builds its 50 rows.
    Nothing is cached, so an edit shows at once. Unrestricted like the
    relations: who may read the list is the group's permission."""

    def __init__(
        self, group, country=None, sort_on="name", reverse=False, language=None
    ):
        self.group = group
        self.language = _language(language)
        _checked(sort_on, country, self.language)
        self.catalog = _catalog()
        self.members = _record_ids(self.catalog, group)
        rids = _in_country(self.catalog, self.members, country) if country else None
        self.rids = _sorted(
            self.catalog,
            self.members if rids is None else rids,
            sort_on,
            bool(reverse),
            self.language,
        )

    def __len__(self):
        return len(self.rids)

    def countries(self):
        """(code, name) of every member's country (whatever the filter),
        by name, for the filter's choices: codes read from the country
        index's record id -> code map, no row built."""
        codes = _index(self.catalog, "contact_country").documentToKeyMap()
        found = {codes.get(rid) for rid in self.members} - {None}
        names = {code: country_name(code, self.language) for code in found}
        return sorted(names.items(), key=lambda item: mapUnicode(item[1]).lower())

    def rows(self, start=0, end=None):
        return _rows_of(self.catalog, self.group, self.rids[start:end], self.language)


def address_rows(group, country=None, sort_on="name", reverse=False, language=None):
    """Every row, sorted and filtered (the files, REST, "write to all")."""
    return AddressList(group, country, sort_on, reverse, language).rows()


def _row(brain, roles, language):
    uid = brain.UID
    # A copy: the metadata's dict is shared by every reader of the brain.
    row = {"@id": brain.getURL(), "UID": uid, **(brain.address_row or {})}
    row["country_name"] = country_name(row.get("country"), language)
    row["role"] = roles.get(uid, "")
    return row


def mailto_all(rows):
    """A "write to all" link: every address in Bcc, so members do not see
    each other's address in the message they receive."""
    return mailto_url(bcc=[row["email"] for row in rows])


def neutralised(value, column=None):
    """A cell starting with =, +, -, @, a tab or a carriage return runs as
    a formula in spreadsheet programs; a leading apostrophe keeps it text
    (OWASP's advice). Leading spaces do not stop some programs (and a tab
    stored before the input rule is written as a space), so the first
    character after them counts. Phone numbers are stored in E.164 form
    (+ and digits only, checked on the way in) and are left as they are."""
    if column == "phone" and E164.match(value or ""):
        return value
    if isinstance(value, str) and value.lstrip(" ")[:1] in (
        "=",
        "+",
        "-",
        "@",
        "\t",
        "\r",
    ):
        return "'" + value
    return value


def _table(rows, headers):
    yield list(headers)
    for row in rows:
        yield [neutralised(row[key], key) for key, _title in COLUMNS]


def to_csv(rows, headers):
    out = StringIO()
    writer = csv.writer(out)
    for line in _table(rows, headers):
        writer.writerow(line)
    # A BOM so that spreadsheet programs read the accents right.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(rows, headers):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Address list"
    for number, line in enumerate(_table(rows, headers)):
        sheet.append(line)
        for cell in sheet[sheet.max_row]:
            # Written as text whatever it looks like: openpyxl would store a
            # value starting with "=" as a formula.
            cell.data_type = "s"
            if number == 0:
                cell.font = Font(bold=True)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def to_vcard(rows, headers=None):
    cards = []
    for row in rows:
        card = vobject.vCard()
        card.add("n").value = vobject.vcard.Name(
            family=row["family_name"], given=row["given_name"], prefix=row["salutation"]
        )
        card.add("fn").value = row["name"] or row["email"]
        if row["organisation"]:
            card.add("org").value = [row["organisation"]]
        if row["email"]:
            email = card.add("email")
            email.value = row["email"]
            email.type_param = "INTERNET"
        if row["phone"]:
            card.add("tel").value = row["phone"]
        if row["country"]:
            card.add("adr").value = vobject.vcard.Address(country=row["country_name"])
        if row["role"]:
            card.add("role").value = row["role"]
        cards.append(card.serialize())
    return "".join(cards).encode("utf-8")


WRITERS = {"csv": to_csv, "xlsx": to_xlsx, "vcard": to_vcard}


def exportable(row):
    """The row as the files write it: every field is one line, so what was
    stored before control characters were refused on input is written
    with spaces for line breaks and without what XML cannot hold (the
    forum's exports drop the same, ``comments.text.writable``)."""
    return {key: writable(as_one_line(value)) for key, value in row.items()}


def export(rows, fmt, headers):
    """``(bytes, content type, file extension)``."""
    content_type, extension = FORMATS[fmt]
    rows = [exportable(row) for row in rows]
    return WRITERS[fmt](rows, headers), content_type, extension


def export_file(group, rows, fmt, request):
    """The export as the answer to ``request`` (page or REST): the file's
    bytes, its type and name set on the response, never cached."""
    headers = [translate(title, context=request) for _key, title in COLUMNS]
    data, content_type, extension = export(rows, fmt, headers)
    response = request.response
    response.setHeader("Content-Type", content_type)
    response.setHeader(
        "Content-Disposition", f'attachment; filename="{group.getId()}.{extension}"'
    )
    response.setHeader("Cache-Control", "no-store")
    return data
