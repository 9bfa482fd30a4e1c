"""The scenario registry: every module in this package adds its scenarios.

A scenario's ``setup(ctx)`` prepares content once and returns
``request(session) -> requests.Response``, the one request that is timed.
Each scenario names the baseline it is compared with, so a feature's page is
always read next to a plain Document measured in the same run.
"""

from dataclasses import dataclass
import importlib
import pkgutil


KINDS = ("html", "rest")
REGISTRY = {}


@dataclass(frozen=True)
class Scenario:
    """One thing to measure.

    ``clients == 0``: latency, one client, interleaved rounds. ``clients > 0``:
    load, that many clients at once for ``seconds`` (only with --concurrency).
    ``login`` is None (anonymous), a login, or ``f(client_index) -> login``.
    ``seed``: sizes of discussion groups ``bench/seed_discussions.py`` must
    write before the server starts (``<site>/en/bench-discussions/group-N``).
    ``contacts``: needs ``bench/seed_contacts.py`` (10,000 imported contacts,
    groups of 5,000 and 2,000, mailings) before the server starts.
    """

    name: str
    kind: str
    setup: object
    baseline: str | None = None
    clients: int = 0
    seconds: float = 10.0
    login: object = None
    description: str = ""
    seed: tuple = ()
    optional: bool = False  # only with --only (slow to set up)
    contacts: bool = False
    drafts: bool = False  # needs bench/seed_drafts.py (issue 22's drafts)

    @property
    def is_load(self):
        return self.clients > 0

    @property
    def compared_with(self):
        """Latency: the plain Document of the same kind; load: itself."""
        if self.baseline:
            return self.baseline
        return self.name if self.is_load else f"document-{self.kind}"

    def login_for(self, client):
        return self.login(client) if callable(self.login) else self.login


def register(
    name,
    kind,
    *,
    baseline=None,
    clients=0,
    seconds=10.0,
    login=None,
    seed=(),
    optional=False,
    contacts=False,
    drafts=False,
):
    """Decorator for ``setup(ctx)``; the docstring becomes the description."""
    if kind not in KINDS:
        raise ValueError(f"{name}: kind must be one of {KINDS}, not {kind!r}")

    def decorate(setup):
        if name in REGISTRY:
            raise ValueError(f"scenario {name!r} is registered twice")
        doc = (setup.__doc__ or "").strip().splitlines()
        REGISTRY[name] = Scenario(
            name,
            kind,
            setup,
            baseline,
            clients,
            seconds,
            login,
            doc[0] if doc else "",
            tuple(seed),
            optional,
            contacts,
            drafts,
        )
        return setup

    return decorate


def load():
    """Import every module of the package; the baselines come first."""
    importlib.import_module(f"{__name__}.baseline")
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        importlib.import_module(f"{__name__}.{module.name}")
    return REGISTRY
