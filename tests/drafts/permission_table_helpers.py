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
from plone import api
from urllib.parse import parse_qs
from urllib.parse import urlsplit
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
        self.guest = self.continue_from(link)
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

    def continue_from(self, link):
        parts = urlsplit(link)
        form = {key: values[0] for key, values in parse_qs(parts.query).items()}
        response = requests.post(
            f"{parts.scheme}://{parts.netloc}{parts.path}",
            data={**form, "save": "1"},
            allow_redirects=False,
            timeout=60,
        )
        self.assertEqual(response.status_code, 303, response.text[:300])
        return response.cookies["collab_guest"]

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
