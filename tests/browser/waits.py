"""Waiting for what a step needs, never for luck: a loaded machine draws
pages late, so every step that follows a click or a page load waits for
the element, text or script state it uses (explicit waits, no sleeps)."""

from portal_helpers import PASSWORD
from selenium.common.exceptions import TimeoutException
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait
from urllib.parse import urlsplit


TIMEOUT = 30
PATTERNS_LOADED = (
    "return document.readyState === 'complete'"
    " && document.body.classList.contains('patterns-loaded')"
)


def wait_for(driver, selector, timeout=TIMEOUT):
    """The first element matching the CSS ``selector``, once it is there."""
    return WebDriverWait(driver, timeout).until(
        EC.presence_of_element_located((By.CSS_SELECTOR, selector))
    )


def text_of(driver, selector, timeout=TIMEOUT):
    """The text of the first element matching ``selector``. While a page
    is replaced (a form posted, a redirect, patterns redrawing a part)
    chromedriver may answer a read with a stale element or "Cannot find
    context with specified id" instead of the text: read again then."""

    def read(driver):
        try:
            return driver.find_element(By.CSS_SELECTOR, selector).text
        except TimeoutException:
            raise
        except WebDriverException:
            return False

    return WebDriverWait(driver, timeout).until(read)


def wait_for_text(driver, selector, text, timeout=TIMEOUT):
    """Wait until ``text`` shows in the element ``selector`` (``text_of``'s
    reads, so a page still being replaced is read again, not an error);
    on time-out an AssertionError saying what was shown."""

    def shown(driver):
        try:
            return text in driver.find_element(By.CSS_SELECTOR, selector).text
        except TimeoutException:
            raise
        except WebDriverException:
            return False

    try:
        WebDriverWait(driver, timeout).until(shown)
    except TimeoutException:
        raise AssertionError(
            f"{text!r} not shown: {text_of(driver, selector)[:600]}"
        ) from None


def loaded(driver, timeout=TIMEOUT):
    """Wait until the document has loaded (its scripts and stylesheets)."""
    WebDriverWait(driver, timeout).until(
        lambda d: d.execute_script("return document.readyState") == "complete"
    )


def patterns_loaded(driver, timeout=TIMEOUT):
    """Wait until Plone's patterns have run: they bind the buttons drawn by
    JavaScript (Reply) and redraw parts of the page (the toolbar)."""
    WebDriverWait(driver, timeout).until(lambda d: d.execute_script(PATTERNS_LOADED))


def open_page(driver, url, selector, timeout=TIMEOUT):
    """Open ``url`` and return the element the next step needs.

    A navigation still under way when ``get`` is called (the redirect
    after logging in, a form just posted) may win over it on a loaded
    machine, leaving the browser on the earlier page, which may hold the
    same selector: where the browser is not on ``url``'s path afterwards,
    open it once more."""
    for _attempt in range(2):
        driver.get(url)
        loaded(driver, timeout)
        if same_path(driver.current_url, url):
            break
    return wait_for(driver, selector, timeout)


def same_path(current, wanted):
    """Whether two URLs name the same page (query and fragment aside)."""
    return urlsplit(current).path.rstrip("/") == urlsplit(wanted).path.rstrip("/")


def log_in(driver, portal_url, login, password=PASSWORD):
    """Log in through Plone's form; back once the logged-in page shows."""
    driver.delete_all_cookies()
    open_page(driver, f"{portal_url}/en/login", "[name=__ac_name]").send_keys(login)
    wait_for(driver, "[name=__ac_password]").send_keys(password)
    wait_for(driver, "[name='buttons.login']").click()
    wait_for(driver, "#personaltools-logout")
