/* collab.portal's theme layer: what markup and CSS cannot fix (browser/theme).
 *
 * - The skip link moves the focus, not just the view, to the content.
 * - Links to other sites are marked (class collab-external), so that the
 *   print stylesheet writes where they go.
 * - TinyMCE's editing frame gets a title (its field's label): TinyMCE 8
 *   titles it in Firefox only, and axe-core's "frame-title" needs one.
 * - The related-items widget's first crumb (the site, an icon only) gets
 *   a name: the site's own crumb text in the breadcrumbs, in the page's
 *   language (axe-core's "link-name"; the mailing form's recipients).
 */
(function () {
    "use strict";

    function skipToContent(event) {
        const link = event.target.closest(".collab-skip-link");
        const target = link && document.querySelector(link.getAttribute("href"));
        if (!target) {
            return;
        }
        event.preventDefault();
        if (!target.hasAttribute("tabindex")) {
            target.setAttribute("tabindex", "-1");
        }
        target.focus();
        target.scrollIntoView();
    }

    function frameTitle(frame) {
        const field = frame.closest(".field, [id^='formfield-']");
        const label = field && field.querySelector("label");
        const text = label ? label.textContent.replace(/\s+/g, " ").trim() : "";
        if (text) {
            return text;
        }
        try {
            return frame.contentDocument.body.getAttribute("aria-label") || "";
        } catch (error) {
            return "";
        }
    }

    function titleFrames() {
        document.querySelectorAll("iframe:not([title])").forEach(function (frame) {
            const title = frameTitle(frame);
            if (title) {
                frame.setAttribute("title", title);
            }
        });
    }

    function nameRootCrumbs() {
        const home = document.querySelector("#portal-breadcrumbs .breadcrumb-item a");
        const text = home ? home.textContent.replace(/\s+/g, " ").trim() : "";
        if (!text) {
            return;
        }
        document
            .querySelectorAll(".pat-relateditems-container a.crumb:not([aria-label])")
            .forEach(function (crumb) {
                if (!crumb.textContent.trim()) {
                    crumb.setAttribute("aria-label", text);
                }
            });
    }

    function markExternalLinks() {
        document.querySelectorAll("a[href]").forEach(function (link) {
            if (/^https?:$/.test(link.protocol) && link.host !== window.location.host) {
                link.classList.add("collab-external");
            }
        });
    }

    document.addEventListener("click", skipToContent);
    window.addEventListener("beforeprint", markExternalLinks);
    markExternalLinks();
    new MutationObserver(function () {
        titleFrames();
        nameRootCrumbs();
    }).observe(document.documentElement, {
        childList: true,
        subtree: true,
    });
    titleFrames();
    nameRootCrumbs();
})();
