"""ISO 3166 countries, named in the reader's language by pycountry's
maintained translations (no hand-written list to go stale)."""

from functools import lru_cache
from plone import api
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary
import gettext
import pycountry


@lru_cache(maxsize=8)
def country_names(language):
    """``{alpha_2: name}`` in ``language``, English where none exists."""
    try:
        catalogue = gettext.translation(
            "iso3166-1", pycountry.LOCALES_DIR, languages=[language]
        )
        translate = catalogue.gettext
    except OSError:
        translate = str
    return {
        country.alpha_2: translate(getattr(country, "common_name", country.name))
        for country in pycountry.countries
    }


def country_name(code, language=None):
    language = (language or api.portal.get_current_language() or "en")[:2]
    return country_names(language).get(code or "", "")


@provider(IVocabularyFactory)
def CountriesVocabulary(context):
    language = (api.portal.get_current_language() or "en")[:2]
    names = country_names(language)
    terms = [
        SimpleTerm(code, code, name)
        for code, name in sorted(names.items(), key=lambda item: item[1])
    ]
    return SimpleVocabulary(terms)
