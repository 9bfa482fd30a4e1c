"""Settings of the contacts feature, edited in the Collaboration portal
control panel and stored in the registry under ``collab.portal.contacts``."""

from collab.portal import _
from zope import schema
from zope.interface import Interface


DEFAULT_POSITIONS = (
    "national_focal_point",
    "alternate_focal_point",
    "observer",
    "panel_member",
    "committee_member",
    "funder",
)


class IContactSettings(Interface):
    positions = schema.List(
        title=_("Positions"),
        description=_(
            "The positions a contact may hold, one per line. The built-in "
            "ones are translated; lines you add are shown as written."
        ),
        value_type=schema.TextLine(max_length=100),
        default=list(DEFAULT_POSITIONS),
        required=False,
        max_length=200,
    )

    update_link_days = schema.Int(
        title=_("Days a personal link stays valid"),
        description=_(
            "How long the link in a mailing that lets a contact correct "
            "their own details keeps working."
        ),
        default=60,
        min=1,
        max=730,
    )
