"""The scene of the drafts' permission table: a draft in each state with
a real round (a site user and a contact invited, the contact's guest
session opened while the round was open) and one comment of the
participant's, searchable."""

from collab.portal.clock import now
from collab.portal.comments.search import index_waiting_comments
from collab.portal.drafts.invitations import guest_link
from collab.portal.drafts.rounds import close_round
from collab.portal.drafts.rounds import open_round
from contacts.helpers import make_directory
from datetime import timedelta
from drafts.draft_helpers import DraftCommentsTestCase
from drafts.draft_helpers import PARTICIPANT
from drafts.draft_helpers import SECRETARIAT
from drafts.round_helpers import guest_cookie
from plone import api
import requests
import transaction


SEED = "Zanzibarian wording for paragraph two."


class PermissionTableTestCase(DraftCommentsTestCase):
    def build(self, state):
        """The draft in ``state``; ``self.guest`` the guest's cookie and
        ``self.seed`` the participant's comment id (None in ``draft``)."""
        self.guest = self.seed = None
        if state == "draft":
            return
        _directory, ana, _luc = make_directory(self.portal)
        with api.env.adopt_user(username=SECRETARIAT):
            round = open_round(
                self.draft,
                now() + timedelta(days=2),
                SECRETARIAT,
                invite=False,
                users=(PARTICIPANT,),
                contacts=(ana.UID(),),
            )
            link = guest_link(self.draft, round, ana.UID(), SECRETARIAT)
        transaction.commit()
        self.guest = guest_cookie(link)
        posted = self.post(PARTICIPANT, text=SEED, paragraph=self.pids[1])
        self.assertEqual(posted.status_code, 204, posted.text)
        transaction.begin()
        [comment] = self.comments()
        self.seed = comment.comment_id
        index_waiting_comments(api.portal.get_tool("portal_catalog"))
        if state in ("incorporating", "final"):
            with api.env.adopt_user(username=SECRETARIAT):
                close_round(self.draft, SECRETARIAT)
        if state == "final":
            with api.env.adopt_user(username=SECRETARIAT):
                api.content.transition(self.draft, "finalise")
        transaction.commit()

    def session(self, role):
        """A REST session as ``role`` (the guest by their cookie)."""
        if role == "guest":
            session = requests.Session()
            session.headers["Accept"] = "application/json"
            if self.guest:
                session.headers["Cookie"] = f"collab_guest={self.guest}"
            return session
        login = {"anonymous": None}.get(role, role)
        return self.rest(login)
