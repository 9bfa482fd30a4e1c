"""The language versions of a forum or discussion group.

Content that plone.app.multilingual cannot translate (a site without it,
a test fixture) answers as its own only version, so callers need no
special case.
"""

from plone.app.multilingual.interfaces import ITranslationManager


def translations(obj):
    """``{language: version}`` of ``obj``, itself included; {} if it cannot
    be translated."""
    try:
        return ITranslationManager(obj).get_translations()
    except TypeError:
        return {}


def in_language(obj, language):
    """The version of ``obj`` in ``language``, else ``obj`` itself."""
    try:
        return ITranslationManager(obj).get_translation(language) or obj
    except TypeError:
        return obj
