"""The forum page, its schedule (page, print, REST), the comment window and
the clock."""

from collab.portal.clock import tick
from collab.portal.distributions.languages import create_translated
from collab.portal.testing import FUNCTIONAL_TESTING
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.app.textfield.value import RichTextValue
from plone.testing.zope import Browser
from portal_helpers import add_comment
from portal_helpers import create_role_users
from portal_helpers import PASSWORD
from portal_helpers import rest_session
from portal_helpers import url
from zoneinfo import ZoneInfo
import transaction
import unittest


NOW = datetime.now(UTC).replace(microsecond=0)


def days(n):
    return NOW + timedelta(days=n)


def make_forum(container):
    with api.env.adopt_roles(["Manager"]):
        forum = create_translated(
            container,
            "Forum",
            container.getId(),
            id="capacity-forum",
            title="Strategic approaches to capacity-building",
            purpose=RichTextValue("<p>Review the Action Plan.</p>"),
            expected_outcomes=RichTextValue("<p>A revised Action Plan.</p>"),
            participation_note="Participation is limited to registered users.",
            opens=days(-20),
            closes=days(40),
        )
        api.content.transition(forum, to_state="published")
        specs = [
            (
                "monitoring",
                "Monitoring and evaluation",
                -3,
                5,
                "open",
                "Runs two weeks because of the holidays.",
            ),
            ("findings", "Findings of the evaluation", -20, -10, "closed", ""),
            ("coordination", "Coordination mechanism", 10, 15, "scheduled", ""),
            ("draft-group", "Not announced yet", 20, 25, "draft", ""),
        ]
        for gid, title, start, end, state, remarks in specs:
            group = create_translated(
                forum,
                "DiscussionGroup",
                container.getId(),
                id=gid,
                title=title,
                guiding_questions=["What worked?", "What should change?"],
                opens=days(start),
                closes=days(end),
                schedule_remarks=remarks,
            )
            for step in {
                "draft": [],
                "scheduled": ["schedule"],
                "open": ["schedule", "open"],
                "closed": ["schedule", "open", "close"],
            }[state]:
                api.content.transition(group, transition=step)
    return forum


class ForumTestCase(unittest.TestCase):
    layer = FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        create_role_users(self.portal)
        self.forum = make_forum(self.portal["en"])
        transaction.commit()
        self.forum_url = self.forum.absolute_url()

    def browser(self, login=None, language="en"):
        browser = Browser(self.layer["app"])
        browser.handleErrors = True
        browser.raiseHttpErrors = False
        browser.addHeader("Accept-Language", language)
        browser.addHeader("Accept", "text/html,application/xhtml+xml")
        if login:
            browser.addHeader("Authorization", f"Basic {login}:{PASSWORD}")
        return browser

    def comments(self, gid):
        transaction.begin()
        return list(IConversation(self.forum[gid]).getComments())


