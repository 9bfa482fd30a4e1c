"""The pages of every role's journey (docs/journeys.md), per area, for the
accessibility test (test_accessibility.py).

A later feature adds its pages by appending an area to ``AREAS``: a list
of ``JourneyPage(role, label, url)`` where ``url(scene, language)`` gives
the page in that language. Content in es and fr is found by following
translations (``scene.translated``), never by its id: the ids of the
Spanish and French content are Spanish and French.

``role`` is None (anonymous) or a login of ``portal_helpers.ROLE_USERS``
or of the contacts' scene (``secretariat``, ``wgmember``); each page is
visited by the least role whose journey has it. A page reached by a
form (an upload) names ``act(driver, scene, language)``, run after its
URL is opened.
"""

from browser.contacts_scene import CONTACT
from browser.contacts_scene import ContactsScene
from browser.contacts_scene import GROUP
from browser.contacts_scene import GROUP_MEMBER
from browser.contacts_scene import SECRETARIAT
from browser.contacts_scene import upload_refused_rows
from collab.portal.following.followers import follow
from collab.portal.following.followers import IMMEDIATE
from collab.portal.following.links import unfollow_url
from collections.abc import Callable
from dataclasses import dataclass
from forum.helpers import make_forum
from forum.helpers import translate_forum
from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from portal_helpers import add_comment
import transaction


LANGUAGES = ("en", "es", "fr")

# The order the test logs in as: one login per role.
ROLES = (None, "member", "editor", SECRETARIAT, GROUP_MEMBER, "siteadmin", "manager")


@dataclass(frozen=True)
class JourneyPage:
    role: str | None
    label: str
    url: Callable[["Scene", str], str]
    act: Callable | None = None


class Scene:
    """Content every journey page needs: a published forum in en, es and
    fr with an open group holding a thread (comment and reply) and a
    comment waiting for moderation; the member follows the forum."""

    def __init__(self, portal):
        self.portal = portal
        self.portal_url = portal.absolute_url()
        api.portal.set_registry_record("plone.enable_self_reg", True)
        self.forum = make_forum(portal["en"])
        for language in LANGUAGES[1:]:
            translate_forum(self.forum, language)
        self.group = self.forum["monitoring"]
        self.comment_id = add_comment(self.group, "member", "Baselines first.")
        add_comment(self.group, "editor", "And agreed targets.")
        add_comment(self.group, "member", "Waiting for a moderator.", pending=True)
        self.member_id = api.user.get(username="member").getId()
        follow(self.forum, self.member_id, IMMEDIATE, language="en")
        self.contacts = ContactsScene(portal)
        transaction.commit()

    def translated(self, obj, language):
        return ITranslationManager(obj).get_translation(language)

    def root(self, language):
        return self.translated(self.portal["en"], language).absolute_url()

    def forum_url(self, language):
        return self.translated(self.forum, language).absolute_url()

    def group_url(self, language):
        return self.translated(self.group, language).absolute_url()

    def comment_url(self, language):
        return f"{self.group_url(language)}/++conversation++default/{self.comment_id}"

    def unfollow_url(self, language):
        return unfollow_url(self.translated(self.group, language), self.member_id)


SITE_PAGES = [
    JourneyPage(None, "site root", lambda s, lang: s.portal_url),
    JourneyPage(None, "front page", lambda s, lang: s.root(lang)),
    JourneyPage(None, "login form", lambda s, lang: f"{s.root(lang)}/login"),
    JourneyPage(
        None, "registration form", lambda s, lang: f"{s.portal_url}/@@register"
    ),
    JourneyPage(
        None,
        "search page",
        lambda s, lang: f"{s.root(lang)}/@@search?SearchableText=evaluation",
    ),
    JourneyPage(None, "404 page", lambda s, lang: f"{s.root(lang)}/no-such-page"),
    JourneyPage(
        "member",
        "personal information",
        lambda s, lang: f"{s.portal_url}/@@personal-information",
    ),
    JourneyPage(
        "member",
        "personal preferences",
        lambda s, lang: f"{s.portal_url}/@@personal-preferences",
    ),
    JourneyPage(
        "siteadmin",
        "collab.portal control panel",
        lambda s, lang: f"{s.portal_url}/@@collab-portal-controlpanel",
    ),
    # Plone's discussion panel asks for "Manage portal" (Manager).
    JourneyPage(
        "manager",
        "discussion control panel",
        lambda s, lang: f"{s.portal_url}/@@discussion-controlpanel",
    ),
    JourneyPage(
        "siteadmin",
        "moderation page",
        lambda s, lang: f"{s.portal_url}/@@moderate-comments",
    ),
]

