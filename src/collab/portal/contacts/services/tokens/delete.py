"""``DELETE <contact>/@tokens/<token_id>``: revoke one of the contact's
links (204; revoking again changes nothing). A token of another contact
or an unknown id: 404."""

from collab.portal import _
from collab.portal import tokens
from collab.portal.contacts.update_links import PURPOSE
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zExceptions import NotFound
from zope.i18n import translate
from zope.interface import alsoProvides
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse


@implementer(IPublishTraverse)
class TokensDelete(Service):
    token_id = None

    def publishTraverse(self, request, name):
        if self.token_id is None:
            self.token_id = name
            return self
        raise NotFound(name)

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        mine = {r.token_id for r in tokens.tokens_of(PURPOSE, self.context.UID())}
        if self.token_id not in mine:
            raise NotFound(translate(_("There is no such link."), context=self.request))
        tokens.revoke(self.token_id)
        return self.reply_no_content()
