"""The PAS plugin that makes a draft's guest a principal.

Modelled on plone.restapi's JWT plugin (``plone/restapi/pas/plugin.py``):
a plugin object in the site's ``acl_users`` whose extraction reads the
guest session cookie (``guests.COOKIE``) and whose authentication turns it
into the user id ``guest:<token id>``. Unlike a JWT it opens one draft
only, and only its allow-listed pages and services
(``guests.requested_host``): everywhere else the cookie extracts nothing
and its holder is anonymous. The token record is read on every request,
so revoking the token or closing the round bites on the next one.

Groups: the guest is in ``guests.guests_group(host)`` while on that host,
which holds the local role ``DraftGuest`` there (``guests.admit``).
The user factory makes a guest a ``GuestUser``, never ``Authenticated``
nor in "Logged-in users": what the site shares with logged-in users is
not a guest's. Properties: fullname, organisation and country from the
guest's contact (``IGuestAccess.guest``); no e-mail. Enumeration answers
only the exact id of a guest whose session was opened with a still valid
token, so
``api.user.get(userid="guest:…")`` works for plone.app.discussion and
the engine, and never lists guests in a search (sharing page, @users).

The plugin's id in ``acl_users`` and this class's path are stored in the
database: they never move.
"""

from AccessControl.class_init import InitializeClass
from AccessControl.PermissionRole import _what_not_even_god_should_do
from AccessControl.SecurityInfo import ClassSecurityInfo
from collab.portal.drafts import guests
from plone import api
from Products.PlonePAS.plugins.ufactory import PloneUser
from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin
from Products.PluggableAuthService.interfaces.plugins import IExtractionPlugin
from Products.PluggableAuthService.interfaces.plugins import IGroupsPlugin
from Products.PluggableAuthService.interfaces.plugins import IPropertiesPlugin
from Products.PluggableAuthService.interfaces.plugins import IUserEnumerationPlugin
from Products.PluggableAuthService.interfaces.plugins import IUserFactoryPlugin
from Products.PluggableAuthService.plugins.BasePlugin import BasePlugin
from zope.globalrequest import getRequest
from zope.interface import implementer


PLUGIN_ID = "collab_draft_guests"  # stored: never renamed
INTERFACES = (
    "IExtractionPlugin",
    "IAuthenticationPlugin",
    "IGroupsPlugin",
    "IPropertiesPlugin",
    "IUserEnumerationPlugin",
    "IUserFactoryPlugin",
)
TOKEN, HOST = "collab_guest_token", "collab_guest_host"  # credentials keys
AUTHENTICATED, AUTHENTICATED_GROUP = "Authenticated", "AuthenticatedUsers"


class GuestUser(PloneUser):
    """A guest is not a "logged-in user" to Plone: PAS gives every user it
    finds the role ``Authenticated`` (and Plone the group "Logged-in
    users"), which would let a guest's draft page list whatever the site
    shares with logged-in users. A guest has the roles of its group on its
    draft (``DraftGuest``) and nothing more. (Transient: never stored.)"""

    def _addRoles(self, roles=()):
        super()._addRoles([role for role in roles if role != AUTHENTICATED])

    def _addGroups(self, groups=()):
        super()._addGroups([g for g in groups if g != AUTHENTICATED_GROUP])

    def allowed(self, object, object_roles=None):  # noqa: A002 (Zope's name)
        if (
            object_roles is not None
            and object_roles is not _what_not_even_god_should_do
            and AUTHENTICATED in object_roles
        ):
            object_roles = [role for role in object_roles if role != AUTHENTICATED]
        return super().allowed(object, object_roles)


@implementer(
    IExtractionPlugin,
    IAuthenticationPlugin,
    IGroupsPlugin,
    IPropertiesPlugin,
    IUserEnumerationPlugin,
    IUserFactoryPlugin,
)
class GuestPlugin(BasePlugin):
    """Guests of draft documents, by their session cookie."""

    meta_type = "Collab Portal Draft Guests"
    security = ClassSecurityInfo()

    def __init__(self, id_, title=None):
        self._setId(id_)
        self.title = title

    @security.private
    def extractCredentials(self, request):
        """Runs on every request: without the cookie, ``{}`` before
        anything is loaded."""
        value = request.cookies.get(guests.COOKIE) if request is not None else None
        if not value:
            return {}
        host = guests.requested_host(request)
        if host is None:
            return {}
        token_id = guests.session_token_id(host, value)
        if token_id is None:
            return {}
        return {TOKEN: token_id, HOST: "/".join(host.getPhysicalPath())}

    @security.private
    def authenticateCredentials(self, credentials):
        if credentials.get("extractor") != self.getId():
            return None
        token_id, path = credentials.get(TOKEN), credentials.get(HOST)
        if not token_id or not path:
            return None
        host = api.portal.get().unrestrictedTraverse(path, None)
        if host is None or guests.live_record(host, token_id) is None:
            return None
        userid = guests.principal_id(token_id)
        return userid, userid

    @security.private
    def createUser(self, user_id, name):
        return GuestUser(user_id, name) if guests.token_id_of(user_id) else None

    @security.private
    def getGroupsForPrincipal(self, principal, request=None):
        if guests.token_id_of(principal.getId()) is None:
            return ()
        host = guests.requested_host(request or getRequest())
        return (guests.guests_group(host),) if host is not None else ()

    @security.private
    def getPropertiesForUser(self, user, request=None):
        token_id = guests.token_id_of(user.getId())
        if token_id is None:
            return {}
        host = guests.requested_host(request or getRequest())
        record = guests.live_record(host, token_id) if host is not None else None
        if record is None:
            return {}
        guest = guests.access_of(host).guest(record)
        return {
            "fullname": guest.name,
            "organisation": guest.organisation,
            "country": guest.country,
            "email": "",
        }

    @security.private
    def enumerateUsers(
        self,
        id=None,  # noqa: A002 (PAS's keyword)
        login=None,
        exact_match=False,
        sort_by=None,
        max_results=None,
        **kw,
    ):
        """Only ``exact_match`` on one guest id whose session is live:
        searches (sharing page, ``@users``) never list guests."""
        key = id or login
        if not exact_match or not isinstance(key, str):
            return ()
        token_id = guests.token_id_of(key)
        if token_id is None or guests.opened_record(token_id) is None:
            return ()
        return ({"id": key, "login": key, "pluginid": self.getId()},)


InitializeClass(GuestPlugin)


def install(portal):
    """Add the plugin to the site's ``acl_users`` (once) and activate it;
    its properties come before the others' for guest ids."""
    acl_users = portal.acl_users
    if PLUGIN_ID not in acl_users.objectIds():
        acl_users._setObject(PLUGIN_ID, GuestPlugin(PLUGIN_ID, "Draft guests"))
    acl_users[PLUGIN_ID].manage_activateInterfaces(INTERFACES)
    for interface in (IPropertiesPlugin, IUserFactoryPlugin):
        acl_users.plugins.movePluginsTop(interface, [PLUGIN_ID])
    return acl_users[PLUGIN_ID]


def uninstall(portal):
    """Take the plugin out of the site's ``acl_users`` (add-on uninstalled):
    guest sessions open nothing any more."""
    acl_users = portal.acl_users
    if PLUGIN_ID in acl_users.objectIds():
        acl_users.plugins.removePluginById(PLUGIN_ID)
        acl_users.manage_delObjects([PLUGIN_ID])
