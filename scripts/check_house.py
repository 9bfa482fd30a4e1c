"""The import rules of the house (docs/architecture.md), checked from the
source: `make lint` runs this, and tests/setup/test_house.py runs it in CI.

- A feature (forum, following, contacts, meetings, drafts, spaces) imports
  shared modules and content/, never another feature, nor the parts that
  assemble the site.
- Shared modules import no feature. Only the parts that assemble the site
  from its features may: the distribution, upgrades, the control panel,
  the CLI and the test fixtures.
- In every package, `browser/` and `services/` never import each other:
  pages and REST share the model, not each other.

Prints each broken rule as `module: imports name (rule)` and exits 1.
"""

from pathlib import Path
import ast
import sys


PACKAGE = Path(__file__).resolve().parent.parent / "src" / "collab" / "portal"
PREFIX = "collab.portal"
FEATURES = ("forum", "following", "contacts", "meetings", "drafts", "spaces")
ASSEMBLERS = ("distributions", "upgrades", "controlpanel", "cli", "testing")


def module_name(path, package=PACKAGE):
    parts = path.relative_to(package).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join((PREFIX,) + parts)


def imported(path, package=PACKAGE):
    """Dotted names ``path`` imports from the package (relative ones made
    absolute)."""
    here = module_name(path, package).split(".")
    if path.name != "__init__.py":
        here = here[:-1]
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = here[: len(here) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            names = [base]
            if base == PREFIX:  # from collab.portal import forum
                names = [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            if name == PREFIX or name.startswith(PREFIX + "."):
                yield name


def top(name):
    parts = name.split(".")
    return parts[2] if len(parts) > 2 else ""


def layer(name):
    parts = name.split(".")[2:]
    return next((p for p in parts if p in ("browser", "services")), None)


def broken_rules(package=PACKAGE):
    for path in sorted(package.rglob("*.py")):
        source = module_name(path, package)
        own = top(source)
        own_layer = layer(source)
        for name in set(imported(path, package)):
            other = top(name)
            if own in FEATURES and other in ASSEMBLERS:
                yield f"{source}: imports {name} (features never import assemblers)"
            if other in FEATURES and other != own:
                if own in FEATURES:
                    yield f"{source}: imports {name} (features never import each other)"
                elif own not in ASSEMBLERS:
                    yield f"{source}: imports {name} (shared modules import no feature)"
            other_layer = layer(name)
            if own_layer and other_layer and own_layer != other_layer:
                yield (
                    f"{source}: imports {name} "
                    "(browser/ and services/ never import each other)"
                )


def main():
    broken = list(broken_rules())
    for line in broken:
        print(line)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
