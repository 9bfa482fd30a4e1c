"""A contact group's address list: the page (sorted, filtered, batched,
"write to all"), its CSV, XLSX and vCard exports with formula-like cells
neutralised, and ``GET <group>/@address-list``."""

from contacts.directory_helpers import DirectoryTestCase
from io import BytesIO
from plone import api
from portal_helpers import assert_page
import csv
import io
import openpyxl
import transaction
import vobject


class TestAddressListPage(DirectoryTestCase):
    def test_page_lists_members_sorted_by_family_name(self):
        browser = self.browser("secretariat")
        browser.open(f"{self.wg.absolute_url()}/@@address-list")
        page = assert_page(
            self, browser, "Address list:", "Working group on data", "Chair"
        )
        self.assertLess(page.index("Luc Martin"), page.index("Ana Pérez"))
        self.assertLess(page.index("Ana Pérez"), page.index("Chen Wei"))
        self.assertIn('<th scope="col"', page)
        self.assertIn('<label class="form-label"', page)
        self.assertIn(f"{self.wg.absolute_url()}/@@address-list-mailto", page)
        self.assertNotIn("Olu Ade", page)
        browser.open(self.wg.absolute_url())
        # The object tab (Plone adds its CSRF token to toolbar links).
        self.assertIn("/wg/@@address-list", browser.getLink("Address list").url)

    def test_filter_by_country_and_sort_reversed(self):
        browser = self.browser("secretariat")
        browser.open(f"{self.wg.absolute_url()}/@@address-list?country=FR")
        page = assert_page(self, browser, "Luc Martin", "Members: 1.")
        self.assertNotIn("Ana Pérez", page)
        self.assertIn('<option value="FR" selected="selected">', page)
        browser.open(f"{self.wg.absolute_url()}/@@address-list?sort_on=name&reverse=1")
        page = assert_page(self, browser, "Luc Martin", 'aria-sort="descending"')
        self.assertLess(page.index("Chen Wei"), page.index("Luc Martin"))

    def test_page_in_spanish(self):
        browser = self.browser("secretariat", language="es")
        browser.open(f"{self.wg.absolute_url()}/@@address-list")
        assert_page(self, browser, "Perú", "Francia")

    def test_bad_query_is_refused(self):
        browser = self.browser("secretariat")
        browser.open(f"{self.wg.absolute_url()}/@@address-list?country=XX")
        assert_page(self, browser, "This is not a known country code.", status=400)
        browser.open(f"{self.wg.absolute_url()}/@@address-list-export?format=pdf")
        assert_page(self, browser, "Export as csv, xlsx or vcard.", status=400)


class TestAddressListExports(DirectoryTestCase):
    def export(self, fmt):
        browser = self.browser("secretariat")
        browser.open(f"{self.wg.absolute_url()}/@@address-list-export?format={fmt}")
        self.assertEqual(browser.headers["status"], "200 OK")
        return browser

    def test_csv_neutralises_formulas_keeps_phone_numbers(self):
        browser = self.export("csv")
        self.assertIn("text/csv", browser.headers["Content-Type"])
        rows = list(csv.reader(io.StringIO(browser.contents.lstrip("\ufeff"))))
        self.assertEqual(
            rows[0],
            ["Name", "Organisation", "Country", "E-mail", "Phone", "Role in the group"],
        )
        chen = next(row for row in rows if row[0] == "Chen Wei")
        self.assertEqual(chen[1], '\'=HYPERLINK("http://evil.example")')
        self.assertEqual(chen[4], "+861012345678")
        for row in rows:
            for cell in row:
                self.assertNotIn(cell[:1], ("=", "-", "@"), row)

    def test_xlsx_cells_are_text(self):
        browser = self.export("xlsx")
        sheet = openpyxl.load_workbook(BytesIO(browser.contents)).active
        values = [[cell.value for cell in row] for row in sheet.iter_rows()]
        chen = next(row for row in values if row[0] == "Chen Wei")
        self.assertEqual(chen[1], '\'=HYPERLINK("http://evil.example")')
        for row in sheet.iter_rows():
            for cell in row:
                self.assertIn(cell.data_type, ("s", "inlineStr"))

    def test_vcard(self):
        browser = self.export("vcard")
        cards = list(vobject.readComponents(browser.contents))
        self.assertEqual(
            [card.fn.value for card in cards], ["Luc Martin", "Ana Pérez", "Chen Wei"]
        )
        self.assertEqual(cards[1].email.value, "Ana.Perez@example.org")
        self.assertEqual(cards[1].role.value, "Chair")
        self.assertEqual(cards[2].tel.value, "+861012345678")


class TestAddressListRest(DirectoryTestCase):
    def test_json(self):
        session = self.rest("secretariat")
        response = session.get(f"{self.wg.absolute_url()}/@address-list")
        self.assertEqual(response.status_code, 200, response.text)
        data = response.json()
        self.assertEqual(data["items_total"], 3)
        ana = next(i for i in data["items"] if i["family_name"] == "Pérez")
        self.assertEqual(ana["email"], "Ana.Perez@example.org")
        self.assertEqual(ana["country"], "PE")
        self.assertEqual(ana["role"], "Chair")
        self.assertNotIn("notes", ana)
        response = session.get(
            f"{self.wg.absolute_url()}/@address-list",
            params={"country": "CN", "b_size": 1},
        )
        self.assertEqual([i["name"] for i in response.json()["items"]], ["Chen Wei"])

    def test_files(self):
        session = self.rest("secretariat")
        for fmt, kind in (
            ("csv", "text/csv"),
            ("xlsx", "spreadsheetml"),
            ("vcard", "text/vcard"),
        ):
            response = session.get(
                f"{self.wg.absolute_url()}/@address-list", params={"format": fmt}
            )
            self.assertEqual(response.status_code, 200, response.text)
            self.assertIn(kind, response.headers["Content-Type"])
        self.assertIn("BEGIN:VCARD", response.text)

    def test_bad_input_translated(self):
        session = self.rest("secretariat", language="fr")
        for params in ({"format": "pdf"}, {"country": "XX"}, {"sort_on": "notes"}):
            response = session.get(
                f"{self.wg.absolute_url()}/@address-list", params=params
            )
            self.assertEqual(response.status_code, 400, response.text)
            self.assertEqual(response.json()["type"], "BadRequest")


class TestAddressListBadInput(DirectoryTestCase):
    def test_script_tags_are_shown_as_text(self):
        with api.env.adopt_roles(["Manager"]):
            self.luc.organisation = "<script>alert(1)</script>"
            self.luc.given_name = '<img src=x onerror="alert(2)">'
            # The list reads the catalog, as every edit form and REST
            # update leave it.
            self.luc.reindexObject()
        transaction.commit()
        browser = self.browser("secretariat")
        browser.open(f"{self.wg.absolute_url()}/@@address-list")
        page = assert_page(self, browser, "&lt;script&gt;alert(1)&lt;/script&gt;")
        self.assertNotIn("<script>alert(1)", page)
        self.assertNotIn('<img src=x onerror="alert(2)">', page)
        self.assertIn("&lt;img src=x", page)

    def test_odd_batch_start_is_the_first_page(self):
        browser = self.browser("secretariat")
        browser.open(f"{self.wg.absolute_url()}/@@address-list?b_start=-5")
        assert_page(self, browser, "Luc Martin", "Chen Wei")
        browser.open(f"{self.wg.absolute_url()}/@@address-list?country:list=FR")
        assert_page(self, browser, "This is not a known country code.", status=400)
