"""Bad country and organisation of a member, over REST and on Plone's user
forms."""

from bad_input.helpers import BadInputTestCase
from bad_input.helpers import InputsTestCase
from bad_input.helpers import NOT_JSON
from collab.portal import _
from plone import api
import transaction


class TestMemberFields(BadInputTestCase):
    """``PATCH /@users/<id>``: country and organisation."""

    def test_refused(self):
        session = self.session("member", "es")
        url = f"{self.portal.absolute_url()}/@users/member"
        country = _("Choose a country by its ISO 3166 two-letter code.")
        organisation = _("The organisation is one line of at most 200 characters.")
        for body, message in (
            ({"country": "XX"}, country),
            ({"country": "de"}, country),
            ({"country": 5}, country),
            ({"country": ["DE"]}, country),
            ({"organisation": "Two\nlines"}, organisation),
            ({"organisation": "x" * 201}, organisation),
            ({"organisation": 5}, organisation),
        ):
            with self.subTest(body=body):
                self.assert_error(session.patch(url, json=body), 400, message, "es")
        for data in ("{bad", "[1]"):
            with self.subTest(data=data):
                response = session.patch(
                    url, data=data, headers={"Content-Type": "application/json"}
                )
                self.assert_error(response, 400, NOT_JSON, "es")
        transaction.begin()
        member = api.user.get(username="member")
        self.assertFalse(member.getProperty("country"))
        self.assertFalse(member.getProperty("organisation"))

    def test_registration_refused(self):
        """``POST /@users`` by an anonymous visitor signing up: no account."""
        session = self.session(None, "fr")
        url = f"{self.portal.absolute_url()}/@users"
        account = {
            "username": "newcomer",
            "email": "newcomer@example.org",
            "password": "Newcomer-Pass-2026",
        }
        country = _("Choose a country by its ISO 3166 two-letter code.")
        organisation = _("The organisation is one line of at most 200 characters.")
        for extra, message in (
            ({"country": "XX"}, country),
            ({"country": 5}, country),
            ({"organisation": "Two\nlines"}, organisation),
        ):
            with self.subTest(extra=extra):
                response = session.post(url, json={**account, **extra})
                self.assert_error(response, 400, message, "fr")
        transaction.begin()
        self.assertIsNone(api.user.get(username="newcomer"))
        response = session.post(url, json={**account, "country": "SN"})
        self.assertEqual(response.status_code, 201, response.text)
        transaction.begin()
        self.assertEqual(api.user.get(username="newcomer").getProperty("country"), "SN")


class TestMemberFieldsREST(InputsTestCase):
    """Point 13: registration and PATCH get the forms' rules."""

    ACCOUNT = {
        "username": "newcomer",
        "email": "newcomer@example.org",
        "password": "Newcomer-Pass-2026",
    }

    def test_registration_refused(self):
        fullname = _(
            "member_fullname_invalid",
            default="The full name is one line of at most ${max} characters.",
            mapping={"max": "100"},
        )
        home_page = _(
            "member_home_page_invalid",
            default="The home page is a web address starting with http:// or https://.",
        )
        organisation = _("The organisation is one line of at most 200 characters.")
        for extra, message in (
            ({"home_page": "javascript:alert(1)"}, home_page),
            ({"home_page": "http://x y"}, home_page),
            ({"fullname": "x" * 101}, fullname),
            ({"fullname": "Ann\nBcc: all@example.org"}, fullname),
            ({"organisation": "Org\rX"}, organisation),
        ):
            with self.subTest(extra=extra):
                response = self.session(None, "fr").post(
                    f"{self.portal.absolute_url()}/@users",
                    json={**self.ACCOUNT, **extra},
                )
                self.assert_message(response, 400, message, "fr")
        transaction.begin()
        self.assertIsNone(api.user.get(username="newcomer"))
        response = self.session(None).post(
            f"{self.portal.absolute_url()}/@users",
            json={
                **self.ACCOUNT,
                "fullname": "Ann Newcomer",
                "home_page": "https://a.example",
            },
        )
        self.assertEqual(response.status_code, 201, response.text)

    def test_patch_refuses_ignored_fields(self):
        url = f"{self.portal.absolute_url()}/@users/member"
        for body in ({"groups": ["Administrators"]}, {"roles": {"Manager": True}}):
            with self.subTest(body=body):
                response = self.session("member").patch(url, json=body)
                self.assertEqual(response.status_code, 400, response.text)
                self.assertIn(list(body)[0], response.json()["message"])
        transaction.begin()
        self.assertNotIn("Manager", api.user.get_roles(username="member"))
        response = self.session("member").patch(url, json={"home_page": "javascript:x"})
        self.assertEqual(response.status_code, 400)
        response = self.session("member").patch(url, json={"fullname": "Member One"})
        self.assertEqual(response.status_code, 204, response.text)

    def test_personal_information_form(self):
        browser = self.browser("member")
        browser.open(f"{self.portal.absolute_url()}/@@personal-information")
        browser.getControl(name="form.widgets.home_page").value = "javascript:alert(1)"
        browser.getControl(name="form.buttons.save").click()
        self.assertIn("The home page is a web address starting with", browser.contents)
        transaction.begin()
        self.assertFalse(api.user.get(username="member").getProperty("home_page"))
