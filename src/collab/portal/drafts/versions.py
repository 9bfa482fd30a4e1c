"""Each round's text as a CMFEditions version (issue 22, Behaviour 4),
without the draft's comments, rounds, tokens' delivery logs or counters.

CMFEditions pickles the whole object into each version, annotations
included: every version of a draft would carry its conversation (2,000
comments), and reverting to an earlier version would roll the comments
back with the text (the cousin of plone.app.discussion #89). The modifier
``DraftAnnotationsByReference`` (registered in ``portal_modifier`` under
``MODIFIER_ID``, a stored name, for DraftDocuments only) leaves every
persistent annotation out of the version except the paragraph table, which
belongs to the text, and on retrieval puts the working copy's back: a
version holds the text and its paragraph ids, a revert keeps every
comment.
"""

from AccessControl.class_init import InitializeClass
from Acquisition import aq_base
from collab.portal.drafts.paragraphs import TABLE_KEY
from persistent import Persistent
from plone import api
from Products.CMFEditions.interfaces.IModifier import ICloneModifier
from Products.CMFEditions.interfaces.IModifier import ISaveRetrieveModifier
from Products.CMFEditions.Modifiers import ConditionalTalesModifier
from zope.interface import implementer


MODIFIER_ID = "collab_draft_annotations_by_reference"  # stored
CONDITION = "python: portal_type == 'DraftDocument'"
# Annotations that are part of the text: versioned with it.
VERSIONED = (TABLE_KEY,)


def left_out(obj):
    """The draft's annotation values a version leaves out."""
    annotations = getattr(aq_base(obj), "__annotations__", None) or {}
    return {
        key: value
        for key, value in annotations.items()
        if key not in VERSIONED and isinstance(value, Persistent)
    }


@implementer(ICloneModifier, ISaveRetrieveModifier)
class DraftAnnotationsByReference:
    def __init__(self, id_, title):
        self.id = str(id_)
        self.title = str(title)

    def getOnCloneModifiers(self, obj):
        """The left-out values are pickled as references that load as
        None (as plone.app.versioningbehavior's ``SkipRelations``)."""
        values = {id(value): True for value in left_out(obj).values()}
        if not values:
            return None

        def persistent_id(candidate):
            return values.get(id(candidate))

        def persistent_load(ignored):
            return None

        return persistent_id, persistent_load, [], []

    def beforeSaveModifier(self, obj, clone):
        return {}, [], []

    def afterRetrieveModifier(self, obj, repo_clone, preserve=()):
        """The working copy's comments, rounds and logs, not a version's."""
        clone_annotations = getattr(aq_base(repo_clone), "__annotations__", None)
        if obj is None or clone_annotations is None:
            return [], [], {}
        for key in [k for k in clone_annotations if k not in VERSIONED]:
            if clone_annotations[key] is None:
                del clone_annotations[key]
        for key, value in left_out(obj).items():
            clone_annotations[key] = value
        return [], [], {}


InitializeClass(DraftAnnotationsByReference)


def install_modifier(site=None):
    """Register the modifier (once) for DraftDocuments."""
    portal_modifier = api.portal.get_tool("portal_modifier")
    if MODIFIER_ID in portal_modifier.objectIds():
        return
    title = "Keep a draft's comments and rounds out of its versions"
    wrapper = ConditionalTalesModifier(
        MODIFIER_ID, DraftAnnotationsByReference(MODIFIER_ID, title), title
    )
    wrapper.edit(True, CONDITION)
    portal_modifier.register(MODIFIER_ID, wrapper)


def uninstall_modifier():
    portal_modifier = api.portal.get_tool("portal_modifier")
    if MODIFIER_ID in portal_modifier.objectIds():
        portal_modifier.manage_delObjects([MODIFIER_ID])
