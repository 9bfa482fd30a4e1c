"""Upgrade to 1010: Spanish and French demo content at Spanish and French ids.

Sites made before 1010 got the demo forums and groups at their English ids
in every language root (``/es/capacity-building-2012``). Each es/fr version
whose id still equals the id of its English version is renamed to the id
the demo now gives it, made of words of its own title
(``/es/creacion-de-capacidad-2012``). Plone's rename records the old path
with plone.app.redirector, so links and bookmarks to the old URLs lead to
the new ones. An id the secretariat changed by hand, or a new id already
taken, is left alone.
"""

from collab.portal.content.translations import in_language
from collab.portal.forum.demo import demo_ids
from plone import api
import logging


logger = logging.getLogger("collab.portal")


def _rename_if_english(obj, new_id):
    """Rename ``obj`` to ``new_id`` when it still has its English version's
    id and ``new_id`` is free; the object, renamed or not."""
    english = in_language(obj, "en")
    old_id = obj.getId()
    if english is obj or english.getId() != old_id or old_id == new_id:
        return obj
    if new_id in obj.__parent__.objectIds():
        logger.warning("Not renamed: %s, %s is taken", obj.absolute_url(1), new_id)
        return obj
    renamed = api.content.rename(obj=obj, new_id=new_id)
    logger.info("Renamed %s to %s", "/".join(obj.getPhysicalPath()), new_id)
    return renamed


def rename_demo_translations(setup_context):
    portal = api.portal.get()
    for language in api.portal.get_registry_record("plone.available_languages"):
        root = portal.get(language)
        if language == "en" or root is None:
            continue
        ids = demo_ids(language)
        for forum_id in [i for i in ids if i in root.objectIds()]:
            forum = root[forum_id]
            if forum.portal_type != "Forum":
                continue
            forum = _rename_if_english(forum, ids[forum_id])
            for group in list(forum.contentValues()):
                if group.getId() in ids and group.portal_type == "DiscussionGroup":
                    _rename_if_english(group, ids[group.getId()])