class TestForumPage(ForumTestCase):
    def test_page_for_anonymous(self):
        browser = self.browser()
        browser.open(self.forum_url)
        html = browser.contents
        self.assertIn("Review the Action Plan.", html)
        self.assertIn("A revised Action Plan.", html)
        self.assertIn("Go to the top of the page", html)
        self.assertIn('href="#forum-top"', html)
        self.assertIn("@@forum-print", html)
        self.assertIn("Sign up for an account to take part.", html)
        self.assertNotIn("Not announced yet", html)
        # Schedule in date order, status from workflow and window.
        schedule = html.split('id="forum-schedule"')[1]
        order = [
            schedule.index(t)
            for t in (
                "Findings of the evaluation",
                "Monitoring and evaluation",
                "Coordination mechanism",
            )
        ]
        self.assertEqual(order, sorted(order))
        self.assertIn("Runs two weeks because of the holidays.", schedule)
        self.assertIn("UTC", schedule)

    def test_member_sees_no_sign_up(self):
        browser = self.browser("member")
        browser.open(self.forum_url)
        self.assertNotIn("Sign up for an account", browser.contents)

    def test_draft_group_visible_to_editor(self):
        browser = self.browser("editor")
        browser.open(self.forum_url)
        self.assertIn("Not announced yet", browser.contents)

    def test_translated_page(self):
        # Pages speak the language of their language root.
        with api.env.adopt_roles(["Manager"]):
            forum = make_forum(self.portal["es"])
        transaction.commit()
        browser = self.browser(language="es")
        browser.open(forum.absolute_url())
        self.assertIn("Calendario del foro", browser.contents)
        self.assertIn("Volver al principio de la página", browser.contents)
        # Dates as Spanish writes them, still in UTC.
        self.assertRegex(browser.contents, r"\d{1,2} de [a-z]+ de \d{4}, \d\d:\d\d UTC")

    def test_print_view(self):
        browser = self.browser()
        browser.open(f"{self.forum_url}/@@forum-print")
        self.assertIn("What should change?", browser.contents)
        self.assertIn("Include the comments", browser.contents)
        self.assertNotIn("main-container", browser.contents)

    def test_group_page(self):
        browser = self.browser()
        browser.open(f"{self.forum_url}/monitoring")
        self.assertIn('id="question-2"', browser.contents)
        self.assertIn("Only registered members may post.", browser.contents)
        browser.open(f"{self.forum_url}/coordination")
        self.assertIn("not open for comments yet", browser.contents)

    def test_private_forum_hidden(self):
        """A forum taken back to private hides its groups as well: page,
        REST, search; and nobody but editors may comment there."""
        add_comment(self.forum["monitoring"], "member", "Said in public.")
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(self.forum, to_state="private")
        transaction.commit()
        for login in (None, "member"):
            with self.subTest(login=login):
                browser = self.browser(login)
                browser.open(self.forum_url)
                self.assertNotIn("Review the Action Plan.", browser.contents)
                browser.open(f"{self.forum_url}/monitoring")
                self.assertNotIn("Monitoring and evaluation", browser.contents)
                self.assertNotIn("Said in public.", browser.contents)
                session = rest_session(self.portal.absolute_url(), login)
                for path in ("", "/@schedule", "/monitoring", "/monitoring/@comments"):
                    response = session.get(f"{self.forum_url}{path}")
                    self.assertEqual(response.status_code, 401, path)
                found = session.get(
                    f"{self.portal.absolute_url()}/@search",
                    params={
                        "SearchableText": "Monitoring",
                        "path": "/".join(self.forum.getPhysicalPath()),
                    },
                ).json()
                self.assertEqual(found["items_total"], 0, found["items"])
        response = rest_session(self.portal.absolute_url(), "member").post(
            f"{self.forum_url}/monitoring/@comments", json={"text": "Sneaked in."}
        )
        self.assertEqual(response.status_code, 401)
        self.assertEqual(len(self.comments("monitoring")), 1)
        editor = rest_session(self.portal.absolute_url(), "editor")
        response = editor.get(f"{self.forum_url}/monitoring/@comments")
        self.assertEqual(response.json()["items_total"], 1)
        # Published again, the groups are public again.
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(self.forum, to_state="published")
        transaction.commit()
        browser = self.browser()
        browser.open(f"{self.forum_url}/monitoring")
        self.assertIn("Said in public.", browser.contents)

    def test_archived_forum_takes_no_comments(self):
        """Archiving a forum closes the record, whatever its groups' windows."""
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(self.forum, to_state="archived")
        transaction.commit()
        session = rest_session(self.portal.absolute_url())
        rows = session.get(f"{self.forum_url}/@schedule").json()["items"]
        self.assertEqual({row["status"] for row in rows}, {"closed"})
        response = rest_session(self.portal.absolute_url(), "member").post(
            f"{self.forum_url}/monitoring/@comments", json={"text": "Too late."}
        )
        self.assertEqual(response.status_code, 403, response.text)
        self.assertIn("not open for comments", response.json()["message"])
        browser = self.browser("member")
        browser.open(f"{self.forum_url}/monitoring")
        self.assertIn("Monitoring and evaluation", browser.contents)
        self.assertNotIn("form.buttons.comment", browser.contents)
        self.assertEqual(self.comments("monitoring"), [])


class TestEditorsAddForums(ForumTestCase):
    def test_rest(self):
        session = rest_session(self.portal.absolute_url(), "editor")
        response = session.post(
            f"{self.portal.absolute_url()}/en",
            json={
                "@type": "Forum",
                "id": "new-forum",
                "title": "New forum",
                "opens": "2030-01-01T09:00:00+00:00",
                "closes": "2030-02-01T09:00:00+00:00",
            },
        )
        self.assertEqual(response.status_code, 201, response.text)
        response = session.post(
            f"{self.portal.absolute_url()}/en/new-forum",
            json={
                "@type": "DiscussionGroup",
                "id": "new-group",
                "title": "New group",
                "opens": "2030-01-02T09:00:00+00:00",
                "closes": "2030-01-09T09:00:00+00:00",
            },
        )
        self.assertEqual(response.status_code, 201, response.text)
        # Only what they were given: no plain pages.
        response = session.post(
            f"{self.portal.absolute_url()}/en",
            json={"@type": "Document", "id": "page", "title": "Page"},
        )
        self.assertIn(response.status_code, (401, 403))
        for login in ("member", None):
            response = rest_session(self.portal.absolute_url(), login).post(
                f"{self.portal.absolute_url()}/en",
                json={"@type": "Forum", "id": "no", "title": "No"},
            )
            self.assertEqual(response.status_code, 401, login)
        transaction.begin()
        self.assertNotIn("no", self.portal["en"].objectIds())

    def test_add_form(self):
        browser = self.browser("editor")
        browser.open(f"{self.portal.absolute_url()}/en/++add++Forum")
        self.assertEqual(browser.headers["status"].split()[0], "200")
        self.assertIn('name="form.widgets.opens"', browser.contents)
        self.assertIn('name="form.buttons.save"', browser.contents)
        browser.open(f"{self.forum_url}/++add++DiscussionGroup")
        self.assertIn("form.widgets.guiding_questions", browser.contents)
        browser = self.browser("member")
        browser.open(f"{self.portal.absolute_url()}/en/++add++Forum")
        self.assertNotIn('name="form.widgets.opens"', browser.contents)


