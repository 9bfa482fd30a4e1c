"""``<content>/@@flag-comment?comment_id=N``: the page way to flag a comment
(a confirmation, then a POST protected against CSRF)."""

from collab.portal import _
from collab.portal.comments.flags import flag_comment
from collab.portal.errors import shown
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.statusmessages.interfaces import IStatusMessage
from zExceptions import NotFound
from zope.i18n import translate


class FlagCommentView(BrowserView):
    def __call__(self):
        # The page's permission is on the content, which members have even
        # where it is hidden (a private folder): answer as if nothing were there
        # rather than show its title as the heading.
        if not api.user.has_permission("View", obj=self.context):
            message = translate(_("There is no such comment."), context=self.request)
            raise shown(NotFound(message))
        self.comment_id = self.request.form.get("comment_id", "")
        if self.request.method == "POST" and self.request.form.get("flag"):
            CheckAuthenticator(self.request)
            count, hidden = flag_comment(self.context, self.request, self.comment_id)
            message = (
                _("Thank you. The comment is hidden until a moderator decides.")
                if hidden
                else _("Thank you. The moderators will look at the comment.")
            )
            IStatusMessage(self.request).add(message, type="info")
            self.request.response.redirect(self.context.absolute_url())
            return ""
        return self.index()
