"""``GET <forum>/@schedule``: the forum's schedule table as JSON."""

from collab.portal.forum.schedule import schedule_rows
from plone.restapi.services import Service


def isoformat(value):
    return value.isoformat().replace("+00:00", "Z") if value else None


class ScheduleGet(Service):
    def reply(self):
        return {
            "@id": f"{self.context.absolute_url()}/@schedule",
            "forum": self.context.absolute_url(),
            "items": [
                {
                    "group": row["group"],
                    "title": row["title"],
                    "opens": isoformat(row["opens"]),
                    "closes": isoformat(row["closes"]),
                    "status": row["status"],
                    "remarks": row["remarks"],
                    "comments": row["comments"],
                    "last_comment": isoformat(row["last_comment"]),
                }
                for row in schedule_rows(self.context)
            ],
        }
