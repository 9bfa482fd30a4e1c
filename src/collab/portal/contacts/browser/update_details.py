"""``@@update-details``: a contact checks and corrects their own details,
without an account.

The link in the mail (``?contact=<uid>&token=<token>``) is moved out of
the URL at once (``collab.portal.links``: cookie, 303 to the bare URL),
so no log, history or Referer keeps a live token. The token is the proof
of who asks (and, carried in the form's POST body, what protects the form
from cross-site requests). A GET only shows the form: mail security
scanners open every link of a message, so opening changes nothing. The
POST checks the token again and acts. The page is drawn on the site or a
language root, so the internal directory lends it nothing.
"""

from collab.portal import _
from collab.portal import links
from collab.portal import tokens
from collab.portal.contacts import email_change
from collab.portal.contacts import self_update
from collab.portal.content.contact import LANGUAGES
from collab.portal.errors import Conflict
from zExceptions import Forbidden
from zope.i18n import translate


LANGUAGE_NAMES = {"en": "English", "es": "Español", "fr": "Français"}

FIELD_LABELS = {
    "organisation": _("Organisation"),
    "position": _("Position"),
    "phone": _("Phone"),
    "email": _("E-mail"),
    "preferred_language": _("Preferred language"),
}


class PersonalLinkView(links.PersonalLinkPage):
    """A contact's page opened by one of their personal links."""

    purpose = self_update.PURPOSE

    def check_link(self, subject, token, client):
        self.contact, self.record = self_update.check_link(
            subject, token, client, self.purpose
        )

    @property
    def link_contact(self):
        return self.link_subject

    def contact_name(self):
        return self.contact.Title()


class UpdateDetailsView(PersonalLinkView):
    errors = None
    changes = None
    email_pending = None
    saved = False

    def prepare(self):
        self.values = self_update.details(self.contact)

    def act(self):
        sent = {name: self.form.get(name, "") for name in self_update.FIELDS}
        sent.pop("position")  # shown, not sent: the secretariat's
        clean, errors = self_update.checked(self.contact, sent)
        if errors:
            self.errors = {
                name: translate(message, context=self.request)
                for name, message in errors.items()
            }
            self.values = {**sent, "position": self.contact.position}
            self.request.response.setStatus(400)
            return
        self.changes, self.email_pending = self_update.save(
            self.contact, self.record, clean
        )
        self.values = self_update.details(self.contact)
        self.saved = True

    def error(self, name):
        return (self.errors or {}).get(name)

    def position_title(self):
        return self_update.position_title(self.contact)

    def language_options(self):
        return [{"value": code, "title": LANGUAGE_NAMES[code]} for code in LANGUAGES]

    def changed_labels(self):
        return [FIELD_LABELS[change["field"]] for change in self.changes or ()]


class ConfirmEmailView(PersonalLinkView):
    """``@@confirm-email``: the link mailed to a new address; a GET shows
    the address, the POST stores it."""

    purpose = email_change.PURPOSE
    confirmed = False
    conflict = None

    def prepare(self):
        waiting = email_change.pending(self.contact)
        self.address = waiting["email"] if waiting else None
        if waiting is None or waiting["token_id"] != self.record.token_id:
            self.refuse(Forbidden(translate(tokens.REFUSED, context=self.request)))

    def act(self):
        try:
            self_update.confirm_email(self.contact, self.record)
        except Conflict as error:
            self.conflict = error.args[0]
            self.request.response.setStatus(409)
            return
        except Forbidden as error:
            self.refuse(error)
            return
        self.confirmed = True
