"""``GET <draft>/@tokens``: every guest link issued for the draft's
rounds (state, expiry, uses, audit trail; never the token or its hash)."""

from collab.portal.drafts.invitations import draft_tokens
from collab.portal.drafts.rounds import rounds_of
from plone.restapi.services import Service


class TokensGet(Service):
    def reply(self):
        items = [
            record.as_dict()
            for record in draft_tokens(self.context, rounds_of(self.context))
        ]
        return {
            "@id": f"{self.context.absolute_url()}/@tokens",
            "items": items,
            "items_total": len(items),
        }
