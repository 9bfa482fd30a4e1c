"""Fixtures of the import tests: files in the forms people send them,
and the directory of helpers.py with one group."""

from collab.portal.testing import FUNCTIONAL_TESTING
from contacts.helpers import make_directory
from plone import api
from portal_helpers import page_browser
from portal_helpers import rest_session
import base64
import io
import transaction
import unittest


HEADER = [
    "given_name",
    "family_name",
    "email",
    "organisation",
    "position",
    "country",
    "phone",
    "preferred_language",
    "groups",
]

GOOD_ROWS = [
    [
        "Émile",
        "Dubois",
        "emile.dubois@example.org",
        "Ministère",
        "observer",
        "France",
        "+33 1 40 00 00 00",
        "fr",
        "wg",
    ],
    [
        "Kofi",
        "Mensah",
        "kofi@example.org",
        "EPA Ghana",
        "National focal point",
        "GH",
        "",
        "en",
        "Working group on finance",
    ],
    ["Ana", "Pérez", "ana.perez@example.org", "Minam", "", "PE", "", "es", "wg"],
]


def csv_bytes(rows, header=HEADER, delimiter=",", encoding="utf-8"):
    lines = [delimiter.join(header)] + [delimiter.join(row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def xlsx_bytes(rows, header=HEADER):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def file_field(data, filename="contacts.csv", content_type="text/csv"):
    return {
        "data": base64.b64encode(data).decode("ascii"),
        "encoding": "base64",
        "filename": filename,
        "content-type": content_type,
    }


class ImportTestCase(unittest.TestCase):
    layer = FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        self.directory, self.ana, self.luc = make_directory(self.portal)
        with api.env.adopt_roles(["Manager"]):
            self.group = api.content.create(
                self.directory,
                "ContactGroup",
                id="wg",
                title="Working group on finance",
            )
        transaction.commit()
        # The distribution's demo contacts are in every test site's
        # directory; the tests count the others.
        self.demo = {
            obj.email.lower()
            for obj in self.directory.objectValues()
            if obj.portal_type == "Contact" and obj not in (self.ana, self.luc)
        }

    def contacts(self):
        transaction.begin()
        return {
            obj.email.lower(): obj
            for obj in self.directory.objectValues()
            if obj.portal_type == "Contact" and obj.email.lower() not in self.demo
        }

    def members(self):
        transaction.begin()
        return sorted(rel.to_object.email.lower() for rel in self.group.members or [])

    def rest(self, login="secretariat", language="en"):
        return rest_session(self.portal.absolute_url(), login, language)

    def post(self, data, filename="contacts.csv", session=None, **options):
        session = session or self.rest()
        return session.post(
            f"{self.directory.absolute_url()}/@import-contacts",
            json={"file": file_field(data, filename), **options},
        )

    def browser(self, login="secretariat", language="en"):
        return page_browser(self.layer["app"], login, language)
