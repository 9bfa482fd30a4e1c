"""The language versions of content, and making them.

Content that plone.app.multilingual cannot translate (a site without it,
a test fixture) answers as its own only version, so callers need no
special case.
"""

from plone import api
from plone.app.multilingual.interfaces import ITranslationManager
from plone.base.interfaces import ILanguage


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


def publish(obj):
    if api.content.get_state(obj) != "published":
        api.content.transition(obj, to_state="published")
    return obj


def link_translations(pages):
    """Link ``{language: object}`` as translations of the first one."""
    if not pages:
        return
    codes = list(pages)
    canonical = ITranslationManager(pages[codes[0]])
    for code in codes[1:]:
        if not canonical.has_translation(code):
            canonical.register_translation(code, pages[code])


def create_translated(container, portal_type, language, **fields):
    """api.content.create, then the language set the way plone.app.multilingual
    sets it (passing ``language=`` to the factory leaves a stale catalog
    entry behind once the indexing queue is flushed)."""
    obj = api.content.create(container=container, type=portal_type, **fields)
    ILanguage(obj).set_language(language)
    obj.reindexObject()
    return obj
