"""Import contacts and group memberships from a CSV or XLSX file.

``plan_import`` reads and checks every row and writes nothing: it
answers what would be created, updated, skipped and refused (with the
row number and reason of each refusal), for the preview. ``apply_import``
plans again and writes only if no row is refused: the import is
all-or-nothing. Rows are numbered as a spreadsheet shows them (the
header is row 1).
"""

from collab.portal import _
from collab.portal.contacts.directory import contacts_by_email
from collab.portal.contacts.import_files import read_table
from collab.portal.content.contact import email_key
from collab.portal.content.contact import InvalidEmail
from collab.portal.content.contact import InvalidPhone
from collab.portal.content.contact import LANGUAGES
from collab.portal.content.contact import NonAsciiLocalPart
from collab.portal.content.contact import normalized_email
from collab.portal.content.contact import normalized_phone
from collab.portal.vocabularies.countries import country_names
from plone import api
from plone.i18n.normalizer.interfaces import IIDNormalizer
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.event import notify
from zope.intid.interfaces import IIntIds
from zope.lifecycleevent import ObjectModifiedEvent
from zope.schema.interfaces import IVocabularyFactory
import re


UPDATE, SKIP = "update", "skip"
TEXT_FIELDS = ("salutation", "given_name", "family_name", "organisation")
LIMITS = {"salutation": 40, "given_name": 100, "family_name": 100, "organisation": 200}
MARKUP = re.compile(r"<\s*[a-zA-Z/!?]")

REASONS = {
    "name": _(
        "import_missing_name", default="The given name or family name is missing."
    ),
    "email": _("import_bad_email", default="The e-mail address is not valid."),
    "email_local_part": _(
        "import_email_local_part",
        default="The part of the e-mail address before the @ has characters "
        "mail cannot be delivered to reliably (only a to z, digits and . _ - +).",
    ),
    "duplicate": _(
        "import_duplicate_email",
        default="The e-mail address is also in an earlier row of the file.",
    ),
    "country": _("import_unknown_country", default="The country is unknown."),
    "position": _("import_unknown_position", default="The position is unknown."),
    "language": _(
        "import_unknown_language",
        default="The preferred language must be en, es or fr.",
    ),
    "phone": _("import_bad_phone", default="The phone number is not valid."),
    "group": _("import_unknown_group", default="A group named in the row is unknown."),
    "markup": _(
        "import_markup",
        default="A cell contains HTML or script markup, which is not accepted.",
    ),
    "long": _("import_too_long", default="A cell is longer than its field allows."),
}


class Plan:
    def __init__(self):
        self.create, self.update, self.skip, self.refused = [], [], [], []

    def as_dict(self, translate_reason):
        return {
            "created": self.create,
            "updated": [_shown(r) for r in self.update],
            "skipped": [_shown(r) for r in self.skip],
            "refused": [
                {"row": row, "reason": translate_reason(REASONS[code])}
                for row, code in self.refused
            ],
        }


def _shown(values):
    return {k: v for k, v in values.items() if k != "_contact"}


def _countries():
    """Codes and names (en, es, fr, lower-cased) → ISO code."""
    found = {}
    for language in LANGUAGES:
        for code, name in country_names(language).items():
            found[code.lower()] = code
            found[name.lower()] = code
    return found


def _positions(directory):
    vocabulary = getUtility(IVocabularyFactory, "collab.portal.ContactPositions")(
        directory
    )
    found = {}
    for term in vocabulary:
        found[term.value.lower()] = term.value
        found[str(term.title).lower()] = term.value
    return found


def _groups(directory):
    found = {}
    for obj in directory.objectValues():
        if getattr(obj, "portal_type", None) == "ContactGroup":
            found[obj.getId().lower()] = obj
            found[(obj.Title() or "").strip().lower()] = obj
    return found


def _split_groups(value):
    return [part.strip() for part in re.split(r"[|,]", value or "") if part.strip()]


