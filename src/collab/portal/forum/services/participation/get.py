"""``GET <forum or group>/@participation``: comments, participants and
countries, for editors and the secretariat."""

from collab.portal.forum.participation import participation
from plone.restapi.services import Service


class ParticipationGet(Service):
    def reply(self):
        data = participation(self.context)
        data["@id"] = f"{self.context.absolute_url()}/@participation"
        return data
