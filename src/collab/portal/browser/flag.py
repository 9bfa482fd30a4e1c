"""``<group>/@@flag-comment?comment_id=N``: the page way to flag a comment
(a confirmation, then a POST protected against CSRF)."""

from collab.portal import _
from collab.portal.services.comments.flag import flag_comment
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.statusmessages.interfaces import IStatusMessage


class FlagCommentView(BrowserView):
    def __call__(self):
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