def check_row(cells, lookups):
    """``(values, reason code or None)`` for one row's cells by column."""
    countries, positions, groups = lookups
    values = {}
    for name in TEXT_FIELDS:
        value = (cells.get(name) or "").strip()
        if MARKUP.search(value):
            return None, "markup"
        if len(value) > LIMITS[name]:
            return None, "long"
        values[name] = value or None
    if not values["given_name"] or not values["family_name"]:
        return None, "name"
    try:
        values["email"] = normalized_email((cells.get("email") or "").strip())
    except NonAsciiLocalPart:
        return None, "email_local_part"
    except InvalidEmail:
        return None, "email"
    country = (cells.get("country") or "").strip()
    if country:
        if country.lower() not in countries:
            return None, "country"
        values["country"] = countries[country.lower()]
    position = (cells.get("position") or "").strip()
    if position:
        if position.lower() not in positions:
            return None, "position"
        values["position"] = positions[position.lower()]
    language = (cells.get("preferred_language") or "").strip().lower()
    if language:
        if language not in LANGUAGES:
            return None, "language"
        values["preferred_language"] = language
    phone = (cells.get("phone") or "").strip()
    if phone:
        try:
            values["phone"] = normalized_phone(phone)
        except InvalidPhone:
            return None, "phone"
    wanted = _split_groups(cells.get("groups"))
    if any(name.lower() not in groups for name in wanted):
        return None, "group"
    values["groups"] = sorted({groups[name.lower()].getId() for name in wanted})
    return values, None


def plan_import(directory, data, filename="", duplicates=UPDATE):
    """Check every row; write nothing. Raises ``UnreadableFile`` for a file
    that cannot be read as a whole."""
    header, rows = read_table(data, filename)
    lookups = (_countries(), _positions(directory), _groups(directory))
    existing = contacts_by_email(directory)
    seen = set()
    plan = Plan()
    for number, row in enumerate(rows, start=2):
        cells = dict(zip(header, row, strict=False))
        values, reason = check_row(cells, lookups)
        if reason is None and email_key(values["email"]) in seen:
            reason = "duplicate"
        if reason is not None:
            plan.refused.append((number, reason))
            continue
        key = email_key(values["email"])
        seen.add(key)
        values["row"] = number
        brain = existing.get(key)
        contact = brain._unrestrictedGetObject() if brain is not None else None
        if contact is None:
            plan.create.append(values)
        elif duplicates == SKIP:
            plan.skip.append({**values, "_contact": contact})
        else:
            plan.update.append({**values, "_contact": contact})
    return plan


def apply_import(directory, data, filename="", duplicates=UPDATE):
    """Plan, then write everything or, if any row is refused, nothing.
    Returns the plan."""
    plan = plan_import(directory, data, filename, duplicates)
    if plan.refused:
        return plan
    memberships = {}
    normalizer = getUtility(IIDNormalizer)
    for values in plan.create:
        fields = _fields(values)
        base = normalizer.normalize(f"{values['given_name']} {values['family_name']}")
        contact = api.content.create(
            directory,
            "Contact",
            id=_free_id(directory, base or "contact"),
            **fields,
        )
        memberships[contact] = values["groups"]
    for values in plan.update:
        contact = values["_contact"]
        for name, value in _fields(values).items():
            if value is not None:
                setattr(contact, name, value)
        notify(ObjectModifiedEvent(contact))
        contact.reindexObject()
        memberships[contact] = values["groups"]
    _add_memberships(directory, memberships)
    return plan


def _fields(values):
    return {k: v for k, v in values.items() if k not in ("groups", "row", "_contact")}


def _free_id(directory, base):
    candidate, number = base[:60], 1
    while directory.hasObject(candidate):
        number += 1
        candidate = f"{base[:60]}-{number}"
    return candidate


def _add_memberships(directory, memberships):
    """Append each contact to the groups its row names (kept if already in)."""
    intids = getUtility(IIntIds)
    by_group = {}
    for contact, group_ids in memberships.items():
        for group_id in group_ids:
            by_group.setdefault(group_id, []).append(contact)
    for group_id, contacts in by_group.items():
        group = directory[group_id]
        members = list(group.members or [])
        present = {rel.to_id for rel in members}
        for contact in contacts:
            to_id = intids.getId(contact)
            if to_id not in present:
                members.append(RelationValue(to_id))
                present.add(to_id)
        group.members = members
        notify(ObjectModifiedEvent(group))
