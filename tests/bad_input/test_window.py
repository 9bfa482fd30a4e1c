"""Bad comment windows of forums and groups, on REST and on the forms,
and dates at the edges of the calendar."""

from bad_input.helpers import BadInputTestCase
from bad_input.helpers import in_language
from bad_input.helpers import InputsTestCase
from bad_input.helpers import WINDOW_REVERSED
from collab.portal import _
from datetime import datetime
from datetime import UTC
from forum.helpers import make_forum
from plone import api
from zope.i18n import translate
import transaction


WINDOW = {"opens": "2030-01-02T10:00:00+00:00", "closes": "2030-01-09T10:00:00+00:00"}


REVERSED = {"opens": WINDOW["closes"], "closes": WINDOW["opens"]}


class TestWindowREST(BadInputTestCase):
    """Adding and changing forums and groups through REST, as a site
    administrator (editors' own adding is in test_forum)."""

    def test_add_with_window_reversed(self):
        for container, portal_type, language in (
            (self.forum, "DiscussionGroup", "es"),
            (self.portal["en"], "Forum", "fr"),
        ):
            with self.subTest(portal_type=portal_type):
                session = self.session("siteadmin", language)
                before = list(container.objectIds())
                body = {"@type": portal_type, "title": "Backwards", **REVERSED}
                response = session.post(container.absolute_url(), json=body)
                self.assert_error(response, 400, WINDOW_REVERSED, language)
                transaction.begin()
                self.assertEqual(list(container.objectIds()), before)
                body = {"@type": portal_type, "title": "Forwards", **WINDOW}
                response = session.post(container.absolute_url(), json=body)
                self.assertEqual(response.status_code, 201, response.text)

    def test_add_with_wrong_types(self):
        """plone.restapi's own messages (in English) say what is wrong."""
        session = self.session("siteadmin", "es")
        before = list(self.forum.objectIds())
        for extra in (
            {"opens": "abc"},
            {"opens": 5},
            {"guiding_questions": 5},
            {"guiding_questions": [5]},
        ):
            with self.subTest(extra=extra):
                body = {"@type": "DiscussionGroup", "title": "G", **WINDOW, **extra}
                response = session.post(self.forum_url, json=body)
                self.assertEqual(response.status_code, 400, response.text)
                self.assertTrue(response.json()["message"])
        transaction.begin()
        self.assertEqual(list(self.forum.objectIds()), before)

    def test_change_window(self):
        """A window stored by the clock or a script (datetime.UTC, as
        make_forum does) can be changed, and not turned around."""
        for obj, language in ((self.forum["coordination"], "es"), (self.forum, "fr")):
            with self.subTest(obj=obj.portal_type):
                session = self.session("siteadmin", language)
                opens, closes = obj.opens, obj.closes
                response = session.patch(obj.absolute_url(), json=REVERSED)
                self.assert_error(response, 400, WINDOW_REVERSED, language)
                response = session.patch(
                    obj.absolute_url(), json={"closes": "2000-01-01T00:00:00Z"}
                )
                self.assert_error(response, 400, WINDOW_REVERSED, language)
                transaction.begin()
                self.assertEqual((obj.opens, obj.closes), (opens, closes))
                response = session.patch(obj.absolute_url(), json=WINDOW)
                self.assertEqual(response.status_code, 204, response.text)
                transaction.begin()
                self.assertEqual(obj.closes.isoformat(), WINDOW["closes"])


class TestWindowForms(BadInputTestCase):
    """The Dexterity add and edit forms of the Classic UI, in Spanish."""

    def setUp(self):
        super().setUp()
        self.es_forum = make_forum(self.portal["es"])
        transaction.commit()

    def fill(self, browser, opens, closes, title=None):
        if title is not None:
            browser.getControl(name="form.widgets.IDublinCore.title").value = title
        browser.getControl(name="form.widgets.opens").value = opens
        browser.getControl(name="form.widgets.closes").value = closes
        browser.getControl(name="form.buttons.save").click()

    def assert_refused(self, browser):
        self.assertEqual(self.status(browser), 200)
        self.assertIn(in_language(WINDOW_REVERSED, "es"), browser.contents)
        self.assertNotIn(
            translate(WINDOW_REVERSED, target_language="en"), browser.contents
        )

    def test_add_forms(self):
        for container, portal_type in (
            (self.es_forum, "DiscussionGroup"),
            (self.portal["es"], "Forum"),
        ):
            with self.subTest(portal_type=portal_type):
                before = list(container.objectIds())
                browser = self.browser("siteadmin", "es")
                browser.open(f"{container.absolute_url()}/++add++{portal_type}")
                self.fill(browser, "2030-01-09T10:00", "2030-01-02T10:00", "Al revés")
                self.assert_refused(browser)
                transaction.begin()
                self.assertEqual(list(container.objectIds()), before)
                self.fill(browser, "2030-01-02T10:00", "2030-01-09T10:00")
                transaction.begin()
                self.assertEqual(len(container.objectIds()), len(before) + 1)

    def test_edit_forms(self):
        for obj in (self.es_forum["coordination"], self.es_forum):
            with self.subTest(portal_type=obj.portal_type):
                opens, closes = obj.opens, obj.closes
                browser = self.browser("siteadmin", "es")
                browser.open(f"{obj.absolute_url()}/@@edit")
                self.fill(browser, "2030-01-09T10:00", "2030-01-02T10:00")
                self.assert_refused(browser)
                transaction.begin()
                self.assertEqual((obj.opens, obj.closes), (opens, closes))


OUT_OF_RANGE = _(
    "window_date_out_of_range",
    default="Choose a date between the years ${first} and ${last}.",
    mapping={"first": "2000", "last": "2100"},
)


class TestWindowEdges(InputsTestCase):
    """Point 12: REST refuses, pages survive what was stored before."""

    def test_rest_refuses_calendar_edges(self):
        for obj in (self.forum, self.group):
            for value in (
                "9999-12-31T23:59:59-12:00",
                "0001-01-01T00:00:00+01:00",
                "2101-01-01T00:00:00Z",
            ):
                with self.subTest(obj=obj.portal_type, value=value):
                    closes = obj.closes
                    response = self.session("siteadmin").patch(
                        obj.absolute_url(), json={"closes": value}
                    )
                    self.assert_message(response, 400, OUT_OF_RANGE)
                    transaction.begin()
                    self.assertEqual(obj.closes, closes)

    def test_pages_with_stored_edge_dates(self):
        self.group.closes = datetime(9999, 12, 31, 23, 59, tzinfo=UTC)
        self.forum.closes = datetime(9999, 12, 31, 23, 59, tzinfo=UTC)
        api.user.get(username="member").setMemberProperties({"timezone": "Asia/Tokyo"})
        transaction.commit()
        for url, title in (
            (self.forum_url, "Strategic approaches to capacity-building"),
            (self.group_url, "Monitoring and evaluation"),
            (f"{self.forum_url}/@@forum-print", "Monitoring and evaluation"),
        ):
            with self.subTest(url=url):
                browser = self.browser("member")
                browser.open(url)
                self.assertEqual(browser.headers["status"].split()[0], "200")
                self.assertIn(title, browser.contents)
                self.assertIn("9999", browser.contents)
        schedule = self.session("member").get(f"{self.forum_url}/@schedule")
        self.assertEqual(schedule.status_code, 200, schedule.text)
