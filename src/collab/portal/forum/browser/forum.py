"""Classic UI pages of forums and discussion groups."""

from collab.portal import _
from collab.portal.comments.batching import visible_threads
from collab.portal.comments.rendering import comment_html
from collab.portal.content.translations import translations
from collab.portal.content.window import STATUS_LABELS
from collab.portal.dates import format_local_window
from collab.portal.dates import format_utc
from collab.portal.dates import number_on_page
from collab.portal.forum.schedule import group_status
from collab.portal.forum.schedule import schedule_rows
from plone import api
from plone.app.discussion.interfaces import IConversation
from Products.Five.browser import BrowserView
from zope.i18n import translate


class ForumMixin:
    def status_label(self, status):
        return STATUS_LABELS[status]

    def status_css(self, status):
        colour = {"open": "success", "closed": "secondary"}.get(status, "info")
        return f"badge text-bg-{colour} forum-status forum-status-{status}"

    def utc(self, value, with_time=True):
        return format_utc(value, self.request, with_time)

    def number(self, value):
        return number_on_page(value)

    def local_window(self, opens, closes):
        return format_local_window(opens, closes, self.request)

    def local_label(self):
        return translate(_("Your time:"), context=self.request)

    def local_times_script(self):
        return (
            f"{api.portal.get().absolute_url()}/++plone++collab.portal/local-times.js"
        )

    def language_anchor_script(self):
        return (
            f"{api.portal.get().absolute_url()}"
            "/++plone++collab.portal/language-anchor.js"
        )

    def can_view_participation(self):
        return api.user.has_permission(
            "collab.portal: View participation statistics", obj=self.context
        )

    def is_anonymous(self):
        return api.user.is_anonymous()

    def sign_up_url(self):
        """Registration if the site allows it, else the login form."""
        portal_url = api.portal.get().absolute_url()
        if api.portal.get_registry_record("plone.enable_self_reg", default=False):
            return f"{portal_url}/@@register"
        return f"{portal_url}/login"


class ForumView(ForumMixin, BrowserView):
    """Purpose, groups, schedule, outcomes: the forum's single page."""

    def rows(self):
        return schedule_rows(self.context)

    def print_url(self):
        return f"{self.context.absolute_url()}/@@forum-print"


class ForumPrintView(ForumView):
    """Everything on one printable page; ``?comments=1`` adds the comments
    the reader may see."""

    def with_comments(self):
        return self.request.form.get("comments") in ("1", "true", "on")

    def comments(self, group):
        """The threads the reader may see, replies under what they answer:
        the same rule as REST and the exports."""
        return [thread["comment"] for thread in visible_threads(IConversation(group))]

    def html(self, comment):
        return comment_html(comment)

    def language_links(self):
        """The print view of each other language version the reader may
        see: the print page has no language switcher of Plone's."""
        names = api.portal.get_tool(
            "portal_languages"
        ).getAvailableLanguageInformation()
        query = "?comments=1" if self.with_comments() else ""
        return [
            {
                "code": code,
                "name": names.get(code, {}).get("native", code),
                "url": f"{version.absolute_url()}/@@forum-print{query}",
            }
            for code, version in sorted(translations(self.context).items())
            if code != self.context.Language()
            and api.user.has_permission("View", obj=version)
        ]


class DiscussionGroupView(ForumMixin, BrowserView):
    def status(self):
        return group_status(self.context)

    def can_export(self):
        return api.user.has_permission(
            "collab.portal: Export comments", obj=self.context
        )

    def forum_url(self):
        return self.context.__parent__.absolute_url()