FORUM_PAGES = [
    JourneyPage(None, "forum page", lambda s, lang: s.forum_url(lang)),
    JourneyPage(None, "group page", lambda s, lang: s.group_url(lang)),
    JourneyPage(
        None,
        "print view",
        lambda s, lang: f"{s.forum_url(lang)}/@@forum-print?comments=1",
    ),
    JourneyPage(
        "member", "group page with comment form", lambda s, lang: s.group_url(lang)
    ),
    JourneyPage(
        "member",
        "comment edit form",
        lambda s, lang: f"{s.comment_url(lang)}/@@edit-comment",
    ),
    JourneyPage(
        "member",
        "flag page",
        lambda s, lang: f"{s.group_url(lang)}/@@flag-comment?comment_id={s.comment_id}",
    ),
    JourneyPage(
        "editor", "forum add form", lambda s, lang: f"{s.root(lang)}/++add++Forum"
    ),
    JourneyPage(
        "editor",
        "group add form",
        lambda s, lang: f"{s.forum_url(lang)}/++add++DiscussionGroup",
    ),
    JourneyPage(
        "editor", "forum edit form", lambda s, lang: f"{s.forum_url(lang)}/@@edit"
    ),
    JourneyPage(
        "editor", "group edit form", lambda s, lang: f"{s.group_url(lang)}/@@edit"
    ),
    JourneyPage(
        "editor",
        "forum participation",
        lambda s, lang: f"{s.forum_url(lang)}/@@participation",
    ),
    JourneyPage(
        "editor",
        "group participation",
        lambda s, lang: f"{s.group_url(lang)}/@@participation",
    ),
]

FOLLOWING_PAGES = [
    JourneyPage("member", "followed forum page", lambda s, lang: s.forum_url(lang)),
    JourneyPage(None, "unfollow page", lambda s, lang: s.unfollow_url(lang)),
]


def contacts(path):
    """A page of the demo directory (at the site root: its language is the
    language cookie's)."""
    return lambda s, lang: s.contacts.url(path)


CONTACTS_PAGES = [
    JourneyPage(SECRETARIAT, "contact directory", contacts("")),
    JourneyPage(SECRETARIAT, "contact page", contacts(CONTACT)),
    JourneyPage(SECRETARIAT, "contact add form", contacts("++add++Contact")),
    JourneyPage(SECRETARIAT, "contact edit form", contacts(f"{CONTACT}/@@edit")),
    JourneyPage(SECRETARIAT, "contact group page", contacts(GROUP)),
    JourneyPage(SECRETARIAT, "address list", contacts(f"{GROUP}/@@address-list")),
    JourneyPage(
        GROUP_MEMBER,
        "address list of one's group",
        contacts(f"{GROUP}/@@address-list"),
    ),
    JourneyPage(SECRETARIAT, "member roles", contacts(f"{GROUP}/@@member-roles")),
    JourneyPage(
        SECRETARIAT,
        "contacts control panel",
        lambda s, lang: f"{s.portal_url}/@@collab-portal-contacts-controlpanel",
    ),
    JourneyPage(SECRETARIAT, "import page", contacts("@@import-contacts")),
    JourneyPage(
        SECRETARIAT,
        "import preview with refused rows",
        contacts("@@import-contacts"),
        act=upload_refused_rows,
    ),
    JourneyPage(SECRETARIAT, "personal links", contacts(f"{CONTACT}/@@personal-links")),
    JourneyPage(
        None,
        "update-details page",
        lambda s, lang: s.contacts.update_links[lang],
    ),
    JourneyPage(
        None,
        "confirm new e-mail address page",
        lambda s, lang: s.contacts.confirm_links[lang],
    ),
    JourneyPage(
        None,
        "update-details refused link",
        lambda s, lang: s.contacts.bad_update_link(lang),
    ),
    JourneyPage(SECRETARIAT, "draft mailing", contacts("journey-draft")),
    JourneyPage(SECRETARIAT, "sent mailing with log", contacts("journey-sent")),
    JourneyPage(SECRETARIAT, "mailing add form", contacts("++add++Mailing")),
]

AREAS = {
    "site": SITE_PAGES,
    "forum": FORUM_PAGES,
    "following": FOLLOWING_PAGES,
    "contacts": CONTACTS_PAGES,
}
