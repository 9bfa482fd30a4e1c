"""The Follow control (a viewlet above the body of forums and groups) for
members, posting to ``@@follow`` with plone.protect's authenticator, and
``@@follow``: the control's handler (POST; GET leads to the page)."""

from AccessControl import Unauthorized
from collab.portal import _
from collab.portal.following.followers import BAD_MODE
from collab.portal.following.followers import DIGEST
from collab.portal.following.followers import follow
from collab.portal.following.followers import followable_parent
from collab.portal.following.followers import following
from collab.portal.following.followers import IMMEDIATE
from collab.portal.following.followers import language_of
from collab.portal.following.followers import MODES
from collab.portal.following.followers import unfollow
from collab.portal.following.followers import UnknownMode
from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
from zope.component import getMultiAdapter


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
