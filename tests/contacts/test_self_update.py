"""A contact corrects their own details through their personal link:
opening it changes nothing, a POST acts, every change is recorded."""

from collab.portal.contacts.self_update import changes_of
from contacts.self_update_helpers import SelfUpdateTestCase
from portal_helpers import assert_page


class TestSelfUpdatePage(SelfUpdateTestCase):
    def test_link_goes_to_the_contacts_language(self):
        self.assertTrue(
            self.link.startswith(f"{self.portal.absolute_url()}/es/@@update-details?"),
            self.link,
        )

    def test_get_shows_the_form_and_changes_nothing(self):
        browser = self.browser()
        browser.open(self.link)
        assert_page(
            self, browser, "Ana Pérez", 'name="organisation"', "Ana.Perez@example.org"
        )
        self.assertIn('<label class="form-label" for="update-phone"', browser.contents)
        self.fresh(self.ana)
        self.assertEqual(changes_of(self.ana), [])

    def test_post_saves_and_records_old_and_new(self):
        browser = self.browser()
        browser.open(self.link)
        browser.getControl(name="organisation").value = "Ministerio del Ambiente"
        browser.getControl(name="phone").value = "+51 1 611 6000"
        browser.getControl(name="save").click()
        assert_page(self, browser, "Gracias", "<li>Teléfono</li>")
        self.assertNotIn("<li>Correo electrónico</li>", browser.contents)
        self.fresh(self.ana)
        self.assertEqual(self.ana.organisation, "Ministerio del Ambiente")
        self.assertEqual(self.ana.phone, "+5116116000")
        recorded = {(c["field"], c["old"], c["new"]) for c in changes_of(self.ana)}
        self.assertEqual(
            recorded,
            {
                ("organisation", None, "Ministerio del Ambiente"),
                ("phone", None, "+5116116000"),
            },
        )
        by = {c["by"] for c in changes_of(self.ana)}
        self.assertEqual(by, {f"contact:{self.ana_uid}"})

    def test_bad_values_change_nothing(self):
        browser = self.browser()
        browser.open(self.link)
        browser.getControl(name="organisation").value = "New organisation"
        browser.getControl(name="email").value = "not an address"
        browser.getControl(name="phone").value = "12"
        browser.getControl(name="save").click()
        assert_page(
            self,
            browser,
            "no se ha guardado nada",  # Ana's link opens her language (es)
            "no es una dirección de correo válida",
            "no es un número de teléfono válido",
            status=400,
        )
        self.fresh(self.ana)
        self.assertIsNone(self.ana.organisation)
        self.assertEqual(self.ana.email, "Ana.Perez@example.org")
        self.assertEqual(changes_of(self.ana), [])

    def test_script_is_stored_as_text_and_shown_escaped(self):
        browser = self.browser()
        browser.open(self.link)
        browser.getControl(name="organisation").value = "<script>alert(1)</script>"
        browser.getControl(name="save").click()
        assert_page(self, browser, "sus cambios se han guardado")
        browser.open(self.link)
        assert_page(self, browser, "&lt;script&gt;alert(1)&lt;/script&gt;")
        self.assertNotIn("<script>alert(1)", browser.contents)

    def test_page_is_translated(self):
        browser = self.browser(language="es")
        browser.open(self.link.replace(self.token, "x" * 43))
        assert_page(self, browser, "no es válido", status=403)


class TestSelfUpdateRest(SelfUpdateTestCase):
    def test_get_then_post(self):
        session = self.rest()
        response = session.get(
            f"{session.base}/@update-details",
            params={"contact": self.ana_uid, "token": self.token},
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["details"]["email"], "Ana.Perez@example.org")
        self.assertEqual(response.json()["read_only"], ["position"])
        self.assertNotIn("position", response.json()["choices"])
        response = self.post_details(phone="+51 1 611 6000", preferred_language="en")
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(
            {c["field"] for c in response.json()["changes"]},
            {"phone", "preferred_language"},
        )
        self.fresh(self.ana)
        self.assertEqual(self.ana.phone, "+5116116000")
        self.assertEqual(self.ana.preferred_language, "en")

    def test_bad_input_400_with_each_field(self):
        response = self.post_details(
            self.rest(language="fr"),
            email="not-an-address",
            position="national_focal_point",
            preferred_language="de",
            organisation="x" * 201,
        )
        self.assertEqual(response.status_code, 400, response.text)
        fields = {e["field"] for e in response.json()["errors"]}
        self.assertEqual(
            fields, {"email", "position", "preferred_language", "organisation"}
        )
        self.assertIn("rien", response.json()["message"])
        self.fresh(self.ana)
        self.assertIsNone(self.ana.position)
        self.assertEqual(changes_of(self.ana), [])

    def test_not_a_json_object(self):
        session = self.rest()
        response = session.post(
            f"{session.base}/@update-details",
            data="[1]",
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 400, response.text)
