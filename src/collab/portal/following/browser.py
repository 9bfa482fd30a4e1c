"""Following in Classic UI.

- a Follow control (viewlet above the body of forums and groups) for
  members, posting to ``@@follow`` with plone.protect's authenticator;
- ``@@follow``: the control's handler (POST; GET leads to the page);
- ``@@unfollow``: the one-click link of the mails. It needs no login: its
  signed token (``links``) is the proof, and also what protects it from
  cross-site requests. GET only shows a button (mail scanners open every
  link of a message); its POST stops the mail and offers to follow again,
  as does the POST of mail programs that send RFC 8058's
  ``List-Unsubscribe=One-Click``.
"""

from AccessControl import Unauthorized
from collab.portal import _
from collab.portal.following.followers import BAD_MODE
from collab.portal.following.followers import DIGEST
from collab.portal.following.followers import follow
from collab.portal.following.followers import followable_parent
from collab.portal.following.followers import followed_holders
from collab.portal.following.followers import following
from collab.portal.following.followers import groups_of
from collab.portal.following.followers import holder
from collab.portal.following.followers import IMMEDIATE
from collab.portal.following.followers import is_followable
from collab.portal.following.followers import language_of
from collab.portal.following.followers import MODES
from collab.portal.following.followers import unfollow
from collab.portal.following.followers import UnknownMode
from collab.portal.following.links import is_root
from collab.portal.following.links import is_valid
from collab.portal.following.links import scope_of
from collab.portal.following.mail import title_in
from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from plone.app.uuid.utils import uuidToObject
from plone.protect import CheckAuthenticator
from plone.protect.interfaces import IDisableCSRFProtection
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
from zope.component import getMultiAdapter
from zope.interface import alsoProvides


MODE_LABELS = {
    IMMEDIATE: _("follow_mode_immediate", default="E-mail for each new comment"),
    DIGEST: _("follow_mode_digest", default="One daily digest"),
}


class FollowForm:
    """What the Follow control shows (viewlet) and whom it acts for
    (``@@follow``)."""

    form_template = ViewPageTemplateFile("templates/follow_form.pt")

    def userid(self):
        return api.user.get_current().getId()

    def record(self):
        return following(self.context, self.userid())

    def current_mode(self):
        record = self.record()
        return record.mode if record is not None else IMMEDIATE

    def modes(self):
        return [{"value": mode, "label": MODE_LABELS[mode]} for mode in MODES]

    def forum_record(self):
        """For a group: the member's following of its forum, if any."""
        forum = followable_parent(self.context)
        return following(forum, self.userid()) if forum is not None else None

    def is_forum(self):
        """Held by no other followable: following it covers what it holds."""
        return followable_parent(self.context) is None

    def mode_label(self, mode):
        return MODE_LABELS.get(mode, "")

    def form(self):
        return self.form_template()


class FollowViewlet(FollowForm, ViewletBase):
    """Members only: the viewlet's permission is ``collab.portal: Follow``."""

    def render(self):
        state = getMultiAdapter(
            (self.context, self.request), name="plone_context_state"
        )
        if api.user.is_anonymous() or not state.is_view_template():
            return ""
        return self.form()


class FollowView(FollowForm, BrowserView):
    def __call__(self):
        if not api.user.has_permission("View", obj=self.context):
            raise Unauthorized()
        if self.request.method != "POST":
            # The control lives on the page itself.
            self.request.response.redirect(self.context.absolute_url())
            return ""
        CheckAuthenticator(self.request)
        messages = IStatusMessage(self.request)
        title = self.context.Title()
        if self.request.form.get("unfollow"):
            unfollow(self.context, self.userid())
            messages.add(
                _(
                    "unfollowed",
                    default='You no longer follow "${title}".',
                    mapping={"title": title},
                ),
                type="info",
            )
        else:
            mode = self.request.form.get("mode", IMMEDIATE)
            try:
                follow(
                    self.context,
                    self.userid(),
                    mode,
                    language=language_of(self.context),
                )
            except (UnknownMode, TypeError):
                messages.add(BAD_MODE, type="error")
            else:
                messages.add(
                    _(
                        "followed",
                        default='You follow "${title}": ${mode}.',
                        mapping={"title": title, "mode": MODE_LABELS[mode]},
                    ),
                    type="info",
                )
        self.request.response.redirect(self.context.absolute_url())
        return ""


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
