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
``collab.portal:``; compare them with the originals when Plone is
upgraded.
"""
