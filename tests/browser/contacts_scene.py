"""What the contacts pages of the journeys need, on the demo directory the
distribution makes (``contacts/demo.py``; every test site has it): the
Secretariat's user, a site user linked to a contact of the working group
(so the group's address list is theirs too), a draft mailing and a sent
one with its delivery log, and personal update links and e-mail
confirmation links in each language.

Kept apart from journeys.py so the forum's scene stays short; journeys.py
builds it in ``Scene`` and lists the pages.
"""

from browser.waits import loaded
from browser.waits import wait_for
from collab.portal import tokens
from collab.portal.contacts.demo_mailing import add_demo_mailing
from collab.portal.contacts.email_change import request_change
from collab.portal.contacts.update_links import update_link
from plone import api
from portal_helpers import make_user
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.event import notify
from zope.intid.interfaces import IIntIds
from zope.lifecycleevent import ObjectModifiedEvent
import os
import tempfile


SECRETARIAT = "secretariat"
# A site user linked to a contact of the demo working group: a member of
# its linked Plone group, who reads the group's address list.
GROUP_MEMBER = "wgmember"
LINKED_CONTACT = "kwame-mensah"
GROUP = "working-group-data"
CONTACT = "mei-zhang"
# A demo contact per preferred language: its update link opens the page
# in that language root.
CONTACT_OF_LANGUAGE = {
    "en": "mateus-oliveira",
    "es": "lucia-fernandez",
    "fr": "claire-tremblay",
}

# An import whose second row is refused (no e-mail address): the preview
# lists it and offers no Import button.
REFUSED_CSV = (
    "given_name,family_name,email,country,preferred_language,groups\r\n"
    "Émile,Dubois,emile.dubois@example.org,FR,fr,working-group-data\r\n"
    "Kofi,Mensah,,GH,en,\r\n"
)


class ContactsScene:
    def __init__(self, portal):
        self.portal = portal
        self.directory = portal["contacts"]
        make_user(SECRETARIAT, ["Member", "Secretariat"])
        make_user(GROUP_MEMBER, ["Member"])
        directory = self.directory
        self.group = directory[GROUP]
        with api.env.adopt_roles(["Manager"]):
            linked = directory[LINKED_CONTACT]
            linked.linked_user = GROUP_MEMBER
            notify(ObjectModifiedEvent(linked))
            intids = getUtility(IIntIds)
            self.draft = api.content.create(
                directory,
                "Mailing",
                id="journey-draft",
                subject="Agenda of the next meeting",
                body="Dear {given_name},\n\nthe agenda is attached.",
                subject_es="Orden del día de la próxima reunión",
                body_es="Estimado/a {given_name}:\n\nadjuntamos el orden del día.",
                subject_fr="Ordre du jour de la prochaine réunion",
                body_fr="{given_name},\n\nvoici l'ordre du jour.",
            )
            self.draft.recipient_groups = [RelationValue(intids.getId(self.group))]
            self.sent = add_demo_mailing(directory, [self.group], id="journey-sent")
        # Refused checks of other tests count against this client's address
        # (10 in 15 minutes): the journeys start with none.
        tokens.reset_attempts()
        self.update_links = {
            language: update_link(directory[contact_id])
            for language, contact_id in CONTACT_OF_LANGUAGE.items()
        }
        # The link a contact is mailed after giving a new address on the
        # update page (its language root's confirm page).
        self.confirm_links = {
            language: request_change(
                directory[contact_id], f"new-{contact_id}@example.org"
            )
            for language, contact_id in CONTACT_OF_LANGUAGE.items()
        }

    def url(self, path=""):
        return f"{self.directory.absolute_url()}/{path}".rstrip("/")

    def bad_update_link(self, language):
        """A well-formed link whose token was never issued: the 403 page."""
        good = self.update_links[language]
        return good.rsplit("token=", 1)[0] + "token=" + "x" * 43


def upload_refused_rows(driver, scene, language):
    """On the import page: choose a file with a refused row, Preview."""
    handle, path = tempfile.mkstemp(suffix=".csv")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(REFUSED_CSV.encode("utf-8"))
        wait_for(driver, "#import-file").send_keys(path)
        wait_for(driver, "button[name=preview]").click()
        # The preview is a new page: wait for its table, drawn once the
        # upload has been read (slow on a busy machine).
        wait_for(driver, "#collab-import-contacts table")
        loaded(driver)
    finally:
        os.unlink(path)
