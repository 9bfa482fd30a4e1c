/* The draft's page (drafts/browser/view.py), live.
 *
 * - The one comment form moves under the paragraph or comment whose
 *   "Comment" / "Reply" button was pressed (without scripts those buttons
 *   ask for the page with the paragraph or comment chosen). Words selected
 *   in a paragraph before "Comment" fill the quote.
 * - Every 5 s it asks GET <draft>/@paragraphs with If-None-Match (304 while
 *   nothing changed); where a paragraph's count changed it reads
 *   GET @comments?paragraph=<id> and inserts the comments it does not show
 *   yet into their threads, and says so once in the polite live region.
 *   Focus never moves for that.
 * Translated words come from the data attributes of #draft-live.
 */
(function () {
  "use strict";

  var POLL_MS = 5000;

  function fill(template, values) {
    return template.replace(/\$\{(\w+)\}/g, function (all, key) {
      return key in values ? String(values[key]) : all;
    });
  }

  function start() {
    var page = document.getElementById("draft-page");
    var live = document.getElementById("draft-live");
    if (!page || !live || !page.dataset.reads) {
      return;
    }
    var base = page.dataset.baseUrl;
    var strings = live.dataset;
    var mayComment = !!page.dataset.mayComment;
    var form = document.getElementById("draft-comment-form");
    var known = {};
    var etag = null;
    var selected = null;

    Array.prototype.forEach.call(
      page.querySelectorAll(".draft-block"),
      function (block) {
        known[block.id] = parseInt(block.dataset.count || "0", 10);
      }
    );

    // The comment form --------------------------------------------------

    function field(name) {
      return form && form.querySelector('[name="form.widgets.' + name + '"]');
    }

    function setField(name, value) {
      var input = field(name);
      if (input) {
        input.value = value;
      }
    }

    function markExpanded(button) {
      Array.prototype.forEach.call(
        page.querySelectorAll('[aria-controls="draft-comment-form"]'),
        function (other) {
          other.setAttribute("aria-expanded", other === button ? "true" : "false");
        }
      );
    }

    function openForm(button, place, legend, paragraph, replyTo, quote) {
      place(form);
      setField("paragraph", paragraph);
      setField("in_reply_to", replyTo);
      setField("quote", quote);
      var heading = document.getElementById("draft-comment-legend");
      if (heading) {
        heading.textContent = legend;
      }
      markExpanded(button);
      var text = field("text");
      if (text) {
        text.focus();
      }
    }

    function general(button) {
      var home = page.querySelector(".draft-form-home");
      openForm(
        button || home.querySelector("button"),
        function (node) {
          home.appendChild(node);
        },
        strings.generalLabel,
        "",
        "",
        ""
      );
    }

    document.addEventListener("selectionchange", function () {
      var selection = window.getSelection();
      if (!selection || selection.isCollapsed || !selection.rangeCount) {
        return;
      }
      var node = selection.getRangeAt(0).commonAncestorContainer;
      var element = node.nodeType === 1 ? node : node.parentElement;
      var text = element && element.closest(".draft-text");
      if (text) {
        selected = {
          paragraph: text.closest(".draft-block").id,
          quote: selection.toString().replace(/\s+/g, " ").trim(),
        };
      }
    });

    page.addEventListener("click", function (event) {
      var button = event.target.closest('button[aria-controls="draft-comment-form"]');
      if (!button || !form) {
        return;
      }
      event.preventDefault();
      if (button.getAttribute("aria-expanded") === "true") {
        if (button.classList.contains("draft-general-button")) {
          return;
        }
        general();
        button.focus();
        return;
      }
      if (button.classList.contains("draft-comment-button")) {
        var block = document.getElementById(button.value);
        var quote =
          selected && selected.paragraph === button.value ? selected.quote : "";
        selected = null;
        openForm(
          button,
          function (node) {
            block.querySelector(".draft-form-slot").appendChild(node);
          },
          button.textContent.trim(),
          button.value,
          "",
          quote
        );
      } else if (button.classList.contains("draft-reply-button")) {
        var comment = document.getElementById(button.value);
        openForm(
          button,
          function (node) {
            comment.after(node);
          },
          button.textContent.trim(),
          "",
          button.value,
          ""
        );
      } else {
        general(button);
      }
    });

    if (form) {
      form.addEventListener("keydown", function (event) {
        if (event.key !== "Escape") {
          return;
        }
        var opener = page.querySelector(
          '[aria-controls="draft-comment-form"][aria-expanded="true"]'
        );
        if (opener && !opener.classList.contains("draft-general-button")) {
          general();
          opener.focus();
        }
      });
    }

    // New comments --------------------------------------------------------

    function attribution(comment) {
      var text = comment.author_name || "";
      if (comment.author_organisation) {
        text += ", " + comment.author_organisation;
      }
      if (comment.author_country_name) {
        text += " (" + comment.author_country_name + ")";
      }
      return text;
    }

    function element(tag, className, text) {
      var node = document.createElement(tag);
      if (className) {
        node.className = className;
      }
      if (text !== undefined) {
        node.textContent = text;
      }
      return node;
    }

    function labelled(className, label, text) {
      var line = element("p", className + " small mb-1");
      line.appendChild(element("span", "", label));
      line.appendChild(document.createTextNode(" " + text));
      return line;
    }

    function build(comment, depth) {
      var id = String(comment.comment_id);
      var article = element("article", "draft-comment draft-depth-" + depth);
      article.id = id;
      article.dataset.commentId = id;
      var author = element("p", "draft-comment-author mb-1");
      author.appendChild(element("strong", "", attribution(comment)));
      author.appendChild(document.createTextNode(" "));
      var time = element("time", "small text-muted");
      time.setAttribute("datetime", comment.creation_date || "");
      time.textContent = comment.creation_date
        ? new Date(comment.creation_date).toLocaleString(document.documentElement.lang || undefined)
        : "";
      author.appendChild(time);
      article.appendChild(author);
      if (comment.quote && !comment.in_reply_to) {
        article.appendChild(
          labelled("draft-comment-quote text-muted", strings.quoteLabel, "«" + comment.quote + "»")
        );
      }
      var body = element("div", "draft-comment-text");
      // text_html is Plone's own transformed, escaped HTML of the comment
      // (comments.rendering), as the page renders it.
      body.innerHTML = comment.text_html || "";
      article.appendChild(body);
      if (comment.suggestion && !comment.in_reply_to) {
        article.appendChild(
          labelled("draft-comment-suggestion", strings.suggestionLabel, comment.suggestion)
        );
      }
      if (mayComment) {
        var reply = element(
          "button",
          "btn btn-link btn-sm draft-reply-button",
          fill(strings.replyLabel, { name: comment.author_name || "" })
        );
        reply.type = "submit";
        reply.name = "reply_to";
        reply.value = id;
        reply.setAttribute("form", "draft-choose");
        reply.setAttribute("aria-controls", "draft-comment-form");
        reply.setAttribute("aria-expanded", "false");
        article.appendChild(reply);
      }
      return article;
    }

    function depthOf(article) {
      var match = /draft-depth-(\d+)/.exec(article.className);
      return match ? parseInt(match[1], 10) : 0;
    }

    function insert(block, comment) {
      var parent = comment.in_reply_to
        ? document.getElementById(String(comment.in_reply_to))
        : null;
      if (parent && parent.closest(".draft-thread")) {
        var thread = parent.closest(".draft-thread");
        thread.appendChild(build(comment, Math.min(depthOf(parent) + 1, 5)));
        return;
      }
      var wrapper = element("div", "draft-thread");
      wrapper.appendChild(build(comment, 0));
      block.querySelector(".draft-comments").appendChild(wrapper);
    }

    function setCount(block, item) {
      block.dataset.count = String(item.comments);
      var count = block.querySelector(".draft-count");
      if (count) {
        count.children[0].textContent = String(item.comments);
        count.children[1].textContent = fill(strings.countLabel, {
          number: item.number,
          count: item.comments,
        });
      }
    }

    function getJSON(url) {
      return fetch(url, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        cache: "no-store",
      }).then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      });
    }

    function allComments(url, found) {
      return getJSON(url).then(function (data) {
        found = found.concat(data.items || []);
        var next = data.batching && data.batching.next;
        return next ? allComments(next, found) : found;
      });
    }

    function setShowLabel(block, item) {
      var show = block.querySelector(".draft-show-comments");
      if (show) {
        show.textContent = fill(strings.showLabel, {
          number: item.number,
          count: item.comments,
        });
      }
    }

    function refresh(item) {
      var block = document.getElementById(item.id);
      if (block.dataset.folded) {
        // Folded: counted and announced, read when the reader asks.
        var added = item.comments - (known[item.id] || 0);
        known[item.id] = item.comments;
        setCount(block, item);
        setShowLabel(block, item);
        return Promise.resolve(added > 0 ? [added, item.number] : null);
      }
      var url =
        base + "/@comments?paragraph=" + encodeURIComponent(item.id) + "&b_size=100";
      return allComments(url, []).then(function (comments) {
        var added = 0;
        comments.forEach(function (comment) {
          if (!document.getElementById(String(comment.comment_id))) {
            insert(block, comment);
            added += 1;
          }
        });
        known[item.id] = item.comments;
        setCount(block, item);
        return added ? [added, item.number] : null;
      });
    }

    // A folded paragraph's comments, read when "Show" is pressed.
    page.addEventListener("click", function (event) {
      var show = event.target.closest(".draft-show-comments");
      if (!show) {
        return;
      }
      event.preventDefault();
      var block = show.closest(".draft-block");
      delete block.dataset.folded;
      refresh({
        id: block.id,
        number: block.dataset.number,
        comments: parseInt(block.dataset.count || "0", 10),
      }).then(function () {
        show.remove();
        block.querySelector(".draft-comments").focus();
      });
    });

    function announce(news) {
      var said = news
        .filter(Boolean)
        .map(function (entry) {
          return fill(entry[0] === 1 ? strings.announceOne : strings.announceMany, {
            count: entry[0],
            number: entry[1],
          });
        });
      if (said.length) {
        live.textContent = said.join(" ");
      }
    }

    function changed(data) {
      return (data.items || []).filter(function (item) {
        var block = document.getElementById(item.id);
        return block && block.classList.contains("draft-block") && item.comments !== known[item.id];
      });
    }

    function poll() {
      var started = Date.now();
      var headers = { Accept: "application/json" };
      if (etag) {
        headers["If-None-Match"] = etag;
      }
      fetch(base + "/@paragraphs", {
        headers: headers,
        credentials: "same-origin",
        cache: "no-store",
      })
        .then(function (response) {
          if (response.status !== 200) {
            return null;
          }
          etag = response.headers.get("ETag") || null;
          return response.json();
        })
        .then(function (data) {
          if (!data) {
            return null;
          }
          return Promise.all(changed(data).map(refresh)).then(announce);
        })
        .catch(function () {
          etag = null; // ask again in full next time
        })
        .then(function () {
          // Every 5 s from the start of the last poll, not after it.
          window.setTimeout(poll, Math.max(0, POLL_MS - (Date.now() - started)));
        });
    }

    window.setTimeout(poll, POLL_MS);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
