"""Whom the site speaks for: the secretariat's name in a reader's language.

A shared part: the footer (``browser``) and the sender of every message
(``mail``) read it, and features use both; the settings' schema and form
live in ``controlpanel``, an assembler that features may not reach."""

from collab.portal import _
from plone import api
from zope.i18n import translate
import re


# "es: Secretaría de la Convención": a language code, a colon, the name.
NAME_LINE = re.compile(r"^\s*([a-z]{2}(?:-[a-z]{2})?)\s*:\s*(\S.*?)\s*$")

# The name a new site has (``ISettings.secretariat_name``'s default),
# translated for each reader until the secretariat enters its own.
DEFAULT = "Secretariat"
DEFAULT_NAME = _("secretariat_default_name", default="Secretariat")


def secretariat_name(language, request=None):
    """The secretariat's name for a reader of ``language``: its line in
    "Secretariat name in other languages", else the name, translated while
    it is the default one."""
    for line in (
        api.portal.get_registry_record(
            "collab.portal.secretariat_name_translations", default=None
        )
        or ()
    ):
        match = NAME_LINE.match(line or "")
        if match and match.group(1) == language:
            return match.group(2)
    name = api.portal.get_registry_record("collab.portal.secretariat_name", default="")
    if name == DEFAULT:
        return translate(DEFAULT_NAME, target_language=language, context=request)
    return name
