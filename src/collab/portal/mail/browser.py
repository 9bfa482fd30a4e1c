"""On the Site Setup pages, a manager sees at once when mail cannot leave
(``mail.check_mail``), and since when the mail server cannot be reached
(``mail.outage_message``)."""

from collab.portal.mail.queue import check_mail
from collab.portal.mail.queue import outage_message
from plone import api
from plone.app.layout.viewlets.common import ViewletBase


class MailQueueProblemViewlet(ViewletBase):
    def update(self):
        super().update()
        self.problem = self.outage = None
        name = getattr(self.view, "__name__", "") or ""
        if "controlpanel" in name:
            self.problem = check_mail()
            self.outage = outage_message(api.portal.get_current_language())

    def render(self):
        return self.index() if self.problem or self.outage else ""
