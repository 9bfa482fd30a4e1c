"""The demo's sent mailing with its delivery log.

The demo shows a mailing as the secretariat sees it after sending: the
log is written as the clock would have left it, one record per recipient
marked sent, and no mail leaves (the demo's addresses are fictitious).
Called by the demo directory's builder (``contacts.demo``) after its
groups exist.
"""

from collab.portal.clock import now
from collab.portal.contacts.delivery import delivery_log
from collab.portal.contacts.mailings import language_of
from collab.portal.contacts.mailings import recipients
from collab.portal.content.contact import email_key
from collab.portal.mail.delivery import DELIVERED
from collab.portal.mail.delivery import Delivery
from collab.portal.mail.delivery import SENT
from datetime import timedelta
from plone import api
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.intid.interfaces import IIntIds


DEMO_MAILING = {
    "subject": "Call for nominations: {given_name}, please reply by 30 June",
    "body": (
        "Dear {salutation} {given_name} {family_name},\n\n"
        "the Standing Committee invites nominations for the expert panel. "
        "Please check that your details are current: {update_link}\n\n"
        "The Secretariat"
    ),
    "subject_es": "Convocatoria de candidaturas: {given_name}, responda antes "
    "del 30 de junio",
    "body_es": (
        "Estimado/a {salutation} {given_name} {family_name}:\n\n"
        "el Comité Permanente invita a presentar candidaturas para el grupo "
        "de expertos. Compruebe que sus datos están al día: {update_link}\n\n"
        "La Secretaría"
    ),
    "subject_fr": "Appel à candidatures : {given_name}, répondez avant le 30 juin",
    "body_fr": (
        "{salutation} {given_name} {family_name},\n\n"
        "le Comité permanent invite à proposer des candidatures pour le "
        "groupe d'experts. Vérifiez que vos coordonnées sont à jour : "
        "{update_link}\n\n"
        "Le Secrétariat"
    ),
}


DEMO_MAILING_ID = "call-for-nominations"


def add_demo_mailing(directory, groups, id=DEMO_MAILING_ID):
    """A mailing to ``groups`` in ``directory``, shown as sent a day ago."""
    intids = getUtility(IIntIds)
    mailing = api.content.create(directory, "Mailing", id=id, **DEMO_MAILING)
    mailing.recipient_groups = [RelationValue(intids.getId(g)) for g in groups]
    sent_at = now() - timedelta(days=1)
    log = delivery_log(mailing, create=True)
    log.state = SENT
    log.requested_by = "admin"
    log.requested_at = log.finished_at = sent_at
    log.recipients_known = True
    for contact in recipients(mailing):
        record = Delivery(contact.email, contact.UID(), contact.title)
        # The language only: composing would issue a live personal link
        # for every demo contact that no mail ever carried.
        record.language = language_of(mailing, contact.preferred_language)
        record.attempts = 1
        record.set_status(DELIVERED)
        record.updated = sent_at
        log.records[email_key(contact.email)] = record
    return mailing
