"""What the in-process profiles (``profile_address_list``,
``profile_delivery``) share: a test layer's site set up as
zope.testrunner would, and contacts in one group on it."""


def set_up_layer(layer):
    """Set up ``layer`` and its bases, in order, for one test; returns it."""
    layers = []

    def gather(each):
        for base in each.__bases__:
            gather(base)
        if each not in layers:
            layers.append(each)

    gather(layer)
    for each in layers:
        each.setUp()
    for each in layers:
        each.testSetUp()
    return layer


def contacts_in_group(portal, count, fields):
    """The site's directory (made if missing) with ``count`` contacts,
    ``fields(n)`` adding to each its fields beyond names and address, and
    the group ``profiled`` of them all; returns (directory, group).
    Not committed."""
    from plone import api
    from z3c.relationfield import RelationValue
    from zope.component import getUtility
    from zope.intid.interfaces import IIntIds

    with api.env.adopt_roles(["Manager"]):
        directory = portal.get("contacts") or api.content.create(
            portal, "ContactDirectory", id="contacts", title="Contacts"
        )
        contacts = [
            api.content.create(
                directory,
                "Contact",
                id=f"person{n}",
                given_name=f"Given{n}",
                family_name=f"Family {n}",
                email=f"person{n}@example.org",
                **fields(n),
            )
            for n in range(count)
        ]
        intids = getUtility(IIntIds)
        group = api.content.create(
            directory,
            "ContactGroup",
            id="profiled",
            title="Profiled",
            members=[RelationValue(intids.getId(c)) for c in contacts],
        )
    return directory, group
