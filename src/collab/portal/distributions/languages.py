"""Language root folders and their front pages.

plone.app.multilingual makes one root folder per language (``/en``,
``/es``, ``/fr``, and ``/ar``, ``/zh``, ``/ru`` for a secretariat that
works in all six UN languages) once more than one language is available;
each root then gets a front page of its own, linked to the others as
translations, so that the language switcher leads from one to the next.
Any language Plone knows may be chosen; the front page of one without a
text of its own below starts in English, for the secretariat to translate.
"""

from collab.portal.content.translations import create_translated
from collab.portal.content.translations import link_translations
from collab.portal.content.translations import publish
from plone import api
from plone.app.multilingual.browser.setup import SetupMultilingualSite
from plone.app.textfield.value import RichTextValue
from plone.i18n.locales.languages import _combinedlanguagelist
from plone.i18n.locales.languages import _languagelist


# The default answer of the distribution and the CLI.
DEFAULT_LANGUAGES = ("en", "es", "fr")
# The UN's six, offered first on the site creation form.
UN_LANGUAGES = ("en", "es", "fr", "ar", "zh", "ru")


def is_known_language(code):
    """Whether Plone has a name for ``code`` (plone.i18n's lists, which
    plone.app.multilingual's language roots and selector use too)."""
    return code in _languagelist or code in _combinedlanguagelist


FRONT_PAGES = {
    "en": {
        "title": "Collaboration Portal",
        "description": "The secretariat's workspace between meetings.",
        "text": (
            "<p>This portal carries the work of the Parties between their "
            "meetings: online forums with time-boxed discussion groups, the "
            "contacts and groups of focal points and observers, and draft "
            "documents that go through comment rounds.</p>"
        ),
    },
    "es": {
        "title": "Portal de colaboración",
        "description": "El espacio de trabajo de la secretaría entre reuniones.",
        "text": (
            "<p>Este portal acoge el trabajo de las Partes entre sus "
            "reuniones: foros en línea con grupos de debate de duración "
            "limitada, los contactos y grupos de coordinadores nacionales y "
            "observadores, y proyectos de documentos sometidos a rondas de "
            "comentarios.</p>"
        ),
    },
    "fr": {
        "title": "Portail de collaboration",
        "description": "L'espace de travail du secrétariat entre les réunions.",
        "text": (
            "<p>Ce portail accueille le travail des Parties entre leurs "
            "réunions : forums en ligne avec des groupes de discussion à "
            "durée limitée, contacts et groupes de correspondants nationaux "
            "et d'observateurs, et projets de documents soumis à des séries "
            "de commentaires.</p>"
        ),
    },
}


def normalise_languages(languages, default_language="en"):
    """Supported codes in the order given, the default language first."""
    wanted = [code for code in (languages or DEFAULT_LANGUAGES) if code]
    codes = set(wanted) | {default_language}
    unknown = sorted(code for code in codes if not is_known_language(code))
    if unknown:
        raise ValueError(f"Unsupported languages: {', '.join(unknown)}")
    ordered = [default_language] + [c for c in wanted if c != default_language]
    return list(dict.fromkeys(ordered))


def setup_language_roots(site, languages, default_language="en"):
    """Make the site multilingual with one root folder per language."""
    languages = normalise_languages(languages, default_language)
    api.portal.set_registry_record("plone.default_language", default_language)
    api.portal.set_registry_record("plone.available_languages", languages)
    # The selector shows every language, also those without a translation,
    # and sends visitors to the language root instead of a 404.
    api.portal.set_registry_record("plone.always_show_selector", True)
    api.portal.set_registry_record("plone.use_cookie_negotiation", True)
    api.portal.set_registry_record("plone.use_request_negotiation", True)
    api.portal.set_registry_record("plone.display_flags", False)
    SetupMultilingualSite().setupSite(site, forceOneLanguage=True)
    return languages


def create_front_pages(site, languages):
    """One published front page per language root, linked as translations."""
    pages = {}
    for code in languages:
        root = site[code]
        data = FRONT_PAGES.get(code, FRONT_PAGES["en"])
        if "front-page" not in root:
            create_translated(
                root,
                "Document",
                code,
                id="front-page",
                title=data["title"],
                description=data["description"],
                text=RichTextValue(data["text"], "text/html", "text/x-html-safe"),
            )
        root.setDefaultPage("front-page")
        pages[code] = publish(root["front-page"])
    link_translations(pages)
    return pages
