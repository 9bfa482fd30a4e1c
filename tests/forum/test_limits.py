"""Abuse limits on comments (rate, length, empty, scripts) and registration
with organisation and country."""

from forum.helpers import ForumTestCase
from plone import api
from portal_helpers import rest_session
from portal_helpers import url
import transaction


class TestAbuseLimits(ForumTestCase):
    def post(self, text, login="member", language="en"):
        session = rest_session(self.portal.absolute_url(), login, language)
        return session.post(
            url(session, "en/capacity-forum/monitoring/@comments"), json={"text": text}
        )

    def test_rate_limit_429(self):
        api.portal.set_registry_record("collab.portal.comments_per_minute", 2)
        transaction.commit()
        self.assertEqual(self.post("One.").status_code, 204)
        self.assertEqual(self.post("Two.").status_code, 204)
        response = self.post("Three.")
        self.assertEqual(response.status_code, 429, response.text)
        self.assertIn("Please wait a moment", response.json()["message"])
        self.assertEqual(
            [c.text for c in self.comments("monitoring")], ["One.", "Two."]
        )
        # Another member is not held back by the first one.
        self.assertEqual(self.post("Other.", login="editor").status_code, 204)

    def test_rate_limit_on_the_page(self):
        api.portal.set_registry_record("collab.portal.comments_per_minute", 1)
        transaction.commit()
        self.assertEqual(self.post("One.").status_code, 204)
        browser = self.browser("member")
        browser.open(f"{self.forum_url}/monitoring")
        browser.getControl(name="form.widgets.text").value = "Too soon."
        browser.getControl(name="form.buttons.comment").click()
        self.assertEqual(browser.headers["status"].split()[0], "429")
        self.assertIn("Please wait a moment", browser.contents)
        self.assertEqual(len(self.comments("monitoring")), 1)

    def test_too_long_400(self):
        api.portal.set_registry_record("collab.portal.comment_max_length", 100)
        transaction.commit()
        response = self.post("x" * 101)
        self.assertEqual(response.status_code, 400, response.text)
        self.assertIn("at most 100 characters", response.json()["message"])
        self.assertEqual(self.comments("monitoring"), [])

    def test_empty_400(self):
        response = self.post("")
        self.assertEqual(response.status_code, 400, response.text)
        self.assertEqual(self.comments("monitoring"), [])

    def test_script_is_not_run(self):
        self.assertEqual(
            self.post('<script>alert("x")</script> Fine text.').status_code, 204
        )
        browser = self.browser()
        browser.open(f"{self.forum_url}/monitoring")
        self.assertIn("Fine text.", browser.contents)
        self.assertNotIn('<script>alert("x")</script>', browser.contents)
        session = rest_session(self.portal.absolute_url())
        items = session.get(
            url(session, "en/capacity-forum/monitoring/@comments")
        ).json()["items"]
        self.assertIn("Fine text.", items[0]["text_html"])
        self.assertNotIn("<script>", items[0]["text_html"])


class TestRegistration(ForumTestCase):
    def test_sign_up_link_goes_to_registration(self):
        browser = self.browser()
        browser.open(self.forum_url)
        link = browser.getLink("Sign up for an account to take part.")
        self.assertTrue(link.url.endswith("/@@register"))

    def test_register_with_organisation_and_country(self):
        browser = self.browser(language="es")
        browser.open(f"{self.portal.absolute_url()}/es/@@register")
        country = browser.getControl(name="form.widgets.country:list")
        self.assertIn("Alemania", country.displayOptions)
        browser.getControl(name="form.widgets.username").value = "fp-germany"
        browser.getControl(name="form.widgets.email").value = "fp@example.org"
        browser.getControl(name="form.widgets.password").value = "Sup3r-secret-pw"
        browser.getControl(name="form.widgets.password_ctl").value = "Sup3r-secret-pw"
        browser.getControl(name="form.widgets.organisation").value = "BMUV"
        country.value = ["DE"]
        browser.getControl(name="form.buttons.register").click()
        transaction.begin()
        member = api.user.get(username="fp-germany")
        self.assertIsNotNone(member, browser.contents[-2000:])
        self.assertEqual(member.getProperty("organisation"), "BMUV")
        self.assertEqual(member.getProperty("country"), "DE")

    def test_unknown_country_refused_on_rest(self):
        session = rest_session(self.portal.absolute_url(), "member")
        response = session.patch(url(session, "@users/member"), json={"country": "XX"})
        self.assertEqual(response.status_code, 400, response.text)
        self.assertIn("ISO 3166", response.json()["message"])
        transaction.begin()
        self.assertFalse(api.user.get(username="member").getProperty("country"))
        response = session.patch(
            url(session, "@users/member"),
            json={"country": "MX", "organisation": "SEMARNAT"},
        )
        self.assertEqual(response.status_code, 204, response.text)
        transaction.begin()
        self.assertEqual(api.user.get(username="member").getProperty("country"), "MX")
        # The country stands next to the member's name in the discussion.
        post = session.post(
            url(session, "en/capacity-forum/monitoring/@comments"),
            json={"text": "From Mexico."},
        )
        self.assertEqual(post.status_code, 204)
        item = session.get(
            url(session, "en/capacity-forum/monitoring/@comments")
        ).json()["items"][0]
        self.assertEqual(item["author_country"], "MX")
        self.assertEqual(item["author_country_name"], "Mexico")
        self.assertEqual(item["author_organisation"], "SEMARNAT")
