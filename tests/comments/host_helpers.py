"""A second comment host made in the tests: a Document marked
``INoteHost`` with a two-line policy, whose comments name the paragraph
they are about. It shows that a feature plugs into the engine (form, REST,
limits, page, export) without a line changed in ``comments/``."""

from collab.portal.comments.authors import Guest
from collab.portal.comments.fields import CommentField
from collab.portal.comments.interfaces import ICommentHost
from collab.portal.comments.policy import CommentPolicy
from plone import api
from plone.app.discussion.interfaces import IConversation
from portal_helpers import create_role_users
from zope import schema
from zope.component import adapter
from zope.component import createObject
from zope.component import getGlobalSiteManager
from zope.interface import alsoProvides
import re
import transaction


class INoteHost(ICommentHost):
    """A Document whose comments the engine manages."""


def known_paragraph(document, value):
    if not isinstance(value, str) or not re.fullmatch(r"p[0-9]{1,4}", value):
        raise ValueError(value)
    return value


PARAGRAPH = CommentField(
    "paragraph",
    schema.TextLine(title="Paragraph", required=False),
    applies=lambda document: True,
    from_json=known_paragraph,
    error=lambda document, value: f"No paragraph {str(value)[:20]} here.",
    serialize=lambda document, value: {"paragraph": value},
    text=lambda document, value: value and f"¶ {value}",
    header="Paragraph",
    label="On paragraph",
    mail_line=lambda document, value: value and f"Paragraph {value}",
    css_class="comment-paragraph",
)


@adapter(INoteHost)
class NotePolicy(CommentPolicy):
    fields = (PARAGRAPH,)


HEARD = []


class IHookedNoteHost(INoteHost):
    """A note host whose policy notes what it hears."""


@adapter(IHookedNoteHost)
class HookedNotePolicy(NotePolicy):
    """Notes what the engine's handlers tell the policy."""

    def comment_event(self, comment, event):
        HEARD.append(("policy", type(event).__name__))


class Listener:
    """An ``ICommentListener``: a feature hearing every comment."""

    def __init__(self, comment):
        self.comment = comment

    def comment_event(self, event):
        HEARD.append(("listener", type(event).__name__))


class NoteHostFixture:
    """Registers the policy for the test and publishes ``/en/notes``."""

    def setUp(self):
        self.portal = self.layer["portal"]
        registry = getGlobalSiteManager()
        registry.registerAdapter(NotePolicy)
        self.addCleanup(registry.unregisterAdapter, NotePolicy)
        create_role_users(self.portal)
        self.document = commentable_document(self.portal)
        alsoProvides(self.document, INoteHost)
        self.document.reindexObject(idxs=["object_provides"])
        transaction.commit()


def commentable_document(portal, id="notes"):
    """A published Document in ``/en`` that takes comments, with
    plone.app.discussion switched on for the site (not committed)."""
    api.portal.set_registry_record(
        "plone.app.discussion.interfaces.IDiscussionSettings.globally_enabled",
        True,
    )
    with api.env.adopt_roles(["Manager"]):
        document = api.content.create(
            container=portal["en"],
            type="Document",
            id=id,
            title=id.title(),
            allow_discussion=True,
        )
        api.content.transition(document, "publish")
    return document


class IGuestNoteHost(INoteHost):
    """A note host whose policy recognises a guest and says it is closed
    when asked to."""


@adapter(IGuestNoteHost)
class GuestNotePolicy(NotePolicy):
    closed = False

    def guest(self):
        return Guest("tok1", "Ana Guest", "Ministry of Water", "KE")

    def is_open(self, at=None):
        return not GuestNotePolicy.closed


def guest_host(test, document):
    """Mark ``document`` as a guest host for the length of ``test``."""
    registry = getGlobalSiteManager()
    registry.registerAdapter(GuestNotePolicy)
    test.addCleanup(registry.unregisterAdapter, GuestNotePolicy)
    test.addCleanup(setattr, GuestNotePolicy, "closed", False)
    alsoProvides(document, IGuestNoteHost)


def add_as_anonymous(document, text, userid=None):
    """Store a comment as the comment form does for a visitor without an
    account (or, given ``userid``, for that signed-in principal); returns
    its id."""
    comment = createObject("plone.Comment")
    comment.text = text
    if userid:
        comment.author_username = userid
    return IConversation(document).addComment(comment)


class IPrivateNoteHost(INoteHost):
    """A note host whose comments only editors read (and moderators)."""


@adapter(IPrivateNoteHost)
class PrivateNotePolicy(NotePolicy):
    reader_roles = ("Editor",)


def private_host(test, document):
    """Mark ``document`` as a private-comments host for ``test``."""
    registry = getGlobalSiteManager()
    registry.registerAdapter(PrivateNotePolicy)
    test.addCleanup(registry.unregisterAdapter, PrivateNotePolicy)
    alsoProvides(document, IPrivateNoteHost)
