"""``<draft>/@@guest``: a guest's personal link, exchanged for a session.

The link in the mail (``?contact=<uid>&token=<token>``) is moved out of the
URL at once (``collab.portal.links``), and a GET changes nothing: it shows
"Continue to the draft" (mail scanners open every link). The POST checks
the token again, opens the guest session (``guests.open_session``: the
cookie of this draft) and answers 303 to the draft, whose URL carries no
token. A refused link gets the translated page of ``tokens.check`` (403,
or 429 for a guesser). A signed-in member is told they take part as
themselves and gets no guest cookie. A guest coming back with a live
session is sent on to the draft; a dead session gets the refusal.

The page is drawn on the navigation root, not on the draft: before the
link is checked its holder may be anyone, and the draft's title,
breadcrumbs and portlets are not theirs to see.
"""

from collab.portal import links
from collab.portal.comments.authors import is_guest
from collab.portal.drafts import guests
from plone import api
from urllib.parse import urlsplit


class GuestPage(links.PersonalLinkPage):
    member = None
    in_session = False
    moved = False

    def __init__(self, context, request):
        super().__init__(context, request)
        self.host = context

    def check_link(self, subject, token, client):
        if not api.user.is_anonymous():
            user = api.user.get_current()
            if not is_guest(user.getId()):
                self.member = user
                return
        if subject is None and token is None:
            if guests.current_guest(self.host) is None:
                raise guests.refused()
            self.in_session = True
            return
        self.record = guests.check_link(self.host, subject, token, client)

    def prepare(self):
        self.draw_on_navigation_root()

    def refuse(self, error):
        super().refuse(error)
        self.draw_on_navigation_root()

    def draw_on_navigation_root(self):
        """Render on the navigation root (see the module's docstring);
        only after PAS has seen the draft as the published context."""
        self.context = api.portal.get_navigation_root(self.host)

    def act(self):
        if self.member is not None or self.in_session:
            return
        guests.open_session(self.host, self.record, self.request)
        response = self.request.response
        response.expireCookie(
            links.COOKIE, path=urlsplit(links.page_url(self.request)).path
        )
        response.redirect(self.host.absolute_url(), status=303, lock=True)
        self.moved = True

    def __call__(self):
        page = super().__call__()
        return "" if self.moved else page

    def host_url(self):
        return self.host.absolute_url()

    def host_title(self):
        return self.host.Title()

    def member_name(self):
        return self.member.getProperty("fullname") or self.member.getUserName()
