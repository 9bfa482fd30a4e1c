"""On the Site Setup pages, a manager sees at once when mail cannot leave
(``mail.check_mail``)."""

from collab.portal.mail.queue import check_mail
from plone.app.layout.viewlets.common import ViewletBase


class MailQueueProblemViewlet(ViewletBase):
    def update(self):
        super().update()
        self.problem = None
        name = getattr(self.view, "__name__", "") or ""
        if "controlpanel" in name:
            self.problem = check_mail()

    def render(self):
        return self.index() if self.problem else ""
