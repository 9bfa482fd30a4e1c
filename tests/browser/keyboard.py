"""Driving Chromium with the keyboard only, for keyboard tests.

``Keyboard(driver)`` presses keys on whatever has the focus (never
``.click()``) and, on every control it reaches, checks that the focus
is visible: the control's outline or box shadow differs from how it
looked before it had the focus (``remember_unfocused`` notes that, for
the controls on the page, before the keys start), and that Tab moved
on (no keyboard trap).
"""

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait


FOCUSABLE = "a[href], button, input, select, textarea, summary, [tabindex], iframe"

REMEMBER = """
const look = el => {
  const s = getComputedStyle(el);
  return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join("|");
};
window.collabLook = look;
window.collabUnfocused = window.collabUnfocused || new WeakMap();
for (const el of document.querySelectorAll(arguments[0])) {
  if (el !== document.activeElement && !window.collabUnfocused.has(el)) {
    window.collabUnfocused.set(el, look(el));
  }
}
"""

FOCUSED = """
const el = document.activeElement;
const before = window.collabUnfocused ? window.collabUnfocused.get(el) : undefined;
return {
  tag: el.tagName.toLowerCase(),
  id: el.id,
  name: el.getAttribute("name") || "",
  classes: el.className && el.className.baseVal === undefined ? el.className : "",
  text: (el.innerText || el.value || "").trim().slice(0, 60),
  before: before === undefined ? null : before,
  now: window.collabLook ? window.collabLook(el) : null,
};
"""


class KeyboardTrap(AssertionError):
    pass


class Keyboard:
    def __init__(self, driver, test):
        self.driver = driver
        self.test = test

    def settle(self, timeout=30):
        """Wait until Plone's patterns have run: they redraw parts of the
        page (the toolbar), which takes the focus from what they replace."""
        WebDriverWait(self.driver, timeout).until(
            lambda d: d.execute_script(
                "return document.readyState === 'complete'"
                " && document.body.classList.contains('patterns-loaded')"
            )
        )

    def remember_unfocused(self):
        self.driver.execute_script(REMEMBER, FOCUSABLE)

    def focused(self):
        return self.driver.execute_script(FOCUSED)

    def press(self, *keys):
        ActionChains(self.driver).send_keys(*keys).perform()

    def type(self, text):
        self.press(text)

    def assert_focus_visible(self, focused):
        self.test.assertIsNotNone(
            focused["before"], f"not seen unfocused before: {focused}"
        )
        self.test.assertNotEqual(
            focused["before"], focused["now"], f"focus not visible on {focused}"
        )

    def tab(self, backwards=False):
        """One Tab (Shift+Tab); the newly focused control, its focus
        visible and not the one before."""
        before = self.driver.switch_to.active_element
        if backwards:
            ActionChains(self.driver).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(
                Keys.SHIFT
            ).perform()
        else:
            self.press(Keys.TAB)
        if self.driver.switch_to.active_element == before:
            raise KeyboardTrap(f"Tab stayed on {self.focused()}")
        focused = self.focused()
        if focused["tag"] == "body":
            # Past the last control the focus leaves the page (for the
            # browser's own controls); the next Tab starts at the top.
            return self.tab(backwards)
        self.assert_focus_visible(focused)
        return focused

    def tab_to(self, wanted, limit=120, backwards=False):
        """Tab (Shift+Tab) until ``wanted(focused)`` holds; fail after
        ``limit`` Tabs."""
        seen = []
        for _ in range(limit):
            try:
                focused = self.tab(backwards)
            except AssertionError as error:
                raise type(error)(f"{error}\nafter {' → '.join(seen)}") from None
            if wanted(focused):
                return focused
            seen.append(f"{focused['tag']}#{focused['id']}[{focused['name']}]")
        raise AssertionError(f"not reached in {limit} Tabs: {' → '.join(seen)}")
