"""Every event handler of the contacts feature (one ZCML block in
configure.zcml): the linked Plone groups follow their contact groups, a
deleted contact's personal links go with it, a deleted user's id keeps
no group and no contact, a mailing's attachments stay under their cap,
and the clock writes mailings and purges ended links."""

from Acquisition import aq_inner
from Acquisition import aq_parent
from collab.portal import tokens
from collab.portal.contacts.directory import find_directory
from collab.portal.contacts.email_change import PURPOSE as EMAIL_LINK
from collab.portal.contacts.groups import drop_member
from collab.portal.contacts.groups import groups_of
from collab.portal.contacts.groups import remember_member_intids
from collab.portal.contacts.groups import remove_linked_group
from collab.portal.contacts.groups import sync_linked_group
from collab.portal.contacts.mailings import attachments_refusal
from collab.portal.contacts.principals import forget_principal
from collab.portal.contacts.principals import note_link
from collab.portal.contacts.principals import principal_recreated
from collab.portal.contacts.update_links import PURPOSE as UPDATE_LINK
from collab.portal.content.mailing import IMailing
from collab.portal.errors import shown
from plone import api
from zExceptions import BadRequest
from zope.globalrequest import getRequest
from zope.i18n import translate


def group_changed(group, event):
    """Added or edited (members, roles, title): rebuild its Plone group and
    keep its members' intids for the address list."""
    remember_member_intids(group)
    sync_linked_group(group)


def group_removed(group, event):
    remove_linked_group(group)


def contact_added(contact, event):
    note_link(contact)


def contact_changed(contact, event):
    """A linked user set, changed or removed: every group of the contact."""
    note_link(contact)
    for group in groups_of(contact):
        sync_linked_group(group)


def principal_deleted(event):
    """PAS deleted a user (plone.api, ``DELETE @users``, the Users and
    Groups control panel): its id, which anyone may register again, keeps
    no group and no contact (principals.py)."""
    for contact in forget_principal(event.principal):
        for group in groups_of(contact):
            sync_linked_group(group)


def principal_created(event):
    """A user added: if its id is a deleted user's, it inherits nothing."""
    principal_recreated(event.principal.getId())


def contact_removed(contact, event):
    """Relations to a deleted contact break; its groups drop it at once.
    All groups of the directory are asked (few), since the relation catalog
    may already have forgotten the contact. Its personal links go too: a
    link must not outlive the person it lets in."""
    tokens.forget(UPDATE_LINK, contact.UID())
    tokens.forget(EMAIL_LINK, contact.UID())
    directory = find_directory(event.oldParent)
    if directory is None:
        return
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(
        portal_type="ContactGroup", path="/".join(directory.getPhysicalPath())
    ):
        group = brain._unrestrictedGetObject()
        drop_member(group, contact)
        remember_member_intids(group)
        sync_linked_group(group, excluding=contact)


def attachment_changed(obj, event):
    """A File added to a mailing, or replaced in it, that takes its
    attachments over the cap is refused at once (400 with the reason, on
    the add form and over REST), not only when the mailing is sent."""
    mailing = aq_parent(aq_inner(obj))
    if not IMailing.providedBy(mailing):
        return
    message = attachments_refusal(mailing)
    if message is not None:
        raise shown(BadRequest(translate(message, context=getRequest())))
