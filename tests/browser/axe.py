"""axe-core, the accessibility engine, run in the Browser layer's Chromium.

axe-core comes from the PyPI package ``selenium-axe-python`` (pinned in
constraints.txt; it ships ``axe.min.js``, so no network is needed). Only
the WCAG 2.1 A and AA rules run, and only violations of impact serious or
critical fail: the bar of issue 9.

    from browser.axe import assert_no_serious_violations
    assert_no_serious_violations(driver, url, "member es: group page")

``url=None`` checks the page the driver shows (after a test opened a form,
say). ``serious_violations`` and ``describe`` let a test collect the
problems of many pages and fail once with all of them.
"""

from selenium.common.exceptions import TimeoutException
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from selenium_axe_python import Axe
import json


WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")

FAILING_IMPACTS = ("serious", "critical")

RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, JSON.parse(arguments[0]))
  .then(results => done(results.violations))
  .catch(error => done({error: String(error)}));
"""


SETTLED = """
return document.readyState === "complete"
  && document.querySelectorAll(".tox-tinymce").length
     >= document.querySelectorAll("textarea.pat-tinymce").length;
"""


def settle(driver, timeout=15):
    """Wait until the page's patterns are drawn (TinyMCE replaces its
    textarea after the page loaded): axe checks what a visitor uses."""
    try:
        WebDriverWait(driver, timeout).until(lambda d: d.execute_script(SETTLED))
    except TimeoutException:
        pass  # checked as it is: a broken editor shows as violations


def inject(driver):
    """axe into the page and into its frames (TinyMCE's editor is an
    iframe): axe asks each frame for its own results."""
    axe = Axe(driver)
    axe.inject()
    for frame in driver.find_elements(By.TAG_NAME, "iframe"):
        try:
            driver.switch_to.frame(frame)
            axe.inject()
        except WebDriverException:  # a frame of another origin
            pass
        finally:
            driver.switch_to.default_content()


def serious_violations(driver):
    """The serious and critical WCAG 2.1 A/AA violations of the page the
    driver shows."""
    settle(driver)
    inject(driver)
    options = {
        "runOnly": {"type": "tag", "values": list(WCAG_TAGS)},
        "resultTypes": ["violations"],
        "frameWaitTime": 5000,
    }
    violations = driver.execute_async_script(RUN, json.dumps(options))
    if isinstance(violations, dict):
        raise AssertionError(f"axe-core failed: {violations['error']}")
    return [item for item in violations if item["impact"] in FAILING_IMPACTS]


def describe(label, url, violations):
    """One line per rule: the page, the rule and the elements."""
    lines = []
    for violation in violations:
        targets = ", ".join(
            " >>> ".join(node["target"]) for node in violation["nodes"][:8]
        )
        more = len(violation["nodes"]) - 8
        if more > 0:
            targets += f" (+{more} more)"
        lines.append(
            f"{label} <{url}>: {violation['id']} ({violation['impact']}:"
            f" {violation['help']}) at {targets}"
        )
    return lines


def assert_no_serious_violations(driver, url, label):
    """Open ``url`` (unless None) and fail on any serious or critical
    WCAG 2.1 A/AA violation, naming the page, the rule and the elements."""
    if url is not None:
        driver.get(url)
    problems = describe(label, driver.current_url, serious_violations(driver))
    if problems:
        raise AssertionError("\n".join(problems))
