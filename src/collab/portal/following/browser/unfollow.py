"""``@@unfollow``: the one-click link of the mails. It needs no login: its
signed token (``links``) is the proof, and also what protects it from
cross-site requests. GET only shows a button (mail scanners open every
link of a message); its POST stops the mail and offers to follow again,
as does the POST of mail programs that send RFC 8058's
``List-Unsubscribe=One-Click``."""

from collab.portal.following.followers import DIGEST
from collab.portal.following.followers import follow
from collab.portal.following.followers import followed_holders
from collab.portal.following.followers import following
from collab.portal.following.followers import groups_of
from collab.portal.following.followers import holder
from collab.portal.following.followers import IMMEDIATE
from collab.portal.following.followers import is_followable
from collab.portal.following.followers import language_of
from collab.portal.following.followers import MODES
from collab.portal.following.followers import unfollow
from collab.portal.following.links import is_root
from collab.portal.following.links import is_valid
from collab.portal.following.links import scope_of
from collab.portal.following.mail import title_in
from plone import api
from plone.app.uuid.utils import uuidToObject
from plone.protect.interfaces import IDisableCSRFProtection
from Products.Five.browser import BrowserView
from zope.interface import alsoProvides


class UnfollowView(BrowserView):
    """``@@unfollow?user=…&token=…`` on a group, a forum or the site.

    A GET only asks (mail scanners open links); a POST acts: the page's
    button, or a mail program's RFC 8058 one-click POST. The page is drawn
    in a place the visitor may view, so a private forum or group lends it
    no title, navigation or portlets."""

    invalid = False
    asking = False
    restored = False
    removed = ()

    def __call__(self):
        form = self.request.form
        self.target = self.context
        self.userid = form.get("user")
        if not api.user.has_permission("View", obj=self.target):
            self.context = api.portal.get_navigation_root(self.target)
        if not isinstance(self.userid, str) or not is_valid(
            self.userid, scope_of(self.target), form.get("token")
        ):
            self.invalid = True
            self.request.response.setStatus(403, lock=True)
            return self.index()
        if self.request.method != "POST":
            self.asking = True
            return self.index()
        # The token is the proof of who asks; plone.protect cannot know it.
        alsoProvides(self.request, IDisableCSRFProtection)
        if form.get("follow_again"):
            self.restored = self.restore(form.get("restore", []))
        else:
            self.removed = self.stop()
        return self.index()

    def is_site(self):
        return is_root(self.target)

    def target_url(self):
        return self.target.absolute_url()

    def target_title(self):
        """The forum's or group's title, for the member the link is for;
        nothing if they may no longer view it."""
        if self.is_site():
            return ""
        member = api.user.get(userid=self.userid)
        if member is None or not api.user.has_permission(
            "View", user=member, obj=self.target
        ):
            return ""
        return self.target.Title()

    def stop(self):
        """Unfollow what the link stops; returns (holder, mode) pairs."""
        if self.is_site():
            scope = [
                obj
                for obj in followed_holders()
                if getattr(following(obj, self.userid), "mode", None) == DIGEST
            ]
        else:
            # A forum's link also stops its groups (groups hold none).
            scope = [holder(self.target), *groups_of(self.target)]
        removed = []
        for obj in scope:
            record = unfollow(obj, self.userid)
            if record is not None:
                removed.append((obj, record.mode))
        return removed

    def restore_values(self):
        if self.removed:
            return [f"{obj.UID()}:{mode}" for obj, mode in self.removed]
        if self.is_site():
            return []
        return [f"{holder(self.target).UID()}:{IMMEDIATE}"]

    def restore(self, values):
        """Follow again what this page stopped; only within the link's
        scope and what the member may view."""
        if isinstance(values, str):
            values = [values]
        member = api.user.get(userid=self.userid)
        allowed = self.allowed_uids()
        done = False
        for value in values:
            uid, _sep, mode = str(value).partition(":")
            obj = uuidToObject(uid, unrestricted=True) if uid else None
            if (
                obj is None
                or mode not in MODES
                or member is None
                or not is_followable(obj)
                or (allowed is not None and uid not in allowed)
                or not api.user.has_permission("View", user=member, obj=obj)
            ):
                continue
            follow(obj, self.userid, mode, language=language_of(self.target))
            done = True
        return done

    def allowed_uids(self):
        if self.is_site():
            return None
        uids = {holder(self.target).UID()}
        return uids | {group.UID() for group in groups_of(self.target)}

    def removed_titles(self):
        """Titles of what was stopped, each only if the member may still
        view it."""
        language = language_of(self.target)
        member = api.user.get(userid=self.userid)
        return [
            title_in(obj, language)
            for obj, _mode in self.removed
            if member is not None
            and api.user.has_permission("View", user=member, obj=obj)
        ]
