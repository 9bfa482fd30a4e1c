"""The e-mails of following: one new comment, or a member's daily digest.

Plain text in the reader's language, queued with ``mail.queue_message``
(it leaves when the transaction commits; CRLF, sender and retries are the
``mail`` package's). Every mail carries a one-click unfollow link, also as
``List-Unsubscribe`` with ``List-Unsubscribe-Post`` (RFC 8058) for mail
programs that offer their own button.
"""

from collab.portal import _
from collab.portal import logger
from collab.portal import mail
from collab.portal.comments.authors import author_details
from collab.portal.comments.fields import comment_fields
from collab.portal.comments.fields import stored
from collab.portal.content.translations import in_language
from collab.portal.content.translations import translations
from collab.portal.dates import format_date
from collab.portal.dates import format_number
from collab.portal.following.followers import followable_parent
from collab.portal.following.links import unfollow_url
from collab.portal.vocabularies.countries import country_name
from plone import api
from zope.i18n import translate


def site_languages():
    return list(api.portal.get_registry_record("plone.available_languages", default=[]))


def reader_language(member, *fallbacks):
    """The member's own language if set, else the first fallback the site
    speaks, else the site's default."""
    languages = site_languages()
    wanted = [member.getProperty("language", "") if member else "", *fallbacks]
    for language in wanted:
        code = (language or "")[:2].lower()
        if code and (not languages or code in languages):
            return code
    return api.portal.get_default_language()[:2]


def readable_version(obj, member, language, versions=None):
    """The language version of a forum or group the member may read, the
    one in ``language`` first; None if they may read none. Pass
    ``versions`` (``translations(obj)``) when asking for many members."""
    versions = translations(obj) if versions is None else versions
    ordered = [versions.get(language), obj, *versions.values()]
    for version in ordered:
        if version is not None and api.user.has_permission(
            "View", user=member, obj=version
        ):
            return version
    return None


def title_in(obj, language):
    """A forum's or group's title in ``language`` if it was translated."""
    return in_language(obj, language).Title()


def plain_text(comment):
    mime_type = getattr(comment, "mime_type", None) or "text/plain"
    text = comment.text or ""
    if mime_type == "text/plain":
        return text
    transforms = api.portal.get_tool("portal_transforms")
    data = transforms.convertTo("text/plain", text, mimetype=mime_type)
    return data.getData() if data is not None else text


def author_name(comment):
    return comment.author_name or comment.author_username or ""


def author_line(comment, language):
    """The author's name, with organisation and country as stored on the
    comment (``comments.authors``: the same source as page and export)."""
    name = author_name(comment)
    details = author_details(comment)
    extra = [
        details["author_organisation"] or "",
        country_name(details["author_country"] or "", language),
    ]
    extra = [part for part in extra if part]
    return f"{name} ({', '.join(extra)})" if extra else name


def comment_lines(comment, version, language):
    """The lines of the comment's policy fields if any (as the reader's
    version words them: a group's guiding question) and the text."""
    t = translate_to(language)
    lines = []
    for field in comment_fields(version):
        line = field.mail_line(version, stored(comment, field))
        if line:
            lines.append(t(line))
            lines.append("")
    lines.append(plain_text(comment).strip())
    return lines


def translate_to(language):
    return lambda message: translate(message, target_language=language)


def queue_mail(member, subject, body, unsubscribe):
    """Queue one message to ``member`` (``mail.queue_message``); False when
    nothing was queued."""
    recipient = member.getProperty("email", "") if member else ""
    if not recipient:
        logger.warning(
            "Following: no mail to %s (no address)",
            member.getId() if member else None,
        )
        return False
    return mail.queue_message(
        recipient,
        subject,
        body,
        headers={"Auto-Submitted": "auto-generated"},
        unsubscribe=unsubscribe,
    )


def comment_mail(comment, member, version, language, stop):
    """Subject and body announcing one comment; ``version`` is the group's
    page the member reads it on, ``stop`` the forum or group the unfollow
    link stops."""
    t = translate_to(language)
    author = author_line(comment, language)
    group_title = version.Title()
    forum = followable_parent(version)
    subject = t(
        _(
            "mail_comment_subject",
            default='New comment by ${author} in "${group}"',
            mapping={"author": author_name(comment), "group": group_title},
        )
    )
    if forum is not None:
        intro = _(
            "mail_comment_intro",
            default='${author} commented in the discussion group "${group}" '
            'of the forum "${forum}":',
            mapping={"author": author, "group": group_title, "forum": forum.Title()},
        )
    else:
        intro = _(
            "mail_comment_intro_group",
            default='${author} commented in "${group}":',
            mapping={"author": author, "group": group_title},
        )
    link = f"{version.absolute_url()}#{comment.getId()}"
    unsubscribe = unfollow_url(stop, member.getId())
    body = [
        t(intro),
        "",
        *comment_lines(comment, version, language),
        "",
        t(
            _(
                "mail_read_comment",
                default="Read the comment and reply: ${url}",
                mapping={"url": link},
            )
        ),
        "",
        "-- ",
        t(
            _(
                "mail_why_comment",
                default='You receive this e-mail because you follow "${title}".',
                mapping={"title": title_in(stop, language)},
            )
        ),
        t(
            _(
                "mail_unfollow",
                default="Stop these e-mails with one click: ${url}",
                mapping={"url": unsubscribe},
            )
        ),
    ]
    return subject, "\n".join(body) + "\n", unsubscribe


def digest_mail(member, sections, since, language):
    """Subject and body of a digest; ``sections`` is a list of
    ``(group version, [comments])``, each list in the order posted."""
    t = translate_to(language)
    count = sum(len(comments) for _version, comments in sections)
    subject = t(
        _(
            "mail_digest_subject",
            default="New comments in what you follow: ${count}",
            mapping={"count": format_number(count, language)},
        )
    )
    body = [
        t(
            _(
                "mail_digest_intro",
                default="New comments since ${date} in the forums and "
                "discussion groups you follow.",
                mapping={"date": format_date(since, language)},
            )
        ),
    ]
    for version, comments in sections:
        forum = followable_parent(version)
        heading = version.Title() + (f" ({forum.Title()})" if forum else "")
        body += ["", "", heading, "=" * min(len(heading), 72), version.absolute_url()]
        for comment in comments:
            body += [
                "",
                f"{author_line(comment, language)}, "
                f"{format_date(comment.creation_date, language)}:",
                "",
                *comment_lines(comment, version, language),
                "",
                t(
                    _(
                        "mail_read_comment",
                        default="Read the comment and reply: ${url}",
                        mapping={"url": f"{version.absolute_url()}#{comment.getId()}"},
                    )
                ),
            ]
    # On the language root, so the page that confirms speaks the language.
    portal = api.portal.get()
    root = portal.get(language) if language in portal.objectIds() else portal
    unsubscribe = unfollow_url(root, member.getId())
    body += [
        "",
        "-- ",
        t(
            _(
                "mail_why_digest",
                default="You receive this daily digest because you follow "
                "forums or discussion groups on ${site}.",
                mapping={"site": api.portal.get().Title()},
            )
        ),
        t(
            _(
                "mail_unfollow_digest",
                default="Stop the daily digest with one click: ${url}",
                mapping={"url": unsubscribe},
            )
        ),
    ]
    return subject, "\n".join(body) + "\n", unsubscribe
