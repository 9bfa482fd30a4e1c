"""Shared helpers of the collab.portal tests."""

from collab.portal.comments.limits import recording_history
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from pathlib import Path
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.app.testing import setRoles
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.testing import TEST_USER_ID
from plone.testing.zope import Browser
from zope.component import createObject
import functools
import os
import re
import requests
import time
import transaction
import unittest


PASSWORD = "secret-password-1"

# The profile version a new or upgraded site records (metadata.xml).
PROFILE_VERSION = (
    re.search(
        r"<version>(\d+)</version>",
        (
            Path(__file__).parent.parent
            / "src/collab/portal/profiles/default/metadata.xml"
        ).read_text(),
    ).group(1),
)

PROFILE = "collab.portal:default"


class UpgradeTestCase(unittest.TestCase):
    """A test of upgrade steps: the site as Manager, its ``setup`` and
    ``catalog`` at hand; ``upgrade_from`` runs the steps from a version
    (the site having been made to look like it) to this release's."""

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        self.setup = api.portal.get_tool("portal_setup")
        self.catalog = api.portal.get_tool("portal_catalog")

    def upgrade_from(self, version):
        self.setup.setLastVersionForProfile(PROFILE, version)
        self.setup.upgradeProfile(PROFILE)
        self.assertEqual(self.setup.getLastVersionForProfile(PROFILE), PROFILE_VERSION)


# One user per role that the permission tables of the features speak of.
ROLE_USERS = {
    "member": ["Member"],
    "editor": ["Member", "Editor"],
    "siteadmin": ["Member", "Site Administrator"],
    "manager": ["Member", "Manager"],
}


def make_user(login, roles=("Member",)):
    """The user ``login`` (``login@example.org``, ``PASSWORD``), made once."""
    if api.user.get(username=login) is None:
        api.user.create(
            email=f"{login}@example.org",
            username=login,
            password=PASSWORD,
            roles=list(roles),
        )


