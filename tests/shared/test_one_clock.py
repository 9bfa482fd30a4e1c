"""One clock: ``clock.now()`` is the only time source, so moving it
(``clock.moved_to``) moves the tick, forum windows, personal links, kept
import files and deleted principals alike."""

from collab.portal import clock
from collab.portal import tokens
from collab.portal.contacts import import_uploads
from collab.portal.contacts.principals import deleted_at
from collab.portal.content.window import CLOSED
from collab.portal.content.window import OPEN
from collab.portal.content.window import UPCOMING
from collab.portal.content.window import window_status
from collab.portal.testing import INTEGRATION_TESTING
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from pathlib import Path
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from types import SimpleNamespace
from zope.component import getGlobalSiteManager
import collab.portal
import re
import unittest


AT = datetime(2031, 6, 1, 12, 0, tzinfo=UTC)
SRC = Path(collab.portal.__file__).parent
# Reading the machine's time anywhere but in clock.py.
OWN_TIME = re.compile(r"datetime\.(now|utcnow|today)\(|\bDateTime\(\)|date\.today\(")
# Where the machine's time is meant: what it is compared with or stamps
# comes from outside the add-on.
MACHINE_TIME = {
    # plone.app.discussion dates each comment by the machine's time.
    "comments/limits.py",
    # A message's Date header says when it really left.
    "mail/outbox.py",
}


class TestOneClock(unittest.TestCase):
    layer = INTEGRATION_TESTING

    def setUp(self):
        self.portal = self.layer["portal"]
        setRoles(self.portal, TEST_USER_ID, ["Manager"])

    def test_now_answers_the_moved_time_and_comes_back(self):
        with clock.moved_to(AT):
            self.assertEqual(clock.now(), AT)
            with clock.moved_to(AT + timedelta(days=1)):
                self.assertEqual(clock.now(), AT + timedelta(days=1))
            self.assertEqual(clock.now(), AT)
        self.assertLess(abs(clock.now() - datetime.now(UTC)), timedelta(minutes=1))

    def test_a_tick_happens_at_the_clocks_time(self):
        seen = []

        def listener(event):
            seen.append(event.at)

        site_manager = getGlobalSiteManager()
        site_manager.registerHandler(listener, (clock.IClockTick,))
        try:
            with clock.moved_to(AT):
                clock.tick()
        finally:
            site_manager.unregisterHandler(listener, (clock.IClockTick,))
        self.assertEqual(seen, [AT])

    def test_forum_windows_move_with_the_clock(self):
        window = SimpleNamespace(opens=AT, closes=AT + timedelta(days=7))
        with clock.moved_to(AT - timedelta(minutes=1)):
            self.assertEqual(window_status(window), UPCOMING)
        with clock.moved_to(AT):
            self.assertEqual(window_status(window), OPEN)
        with clock.moved_to(AT + timedelta(days=7)):
            self.assertEqual(window_status(window), CLOSED)

    def test_personal_links_expire_by_the_clock(self):
        with clock.moved_to(AT):
            tokens.issue("test", "subject-uid", days=2, actor="admin")
            (record,) = tokens.tokens_of("test", "subject-uid")
            self.assertEqual(record.issued, AT)
            self.assertEqual(record.state(), "valid")
        with clock.moved_to(AT + timedelta(days=2)):
            self.assertEqual(record.state(), "expired")

    def test_kept_import_files_are_forgotten_by_the_clock(self):
        folder = api.content.create(self.portal, "Folder", id="uploads", title="U")
        with clock.moved_to(AT):
            token = import_uploads.keep(folder, "sec", b"a,b\n", "c.csv")
            self.assertEqual(import_uploads.kept(folder, "sec", token)[0], b"a,b\n")
        with clock.moved_to(AT + import_uploads.KEEP + timedelta(seconds=1)):
            self.assertIsNone(import_uploads.kept(folder, "sec", token))

    def test_a_deleted_user_is_noted_at_the_clocks_time(self):
        api.user.create(email="gone@example.org", username="gone", password="x" * 12)
        with clock.moved_to(AT):
            api.user.delete(username="gone")
        self.assertEqual(deleted_at("gone"), AT)

    def test_no_module_reads_the_machines_time_itself(self):
        readers = [
            f"{path.relative_to(SRC)}:{number}"
            for path in sorted(SRC.rglob("*.py"))
            if path.name != "clock.py"
            and str(path.relative_to(SRC)) not in MACHINE_TIME
            for number, line in enumerate(path.read_text().splitlines(), 1)
            if OWN_TIME.search(line)
        ]
        self.assertIn("clock.py", {p.name for p in SRC.glob("*.py")})
        self.assertEqual(readers, [], "ask collab.portal.clock.now() instead")
