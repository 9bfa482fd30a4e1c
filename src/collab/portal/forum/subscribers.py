"""The forum's event handlers (registered together in forum/configure.zcml).

A forum's or discussion group's translations are one thing: one
conversation, one window, and so one workflow state.

The clock moves every version itself. An editor moves one version by hand
(opens early, closes early, reopens): the same transition is applied here
to the other versions that were in the same state. Otherwise an early
close on the Spanish page would leave the English version, which holds the
shared conversation, open for comments.
"""

from Acquisition import aq_base
from collab.portal.clock import as_utc
from collab.portal.clock import clock_is_running
from collab.portal.clock import now
from collab.portal.content.translations import translations
from collab.portal.switches import switched_on
from contextvars import ContextVar
from plone import api


_sharing = ContextVar("collab_portal_sharing_transition", default=False)


def group_transitioned(group, event):
    """An editor's transition of a group, in this order: first the window
    edge moves to now (and is copied to the translations), then the other
    versions take the same transition, so that when their own transition
    events arrive their window already agrees and is left alone."""
    align_window_with_manual_transition(group, event)
    share_transition_with_translations(group, event)


def align_window_with_manual_transition(group, event):
    """An editor who opens a group early or closes it early moves the
    window edge, so that state and window keep telling the same story."""
    if clock_is_running() or event.transition is None:
        return
    moment = now()
    if event.transition.id == "open" and as_utc(group.opens) > moment:
        group.opens = moment
    elif event.transition.id == "close" and as_utc(group.closes) > moment:
        group.closes = moment
    else:
        return
    group.reindexObject()
    share_window(group)


def share_transition_with_translations(group, event):
    if clock_is_running() or _sharing.get() or event.transition is None:
        return
    workflow = api.portal.get_tool("portal_workflow")
    # The editor may move this group; its other languages are the same
    # group, whoever may edit them.
    with switched_on(_sharing), api.env.adopt_roles(["Manager"]):
        for other in translations_of(group):
            if api.content.get_state(other, default=None) != event.old_state.id:
                continue
            workflow.doActionFor(other, event.transition.id)


def translations_of(obj):
    """The other language versions of ``obj``."""
    return [
        other
        for other in translations(obj).values()
        if other is not None and aq_base(other) is not aq_base(obj)
    ]


def share_window(obj):
    """Give every translation the window of ``obj``.

    The window fields carry plone.app.multilingual's language-independent
    directive, but on the shared base schema (``IWindow``) it never marks
    them, and plone.app.multilingual copied nothing (editing the Spanish
    window left the English one as it was). So the copy is made here, for
    the edit form and REST alike.
    """
    for other in translations_of(obj):
        changed = False
        for name in ("opens", "closes"):
            value = getattr(obj, name, None)
            if value is not None and getattr(other, name, None) != value:
                setattr(other, name, value)
                changed = True
        if changed:
            other.reindexObject()


def share_window_with_translations(obj, event):
    share_window(obj)