class TestTimesInTheReadersZone(ForumTestCase):
    def test_member_with_a_time_zone(self):
        member = api.user.get(username="member")
        member.setMemberProperties({"timezone": "America/Mexico_City"})
        transaction.commit()
        group = self.forum["monitoring"]
        opens = group.opens.astimezone(ZoneInfo("America/Mexico_City"))
        for page in (self.forum_url, group.absolute_url()):
            with self.subTest(page=page):
                browser = self.browser("member", "es")
                browser.open(page)
                self.assertIn(f"Su hora: {opens:%Y-%m-%d %H:%M}", browser.contents)
                self.assertIn("(America/Mexico_City)", browser.contents)
                self.assertIn("UTC", browser.contents)

    def test_other_readers_get_it_from_their_browser(self):
        browser = self.browser()
        browser.open(f"{self.forum_url}/monitoring")
        self.assertIn('class="d-block text-muted collab-local-time"', browser.contents)
        self.assertIn(
            f'data-opens="{self.forum["monitoring"].opens.isoformat()}"',
            browser.contents,
        )
        self.assertIn('data-label="Your time:"', browser.contents)
        self.assertIn("++plone++collab.portal/local-times.js", browser.contents)
        browser.open(
            f"{self.portal.absolute_url()}/++plone++collab.portal/local-times.js"
        )
        self.assertIn(b"resolvedOptions().timeZone", browser.contents)


class TestScheduleREST(ForumTestCase):
    def test_rows(self):
        session = rest_session(self.portal.absolute_url())
        response = session.get(url(session, "en/capacity-forum/@schedule"))
        self.assertEqual(response.status_code, 200, response.text)
        items = response.json()["items"]
        self.assertEqual(
            [(i["title"], i["status"]) for i in items],
            [
                ("Findings of the evaluation", "closed"),
                ("Monitoring and evaluation", "open"),
                ("Coordination mechanism", "upcoming"),
            ],
        )
        first = items[1]
        self.assertEqual(first["group"], f"{self.forum_url}/monitoring")
        self.assertTrue(first["opens"].endswith("Z"))
        self.assertEqual(first["remarks"], "Runs two weeks because of the holidays.")

    def test_editor_sees_draft_group(self):
        session = rest_session(self.portal.absolute_url(), "editor")
        items = session.get(url(session, "en/capacity-forum/@schedule")).json()
        self.assertEqual(len(items["items"]), 4)

    def test_private_forum_401(self):
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(self.forum, to_state="private")
        transaction.commit()
        session = rest_session(self.portal.absolute_url())
        response = session.get(url(session, "en/capacity-forum/@schedule"))
        self.assertEqual(response.status_code, 401)


class TestCommentWindow(ForumTestCase):
    def post(self, gid, login="member", text="A considered view.", language="en"):
        session = rest_session(self.portal.absolute_url(), login, language)
        return session.post(
            url(session, f"en/capacity-forum/{gid}/@comments"), json={"text": text}
        )

    def test_member_posts_in_open_group(self):
        response = self.post("monitoring")
        self.assertEqual(response.status_code, 204, response.text)
        self.assertEqual(
            [c.text for c in self.comments("monitoring")], ["A considered view."]
        )

    def test_refused_when_not_open(self):
        for gid in ("findings", "coordination"):
            response = self.post(gid)
            self.assertIn(response.status_code, (401, 403), gid)
            self.assertEqual(self.comments(gid), [], gid)

    def test_anonymous_refused(self):
        response = self.post("monitoring", login=None)
        self.assertEqual(response.status_code, 401)
        self.assertEqual(self.comments("monitoring"), [])

    def test_window_over_but_clock_late(self):
        # The workflow still says open, the window has closed: refused.
        group = self.forum["monitoring"]
        group.closes = days(-1)
        transaction.commit()
        response = self.post("monitoring")
        self.assertEqual(response.status_code, 403, response.text)
        self.assertIn(
            "This discussion group is not open for comments.",
            response.json()["message"],
        )
        self.assertEqual(self.comments("monitoring"), [])
        # Nor does the page offer a form the window would refuse.
        browser = self.browser("member")
        browser.open(f"{self.forum_url}/monitoring")
        self.assertNotIn('id="commenting"', browser.contents)

    def test_page_form_posts(self):
        browser = self.browser("member")
        browser.open(f"{self.forum_url}/monitoring")
        browser.getControl(name="form.widgets.text").value = "Posted from the page."
        browser.getControl(name="form.buttons.comment").click()
        self.assertEqual(
            [c.text for c in self.comments("monitoring")], ["Posted from the page."]
        )

    def test_page_has_no_form_when_closed(self):
        browser = self.browser("member")
        browser.open(f"{self.forum_url}/findings")
        self.assertNotIn("form.widgets.text", browser.contents)


