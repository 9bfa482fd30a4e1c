"""The add-on's theme layer: what Plone's and Barceloneta's markup gets
wrong for WCAG 2.1 AA, fixed on ``IBrowserLayer`` only.

- ``../static/collab-portal.css`` and ``collab-portal.js``: the bundle
  ``plone.bundles/collab-portal`` (profiles/default/registry/theme.xml),
  loaded after Barceloneta: contrast, focus, print stylesheet, titles of
  the editor's frames;
- template overrides, each registered under the name of the original:
  the toolbar (its pin buttons had an ``aria-label`` on an element with
  no role), plone.app.discussion's moderation page (unlabelled select and
  check box) and the file and image widgets (file field without a label).

The templates are copies of Plone 6.2.2's with the change marked
``collab.portal:``. ``COPIED_FROM`` names each one's original, the
version of the package it was copied from and the SHA-256 of that
original; ``tests/setup/test_theme_copies.py`` fails when an upgrade
changes an original, so its change is carried into the copy (then the
new version and hash are written here).
"""

# copy: (package of the original, its file, distribution, version, sha256)
COPIED_FROM = {
    "toolbar.pt": (
        "plone.app.layout.viewlets",
        "toolbar.pt",
        "plone.app.layout",
        "6.0.2",
        "d5a22c774f0d5a6cffe3eb603cf7dd38c41646d3d7be7dc25f1685c48e8751c3",
    ),
    "moderation.pt": (
        "plone.app.discussion.browser",
        "moderation.pt",
        "plone.app.discussion",
        "6.0.1",
        "905e61261f72d3dc33b428b825227bf6a17f538c444a37a61ff0099a1615fb5f",
    ),
    "file_input.pt": (
        "plone.formwidget.namedfile",
        "file_input.pt",
        "plone.formwidget.namedfile",
        "4.0.0",
        "19d91c96284cff226d6296273a3a271ff3fed0fbfe93ed8925f51d8b1bc36544",
    ),
    "image_input.pt": (
        "plone.formwidget.namedfile",
        "image_input.pt",
        "plone.formwidget.namedfile",
        "4.0.0",
        "2d59326f6080074fe8f6354bfbc77c86ad5ba2640aeaf84a79df8d2eef4eea3a",
    ),
    "folder_listing.pt": (
        "plone.app.dexterity.browser",
        "folder_listing.pt",
        "plone.app.dexterity",
        "5.0.2",
        "6d99eed9116286bd764f9a8d6242f55c6c6bd166a955b0ae434d31a7e338c7d8",
    ),
}
# Templates of the add-on's own, not copies.
OWN = {"skip_link.pt"}
