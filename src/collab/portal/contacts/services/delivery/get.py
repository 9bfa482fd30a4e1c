"""``GET <mailing>/@delivery``: the mailing's state (``draft``,
``scheduled``, ``sending``: being written, ``written``: some still in
the queue, ``sent``: none), the live counts, ``mail_server`` (null, or
``{"reachable": false, "since": ..., "error": ...}`` while the SMTP
server cannot be reached) and one item per recipient (``email``,
``status``, ``error``, ...), batched with ``b_start``/``b_size``,
filtered by ``status``."""

from collab.portal import _
from collab.portal.contacts.delivery import counts
from collab.portal.contacts.delivery import live_records
from collab.portal.contacts.delivery import phase
from collab.portal.errors import shown
from collab.portal.mail import mail_outage
from collab.portal.mail.delivery import item
from collab.portal.mail.delivery import STATUSES
from plone.restapi.services import Service
from zExceptions import BadRequest
from zope.i18n import translate


MAX_BATCH = 1000


class DeliveryGet(Service):
    def reply(self):
        form = self.request.form
        status = form.get("status") or None
        try:
            start = int(form.get("b_start", 0))
            size = int(form.get("b_size", 100))
        except (TypeError, ValueError):
            start = size = -1
        if status not in (None, *STATUSES) or start < 0 or not 0 < size <= MAX_BATCH:
            raise shown(
                BadRequest(
                    translate(
                        _(
                            "delivery_bad_query",
                            default="Ask with b_start ≥ 0, 0 < b_size ≤ 1000 "
                            "and a status among pending, queued, sent, failed.",
                        ),
                        context=self.request,
                    )
                )
            )
        found = list(live_records(self.context, status))
        numbers = counts(self.context)
        problem = mail_outage()
        return {
            "@id": f"{self.context.absolute_url()}/@delivery",
            "state": phase(self.context, numbers),
            "counts": numbers,
            "mail_server": problem,
            "items_total": len(found),
            "items": [item(*pair) for pair in found[start : start + size]],
        }
