"""The address list page of a large group (issue 12): it is batched by 50
with only the page's rows built, "write to all" is a link to
``@@address-list-mailto`` that answers with the mailto: URL when followed,
and a group keeps its members' intids as its members change."""

from collab.portal.contacts.groups import relation_intids
from contacts.directory_helpers import DirectoryTestCase
from contacts.directory_helpers import GROUP_MEMBER
from contacts.directory_helpers import OTHER_MEMBER
from contacts.directory_helpers import relation
from plone import api
from portal_helpers import assert_page
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent
import transaction


def add_contacts(directory, count):
    """``count`` contacts "Family 00".."Family <count-1>" in Kenya."""
    with api.env.adopt_roles(["Manager"]):
        return [
            api.content.create(
                directory,
                "Contact",
                id=f"extra-{n:02d}",
                given_name="Extra",
                family_name=f"Family {n:02d}",
                email=f"extra{n:02d}@example.org",
                country="KE",
            )
            for n in range(count)
        ]


class TestAddressListBatches(DirectoryTestCase):
    def grow(self, count):
        extra = add_contacts(self.directory, count)
        self.wg.members = list(self.wg.members) + [relation(c) for c in extra]
        notify(ObjectModifiedEvent(self.wg))
        transaction.commit()

    def test_fifty_rows_a_page_and_the_rest_on_the_next(self):
        self.grow(49)  # 52 members
        browser = self.browser("secretariat")
        browser.open(f"{self.wg.absolute_url()}/@@address-list")
        page = assert_page(self, browser, "Members: 52 (showing 1–50).", "Family 00")
        self.assertEqual(page.count('<th scope="row">'), 50)
        self.assertIn("Luc Martin", page)  # the 50th
        self.assertNotIn("Ana Pérez", page)
        browser.open(f"{self.wg.absolute_url()}/@@address-list?b_start=50")
        page = assert_page(self, browser, "Members: 52 (showing 51–52).", "Ana Pérez")
        self.assertEqual(page.count('<th scope="row">'), 2)
        self.assertIn("Chen Wei", page)
        self.assertNotIn("Family 00", page)
        browser.open(f"{self.wg.absolute_url()}/@@address-list?country=KE")
        page = assert_page(self, browser, "Members: 49.", "Family 48")
        self.assertIn('<option value="KE" selected="selected">Kenya</option>', page)

    def test_an_orphan_joins_the_last_page(self):
        self.grow(48)  # 51 members: one page of 51
        browser = self.browser("secretariat")
        browser.open(f"{self.wg.absolute_url()}/@@address-list")
        page = assert_page(self, browser, "Members: 51.", "Chen Wei")
        self.assertEqual(page.count('<th scope="row">'), 51)
        self.assertIn("Ana Pérez", page)


class TestWriteToAll(DirectoryTestCase):
    def mailto(self, login, query=""):
        """The answer itself, not followed (no client opens mailto:)."""
        session = self.rest(login)
        session.headers["Accept"] = "text/html"
        return session.get(
            f"{self.wg.absolute_url()}/@@address-list-mailto{query}",
            allow_redirects=False,
        )

    def test_redirects_to_every_address_in_bcc(self):
        response = self.mailto("secretariat")
        self.assertEqual(response.status_code, 302, response.text[:300])
        self.assertEqual(
            response.headers["Location"],
            "mailto:?bcc=luc.martin@example.org,Ana.Perez@example.org,"
            "chen.wei@example.org",
        )
        self.assertEqual(response.headers["Cache-Control"], "no-store")

    def test_the_country_shown_only(self):
        response = self.mailto(GROUP_MEMBER, "?country=FR")
        self.assertEqual(response.status_code, 302, response.text[:300])
        self.assertEqual(
            response.headers["Location"], "mailto:?bcc=luc.martin@example.org"
        )
        response = self.mailto(GROUP_MEMBER, "?country=XX")
        self.assertEqual(response.status_code, 400)
        self.assertIn("This is not a known country code.", response.text)

    def test_page_links_to_it_with_its_country(self):
        browser = self.browser("secretariat")
        browser.open(f"{self.wg.absolute_url()}/@@address-list?country=FR")
        assert_page(self, browser, "Write to all", "Members: 1.")
        link = browser.getLink("Write to all")
        self.assertEqual(
            link.url, f"{self.wg.absolute_url()}/@@address-list-mailto?country=FR"
        )

    def test_addresses_percent_encoded(self):
        """RFC 6068: an address holding & or # (valid, and settable through
        the contact's own link) neither adds a field nor cuts the list."""
        self.ana.email = "a#b@example.org"
        self.directory["chen-wei"].email = "x&to=evil@evil.example"
        for contact in (self.ana, self.directory["chen-wei"]):
            contact.reindexObject()
        transaction.commit()
        response = self.mailto("secretariat")
        self.assertEqual(response.status_code, 302, response.text[:300])
        self.assertEqual(
            response.headers["Location"],
            "mailto:?bcc=luc.martin@example.org,a%23b@example.org,"
            "x%26to%3Devil@evil.example",
        )
        browser = self.browser("secretariat")
        browser.open(f"{self.wg.absolute_url()}/@@address-list")
        page = assert_page(self, browser, "Write to all", "Chen Wei")
        self.assertIn('href="mailto:x%26to%3Devil@evil.example"', page)
        self.assertNotIn('href="mailto:x&amp;to=evil', page)

    def test_not_for_other_groups_members(self):
        response = self.mailto(OTHER_MEMBER)
        self.assertIn(response.status_code, (302, 401, 403))
        self.assertNotIn("mailto:", response.headers.get("Location", ""))
        self.assertNotIn("chen.wei@example.org", response.text)
        self.assertEqual(self.mailto(GROUP_MEMBER).status_code, 302)


class TestMemberIntids(DirectoryTestCase):
    def test_kept_as_members_change(self):
        self.assertEqual(self.wg.member_intids, relation_intids(self.wg))
        self.assertEqual(len(self.wg.member_intids), 3)
        self.wg.members = [relation(self.olu), relation(self.ana)]
        notify(ObjectModifiedEvent(self.wg))
        self.assertEqual(self.wg.member_intids, relation_intids(self.wg))
        self.assertEqual(len(self.wg.member_intids), 2)
        with api.env.adopt_roles(["Manager"]):
            api.content.delete(self.olu, check_linkintegrity=False)
        self.assertEqual(len(self.wg.member_intids), 1)
        self.assertEqual(len(self.observers.member_intids), 0)
