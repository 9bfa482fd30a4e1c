"""Mail from a site made and served exactly as ``make start`` does it
(issue 10): the distribution's real handlers, the instance configuration
of ``collab-portal instance``, the queue directory the distribution chose,
``runwsgi`` in a subprocess, and real SMTP servers. A follower gets the
mail on a fresh site, after Site Setup -> Mail changed on the running
site, after the queue folder was left empty by an earlier release, and,
exactly once, after a broken queue was mended."""

from collab.portal.testing import STARTED_SITE
from pathlib import Path
import requests
import shutil
import time
import unittest


GROUP = "en/intersessional-consultation/group-1"
PASSWORD = "secret-password-1"


def session(base, login="admin", password="admin"):
    http = requests.Session()
    http.headers["Accept"] = "application/json"
    http.auth = (login, password)
    http.base = base
    return http


def is_maildir(path):
    return all((Path(path) / sub).is_dir() for sub in ("cur", "new", "tmp"))


class TestMailOfAStartedSite(unittest.TestCase):
    """The tests build on each other, in the order of their names, as a
    secretariat would: set the mail server, change it, upgrade."""

    layer = STARTED_SITE

    def setUp(self):
        self.url = self.layer["url"]
        self.queue = Path(self.layer["var"]) / "mailqueue"
        self.first, self.second = self.layer["mailboxes"]
        self.admin = session(self.url)

    def call(self, method, path, login="admin", **kw):
        http = self.admin if login == "admin" else session(self.url, login, PASSWORD)
        response = http.request(method, f"{self.url}/{path}".rstrip("/"), **kw)
        self.assertLess(response.status_code, 300, response.text)
        return response

    def set_mail_server(self, port):
        self.call(
            "PATCH",
            "@controlpanels/mail",
            json={"smtp_host": "127.0.0.1", "smtp_port": port},
        )

    def member(self, login):
        response = self.admin.get(f"{self.url}/@users/{login}")
        if response.status_code == 404:
            self.call(
                "POST",
                "@users",
                json={
                    "username": login,
                    "email": f"{login}@example.org",
                    "password": PASSWORD,
                    "fullname": login.title(),
                },
            )
        return login

    def follow_and_post(self, poster, text):
        follower = self.member("follower")
        mode = {"mode": "immediate"}
        self.call("POST", f"{GROUP}/@follow", login=follower, json=mode)
        poster = self.member(poster)
        self.call("POST", f"{GROUP}/@comments", login=poster, json={"text": text})

    def mail_with(self, mailbox, text, timeout=30):
        """The one message of ``mailbox`` whose body has ``text``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [
                (to, message)
                for _from, to, message in mailbox.messages
                if text in message.get_body(("plain",)).get_content()
            ]
            if found:
                time.sleep(1)  # a second copy would show now
                self.assertEqual(len(found), 1)
                ((to, message),) = found
                self.assertEqual(to, ["follower@example.org"])
                return message
            time.sleep(0.2)
        self.fail(f"No mail with {text!r} arrived in {timeout} s")

    def test_1_fresh_site_mails_followers(self):
        # The distribution chose <clienthome>/mailqueue and made it a maildir.
        self.assertTrue(is_maildir(self.queue))
        self.set_mail_server(self.layer["smtp_ports"][0])
        self.follow_and_post("poster1", "First words on a fresh site.")
        message = self.mail_with(self.first, "First words on a fresh site.")
        self.assertIn("@@unfollow?user=follower&", message["List-Unsubscribe"])
        self.assertEqual(message["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click")

    def test_2_mail_settings_changed_on_the_running_site(self):
        self.set_mail_server(self.layer["smtp_ports"][1])
        self.follow_and_post("poster2", "After the server changed.")
        self.mail_with(self.second, "After the server changed.")
        time.sleep(1)
        self.assertFalse(
            [m for _f, _t, m in self.first.messages if "server changed" in str(m)]
        )

    def test_3_empty_queue_folder_of_an_earlier_release(self):
        def empty_queue():
            shutil.rmtree(self.queue)
            self.queue.mkdir()  # what the distribution made up to 1005

        self.layer["restart"](between=empty_queue)
        self.assertTrue(is_maildir(self.queue))  # completed at start-up
        self.follow_and_post("poster3", "Through a queue made anew.")
        self.mail_with(self.second, "Through a queue made anew.")

    def test_4_broken_queue_reported_then_announced_once(self):
        shutil.rmtree(self.queue)
        self.queue.mkdir()
        (self.queue / "stray").write_text("not mail")
        self.follow_and_post("poster4", "Said while the queue was broken.")
        page = self.call("GET", "@@mail-controlpanel", headers={"Accept": "text/html"})
        self.assertIn("form.widgets.smtp_host", page.text)
        self.assertIn("collab-mail-queue-problem", page.text)
        time.sleep(2)
        self.assertFalse(
            [m for _f, _t, m in self.second.messages if "queue was broken" in str(m)]
        )
        (self.queue / "stray").unlink()
        self.call("POST", "@forum-clock")
        self.mail_with(self.second, "Said while the queue was broken.")
        self.call("POST", "@forum-clock")
        self.mail_with(self.second, "Said while the queue was broken.", timeout=3)