def create_role_users(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    for login, roles in ROLE_USERS.items():
        make_user(login, roles)
    transaction.commit()


def queued(queue, folders=("new", "cur")):
    """Messages waiting in the MailHost queue at ``queue`` (not yet
    delivered; with ``tmp`` also those not yet committed)."""
    return [
        name
        for folder in folders
        for name in os.listdir(os.path.join(queue, folder))
        if not name.startswith(".")
    ]


def wait_until_queue_empty(queue, folders=("new", "cur"), timeout=20):
    deadline = time.monotonic() + timeout
    while queued(queue, folders) and time.monotonic() < deadline:
        time.sleep(0.05)


def wait_for_no_courier(thread, timeout=20):
    """Wait until the queue thread runs no courier (one lingers a moment
    after its last message), so that the next message starts a new one."""
    deadline = time.monotonic() + timeout
    while thread.courier is not None and time.monotonic() < deadline:
        time.sleep(0.05)
    return thread.courier is None


class MailTestCase(unittest.TestCase):
    """A test on the Mail layer that starts with the queue empty and the
    SMTP server's mailbox cleared; ``queue_folders`` are those that must be
    empty (new/ and cur/: sent; add tmp/ for written but not committed)."""

    queue_folders = ("new", "cur")

    def setUp(self):
        self.portal = self.layer["portal"]
        self.mailbox = self.layer["mailbox"]
        self.queue = self.layer["mail_queue"]
        self.wait_for_empty_queue()
        self.mailbox.clear()

    def wait_for_empty_queue(self, timeout=20):
        wait_until_queue_empty(self.queue, self.queue_folders, timeout)


def page_browser(app, login=None, language="en"):
    """A test browser asking for pages in ``language`` as ``login``
    (anonymous without one), answering errors as pages, as a visitor sees
    them."""
    browser = Browser(app)
    browser.handleErrors = True
    browser.raiseHttpErrors = False
    browser.addHeader("Accept-Language", language)
    browser.addHeader("Accept", "text/html,application/xhtml+xml")
    if login:
        browser.addHeader("Authorization", f"Basic {login}:{PASSWORD}")
    return browser


def rest_session(portal_url, login=None, language="en"):
    """A requests session speaking JSON to ``portal_url`` as ``login``."""
    session = requests.Session()
    session.headers.update({"Accept": "application/json", "Accept-Language": language})
    if login == "admin":
        session.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    elif login:
        session.auth = (login, PASSWORD)
    session.base = portal_url.rstrip("/")
    # A stalled test server fails the test instead of hanging CI.
    session.request = functools.partial(session.request, timeout=120)
    return session


def add_comment(group, author, text, age_minutes=0, pending=False):
    """Store a comment by ``author`` on ``group`` as the comment form does
    (author is Owner of it), whatever the group's state: tests use it to
    set the scene, not to test posting. Returns the comment id."""
    comment = createObject("plone.Comment")
    comment.text = text
    comment.mime_type = "text/plain"
    comment.changeOwnership(api.user.get(username=author).getUser(), recursive=False)
    comment.manage_setLocalRoles(author, ["Owner"])
    comment.creator = comment.author_username = comment.author_name = author
    posted = datetime.now(UTC) - timedelta(minutes=age_minutes)
    comment.creation_date = comment.modification_date = posted
    conversation = IConversation(group)
    with recording_history():
        comment_id = conversation.addComment(comment)
    if pending:
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(conversation[comment_id], transition="recall")
    return comment_id


def assert_page(test, browser, *present, status=200):
    """The page answered ``status`` and shows every text of ``present``.

    A negative assertion on a page must come after this: "X is not on
    the page" also holds for a 404, a 500 or a login form."""
    test.assertEqual(
        int(browser.headers["status"].split()[0]), status, browser.contents[:500]
    )
    test.assertTrue(present, "name something the page must show")
    for text in present:
        test.assertIn(text, browser.contents)
    return browser.contents


def assert_refused_page(test, browser, login):
    """Plone sent ``login`` away from a page it may not see: anonymous to
    the login form, a member to "Insufficient privileges"."""
    if login is None:
        test.assertIn("/login", browser.url)
        assert_page(test, browser, 'name="__ac_name"')
    else:
        test.assertIn("/insufficient-privileges", browser.url)
        assert_page(test, browser, "Insufficient Privileges")


def url(session, path):
    return f"{session.base}/{path.lstrip('/')}"


def site_fingerprint(site):
    """What a collab-portal site must look like, however it was created.

    Read from the objects alone (no site hooks), so it also works on a
    database a separate process wrote.
    """
    languages = {}
    for code in ("en", "es", "fr"):
        root = site.get(code) if code in site.objectIds() else None
        if root is None:
            continue
        page = root.get("front-page") if "front-page" in root.objectIds() else None
        languages[code] = {
            "portal_type": root.portal_type,
            "default_page": root.getProperty("default_page", None)
            or getattr(root, "default_page", None),
            "front_page_title": page.title if page is not None else None,
            "front_page_language": page.language if page is not None else None,
            "translation_group": getattr(page, "_plone.tg", None) is not None,
        }
    groups = {
        getattr(root["front-page"], "_plone.tg", None)
        for root in (site[c] for c in languages)
        if "front-page" in root.objectIds()
    }
    profiles = site.portal_setup._profile_upgrade_versions
    return {
        "languages": languages,
        "one_translation_group": len(groups) == 1,
        "default_view": site.portal_types["Plone Site"].default_view,
        "installed": sorted(
            p
            for p in profiles
            if p
            in (
                "collab.portal:default",
                "plone.restapi:default",
                "plone.app.discussion:default",
                "plone.app.multilingual:default",
                "collective.easyform:default",
            )
        ),
        "collab_portal_version": profiles.get("collab.portal:default"),
        "theme": site.portal_registry[
            "plone.app.theming.interfaces.IThemeSettings.currentTheme"
        ],
        "available_languages": list(site.portal_registry["plone.available_languages"]),
    }
