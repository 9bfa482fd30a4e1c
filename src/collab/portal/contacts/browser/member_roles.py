"""``<group>/@@member-roles``: the secretariat gives members a role in the
group (chair, vice-chair, rapporteur …), shown on the address list and in
its exports. REST clients PATCH ``member_roles`` on the group."""

from collab.portal import _
from collab.portal.contacts.groups import BadRoles
from collab.portal.contacts.groups import group_members
from collab.portal.contacts.groups import member_role
from collab.portal.contacts.groups import set_member_roles
from collab.portal.errors import shown
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.statusmessages.interfaces import IStatusMessage
from zExceptions import BadRequest
from zope.i18n import translate


class MemberRolesView(BrowserView):
    def __call__(self):
        if self.request.method == "POST" and self.request.form.get("save"):
            CheckAuthenticator(self.request)
            roles = {
                contact.UID(): self.request.form.get(f"role-{contact.UID()}", "")
                for contact in group_members(self.context)
            }
            try:
                set_member_roles(self.context, roles)
            except BadRoles as error:
                message = translate(error.args[0], context=self.request)
                raise shown(BadRequest(message)) from None
            IStatusMessage(self.request).add(_("Changes saved"), type="info")
            self.request.response.redirect(
                f"{self.context.absolute_url()}/@@address-list"
            )
            return ""
        return self.index()

    def members(self):
        return [
            {
                "uid": contact.UID(),
                "name": contact.title,
                "role": member_role(self.context, contact),
            }
            for contact in group_members(self.context)
        ]