class TestClock(ForumTestCase):
    def test_tick_opens_and_closes(self):
        with api.env.adopt_roles(["Manager"]):
            self.forum["coordination"].opens = days(-1)
            self.forum["monitoring"].closes = days(-1)
            changes = tick()
        moved = {c["group"].rsplit("/", 1)[-1]: c["to"] for c in changes}
        self.assertEqual(moved, {"coordination": "open", "monitoring": "closed"})
        self.assertEqual(api.content.get_state(self.forum["draft-group"]), "draft")
        self.assertEqual(tick(), [])

    def test_rest_clock_needs_permission(self):
        self.forum["coordination"].opens = days(-1)
        transaction.commit()
        for login in (None, "member", "editor"):
            session = rest_session(self.portal.absolute_url(), login)
            response = session.post(url(session, "@forum-clock"))
            self.assertEqual(response.status_code, 401, login)
        session = rest_session(self.portal.absolute_url(), "siteadmin")
        response = session.post(url(session, "@forum-clock"))
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(len(response.json()["changes"]), 1)
        transaction.begin()
        self.assertEqual(api.content.get_state(self.forum["coordination"]), "open")

    def test_closing_by_hand_moves_the_window(self):
        group = self.forum["monitoring"]
        with api.env.adopt_roles(["Editor"]):
            api.content.transition(group, transition="close")
        self.assertLessEqual(group.closes, datetime.now(UTC))

    def test_opening_early_by_hand_moves_the_window(self):
        group = self.forum["coordination"]
        with api.env.adopt_roles(["Editor"]):
            api.content.transition(group, transition="open")
        self.assertLessEqual(group.opens, datetime.now(UTC))


class TestGuidingQuestion(ForumTestCase):
    def post(self, data, login="member"):
        session = rest_session(self.portal.absolute_url(), login)
        return session.post(
            url(session, "en/capacity-forum/monitoring/@comments"), json=data
        )

    def test_rest_names_the_question(self):
        response = self.post({"text": "On change.", "guiding_question": 2})
        self.assertEqual(response.status_code, 204, response.text)
        (comment,) = self.comments("monitoring")
        self.assertEqual(comment.guiding_question, 2)

    def test_rest_without_question(self):
        self.assertEqual(self.post({"text": "General."}).status_code, 204)
        (comment,) = self.comments("monitoring")
        self.assertIsNone(comment.guiding_question)

    def test_rest_unknown_question_refused(self):
        for bad in (7, 0, "abc", [1]):
            response = self.post({"text": "Lost.", "guiding_question": bad})
            self.assertEqual(response.status_code, 400, (bad, response.text))
            self.assertIn("message", response.json())
        self.assertEqual(self.comments("monitoring"), [])

    def test_page_form_offers_questions(self):
        browser = self.browser("member")
        browser.open(f"{self.forum_url}/monitoring")
        control = browser.getControl(name="form.widgets.guiding_question:list")
        self.assertIn("2. What should change?", control.displayOptions)
        control.displayValue = ["2. What should change?"]
        browser.getControl(name="form.widgets.text").value = "Page answer."
        browser.getControl(name="form.buttons.comment").click()
        (comment,) = self.comments("monitoring")
        self.assertEqual(comment.guiding_question, 2)


