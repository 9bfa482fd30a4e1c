"""A contact group's address list: its members as rows, filtered by
country and sorted, and the same rows as CSV, XLSX and vCard.

Shared by the members page and ``GET <group>/@address-list``. Rows carry
no internal notes: an address list goes to the group's own members.
"""

from collab.portal import _
from collab.portal.contacts.groups import contact_uid
from collab.portal.contacts.groups import group_members
from collab.portal.vocabularies.countries import country_name
from io import BytesIO
from io import StringIO
from plone import api
from plone.i18n.normalizer.base import mapUnicode
from plone.memoize import ram
from zope.globalrequest import getRequest
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


def _rows_key(func, group, language=None):
    """The rows change when the group does (members, roles: its
    ``_p_mtime``) or any contact is edited, added, moved or deleted (each
    is reindexed: the catalog's counter); the URLs with the host asked."""
    if getattr(group._p_jar, "_registered_objects", None):
        # Changes not yet committed (and maybe never): a catalog counter
        # rolled back with them must not find their rows.
        raise ram.DontCache
    request = getRequest()
    return (
        "/".join(group.getPhysicalPath()),
        group._p_mtime,
        api.portal.get_tool("portal_catalog").getCounter(),
        _language(language),
        request.get("SERVER_URL", "") if request is not None else "",
    )


def _language(language):
    return (language or api.portal.get_current_language() or "en")[:2]


@ram.cache(_rows_key)
def member_rows(group, language=None):
    """Every member as a dict, in the group's order (unfiltered).

    Cached: reading 2,000 contacts through their relations cost most of
    the address list page (bench ``address-list-html``), and the rows are
    the same until a contact or the group changes. Callers must not change
    the rows they get."""
    roles = group.member_roles or {}
    language = _language(language)
    return tuple(_row(contact, roles, language) for contact in group_members(group))


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
        ordered = _ordered(group, sort_on, bool(reverse), language)
    else:
        ordered = _sort(rows, sort_on, reverse)
    if country:
        return [row for row in ordered if row["country"] == country]
    return list(ordered)


def _sort(rows, sort_on, reverse):
    return sorted(rows, key=lambda row: _sort_key(row, sort_on), reverse=bool(reverse))


def _ordered_key(func, group, sort_on, reverse, language):
    return (*_rows_key(func, group, language), sort_on, reverse)


@ram.cache(_ordered_key)
def _ordered(group, sort_on, reverse, language):
    """The member rows sorted, cached with them: sorting 2,000 names by
    their accent-free form is the next cost of the page."""
    return tuple(_sort(member_rows(group, language), sort_on, reverse))


def _row(contact, roles, language):
    uid = contact_uid(contact)
    return {
        "@id": contact.absolute_url(),
        "UID": uid,
        "salutation": contact.salutation or "",
        "given_name": contact.given_name or "",
        "family_name": contact.family_name or "",
        "name": contact.title,
        "organisation": contact.organisation or "",
        "position": contact.position or "",
        "country": contact.country or "",
        "country_name": country_name(contact.country, language),
        "email": contact.email or "",
        "phone": contact.phone or "",
        "preferred_language": contact.preferred_language or "",
        "role": roles.get(uid, ""),
    }


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
