#!/usr/bin/env bash
# Update constraints.txt from .venv: versions of installed packages are
# taken from `pip freeze`, new packages are added, pins of packages that
# only buildout installs (Plone, the recipe, …) are kept. Then versions.cfg
# is regenerated; run `make test` before committing.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/pip freeze --exclude-editable --all | .venv/bin/python -c '
import re, sys
frozen = {}
for line in sys.stdin:
    name, sep, version = line.strip().partition("==")
    if sep and not name.lower().startswith("collab"):
        frozen[re.sub(r"[-_.]+", "-", name).lower()] = (name, version)
out, seen = [], set()
for line in open("constraints.txt"):
    name, sep, version = line.strip().partition("==")
    key = re.sub(r"[-_.]+", "-", name).lower()
    if sep and key in frozen:
        line = "%s==%s\n" % frozen[key]
        seen.add(key)
    out.append(line)
new = [f"{n}=={v}\n" for k, (n, v) in sorted(frozen.items()) if k not in seen]
open("constraints.txt", "w").write("".join(out + new))
'
.venv/bin/python tests/deployment/pins.py --write-versions
echo "constraints.txt and versions.cfg updated; run make test."
