"""Issue 23, items 5 and 13: the instance the CLI writes trusts the
balancers it is told of, and its access log keeps no personal-link token
and names the client as Zope does."""

from collab.portal import accesslog
from collab.portal.cli.instance import write_instance
from pathlib import Path
from ZPublisher import HTTPRequest
import logging
import tempfile
import unittest


class TestAccessLog(unittest.TestCase):
    def log_line(self, environ, uri):
        records = []
        logger = accesslog.make_filter({}, "test.access", "false")(lambda e, s: [])
        handler = logging.Handler()
        handler.emit = records.append
        logging.getLogger("test.access").addHandler(handler)
        self.addCleanup(logging.getLogger("test.access").removeHandler, handler)
        logger.write_log(environ, "GET", uri, logger_time(), "200 OK", 10)
        return records[0].getMessage()

    def test_token_is_not_written(self):
        token = "5Vf317-msjyYjDmLqEObl1L6GYOcL4GWDTlWujt7F4U"
        environ = {
            "REMOTE_ADDR": "10.0.0.2",
            "HTTP_REFERER": f"https://x.example/es/@@update-details?token={token}",
            "SERVER_PROTOCOL": "HTTP/1.1",
        }
        line = self.log_line(
            environ, f"/plone/es/@@update-details?contact=abc&token={token}&x=1"
        )
        self.assertNotIn(token, line)
        self.assertIn("@@update-details?contact=abc&token=-&x=1", line)
        self.assertIn("?token=-", line)

    def test_client_is_named_as_zope_does(self):
        self.addCleanup(setattr, HTTPRequest, "trusted_proxies", [])
        environ = {
            "REMOTE_ADDR": "10.0.0.2",
            "HTTP_X_FORWARDED_FOR": "198.51.100.1, 203.0.113.9",
            "SERVER_PROTOCOL": "HTTP/1.1",
        }
        self.assertTrue(self.log_line(dict(environ), "/").startswith("10.0.0.2 "))
        HTTPRequest.trusted_proxies = ["10.0.0.2"]
        self.assertTrue(self.log_line(dict(environ), "/").startswith("203.0.113.9 "))


class TestInstanceProxySetting(unittest.TestCase):
    def test_trusted_proxies_written_to_zope_conf(self):
        with tempfile.TemporaryDirectory() as folder:
            conf = write_instance(
                Path(folder) / "instance",
                Path(folder) / "var",
                trusted_proxies=("10.0.0.2", "10.0.0.3"),
            )
            text = conf.read_text()
            ini = (conf.parent / "zope.ini").read_text()
        self.assertIn("trusted-proxy 10.0.0.2\ntrusted-proxy 10.0.0.3\n", text)
        self.assertIn("use = call:collab.portal.accesslog:make_filter", ini)

    def test_zope_reads_the_setting(self):
        from Zope2.Startup.options import ZopeWSGIOptions

        with tempfile.TemporaryDirectory() as folder:
            conf = write_instance(
                Path(folder) / "instance",
                Path(folder) / "var",
                trusted_proxies=("10.0.0.2",),
            )
            options = ZopeWSGIOptions(configfile=str(conf))()
        # Zope's start-up handler copies this list to HTTPRequest.
        self.assertEqual(list(options.configroot.trusted_proxies), ["10.0.0.2"])


def logger_time():
    import time

    return time.localtime()
