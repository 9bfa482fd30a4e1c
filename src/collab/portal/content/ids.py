"""Names a forum or discussion group may not have.

An item named like a view, a REST endpoint or an attribute of its
container hides it: a group called ``@comments``, ``view``, ``index_html``
or ``participation`` makes the forum's page, its services or its
statistics unreachable. Plone's ``check_id`` (the name chooser, the rename
and short-name forms) asks a container's ``checkValidId`` hook, which
``Forum`` implements with ``reserved_id_message``; every other channel
(REST with an ``id``, scripts, renames) ends in an add or move event,
where ``refuse_reserved_id`` stops forums and groups placed anywhere.
"""

from Acquisition import aq_base
from Acquisition import aq_inner
from collab.portal import _
from collab.portal.errors import shown
from plone.base.utils import base_hasattr
from zExceptions import BadRequest
from zope.component import queryMultiAdapter
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.interface import Interface


# Names Zope, CMF and Plone traverse to on any content, views or not.
RESERVED = frozenset(
    (
        "index_html",
        "view",
        "edit",
        "base_edit",
        "base_view",
        "folder_contents",
        "sharing",
        "manage",
        "manage_main",
        "manage_workspace",
        "REQUEST",
        "RESPONSE",
        "layout",
        "login",
        "logout",
        "portal_factory",
    )
)


def reserved_id_message(container, name):
    """Why ``name`` is refused in ``container``, or None when it is free
    of every reserved name (whether an item has it is checked elsewhere)."""
    if not isinstance(name, str) or not name:
        return None
    container = aq_inner(container)
    reserved = (
        name.startswith(("@", "++", "_", "aq_"))
        or name in RESERVED
        or _is_view(container, name)
        or (
            base_hasattr(container, name)
            and name not in getattr(aq_base(container), "objectIds", list)()
        )
    )
    if not reserved:
        return None
    return _(
        "reserved_id",
        default='"${name}" is a reserved name here: choose another short name.',
        mapping={"name": name[:50]},
    )


def _is_view(container, name):
    request = getRequest()
    if request is None:
        return False
    return queryMultiAdapter((container, request), Interface, name=name) is not None


def refuse_reserved_id(obj, event):
    """Subscriber (forum or group about to be added or renamed)."""
    if event.newParent is None or event.newName is None:
        return
    if event.oldParent is event.newParent and event.oldName == event.newName:
        return
    message = reserved_id_message(event.newParent, event.newName)
    if message is not None:
        raise shown(BadRequest(translate(message, context=getRequest())))
