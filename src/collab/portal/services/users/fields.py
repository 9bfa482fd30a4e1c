"""The portal's member fields, checked before plone.restapi stores them.

plone.restapi stores member properties as sent; the registration and
personal-information forms validate them against the member schema. This
gives REST the same rules: a country must be an ISO 3166 code, an
organisation a short line.
"""

from collab.portal import _
from collab.portal.services import json_object
from collab.portal.vocabularies.countries import country_names
from zExceptions import BadRequest
from zope.i18n import translate


def check_member_fields(request):
    """Raise a translated BadRequest for a bad country or organisation."""
    body = json_object(request)
    country = body.get("country")
    if country not in (None, "") and (
        not isinstance(country, str) or country not in country_names("en")
    ):
        raise BadRequest(
            translate(
                _("Choose a country by its ISO 3166 two-letter code."),
                context=request,
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
                context=request,
            )
        )
