"""Demo content of the ``collab-portal`` distribution (profile ``demo``).

Run after the language roots exist; it only adds to languages the site has,
and never twice.
"""

from collab.portal.comments.search import index_waiting_comments
from collab.portal.contacts.demo import create_demo_directory
from collab.portal.content.translations import create_translated
from collab.portal.content.translations import link_translations
from collab.portal.content.translations import publish
from collab.portal.distributions.look import set_neutral_look
from collab.portal.drafts.demo import create_demo_draft
from collab.portal.forum.demo import create_forum_2012
from collab.portal.forum.demo import create_live_forum
from collab.portal.forum.demo import FORUM_2012
from collab.portal.forum.demo import LIVE_FORUM
from collab.portal.forum.demo import local_id
from plone import api
from plone.app.textfield.value import RichTextValue
import transaction


ABOUT_PAGES = {
    "en": (
        "About this portal",
        "<p>The secretariat publishes forums, keeps the address lists of "
        "focal points, observers and working groups, and sends draft "
        "documents for comment. Registered members take part in the "
        "forums; invited reviewers comment from the link in their e-mail."
        "</p>",
    ),
    "es": (
        "Acerca de este portal",
        "<p>La secretaría publica foros, mantiene las listas de direcciones "
        "de coordinadores nacionales, observadores y grupos de trabajo, y "
        "envía proyectos de documentos para comentarios. Los miembros "
        "registrados participan en los foros; los revisores invitados "
        "comentan desde el enlace de su correo.</p>",
    ),
    "fr": (
        "À propos de ce portail",
        "<p>Le secrétariat publie des forums, tient les listes d'adresses "
        "des correspondants nationaux, des observateurs et des groupes de "
        "travail, et envoie des projets de documents pour commentaires. Les "
        "membres inscrits participent aux forums ; les relecteurs invités "
        "commentent depuis le lien reçu par courriel.</p>",
    ),
}


def create_demo_content(context):
    portal = api.portal.get()
    languages = api.portal.get_registry_record("plone.available_languages")
    pages = {}
    for code in languages:
        root = portal.get(code)
        if root is None or code not in ABOUT_PAGES:
            continue
        title, text = ABOUT_PAGES[code]
        if "about" not in root:
            create_translated(
                root,
                "Document",
                code,
                id="about",
                title=title,
                text=RichTextValue(text, "text/html", "text/x-html-safe"),
            )
        pages[code] = publish(root["about"])
    link_translations(pages)
    transaction.savepoint(optimistic=True)
    # The demo forums are written in en, es and fr; other languages of the
    # site start without them.
    with_forums = [
        code for code in languages if code in portal.objectIds() and code in ABOUT_PAGES
    ]
    if with_forums:  # a site in, say, ar and ru alone has no demo forums
        # The first language is the site's default: its ids tell what exists.
        existing = portal[with_forums[0]].objectIds()
        if local_id(FORUM_2012, with_forums[0]) not in existing:
            create_forum_2012(portal, with_forums)
            transaction.savepoint(optimistic=True)
        if local_id(LIVE_FORUM, with_forums[0]) not in existing:
            create_live_forum(portal, with_forums)
    set_neutral_look(portal, languages)
    create_demo_directory(portal)
    create_demo_draft(portal)
    # The sample comments are searchable at once, not at the first tick.
    index_waiting_comments(api.portal.get_tool("portal_catalog"))
