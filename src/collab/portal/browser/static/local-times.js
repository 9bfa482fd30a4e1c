// Comment windows in the reader's own time zone, next to the UTC times.
// The server fills these in for members who chose a time zone in their
// preferences; for everybody else the browser knows the zone.
(function () {
  "use strict";
  function fill() {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || zone === "UTC" || zone === "Etc/UTC") {
      return;
    }
    var format = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
      dateStyle: "medium",
      timeStyle: "short",
    });
    document.querySelectorAll(".collab-local-time").forEach(function (el) {
      if (el.textContent.trim()) {
        return;
      }
      var opens = new Date(el.dataset.opens);
      var closes = new Date(el.dataset.closes);
      el.textContent =
        el.dataset.label + " " + format.format(opens) + " – " +
        format.format(closes) + " (" + zone + ")";
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fill);
  } else {
    fill();
  }
})();