def translate_forum(forum, language):
    """The es/fr version of a forum and its groups, linked as translations."""
    from plone.app.multilingual.interfaces import ITranslationManager

    portal = api.portal.get()
    with api.env.adopt_roles(["Manager"]):
        copy = create_translated(
            portal[language],
            "Forum",
            language,
            id=forum.getId(),
            title=f"{forum.title} ({language})",
            opens=forum.opens,
            closes=forum.closes,
        )
        ITranslationManager(forum).register_translation(language, copy)
        api.content.transition(copy, to_state="published")
        for group in forum.contentValues():
            twin = create_translated(
                copy,
                "DiscussionGroup",
                language,
                id=group.getId(),
                title=f"{group.title} ({language})",
                guiding_questions=list(group.guiding_questions),
                opens=group.opens,
                closes=group.closes,
            )
            ITranslationManager(group).register_translation(language, twin)
            for step in {
                "scheduled": ["schedule"],
                "open": ["schedule", "open"],
                "closed": ["schedule", "open", "close"],
            }.get(api.content.get_state(group), []):
                api.content.transition(twin, transition=step)
    return copy


class TestOneConversationAcrossLanguages(ForumTestCase):
    def setUp(self):
        super().setUp()
        self.es = translate_forum(self.forum, "es")
        transaction.commit()

    def post(self, path, text, **extra):
        session = rest_session(self.portal.absolute_url(), "member")
        return session.post(
            url(session, f"{path}/@comments"), json={"text": text, **extra}
        )

    def test_editor_closes_extends_and_reopens_on_any_language(self):
        """By hand, through REST, on the Spanish version: the group (all its
        languages) closes; extended and reopened, it takes comments again."""
        editor = rest_session(self.portal.absolute_url(), "editor")
        es_group = url(editor, "es/capacity-forum/monitoring")
        response = editor.post(f"{es_group}/@workflow/close")
        self.assertEqual(response.status_code, 200, response.text)
        transaction.begin()
        for language in ("en", "es"):
            group = self.portal[language]["capacity-forum"]["monitoring"]
            self.assertEqual(api.content.get_state(group), "closed", language)
        for path in ("en/capacity-forum/monitoring", "es/capacity-forum/monitoring"):
            self.assertIn(self.post(path, "Too late.").status_code, (401, 403), path)
        later = (datetime.now(UTC) + timedelta(days=7)).isoformat()
        response = editor.patch(es_group, json={"closes": later})
        self.assertEqual(response.status_code, 204, response.text)
        response = editor.post(f"{es_group}/@workflow/open")
        self.assertEqual(response.status_code, 200, response.text)
        transaction.begin()
        for language in ("en", "es"):
            group = self.portal[language]["capacity-forum"]["monitoring"]
            self.assertEqual(api.content.get_state(group), "open", language)
            self.assertGreater(group.closes, datetime.now(UTC) + timedelta(days=6))
        self.assertEqual(
            self.post("en/capacity-forum/monitoring", "Extended.").status_code, 204
        )
        self.assertEqual([c.text for c in self.comments("monitoring")], ["Extended."])
        browser = Browser(self.layer["app"])
        browser.addHeader("Authorization", f"Basic member:{PASSWORD}")
        browser.open(f"{self.portal.absolute_url()}/es/capacity-forum/monitoring")
        self.assertIn("form.buttons.comment", browser.contents)

    def test_comment_on_es_appears_on_en(self):
        self.assertEqual(
            self.post(
                "es/capacity-forum/monitoring",
                "Desde la versión española.",
                guiding_question=1,
            ).status_code,
            204,
        )
        self.assertEqual(
            self.post(
                "en/capacity-forum/monitoring", "From the English page."
            ).status_code,
            204,
        )
        session = rest_session(self.portal.absolute_url())
        for path in ("en/capacity-forum/monitoring", "es/capacity-forum/monitoring"):
            items = session.get(url(session, f"{path}/@comments")).json()["items"]
            self.assertEqual(
                [(i["text_html"], i["language"]) for i in items],
                [
                    ("<p>Desde la versión española.</p>", "es"),
                    ("<p>From the English page.</p>", "en"),
                ],
                path,
            )
            self.assertEqual(items[0]["guiding_question"], 1)
            self.assertEqual(items[0]["guiding_question_text"], "What worked?")

    def test_page_of_other_language_shows_comment(self):
        self.post("en/capacity-forum/monitoring", "Seen everywhere.")
        browser = self.browser(language="es")
        browser.open(self.es["monitoring"].absolute_url())
        self.assertIn("Seen everywhere.", browser.contents)


