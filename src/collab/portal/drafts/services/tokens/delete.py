"""``DELETE <draft>/@tokens/<token_id>``: revoke one guest link of the
draft (204; again changes nothing). Another draft's link or an unknown id:
404, the same answer, so ids of other drafts cannot be probed."""

from collab.portal import _
from collab.portal import tokens
from collab.portal.drafts.invitations import draft_tokens
from collab.portal.drafts.rounds import rounds_of
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
        mine = {
            record.token_id
            for record in draft_tokens(self.context, rounds_of(self.context))
        }
        if self.token_id not in mine:
            raise NotFound(translate(_("There is no such link."), context=self.request))
        tokens.revoke(self.token_id)
        return self.reply_no_content()
