"""A contact group's address list: its members as rows, filtered by
country and sorted, and the same rows as CSV, XLSX and vCard.

Shared by the members page and ``GET <group>/@address-list``. Rows carry
no internal notes: an address list goes to the group's own members.
"""

from collab.portal import _
from collab.portal.vocabularies.countries import country_name
from io import BytesIO
from io import StringIO
from plone import api
from plone.i18n.normalizer.base import mapUnicode
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


def _member_brains(group):
    """The members' catalog brains, in the group's order, found by the
    intids their relations hold in one query: no contact is woken, and a
    deleted contact (its intid gone, its brain too) is left out. Unrestricted
    like the relations: who may read the list is the group's permission."""
    intids = []
    for relation in group.members or ():
        to_id = relation.to_id
        if to_id is not None and to_id not in intids:
            intids.append(to_id)
    if not intids:
        return []
    catalog = api.portal.get_tool("portal_catalog")
    found = {
        brain.contact_intid: brain
        for brain in catalog.unrestrictedSearchResults(
            contact_intid=intids, portal_type="Contact"
        )
    }
    return [found[intid] for intid in intids if intid in found]


def member_rows(group, language=None):
    """Every member as a dict, in the group's order (unfiltered).

    Read from the catalog's ``address_row`` metadata (contacts/indexers.py),
    which every edit of a contact reindexes: 2,000 rows cost a catalog query
    and no contact is loaded, so there is nothing to cache."""
    roles = group.member_roles or {}
    language = _language(language)
    return [_row(brain, roles, language) for brain in _member_brains(group)]


def address_rows(
    group, country=None, sort_on="name", reverse=False, language=None, rows=None
):
    """The members as dicts; ``country`` an ISO code or None for all;
    ``rows`` the group's ``member_rows`` if the caller has them already."""
    if sort_on not in SORT_KEYS:
        raise BadQuery(
            _("Sort the address list by name, organisation, country or e-mail.")
        )
    if country and country_name(country, language) == "":
        raise BadQuery(_("This is not a known country code."))
    if rows is None:
        rows = member_rows(group, language)
    if country:
        rows = [row for row in rows if row["country"] == country]
    return sorted(rows, key=lambda row: _sort_key(row, sort_on), reverse=bool(reverse))


def _row(brain, roles, language):
    uid = brain.UID
    # A copy: the metadata's dict is shared by every reader of the brain.
    row = {"@id": brain.getURL(), "UID": uid, **(brain.address_row or {})}
    row["country_name"] = country_name(row.get("country"), language)
    row["role"] = roles.get(uid, "")
    return row


def _sort_key(row, sort_on):
    if sort_on == "name":
        value = f"{row['family_name']} {row['given_name']}"
    elif sort_on == "country":
        value = row["country_name"]
    else:
        value = row[sort_on]
    return mapUnicode(value).lower()


def countries_of(rows):
    """(code, name) of the countries of ``member_rows``, for the filter."""
    names = {row["country"]: row["country_name"] for row in rows if row["country"]}
    return sorted(names.items(), key=lambda item: item[1])


def mailto_all(rows):
    """A "write to all" link: every address in Bcc, so members do not see
    each other's address in the message they receive."""
    addresses = ",".join(row["email"] for row in rows if row["email"])
    return f"mailto:?bcc={addresses}" if addresses else ""


def neutralised(value, column=None):
    """A cell starting with =, +, -, @, a tab or a carriage return runs as
    a formula in spreadsheet programs; a leading apostrophe keeps it text
    (OWASP's advice). Phone numbers are stored in E.164 form (+ and digits
    only, checked on the way in) and are left as they are."""
    if column == "phone" and E164.match(value or ""):
        return value
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
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


def export(rows, fmt, headers):
    """``(bytes, content type, file extension)``."""
    content_type, extension = FORMATS[fmt]
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
