"""``@@personal-links`` on a contact (secretariat only): its self-update
links (issue a new one, revoke) and the changes the contact made through
them (mark reviewed). Pages and REST share ``self_update``/``tokens``."""

from collab.portal import _
from collab.portal import links
from collab.portal import tokens
from collab.portal.contacts import self_update
from collab.portal.contacts.browser.update_details import FIELD_LABELS
from collab.portal.contacts.update_links import PURPOSE
from collab.portal.contacts.update_links import update_link
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.statusmessages.interfaces import IStatusMessage


STATE_LABELS = {
    "valid": _("token_state_valid", default="Valid"),
    "expired": _("token_state_expired", default="Expired"),
    "revoked": _("token_state_revoked", default="Withdrawn"),
}


class PersonalLinksView(BrowserView):
    new_url = None

    def __call__(self):
        # A new link is shown once: not kept in any cache.
        links.private_answer(self.request.response)
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            self.act(self.request.form)
        return self.index()

    def act(self, form):
        messages = IStatusMessage(self.request)
        if form.get("issue"):
            self.new_url = update_link(self.context)
        elif form.get("revoke"):
            mine = {r.token_id for r in self.links()}
            if form["revoke"] in mine:
                tokens.revoke(form["revoke"])
                messages.add(_("The link is withdrawn."), type="info")
        elif form.get("reviewed"):
            self_update.mark_reviewed(self.context, api.user.get_current().getId())
            messages.add(_("The changes are marked as reviewed."), type="info")

    def links(self):
        return tokens.tokens_of(PURPOSE, self.context.UID())

    def link_rows(self):
        return [
            {**record.as_dict(), "state_label": STATE_LABELS[record.state()]}
            for record in self.links()
        ]

    def changes(self):
        return [
            {**change, "label": FIELD_LABELS.get(change["field"], change["field"])}
            for change in reversed(self_update.changes_of(self.context))
        ]

    def has_unreviewed(self):
        return bool(self_update.changes_of(self.context, unreviewed_only=True))
