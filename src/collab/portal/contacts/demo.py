"""The demo directory: fictitious contacts in many countries and the three
languages, a working group, the focal points and the observers, and one
mailing to the focal points shown as sent with its delivery log (issue 12
§6; no mail leaves: ``demo_mailing``).

The people are data (``demo_contacts.json``); this module only builds
content from them, never twice. The distribution's demo profile calls it.
"""

from collab.portal.contacts.demo_mailing import add_demo_mailing
from collab.portal.contacts.demo_mailing import DEMO_MAILING_ID
from collab.portal.contacts.directory import ensure_directory
from plone import api
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.intid.interfaces import IIntIds
import json
import pathlib


def demo_data():
    return json.loads(
        (pathlib.Path(__file__).parent / "demo_contacts.json").read_text("utf-8")
    )


def create_demo_directory(portal):
    data = demo_data()
    directory = ensure_directory(portal)
    intids = getUtility(IIntIds)
    with api.env.adopt_roles(["Manager"]):
        for spec in data["contacts"]:
            if spec["id"] not in directory.objectIds():
                api.content.create(directory, "Contact", **spec)
        for spec in data["groups"]:
            if spec["id"] in directory.objectIds():
                continue
            members = [directory[cid] for cid in spec["members"]]
            api.content.create(
                directory,
                "ContactGroup",
                id=spec["id"],
                title=spec["title"],
                description=spec["description"],
                kind=spec["kind"],
                members=[RelationValue(intids.getId(c)) for c in members],
                member_roles={
                    directory[cid].UID(): role for cid, role in spec["roles"].items()
                },
            )
        if DEMO_MAILING_ID not in directory.objectIds():
            add_demo_mailing(directory, [directory[data["mailing_to"]]])
    return directory
