"""Fixtures of the guest tests: two private Documents in /es marked as
guest hosts (the draft type comes later), a test ``IGuestAccess`` whose
round can be closed, a moderated comment policy that names the guest by
``guests.current_guest``, and a personal link for Ana on draft A."""

from collab.portal import tokens
from collab.portal.comments.authors import Guest
from collab.portal.comments.interfaces import ICommentHost
from collab.portal.comments.policy import CommentPolicy
from collab.portal.drafts import guests
from collab.portal.drafts.interfaces import IGuestAccess
from collab.portal.drafts.interfaces import IGuestHost
from collab.portal.testing import FUNCTIONAL_TESTING
from plone import api
from portal_helpers import create_role_users
from portal_helpers import page_browser
from portal_helpers import rest_session
from urllib.parse import urlencode
from zope.component import adapter
from zope.component import getGlobalSiteManager
from zope.interface import alsoProvides
from zope.interface import implementer
import requests
import transaction
import unittest


PURPOSE = "collab.portal.tests.draft-guest"
CONTACTS = {
    "ana": ("Ana Pérez", "Ministerio del Ambiente", "PE"),
    "luc": ("Luc Martin", "Ministère de l'Environnement", "FR"),
}
# Who may see a private draft in a round, as the draft workflow will say.
READERS = ["Manager", "Site Administrator", "Owner", "Editor", "Reader", "DraftGuest"]
REFUSED_ES = "Este enlace no es válido"


class IGuestDocument(ICommentHost, IGuestHost):
    """A Document standing in for a draft document."""


@implementer(IGuestAccess)
@adapter(IGuestDocument)
class RoundAccess:
    """The round of the test drafts: one open round, closable."""

    purpose = PURPOSE
    open = True

    def __init__(self, context):
        self.context = context

    def subject(self, contact):
        return f"{self.context.UID()}:1:{contact}"

    def accepts(self, record):
        return RoundAccess.open and record.subject.startswith(f"{self.context.UID()}:")

    def guest(self, record):
        name, organisation, country = CONTACTS[record.subject.rsplit(":", 1)[1]]
        return Guest(record.token_id, name, organisation, country)


@adapter(IGuestDocument)
class DraftLikePolicy(CommentPolicy):
    moderated = True

    def guest(self):
        return guests.current_guest(self.context)


def private_host(portal, id):
    """A private Document in /es readable by DraftGuest, taking comments
    and admitting guests (not committed)."""
    api.portal.set_registry_record(
        "plone.app.discussion.interfaces.IDiscussionSettings.globally_enabled",
        True,
    )
    with api.env.adopt_roles(["Manager"]):
        document = api.content.create(
            container=portal["es"],
            type="Document",
            id=id,
            title=f"Borrador {id[-1].upper()}",
            allow_discussion=True,
        )
        for permission in ("View", "Access contents information"):
            document.manage_permission(permission, READERS, acquire=False)
        alsoProvides(document, IGuestDocument)
        document.reindexObject(idxs=["object_provides"])
        guests.admit(document)
    return document


def issue(host, contact="ana", days=10, **kw):
    return tokens.issue(PURPOSE, RoundAccess(host).subject(contact), days, **kw)


def record_of(token):
    from hashlib import sha256

    transaction.begin()
    return tokens.token_store().by_digest[sha256(token.encode()).hexdigest()]


class GuestTestCase(unittest.TestCase):
    layer = FUNCTIONAL_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        tokens.reset_attempts()
        self.addCleanup(tokens.reset_attempts)
        registry = getGlobalSiteManager()
        for factory in (RoundAccess, DraftLikePolicy):
            registry.registerAdapter(factory)
            self.addCleanup(registry.unregisterAdapter, factory)
        self.addCleanup(setattr, RoundAccess, "open", True)
        create_role_users(self.portal)
        self.draft = private_host(self.portal, "draft-a")
        self.other = private_host(self.portal, "draft-b")
        self.token = issue(self.draft)
        transaction.commit()

    def link(self, host=None, token=None, contact="ana"):
        query = urlencode({"contact": contact, "token": token or self.token})
        return f"{(host or self.draft).absolute_url()}/@@guest?{query}"

    def post_link(self, session=None, host=None, token=None, contact="ana"):
        """The "Continue" POST of the guest page, without following."""
        session = session or requests.Session()
        return session.post(
            f"{(host or self.draft).absolute_url()}/@@guest",
            data={"contact": contact, "token": token or self.token, "save": "1"},
            headers={"Accept-Language": "es"},
            allow_redirects=False,
            timeout=60,
        )

    def guest_cookie(self, **kw):
        """A guest session opened by Ana's link: its cookie's value."""
        response = self.post_link(**kw)
        self.assertEqual(response.status_code, 303, response.text)
        return response.cookies[guests.COOKIE]

    def as_guest(self, cookie, path, method="GET", json=None, accept="json"):
        """A request carrying the guest cookie to any path (a browser would
        send it only under the draft's path; the server must not care)."""
        headers = {
            "Cookie": f"{guests.COOKIE}={cookie}",
            "Accept": "application/json" if accept == "json" else "text/html",
            "Accept-Language": "es",
        }
        url = (
            path if path.startswith("http") else f"{self.portal.absolute_url()}/{path}"
        )
        return requests.request(
            method, url, headers=headers, json=json, allow_redirects=False, timeout=60
        )

    def browser(self, login=None, language="es"):
        return page_browser(self.layer["app"], login, language)

    def rest(self, login=None):
        return rest_session(self.portal.absolute_url(), login, "es")
