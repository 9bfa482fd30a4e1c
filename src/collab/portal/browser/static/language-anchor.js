// The language switcher keeps the reader on the same comment. A comment's
// anchor (#<comment id>) is the same on every language version of a group,
// since they share one conversation; plone.app.multilingual's selector
// links cannot know it (the browser never sends the fragment), so it is
// added to the link as it is followed. The selector's redirect to the
// translation keeps it.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("#portal-languageselector a");
    if (!link || !window.location.hash) {
      return;
    }
    var url = new URL(link.href, window.location.href);
    url.hash = window.location.hash;
    link.href = url.toString();
  });
})();
