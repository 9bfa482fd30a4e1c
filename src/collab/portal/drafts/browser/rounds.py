"""``@@rounds`` on a draft (those who manage its rounds): open the next
round (instructions, deadline in a time zone, contact groups, contacts,
site users, guests by link, when comments are seen), the open round with
its invitations' delivery and its guest links (withdraw one, issue a new
one shown once), closing it now, and the rounds before. Pages and REST
share ``rounds``, ``invitations`` and ``tokens``."""

from collab.portal import _
from collab.portal import links
from collab.portal import tokens
from collab.portal.dates import format_date
from collab.portal.drafts.invitations import draft_tokens
from collab.portal.drafts.invitations import guest_link
from collab.portal.drafts.invitations import GUEST_PURPOSE
from collab.portal.drafts.rounds import AFTER_DEADLINE
from collab.portal.drafts.rounds import AT_ONCE
from collab.portal.drafts.rounds import close_round
from collab.portal.drafts.rounds import open_round
from collab.portal.drafts.rounds import open_round_of
from collab.portal.drafts.rounds import OPENS_FROM
from collab.portal.drafts.rounds import parse_deadline
from collab.portal.drafts.rounds import round_info
from collab.portal.drafts.rounds import RoundRefused
from collab.portal.drafts.rounds import rounds_of
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.statusmessages.interfaces import IStatusMessage
from zoneinfo import available_timezones
from zoneinfo import ZoneInfo


STATE_LABELS = {
    "valid": _("token_state_valid", default="Valid"),
    "expired": _("token_state_expired", default="Expired"),
    "revoked": _("token_state_revoked", default="Withdrawn"),
}
VISIBILITY_LABELS = {
    AT_ONCE: _("draft_visibility_at_once", default="At once, to everyone in the round"),
    AFTER_DEADLINE: _(
        "draft_visibility_after_deadline",
        default="After the deadline (until then each sees their own)",
    ),
}
ZONES = sorted(available_timezones())


class RoundsView(BrowserView):
    new_url = None

    def __call__(self):
        links.private_answer(self.request.response)  # a new link, shown once
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            self.act(self.request.form)
        return self.index()

    @property
    def language(self):
        return (api.portal.get_current_language() or "en")[:2]

    def actor(self):
        return api.user.get_current().getId()

    def act(self, form):
        messages = IStatusMessage(self.request)
        try:
            if form.get("open"):
                found = self.open(form)
                messages.add(
                    _(
                        "draft_round_opened",
                        default="Round ${number} is open; the invitations are "
                        "being sent.",
                        mapping={"number": found.number},
                    ),
                    type="info",
                )
            elif form.get("close"):
                found = close_round(self.context, self.actor())
                messages.add(
                    _(
                        "draft_round_closed",
                        default="Round ${number} is closed.",
                        mapping={"number": found.number},
                    ),
                    type="info",
                )
            elif isinstance(form.get("revoke"), str):
                if form["revoke"] in {r.token_id for r in self.links()}:
                    tokens.revoke(form["revoke"])
                    messages.add(_("The link is withdrawn."), type="info")
            elif isinstance(form.get("issue"), str):
                round = open_round_of(self.context)
                if round is not None and form["issue"] in round.invitees:
                    self.new_url = guest_link(
                        self.context, round, form["issue"], self.actor()
                    )
        except RoundRefused as error:
            messages.add(error.message, type="error")

    def open(self, form):
        zone = form.get("zone") or "UTC"
        deadline = parse_deadline(form.get("deadline"), zone)
        return open_round(
            self.context,
            deadline,
            self.actor(),
            instructions=form.get("instructions", "")[:5000],
            zone=zone,
            groups=self.chosen(form, "groups"),
            contacts=self.chosen(form, "contacts"),
            users=tuple(
                u.strip() for u in form.get("users", "").split(",") if u.strip()
            ),
            guests_allowed=bool(form.get("guests_allowed")),
            visibility=form.get("visibility", AT_ONCE),
        )

    @staticmethod
    def chosen(form, name):
        value = form.get(name, ())
        return (value,) if isinstance(value, str) else tuple(value)

    # What the template shows.

    def may_open(self):
        return api.content.get_state(self.context, default=None) in OPENS_FROM

    def next_number(self):
        return len(rounds_of(self.context)) + 1

    def open_round(self):
        round = open_round_of(self.context)
        return self.row(round) if round is not None else None

    def past_rounds(self):
        return [self.row(r) for r in reversed(rounds_of(self.context)) if not r.is_open]

    def row(self, round):
        info = round_info(self.context, round, full=True)
        local = round.deadline.astimezone(ZoneInfo(round.zone))
        info["deadline_shown"] = (
            f"{local:%Y-%m-%d %H:%M} ({round.zone}) — "
            f"{format_date(round.deadline, self.language)}"
        )
        info["opened_shown"] = format_date(round.opened_at, self.language)
        info["closed_shown"] = format_date(round.closed_at, self.language)
        info["visibility_label"] = VISIBILITY_LABELS.get(round.visibility, "")
        return info

    def links(self):
        return draft_tokens(self.context, rounds_of(self.context))

    def link_rows(self):
        round = open_round_of(self.context)
        if round is None:
            return []
        names = self.contact_names(round.invitees)
        rows = []
        for uid in round.invitees:
            records = tokens.tokens_of(
                GUEST_PURPOSE, round.guest_subject(self.context, uid)
            )
            latest = records[0] if records else None
            rows.append(
                {
                    "uid": uid,
                    "name": names.get(uid, uid),
                    "record": latest.as_dict() if latest is not None else None,
                    "state_label": STATE_LABELS[latest.state()] if latest else "",
                    "valid": latest is not None and latest.state() == "valid",
                }
            )
        return rows

    def contact_names(self, uids):
        catalog = api.portal.get_tool("portal_catalog")
        return {
            brain.UID: brain.Title
            for brain in catalog.unrestrictedSearchResults(UID=list(uids))
        }

    def groups(self):
        catalog = api.portal.get_tool("portal_catalog")
        return [
            {"uid": b.UID, "title": b.Title}
            for b in catalog(portal_type="ContactGroup", sort_on="sortable_title")
        ]

    def contacts(self):
        catalog = api.portal.get_tool("portal_catalog")
        return [
            {"uid": b.UID, "title": b.Title}
            for b in catalog(portal_type="Contact", sort_on="sortable_title")
        ]

    def zones(self):
        chosen = self.request.form.get("zone") or (
            api.portal.get_registry_record("plone.portal_timezone", default="UTC")
            or "UTC"
        )
        return [{"name": zone, "selected": zone == chosen} for zone in ZONES]

    def visibilities(self):
        chosen = self.request.form.get("visibility", AT_ONCE)
        return [
            {"value": value, "label": label, "checked": value == chosen}
            for value, label in VISIBILITY_LABELS.items()
        ]
