"""Positions (edited by the secretariat) and group kinds (fixed)."""

from collab.portal import _
from plone import api
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


BUILT_IN_POSITIONS = {
    "national_focal_point": _("National focal point"),
    "alternate_focal_point": _("Alternate focal point"),
    "observer": _("Observer"),
    "panel_member": _("Panel member"),
    "committee_member": _("Standing Committee member"),
    "funder": _("Funder"),
}

GROUP_KINDS = {
    "working_group": _("Working group"),
    "committee": _("Committee"),
    "focal_points": _("Focal points"),
    "observers": _("Observers"),
    "panel": _("Panel"),
    "other": _("Other"),
}


@provider(IVocabularyFactory)
def positions(context):
    lines = api.portal.get_registry_record(
        "collab.portal.contacts.positions", default=None
    )
    if lines is None:  # before the upgrade step ran
        lines = list(BUILT_IN_POSITIONS)
    terms = []
    for line in lines:
        line = line.strip()
        if line and line not in (term.value for term in terms):
            terms.append(SimpleTerm(line, title=BUILT_IN_POSITIONS.get(line, line)))
    return SimpleVocabulary(terms)


@provider(IVocabularyFactory)
def group_kinds(context):
    return SimpleVocabulary(
        [SimpleTerm(value=k, token=k, title=t) for k, t in GROUP_KINDS.items()]
    )
