"""``GET <draft>/@rounds``: the draft's rounds; ``GET <draft>/@rounds/<n>``
(or ``current``): one, 404 when there is none. Whoever reads the draft
reads its rounds' instructions and deadlines; those who manage rounds also
their recipients and the delivery of their invitations."""

from collab.portal import _
from collab.portal.drafts.rounds import round_info
from collab.portal.drafts.rounds import round_of
from collab.portal.drafts.rounds import rounds_of
from plone import api
from plone.restapi.services import Service
from zExceptions import NotFound
from zope.i18n import translate
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse


MANAGE = "collab.portal: Manage draft rounds"


def no_such_round(request):
    return NotFound(
        translate(
            _("draft_no_such_round", default="There is no such round."), context=request
        )
    )


def may_manage(draft):
    return api.user.has_permission(MANAGE, obj=draft)


@implementer(IPublishTraverse)
class RoundsGet(Service):
    def __init__(self, context, request):
        super().__init__(context, request)
        self.params = []

    def publishTraverse(self, request, name):
        self.params.append(name)
        return self

    def reply(self):
        full = may_manage(self.context)
        if self.params:
            found = (
                round_of(self.context, self.params[0])
                if len(self.params) == 1
                else None
            )
            if found is None:
                raise no_such_round(self.request)
            return {
                "@id": f"{self.context.absolute_url()}/@rounds/{found.number}",
                **round_info(self.context, found, full),
            }
        items = [
            {
                "@id": f"{self.context.absolute_url()}/@rounds/{found.number}",
                **round_info(self.context, found, full),
            }
            for found in rounds_of(self.context)
        ]
        return {
            "@id": f"{self.context.absolute_url()}/@rounds",
            "items": items,
            "items_total": len(items),
        }
