"""Run the suite with zope.testrunner and end with "N passed, N failed".

zope.testrunner closes with "Total: N tests, F failures, E errors, S
skipped"; CI and people read the plain line below it. Exit status is the
runner's (non-zero on any failure or error).
"""

from pathlib import Path
import argparse
import os
import re
import subprocess
import sys


ROOT = Path(__file__).resolve().parent.parent
SLOW_LAYERS = ("Browser", "PostgreSQL", "Buildout", "ReleaseUpgrade", "StartedSite")
SUMMARY = re.compile(
    r"(?:Total: (?P<t_total>\d+) tests?|Ran (?P<r_total>\d+) tests?)"
    r"(?: with|,) (?P<failures>\d+) failures?, (?P<errors>\d+) errors?"
    r"(?:,? (?:and )?(?P<skipped>\d+) skipped)?"
)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fast", action="store_true", help="leave out slow layers")
    parser.add_argument("--slow", action="store_true", help="only the slow layers")
    args, passthrough = parser.parse_known_args()
    cmd = [
        str(ROOT / ".venv" / "bin" / "zope-testrunner"),
        "--path",
        str(ROOT / "tests"),
        "--tests-pattern",
        "^test_",
        "--auto-color",
        "-vv" if os.environ.get("CI") else "-v",
    ]
    if args.fast:
        for layer in SLOW_LAYERS:
            cmd += ["--layer", f"!{layer}"]
    if args.slow:
        for layer in SLOW_LAYERS:
            cmd += ["--layer", layer]
    cmd += passthrough
    env = dict(os.environ, zope_i18n_compile_mo_files="true")
    proc = subprocess.Popen(
        cmd,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        bufsize=1,
    )
    last = None
    for line in proc.stdout:
        sys.stdout.write(line)
        sys.stdout.flush()
        match = SUMMARY.search(line)
        if match:
            last = match
    code = proc.wait()
    if last is None:
        print("0 passed, 1 failed (the test runner printed no summary)")
        return code or 1
    total = int(last["t_total"] or last["r_total"])
    failed = int(last["failures"]) + int(last["errors"])
    skipped = int(last["skipped"] or 0)
    passed = max(0, total - failed - skipped)
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    if total == 0:
        return code or 1
    return code


if __name__ == "__main__":
    sys.exit(main())
