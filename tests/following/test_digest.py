"""The daily digest of new comments for followers who asked for it."""

from collab.portal.clock import now
from collab.portal.clock import tick
from collab.portal.following.followers import following
from datetime import timedelta
from following.helpers import body
from following.helpers import FollowingTestCase
from following.helpers import GROUP
from following.helpers import unfollow_link
from plone import api
from portal_helpers import url
import requests
import transaction


class TestDigest(FollowingTestCase):
    def test_daily_digest(self):
        api.portal.set_registry_record("collab.portal.flags_to_hide", 1)
        transaction.commit()
        self.followed("lector", mode="digest")
        self.followed("follower", path="en/capacity-forum", mode="digest")
        self.post("First view.", guiding_question=1)
        self.post("Second view.")
        self.post("My own view.", login="follower")
        self.post("To be hidden.")
        hidden = [c for c in self.comments() if c.text == "To be hidden."][0]
        session = self.rest("editor")
        session.post(
            url(session, f"{GROUP}/@flag-comment"),
            json={"comment_id": str(hidden.comment_id)},
        )
        self.delivered(0)  # digest only

        transaction.begin()
        later = now() + timedelta(hours=25)
        tick(at=later)
        transaction.commit()
        messages = {to[0]: message for _f, to, message in self.delivered(2)}
        # follower follows the forum: the two public comments of others.
        text = body(messages["follower@example.org"])
        self.assertEqual(
            messages["follower@example.org"]["Subject"],
            "New comments in what you follow: 2",
        )
        self.assertIn("Monitoring and evaluation (Strategic approaches", text)
        self.assertIn("Guiding question 1: What worked?", text)
        self.assertLess(text.index("First view."), text.index("Second view."))
        self.assertNotIn("My own view.", text)
        self.assertNotIn("To be hidden.", text)
        # lector follows the group, reads Spanish, and also gets follower's.
        spanish = messages["lector@example.org"]
        self.assertEqual(spanish["Subject"], "Comentarios nuevos en lo que sigue: 3")
        self.assertIn("My own view.", body(spanish))
        self.assertIn("Pregunta orientativa 1: What worked?", body(spanish))
        self.assertTrue(
            unfollow_link(spanish).startswith(
                f"{self.portal.absolute_url()}/es/@@unfollow"
            )
        )

        # Idempotent: the same run again, and an hour later, send nothing.
        self.mailbox.clear()
        transaction.begin()
        tick(at=later)
        tick(at=later + timedelta(hours=1))
        transaction.commit()
        self.delivered(0)

        # Stop all digests from the mail: no login needed.
        response = requests.get(unfollow_link(spanish), timeout=60)
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("No recibirá más resúmenes diarios", response.text)
        transaction.begin()
        self.assertIsNotNone(following(self.group, "lector"))
        response = requests.post(unfollow_link(spanish), timeout=60)
        self.assertEqual(response.status_code, 200)
        self.assertIn("No recibirá más resúmenes diarios", response.text)
        transaction.begin()
        self.assertIsNone(following(self.group, "lector"))

    def test_group_following_decides_over_forum(self):
        # Forum by digest, this group at once: its comments come at once
        # and are not in the digest again.
        self.followed("follower", path="en/capacity-forum", mode="digest")
        self.followed("follower", mode="immediate")
        self.post("Straight away.")
        ((_f, _to, message),) = self.delivered(1)
        self.mailbox.clear()
        transaction.begin()
        tick(at=now() + timedelta(hours=25))
        transaction.commit()
        self.delivered(0)

    def test_nothing_new_nothing_sent(self):
        self.followed("follower", mode="digest")
        transaction.begin()
        tick(at=now() + timedelta(hours=25))
        transaction.commit()
        self.delivered(0)
