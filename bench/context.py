"""What a scenario's setup gets: the site's URLs, sessions and REST helpers.

URLs use the host name ``localhost``: plone.app.theming leaves 127.0.0.1
unthemed, and an unthemed page is not what visitors get.
"""

import requests


ACCEPT_JSON = {"Accept": "application/json"}
REQUEST_TIMEOUT = 30


class Session(requests.Session):
    """Keep-alive session whose requests always time out (no unbounded waits)."""

    def request(self, method, url, *args, **kwargs):
        kwargs.setdefault("timeout", REQUEST_TIMEOUT)
        return super().request(method, url, *args, **kwargs)


class Context:
    """Shared by all scenarios of a run; ``once`` keeps set-up work shared."""

    def __init__(self, port, site_id="Plone", admin="admin:admin"):
        self.origin = f"http://localhost:{port}"
        self.site = f"{self.origin}/{site_id}"
        self.en = f"{self.site}/en"
        login, _, password = admin.partition(":")
        self.passwords = {login: password or login}
        self.admin = self.session(login)
        self._once = {}

    def session(self, login=None):
        """A new keep-alive session, anonymous or logged in (basic auth)."""
        session = Session()
        if login:
            session.auth = (login, self.passwords[login])
        return session

    def rest(self, method, url, data=None, session=None):
        """A plone.restapi call (admin by default); raises on an HTTP error."""
        response = (session or self.admin).request(
            method, url, headers=ACCEPT_JSON, json=data
        )
        if response.status_code >= 400:
            raise RuntimeError(
                f"{method} {url}: HTTP {response.status_code} {response.text[:500]}"
            )
        return response.json() if response.content else {}

    def create(self, container, portal_type, publish=False, **fields):
        """Create content through REST; return its URL."""
        url = self.rest("POST", container, {"@type": portal_type, **fields})["@id"]
        if publish:
            self.rest("POST", f"{url}/@workflow/publish")
        return url

    def add_user(self, login, password=None, roles=("Member",)):
        """A site member that sessions can log in as; added once per run."""
        if login in self.passwords:
            return login
        password = password or f"{login}-Bench-2024"
        self.rest(
            "POST",
            f"{self.site}/@users",
            {
                "username": login,
                "email": f"{login}@example.org",
                "password": password,
                "roles": list(roles),
            },
        )
        self.passwords[login] = password
        return login

    def once(self, key, factory):
        """``factory()`` the first time ``key`` is asked for, then its result."""
        if key not in self._once:
            self._once[key] = factory()
        return self._once[key]

    def baseline_document(self):
        """The plain published Document every other page is compared with."""
        return self.once(
            "baseline-document",
            lambda: self.create(
                self.en,
                "Document",
                publish=True,
                id="bench-baseline",
                title="Benchmark baseline",
                description="A plain published Document to compare pages with.",
                text={
                    "data": "<p>Plain text.</p>" * 5,
                    "content-type": "text/html",
                    "encoding": "utf-8",
                },
            ),
        )