class TestHiddenCommentsStayHidden(ForumTestCase):
    def test_rest_lists_only_visible_comments(self):
        session = rest_session(self.portal.absolute_url(), "member")
        base = url(session, "en/capacity-forum/monitoring/@comments")
        self.assertEqual(session.post(base, json={"text": "Visible."}).status_code, 204)
        self.assertEqual(session.post(base, json={"text": "Hidden."}).status_code, 204)
        transaction.begin()
        hidden = [c for c in self.comments("monitoring") if c.text == "Hidden."][0]
        self.assertEqual(
            session.post(
                f"{base}/{hidden.comment_id}", json={"text": "Reply to hidden."}
            ).status_code,
            204,
        )
        transaction.begin()
        hidden = [c for c in self.comments("monitoring") if c.text == "Hidden."][0]
        # Back to pending, as moderation and flags do.
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(hidden, transition="recall")
        transaction.commit()

        anonymous = rest_session(self.portal.absolute_url())
        data = anonymous.get(base).json()
        self.assertEqual([i["text_html"] for i in data["items"]], ["<p>Visible.</p>"])
        self.assertEqual(data["items_total"], 1)
        admin = rest_session(self.portal.absolute_url(), "manager")
        self.assertEqual(admin.get(base).json()["items_total"], 3)


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
        self.assertNotIn("<script>", items[0]["text_html"])
        self.assertIn("Fine text.", items[0]["text_html"])


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


class TestExport(ForumTestCase):
    def setUp(self):
        super().setUp()
        session = rest_session(self.portal.absolute_url(), "member")
        base = url(session, "en/capacity-forum/monitoring/@comments")
        for data in (
            {"text": '=HYPERLINK("x") Baselines first.', "guiding_question": 2},
            {"text": "Hidden one."},
        ):
            self.assertEqual(session.post(base, json=data).status_code, 204)
        transaction.begin()
        first, hidden = self.comments("monitoring")
        self.assertEqual(
            session.post(
                f"{base}/{first.comment_id}", json={"text": "Réponse: d'accord."}
            ).status_code,
            204,
        )
        transaction.begin()
        hidden = self.comments("monitoring")[1]
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(hidden, transition="recall")
        transaction.commit()
        self.export = f"{self.forum_url}/monitoring/@@export-comments"

    def get(self, fmt, login="editor"):
        session = rest_session(self.portal.absolute_url(), login)
        session.headers["Accept"] = "*/*"
        return session.get(self.export, params={"format": fmt}, allow_redirects=False)

    def test_csv_threads_and_visibility(self):
        import csv
        import io

        response = self.get("csv")
        self.assertEqual(response.status_code, 200)
        self.assertIn("text/csv", response.headers["Content-Type"])
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        self.assertEqual(rows[0][3], "Guiding question")
        texts = [r[9] for r in rows[1:]]
        self.assertEqual(
            texts, ['\'=HYPERLINK("x") Baselines first.', "Réponse: d'accord."]
        )
        self.assertEqual([r[2] for r in rows[1:]], ["0", "1"])
        self.assertEqual(rows[1][3], "2. What should change?")

    def test_xlsx(self):
        from openpyxl import load_workbook
        import io

        response = self.get("xlsx")
        self.assertEqual(response.status_code, 200)
        sheet = load_workbook(io.BytesIO(response.content)).active
        values = [row[9] for row in sheet.iter_rows(min_row=2, values_only=True)]
        self.assertEqual(
            values, ['\'=HYPERLINK("x") Baselines first.', "Réponse: d'accord."]
        )

    def test_docx(self):
        from docx import Document
        import io

        response = self.get("docx")
        self.assertEqual(response.status_code, 200)
        text = "\n".join(
            p.text for p in Document(io.BytesIO(response.content)).paragraphs
        )
        self.assertIn("Réponse: d'accord.", text)
        self.assertNotIn("Hidden one.", text)

    def test_bad_format_400(self):
        self.assertEqual(self.get("pdf").status_code, 400)

    def test_members_cannot_export(self):
        for login in (None, "member"):
            response = self.get("csv", login)
            # Anonymous is sent to the login form, a member is refused.
            self.assertIn(response.status_code, (302, 401, 403), login)
            self.assertNotIn(b"Baselines", response.content)

    def test_link_on_the_page_for_editors_only(self):
        browser = self.browser("editor")
        browser.open(f"{self.forum_url}/monitoring")
        self.assertIn("@@export-comments?format=xlsx", browser.contents)
        browser = self.browser("member")
        browser.open(f"{self.forum_url}/monitoring")
        self.assertNotIn("@@export-comments", browser.contents)


