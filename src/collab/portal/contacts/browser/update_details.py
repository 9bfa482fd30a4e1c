"""``@@update-details?contact=<uid>&token=<token>``: a contact checks and
corrects their own details, without an account.

The token is the proof of who asks (and what protects the form from
cross-site requests). A GET only shows the form: mail security scanners
open every link of a message, so opening changes nothing. The POST
checks the token again and acts. The page is drawn on the site or a
language root, so the internal directory lends it nothing.
"""

from collab.portal import _
from collab.portal.contacts import self_update
from collab.portal.content.contact import LANGUAGES
from plone.protect.interfaces import IDisableCSRFProtection
from Products.Five.browser import BrowserView
from zExceptions import Forbidden
from zExceptions import HTTPTooManyRequests
from zope.i18n import translate
from zope.interface import alsoProvides


LANGUAGE_NAMES = {"en": "English", "es": "Español", "fr": "Français"}

FIELD_LABELS = {
    "organisation": _("Organisation"),
    "position": _("Position"),
    "phone": _("Phone"),
    "email": _("E-mail"),
    "preferred_language": _("Preferred language"),
}


class UpdateDetailsView(BrowserView):
    refusal = None
    errors = None
    changes = None
    saved = False

    def __call__(self):
        form = self.request.form
        try:
            self.contact, self.record = self_update.check_link(
                form.get("contact"), form.get("token"), self.request.getClientAddr()
            )
        except (Forbidden, HTTPTooManyRequests) as error:
            self.refusal = error.args[0] if error.args else ""
            status = 429 if isinstance(error, HTTPTooManyRequests) else 403
            self.request.response.setStatus(status, lock=True)
            return self.index()
        self.values = self_update.details(self.contact)
        if self.request.method == "POST" and form.get("save"):
            alsoProvides(self.request, IDisableCSRFProtection)
            sent = {name: form.get(name, "") for name in self_update.FIELDS}
            clean, errors = self_update.checked(self.contact, sent)
            if errors:
                self.errors = {
                    name: translate(message, context=self.request)
                    for name, message in errors.items()
                }
                self.values = sent
                self.request.response.setStatus(400)
            else:
                self.changes = self_update.apply(self.contact, self.record, clean)
                self.values = self_update.details(self.contact)
                self.saved = True
        return self.index()

    def contact_name(self):
        return self.contact.Title()

    def error(self, name):
        return (self.errors or {}).get(name)

    def position_options(self):
        return [
            {"value": term.value, "title": term.title}
            for term in self_update.positions(self.contact)
        ]

    def language_options(self):
        return [{"value": code, "title": LANGUAGE_NAMES[code]} for code in LANGUAGES]

    def changed_labels(self):
        return [FIELD_LABELS[change["field"]] for change in self.changes or ()]
