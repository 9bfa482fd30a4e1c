"""Every page of the forum feature in the reader's language: the ``lang``
of the page is the content's (or, off content, the negotiated one), counts
are written as the language writes numbers, and the language switcher
keeps the reader on the same item."""

from collab.portal.content.translations import translations
from forum.helpers import ForumTestCase
from forum.helpers import translate_forum
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from portal_helpers import add_comment
from portal_helpers import assert_page
from unittest import mock
import re
import transaction


NUMBERS = {"en": "1,234", "es": "1.234", "fr": "1\u202f234"}


def html_lang(html):
    return re.search(r"<html[^>]*\slang=\"([^\"]+)\"", html).group(1)


def selector_links(html):
    """``{language: href}`` of plone.app.multilingual's switcher."""
    found = re.search(r'<ul id="portal-languageselector">(.*?)</ul>', html, re.S)
    return {
        code: href.replace("&amp;", "&")
        for code, href in re.findall(
            r'<li class="[^"]*language-(\w+)">\s*<a href="([^"]+)"', found.group(1)
        )
    }


def strip_query(address):
    """Without the selector's ``?set_language=``."""
    return address.split("?", 1)[0]


class TestPageLanguages(ForumTestCase):
    def setUp(self):
        super().setUp()
        self.versions = {"en": self.forum}
        for code in ("es", "fr"):
            self.versions[code] = translate_forum(self.forum, code)
        self.comment_id = add_comment(self.forum["monitoring"], "member", "Seen.")
        transaction.commit()

    def group(self, code):
        return translations(self.forum["monitoring"]).get(code)

    def test_lang_of_pages_on_content(self):
        expect = {"es": "Calendario del foro", "fr": "Calendrier du forum"}
        for code, schedule in expect.items():
            forum, group = self.versions[code], self.group(code)
            pages = [
                (forum.absolute_url(), "editor", schedule),
                (group.absolute_url(), None, "Seen."),
                (f"{forum.absolute_url()}/@@forum-print", None, schedule),
                (f"{forum.absolute_url()}/@@participation", "editor", "<svg"),
                (
                    f"{group.absolute_url()}/@@flag-comment"
                    f"?comment_id={self.comment_id}",
                    "member",
                    'name="flag"',
                ),
            ]
            for page, login, present in pages:
                # The reader's browser asks for English: the content decides.
                browser = self.browser(login=login, language="en")
                browser.open(page)
                html = assert_page(self, browser, present)
                self.assertEqual(html_lang(html), code, page)

    def test_lang_of_pages_off_content(self):
        """Site Setup and the unfollow page answer in the reader's language."""
        for code, text in {"es": "Guardar", "fr": "Enregistrer"}.items():
            browser = self.browser(login="manager", language=code)
            browser.open(f"{self.portal.absolute_url()}/@@collab-portal-controlpanel")
            self.assertEqual(html_lang(assert_page(self, browser, text)), code)
            browser = self.browser(language="en")
            browser.open(f"{self.portal.absolute_url()}/{code}/@@unfollow?token=x")
            html = assert_page(self, browser, "<h1", status=403)
            self.assertEqual(html_lang(html), code)

    def test_counts_as_each_language_writes_them(self):
        many = {
            "comments": 1234,
            "participants": 1234,
            "countries": [{"code": "KE", "name": "Kenya", "comments": 1234}],
            "groups": [],
        }
        with mock.patch(
            "collab.portal.forum.browser.participation.participation",
            return_value=many,
        ):
            for code, number in NUMBERS.items():
                browser = self.browser(login="editor", language=code)
                browser.open(f"{self.versions[code].absolute_url()}/@@participation")
                html = assert_page(self, browser, "participation-comments")
                self.assertIn(f'participation-comments">{number}<', html)
                self.assertIn(f"<title>Kenya: {number}</title>", html)
        with mock.patch(
            "collab.portal.comments.batching.DiscussionReader.count",
            return_value=1234,
        ):
            for code, number in NUMBERS.items():
                browser = self.browser(language=code)
                browser.open(self.group(code).absolute_url())
                header = re.search(
                    r'<h2 class="h4 mb-0">(.*?)</h2>',
                    assert_page(self, browser, "comments-header"),
                    re.S,
                ).group(1)
                self.assertIn(number, header, code)

    def test_switcher_keeps_the_reader_on_the_item(self):
        for page, view in (
            (self.group("es"), ""),
            (self.versions["es"], ""),
            (self.versions["es"], "/@@participation"),
        ):
            browser = self.browser(login="editor", language="es")
            browser.open(page.absolute_url() + view)
            links = selector_links(assert_page(self, browser, "Español"))
            for code in ("en", "fr"):
                browser.open(links[code])
                self.assertEqual(
                    strip_query(browser.url),
                    translations(page)[code].absolute_url() + view,
                    (page, code),
                )
                self.assertEqual(html_lang(browser.contents), code)

    def test_switcher_falls_back_where_there_is_no_translation(self):
        """A group not translated into French: the switcher leads to the
        nearest French version above it (the forum), else the French root,
        as plone.app.multilingual does."""
        with api.env.adopt_roles(["Manager"]):
            # Unlinked, not deleted: deleting a group translation today also
            # deletes the comments all versions share (reported to the lead).
            ITranslationManager(self.forum["monitoring"]).remove_translation("fr")
        transaction.commit()
        browser = self.browser(language="es")
        browser.open(self.group("es").absolute_url())
        links = selector_links(assert_page(self, browser, "Seen."))
        browser.open(links["fr"])
        self.assertEqual(html_lang(browser.contents), "fr")
        self.assertIn(
            strip_query(browser.url).rstrip("/"),
            (self.portal["fr"].absolute_url(), self.versions["fr"].absolute_url()),
        )

    def test_print_view_links_the_other_languages(self):
        browser = self.browser(language="es")
        browser.open(f"{self.versions['es'].absolute_url()}/@@forum-print?comments=1")
        assert_page(self, browser, "Calendario del foro")
        browser.getLink("Français").click()
        self.assertEqual(
            browser.url,
            f"{self.versions['fr'].absolute_url()}/@@forum-print?comments=1",
        )
        self.assertEqual(html_lang(browser.contents), "fr")
        self.assertIn("Seen.", browser.contents)
