"""``GET <contact>/@tokens``: every self-update link issued for the
contact (state, expiry, uses, audit trail; never the token or its hash)."""

from collab.portal import tokens
from collab.portal.contacts.update_links import PURPOSE
from plone.restapi.services import Service


class TokensGet(Service):
    def reply(self):
        items = [r.as_dict() for r in tokens.tokens_of(PURPOSE, self.context.UID())]
        return {
            "@id": f"{self.context.absolute_url()}/@tokens",
            "items": items,
            "items_total": len(items),
        }
