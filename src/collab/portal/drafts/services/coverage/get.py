"""``GET <draft>/@coverage[?round=<n>]``: who of the round's invited
contacts, groups and countries commented and who did not (the current
round by default); 404 for an unknown round or a draft without rounds."""

from collab.portal.drafts.coverage import coverage
from collab.portal.drafts.rounds import round_of
from collab.portal.drafts.services.rounds.get import no_such_round
from plone import api
from plone.restapi.services import Service


class CoverageGet(Service):
    def reply(self):
        found = round_of(self.context, self.request.form.get("round", "current"))
        if found is None:
            raise no_such_round(self.request)
        language = (api.portal.get_current_language() or "en")[:2]
        return {
            "@id": f"{self.context.absolute_url()}/@coverage?round={found.number}",
            **coverage(self.context, found, language),
        }
