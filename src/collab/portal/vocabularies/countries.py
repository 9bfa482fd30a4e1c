"""ISO 3166 countries, named in the reader's language by pycountry's
maintained translations (no hand-written list to go stale), and sorted as
a reader of that language expects.

pycountry's catalogues have gaps (Spanish lacks "Argelia", French "Cuba"
is only right by chance): a name it leaves in English is taken from the
CLDR through Babel, which names every territory in every language it
knows. Sorting uses a key without accents and case, so "États-Unis" sorts
among the E's in French, not after "Zimbabwe" as code points would.
"""

from babel import Locale
from babel import UnknownLocaleError
from functools import lru_cache
from plone import api
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary
import gettext
import pycountry
import unicodedata


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
    cldr = _cldr_names(language)
    names = {}
    for country in pycountry.countries:
        english = getattr(country, "common_name", country.name)
        name = translate(english)
        if name == english and language != "en":
            name = cldr.get(country.alpha_2, name)
        names[country.alpha_2] = name
    return names


def _cldr_names(language):
    try:
        return Locale.parse(language.replace("-", "_")).territories
    except (ValueError, UnknownLocaleError):
        return {}


def sort_key(name):
    """Accents and case set aside, as dictionaries of Spanish and French
    order words ("Égypte" between "Équateur"'s neighbours, not after "Z")."""
    decomposed = unicodedata.normalize("NFKD", name)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return (base.casefold(), name)


def country_name(code, language=None):
    language = (language or api.portal.get_current_language() or "en")[:2]
    return country_names(language).get(code or "", "")


@provider(IVocabularyFactory)
def CountriesVocabulary(context):
    language = (api.portal.get_current_language() or "en")[:2]
    names = country_names(language)
    terms = [
        SimpleTerm(code, code, name)
        for code, name in sorted(names.items(), key=lambda item: sort_key(item[1]))
    ]
    return SimpleVocabulary(terms)
