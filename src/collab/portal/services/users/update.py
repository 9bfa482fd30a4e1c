"""``PATCH /@users/<id>``: plone.restapi's service, with the portal's member
fields checked first.

plone.restapi stores member properties as sent; the registration and
personal-information forms validate them against the member schema. This
gives REST the same rules: a country must be an ISO 3166 code, an
organisation a short line.
"""

from collab.portal import _
from collab.portal.services import json_object
from collab.portal.vocabularies.countries import country_names
from plone.restapi.services.users.update import UsersPatch
from zExceptions import BadRequest
from zope.i18n import translate


class MemberUsersPatch(UsersPatch):
    def reply(self):
        body = json_object(self.request)
        country = body.get("country")
        if country not in (None, "") and (
            not isinstance(country, str) or country not in country_names("en")
        ):
            raise BadRequest(
                translate(
                    _("Choose a country by its ISO 3166 two-letter code."),
                    context=self.request,
                )
            )
        organisation = body.get("organisation")
        if organisation is not None and (
            not isinstance(organisation, str)
            or len(organisation) > 200
            or "\n" in organisation
        ):
            raise BadRequest(
                translate(
                    _("The organisation is one line of at most 200 characters."),
                    context=self.request,
                )
            )
        return super().reply()
