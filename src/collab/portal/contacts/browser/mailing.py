"""The mailing page: what it says and to whom, the buttons that send it
(test to oneself, Send, send failed ones again) and the delivery log."""

from AccessControl import Unauthorized
from collab.portal import _
from collab.portal.contacts.delivery import counts
from collab.portal.contacts.delivery import live_records
from collab.portal.contacts.delivery import phase
from collab.portal.contacts.mailings import attachments
from collab.portal.contacts.mailings import related_objects
from collab.portal.contacts.sample_send import send_test
from collab.portal.contacts.sending import resend_failed
from collab.portal.contacts.sending import send_refusal
from collab.portal.contacts.sending import start_sending
from collab.portal.dates import format_date
from collab.portal.mail import outage_message
from collab.portal.mail.delivery import item
from collab.portal.mail.delivery import SCHEDULED
from collab.portal.mail.delivery import STATUSES
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView


SHOWN_ROWS = 500

STATUS_TITLES = {
    "pending": _("delivery_status_pending", default="waiting to be queued"),
    "queued": _("delivery_status_queued", default="queued"),
    "sent": _("delivery_status_sent", default="sent"),
    "failed": _("delivery_status_failed", default="failed"),
}

STATE_TITLES = {
    "draft": _("mailing_state_draft", default="Not sent yet"),
    "scheduled": _("mailing_state_scheduled", default="Will be sent at its send time"),
    "sending": _("mailing_state_writing", default="Being written"),
    "written": _("mailing_state_written", default="Written, being delivered"),
    "sent": _("mailing_state_delivered", default="Delivered"),
}


class MailingView(BrowserView):
    def __call__(self):
        if self.request.method == "POST":
            self.act()
            self.request.response.redirect(self.context.absolute_url())
            return ""
        return self.index()

    def act(self):
        CheckAuthenticator(self.request)
        if not self.can_send():
            raise Unauthorized()
        form = self.request.form
        user = api.user.get_current()
        if "form.buttons.test" in form:
            email = user.getProperty("email") or ""
            if not email:
                return self.say(_("Your account has no e-mail address to send to."))
            refusal = send_refusal(self.context, test=True)
            if refusal is not None:
                return self.say(refusal[1])
            send_test(self.context, email, user.getId())
            return self.say(
                _(
                    "mailing_test_sent",
                    default="A test message in each language was sent to ${email}.",
                    mapping={"email": email},
                ),
                "info",
            )
        if "form.buttons.send" in form:
            refusal = send_refusal(self.context)
            if refusal is not None:
                return self.say(refusal[1])
            if start_sending(self.context, user.getId()) == SCHEDULED:
                return self.say(
                    _(
                        "mailing_send_scheduled",
                        default="The mailing will be sent at its send time, "
                        "${date}. Until then nothing leaves; this page then "
                        "shows how far it got.",
                        mapping={"date": self.send_at()},
                    ),
                    "info",
                )
            return self.say(
                _(
                    "mailing_send_started",
                    default="The mailing is being sent. Its messages are "
                    "written in the background; this page shows how far it got.",
                ),
                "info",
            )
        if "form.buttons.resend" in form:
            count = resend_failed(self.context)
            return self.say(
                _(
                    "mailing_resent",
                    default="Failed messages to be sent again: ${count}.",
                    mapping={"count": count},
                ),
                "info",
            )

    def say(self, message, kind="error"):
        api.portal.show_message(message, request=self.request, type=kind)

    def can_send(self):
        return api.user.has_permission("collab.portal: Send mailings", obj=self.context)

    def state(self):
        return phase(self.context, self.numbers())

    def numbers(self):
        """The live counts, read once per page."""
        if not hasattr(self, "_numbers"):
            self._numbers = counts(self.context)
        return self._numbers

    def state_title(self):
        return STATE_TITLES[self.state()]

    def progress(self):
        """How far delivery got, once messages are written."""
        if self.state() in ("draft", "scheduled"):
            return None
        found = self.numbers()
        return _(
            "mailing_progress",
            default="delivered ${sent} of ${total}, failed ${failed}",
            mapping={
                "sent": found["sent"],
                "total": found["total"],
                "failed": found["failed"],
            },
        )

    def mail_server(self):
        """Why nothing leaves, while the mail server cannot be reached."""
        if self.state() in ("draft", "sent"):
            return None
        return outage_message(api.portal.get_current_language())

    def send_at(self):
        value = getattr(self.context, "send_at", None)
        language = api.portal.get_current_language()
        return format_date(value, language) if value else ""

    def versions(self):
        found = []
        for code, label in (
            ("en", _("English")),
            ("es", _("Spanish")),
            ("fr", _("French")),
        ):
            suffix = "" if code == "en" else f"_{code}"
            subject = getattr(self.context, f"subject{suffix}", None)
            body = getattr(self.context, f"body{suffix}", None)
            if subject or body:
                found.append(
                    {"code": code, "label": label, "subject": subject, "body": body}
                )
        return found

    def recipient_groups(self):
        return list(related_objects(self.context.recipient_groups))

    def recipient_contacts(self):
        return list(related_objects(self.context.recipient_contacts))

    def attachment_names(self):
        return [name for name, _type, _data in attachments(self.context)]

    def counts(self):
        found = self.numbers()
        return [
            {"status": status, "title": STATUS_TITLES[status], "count": found[status]}
            for status in STATUSES
        ] + [{"status": "total", "title": _("Total"), "count": found["total"]}]

    def rows(self):
        status = self.request.form.get("status")
        status = status if status in STATUSES else None
        found = []
        for record, live, answer in live_records(self.context, status):
            row = item(record, live, answer)
            row["status_title"] = STATUS_TITLES[live]
            found.append(row)
            if len(found) >= SHOWN_ROWS:
                break
        return found