class TestModeration(ForumTestCase):
    def setUp(self):
        super().setUp()
        self.forum["monitoring"].moderated = True
        transaction.commit()

    def items(self, login):
        session = rest_session(self.portal.absolute_url(), login)
        return [
            i["text_html"]
            for i in session.get(
                url(session, "en/capacity-forum/monitoring/@comments")
            ).json()["items"]
        ]

    def test_pending_until_a_moderator_publishes(self):
        session = rest_session(self.portal.absolute_url(), "member")
        response = session.post(
            url(session, "en/capacity-forum/monitoring/@comments"),
            json={"text": "Wait for me."},
        )
        self.assertEqual(response.status_code, 204)
        transaction.begin()
        (comment,) = self.comments("monitoring")
        self.assertEqual(api.content.get_state(comment), "pending")
        self.assertEqual(self.items(None), [])
        self.assertEqual(self.items("editor"), [])
        self.assertEqual(self.items("member"), ["<p>Wait for me.</p>"])
        self.assertEqual(self.items("siteadmin"), ["<p>Wait for me.</p>"])
        browser = self.browser()
        browser.open(f"{self.forum_url}/monitoring")
        self.assertNotIn("Wait for me.", browser.contents)
        # The moderator's page lists it, with its words once the clock has
        # indexed them (comments.search).
        tick()
        transaction.commit()
        browser = self.browser("siteadmin")
        browser.open(f"{self.portal.absolute_url()}/@@moderate-comments")
        self.assertIn("Wait for me.", browser.contents)

        with api.env.adopt_user(username="siteadmin"):
            api.content.transition(comment, transition="publish")
        transaction.commit()
        self.assertEqual(self.items(None), ["<p>Wait for me.</p>"])

    def test_rest_moderation(self):
        """``@moderate-comment``: the REST way to decide on a comment."""
        session = rest_session(self.portal.absolute_url(), "member")
        base = url(session, "en/capacity-forum/monitoring")
        session.post(f"{base}/@comments", json={"text": "Wait for me."})
        transaction.begin()
        (comment,) = self.comments("monitoring")
        cid = str(comment.comment_id)
        moderator = rest_session(self.portal.absolute_url(), "siteadmin", "fr")
        items = moderator.get(f"{base}/@comments").json()["items"]
        self.assertEqual([i["review_state"] for i in items], ["pending"])
        # Refused, each leaving the comment pending.
        for login, body, status in (
            ("member", {"comment_id": cid, "transition": "publish"}, 403),
            ("editor", {"comment_id": cid, "transition": "publish"}, 404),
            (None, {"comment_id": cid, "transition": "publish"}, 404),
            ("siteadmin", {"comment_id": cid, "transition": "approve"}, 400),
            ("siteadmin", {"comment_id": cid}, 400),
            ("siteadmin", {"comment_id": "999", "transition": "publish"}, 404),
            ("siteadmin", {"comment_id": True, "transition": "publish"}, 404),
            ("siteadmin", {"comment_id": cid, "transition": "recall"}, 409),
        ):
            with self.subTest(login=login, body=body):
                response = rest_session(self.portal.absolute_url(), login, "fr").post(
                    f"{base}/@moderate-comment", json=body
                )
                self.assertEqual(response.status_code, status, response.text)
                self.assertTrue(response.json()["message"])
        response = rest_session(self.portal.absolute_url(), "member", "fr").post(
            f"{base}/@moderate-comment",
            json={"comment_id": cid, "transition": "publish"},
        )
        self.assertEqual(
            response.json()["message"], "Vous ne pouvez pas modérer les commentaires."
        )
        transaction.begin()
        self.assertEqual(api.content.get_state(comment), "pending")
        self.assertEqual(self.items(None), [])
        response = moderator.post(
            f"{base}/@moderate-comment",
            json={"comment_id": cid, "transition": "publish"},
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["review_state"], "published")
        self.assertEqual(self.items(None), ["<p>Wait for me.</p>"])
        response = moderator.post(
            f"{base}/@moderate-comment",
            json={"comment_id": cid, "transition": "reject"},
        )
        self.assertEqual(response.json()["review_state"], "rejected")
        self.assertEqual(self.items(None), [])

    def test_unmoderated_group_publishes_at_once(self):
        self.forum["monitoring"].moderated = False
        transaction.commit()
        session = rest_session(self.portal.absolute_url(), "member")
        session.post(
            url(session, "en/capacity-forum/monitoring/@comments"),
            json={"text": "At once."},
        )
        self.assertEqual(self.items(None), ["<p>At once.</p>"])


class TestEditOwnComment(ForumTestCase):
    def setUp(self):
        super().setUp()
        self.session = rest_session(self.portal.absolute_url(), "member")
        self.base = url(self.session, "en/capacity-forum/monitoring/@comments")
        self.session.post(self.base, json={"text": "Frist draft."})
        transaction.begin()
        self.comment = self.comments("monitoring")[0]
        self.comment_url = f"{self.base}/{self.comment.comment_id}"

    def text(self):
        transaction.begin()
        return self.comments("monitoring")[0].text

    def test_author_corrects_in_time(self):
        response = self.session.patch(self.comment_url, json={"text": "First draft."})
        self.assertEqual(response.status_code, 204, response.text)
        self.assertEqual(self.text(), "First draft.")

    def test_too_late(self):
        api.portal.set_registry_record("collab.portal.comment_edit_minutes", 0)
        transaction.commit()
        response = self.session.patch(self.comment_url, json={"text": "Rewritten."})
        self.assertEqual(response.status_code, 403, response.text)
        self.assertIn("can no longer be edited", response.json()["message"])
        self.assertEqual(self.text(), "Frist draft.")

    def test_others_cannot_edit(self):
        other = rest_session(self.portal.absolute_url(), "editor")
        response = other.patch(self.comment_url, json={"text": "Hijacked."})
        self.assertEqual(response.status_code, 401, response.text)
        self.assertEqual(self.text(), "Frist draft.")

    def test_moderator_edits_any_time(self):
        api.portal.set_registry_record("collab.portal.comment_edit_minutes", 0)
        transaction.commit()
        moderator = rest_session(self.portal.absolute_url(), "siteadmin")
        response = moderator.patch(self.comment_url, json={"text": "Moderated."})
        self.assertEqual(response.status_code, 204, response.text)
        self.assertEqual(self.text(), "Moderated.")


