"""The registry records behind the "Collaboration portal" control panel.

Every later feature adds its settings here, so the secretariat finds them
in one place, through the web and under ``@controlpanels/collab-portal``.
"""

from collab.portal import _
from collab.portal.secretariat import DEFAULT
from collab.portal.secretariat import NAME_LINE
from plone.i18n.locales.languages import _combinedlanguagelist
from plone.i18n.locales.languages import _languagelist
from zope import schema
from zope.interface import Interface
from zope.schema.interfaces import ValidationError
import re


# The same shape plone.schema's Email field accepts; plone.registry has no
# persistent Email field, so the registry keeps an ASCIILine.
EMAIL_SHAPE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class InvalidEmail(ValidationError):
    __doc__ = _("This is not a valid e-mail address.")


def is_email(value):
    if not EMAIL_SHAPE.match(value):
        raise InvalidEmail(value)
    return True


class InvalidNameLine(ValidationError):
    __doc__ = _(
        "secretariat_name_line_invalid",
        default="Write one line per language: its code, a colon and the name "
        "(es: Secretaría de la Convención).",
    )


def is_name_lines(lines):
    for line in lines:
        match = NAME_LINE.match(line or "")
        code = match and match.group(1)
        if not code or (
            code not in _languagelist and code not in _combinedlanguagelist
        ):
            raise InvalidNameLine(line)
    return True


class ISettings(Interface):
    """Site-wide settings of the collaboration portal."""

    secretariat_name = schema.TextLine(
        title=_("Secretariat name"),
        description=_(
            "Shown as the sender of mailings and in the footer of every page."
        ),
        default=DEFAULT,
        required=True,
        max_length=200,
    )

    secretariat_name_translations = schema.List(
        title=_("Secretariat name in other languages"),
        description=_(
            "secretariat_name_translations_help",
            default='One line per language, e.g. "es: Secretaría de la '
            'Convención": pages in that language name the secretariat so. '
            "Without a line, the name above is shown (the default one "
            "translated).",
        ),
        value_type=schema.TextLine(max_length=210),
        default=[],
        missing_value=[],
        required=False,
        max_length=50,
        constraint=is_name_lines,
    )

    secretariat_email = schema.ASCIILine(
        title=_("Secretariat e-mail address"),
        description=_(
            "Replies to mailings and invitations go to this address. Leave "
            "empty to use the site's e-mail address."
        ),
        required=False,
        constraint=is_email,
    )

    comments_per_minute = schema.Int(
        title=_("Comments per minute"),
        description=_(
            "How many comments one member may post within a minute, on all "
            "discussion groups together; more are refused with a message."
        ),
        default=5,
        min=1,
        max=1000,
        required=True,
    )

    comment_max_length = schema.Int(
        title=_("Longest comment"),
        description=_("Longest comment text accepted, in characters."),
        default=10000,
        min=100,
        max=200000,
        required=True,
    )

    comment_edit_minutes = schema.Int(
        title=_("Minutes to edit one's own comment"),
        description=_(
            "Members may correct their own comment this long after posting, "
            "while the discussion group is open; moderators may always edit."
        ),
        default=30,
        min=0,
        max=10080,
        required=True,
    )

    flags_to_hide = schema.Int(
        title=_("Flags that hide a comment"),
        description=_(
            "A comment flagged by this many members is hidden until a "
            "moderator publishes or rejects it."
        ),
        default=3,
        min=1,
        max=100,
        required=True,
    )

    comments_page_size = schema.Int(
        title=_("Discussions per page"),
        description=_(
            "How many comments, each with its replies, a discussion group "
            "page shows at once; REST clients choose their own batch size."
        ),
        default=20,
        min=1,
        max=200,
        required=True,
    )

    comments_order = schema.Choice(
        title=_("Comment order"),
        description=_("The order readers see first; they can switch it."),
        vocabulary="collab.portal.CommentOrders",
        default="oldest",
        required=True,
    )
