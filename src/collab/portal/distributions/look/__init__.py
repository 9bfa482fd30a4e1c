"""The demo's own look, set where Site Setup sets it, so that a secretariat
changes it through the web like any Plone site.

- Logo: Plone's ``plone.site_logo`` record (Site Setup → Site → Site logo),
  a neutral emblem of our own instead of the Plone logo.
- Footer: Plone 6 Classic's footer is the ``plone.footerportlets`` portlet
  manager (Site Setup → Manage portlets → Footer, or "Manage portlets" on a
  folder). Plone has no registry field for a footer text; these portlets
  are its through-the-web mechanism. Each language root gets a static text
  portlet in its own language (language roots are navigation roots, so the
  portlet shows on every page of that language), and Plone's "footer"
  (© Plone Foundation) and "colophon" (Powered by Plone) portlets leave the
  site root; its site actions portlet (sitemap, contact, ...) stays.

Only content the secretariat has not changed is touched: a footer portlet
already in a language root, or Plone's portlets already removed, are left
as they are.
"""

from pathlib import Path
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.formwidget.namedfile.converter import b64encode_file
from plone.portlet.static.static import Assignment as StaticAssignment
from plone.portlets.interfaces import IPortletAssignmentMapping
from plone.portlets.interfaces import IPortletManager
from zope.component import getMultiAdapter
from zope.component import getUtility
import json


HERE = Path(__file__).parent
LOGO = HERE / "collab-portal-emblem.svg"
FOOTER_TEXTS = json.loads((HERE / "footer.json").read_text("utf-8"))
FOOTER_MANAGER = "plone.footerportlets"
FOOTER_PORTLET = "collab-portal-footer"
# Plone's own footer portlets that name Plone (CMFPlone's portlets.xml).
PLONE_FOOTER_PORTLETS = ("footer", "colophon")


def set_logo():
    """Our emblem as the site logo, unless the site already has its own."""
    if not api.portal.get_registry_record("plone.site_logo", default=None):
        api.portal.set_registry_record(
            "plone.site_logo", b64encode_file(LOGO.name, LOGO.read_bytes())
        )


def footer_portlets(container):
    """The footer portlets assigned on ``container`` (its "Manage portlets")."""
    manager = getUtility(IPortletManager, name=FOOTER_MANAGER)
    return getMultiAdapter((container, manager), IPortletAssignmentMapping)


def set_footer(portal, languages):
    """A footer text per language root; Plone's own footer text and
    colophon off the site root."""
    site_portlets = footer_portlets(portal)
    for name in PLONE_FOOTER_PORTLETS:
        if name in site_portlets:
            del site_portlets[name]
    for code in languages:
        root = portal.get(code)
        if root is None or code not in FOOTER_TEXTS:
            continue
        portlets = footer_portlets(root)
        if FOOTER_PORTLET not in portlets:
            portlets[FOOTER_PORTLET] = StaticAssignment(
                text=RichTextValue(FOOTER_TEXTS[code], "text/html", "text/x-html-safe"),
                omit_border=True,
            )


def set_neutral_look(portal, languages):
    set_logo()
    set_footer(portal, languages)
