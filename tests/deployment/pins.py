"""constraints.txt, versions.cfg and buildout.cfg read as data; writes
versions.cfg from constraints.txt.

Regenerate versions.cfg after changing constraints.txt::

    .venv/bin/python tests/deployment/pins.py --write-versions
"""

from pathlib import Path
import configparser
import re
import sys


ROOT = Path(__file__).resolve().parents[2]


CONSTRAINTS = ROOT / "constraints.txt"


VERSIONS = ROOT / "versions.cfg"


BUILDOUT_CFG = ROOT / "buildout.cfg"


# What buildout.cfg's instance must run (the deployment of the README).
INSTANCE_EGGS = {
    "Plone",
    "collab.portal",
    "plone.restapi",
    "plone.app.multilingual",
    "collective.easyform",
    "plone.app.discussion",
    "plone.distribution",
    "plone.classicui",
}


PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;#]+)$")


def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def read_pins(path=CONSTRAINTS):
    """``{name: version}`` of constraints.txt, in file order.

    Only plain ``name==version`` lines (and comments) are allowed: a range,
    an extra or a marker has no exact ``[versions]`` counterpart.
    """
    pins = {}
    seen = {}
    for number, raw in enumerate(Path(path).read_text().splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        match = PIN.match(line)
        if match is None:
            raise ValueError(f"{path}:{number}: not a name==version pin: {raw!r}")
        key = canonical(match["name"])
        if key in seen:
            raise ValueError(f"{path}:{number}: {match['name']} pinned twice")
        seen[key] = match["name"]
        pins[match["name"]] = match["version"]
    return pins


def versions_cfg_text(pins):
    lines = [
        "# Generated from constraints.txt: do not edit by hand. Regenerate with",
        "#   .venv/bin/python tests/deployment/pins.py --write-versions",
        "# tests/deployment/test_versions.py fails when it and constraints.txt differ.",
        "",
        "[versions]",
    ]
    lines += [f"{name} = {version}" for name, version in pins.items()]
    return "\n".join(lines) + "\n"


def read_versions_cfg(path=VERSIONS):
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(path)
    return dict(parser["versions"])


def read_buildout_cfg(path=BUILDOUT_CFG):
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(path)
    return parser


def words(value):
    return value.split()


if __name__ == "__main__":
    if sys.argv[1:] == ["--write-versions"]:
        VERSIONS.write_text(versions_cfg_text(read_pins()))
        print(f"wrote {VERSIONS} ({len(read_pins())} pins)")
    else:
        sys.exit("usage: tests/deployment/pins.py --write-versions")