class TestFlags(ForumTestCase):
    def setUp(self):
        super().setUp()
        api.portal.set_registry_record("collab.portal.flags_to_hide", 2)
        api.user.create(
            email="m2@example.org",
            username="member2",
            password=PASSWORD,
            roles=["Member"],
        )
        transaction.commit()
        session = rest_session(self.portal.absolute_url(), "member")
        session.post(
            url(session, "en/capacity-forum/monitoring/@comments"),
            json={"text": "Offensive words."},
        )
        transaction.begin()
        self.comment_id = str(self.comments("monitoring")[0].comment_id)

    def flag(self, login, comment_id=None):
        session = rest_session(self.portal.absolute_url(), login)
        return session.post(
            url(session, "en/capacity-forum/monitoring/@flag-comment"),
            json={"comment_id": comment_id or self.comment_id},
        )

    def visible(self):
        session = rest_session(self.portal.absolute_url())
        return session.get(
            url(session, "en/capacity-forum/monitoring/@comments")
        ).json()["items_total"]

    def test_enough_flags_hide_the_comment(self):
        first = self.flag("member2")
        self.assertEqual(first.status_code, 200, first.text)
        self.assertEqual(
            first.json(), {"comment_id": self.comment_id, "flags": 1, "hidden": False}
        )
        self.assertEqual(self.visible(), 1)
        second = self.flag("editor")
        self.assertEqual(second.json()["hidden"], True)
        self.assertEqual(self.visible(), 0)
        transaction.begin()
        self.assertEqual(
            api.content.get_state(self.comments("monitoring")[0]), "pending"
        )

    def test_refusals(self):
        self.assertEqual(self.flag(None).status_code, 401)
        own = self.flag("member")
        self.assertEqual(own.status_code, 403)
        self.assertIn("your own comment", own.json()["message"])
        self.assertEqual(self.flag("member2").status_code, 200)
        again = self.flag("member2")
        self.assertEqual(again.status_code, 409)
        self.assertIn("already flagged", again.json()["message"])
        self.assertEqual(self.flag("member2", comment_id="999").status_code, 404)
        self.assertEqual(self.flag("member2", comment_id="abc").status_code, 404)
        session = rest_session(self.portal.absolute_url(), "member2")
        response = session.post(
            url(session, "en/capacity-forum/monitoring/@flag-comment"), json={}
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.visible(), 1)

    def test_flag_on_the_page(self):
        browser = self.browser("member2")
        browser.open(
            f"{self.forum_url}/monitoring/@@flag-comment?comment_id={self.comment_id}"
        )
        browser.getControl(name="flag").click()
        self.assertIn("The moderators will look at the comment.", browser.contents)
        transaction.begin()
        from collab.portal.comments.flags import flaggers

        self.assertEqual(list(flaggers(self.comments("monitoring")[0])), ["member2"])


class TestPrintComments(ForumTestCase):
    def test_print_with_comments_follows_threads_and_visibility(self):
        session = rest_session(self.portal.absolute_url(), "member")
        base = url(session, "en/capacity-forum/monitoring/@comments")
        session.post(base, json={"text": "First thread."})
        session.post(base, json={"text": "Second thread."})
        transaction.begin()
        first, second = self.comments("monitoring")
        session.post(f"{base}/{first.comment_id}", json={"text": "Reply to first."})
        session.post(f"{base}/{second.comment_id}", json={"text": "Reply to second."})
        transaction.begin()
        second = self.comments("monitoring")[1]
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(second, transition="recall")
        transaction.commit()
        browser = self.browser()
        browser.open(f"{self.forum_url}/@@forum-print?comments=1")
        html = browser.contents
        self.assertLess(html.index("First thread."), html.index("Reply to first."))
        self.assertNotIn("Second thread.", html)
        self.assertNotIn("Reply to second.", html)
