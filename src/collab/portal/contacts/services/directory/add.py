"""``POST <directory>``: adding a contact, group or mailing over REST."""

from collab.portal.errors import json_object
from plone.restapi.services.content.add import FolderPost


class DirectoryPost(FolderPost):
    def reply(self):
        json_object(self.request)
        return super().reply()
