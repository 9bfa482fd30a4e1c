"""The lead author of a draft holds the local role ``DraftLead`` on it:
the draft workflow gives that role what the lead author does (edit
between rounds, answer comments, run the rounds), so naming another lead
author moves the role, on every channel (edit form, REST, scripts)."""

LEAD = "DraftLead"


def leads_of(draft):
    """User ids holding ``DraftLead`` on ``draft`` itself (not acquired)."""
    return [userid for userid, roles in draft.get_local_roles() if LEAD in roles]


def give_lead_role(draft, event=None):
    """Subscriber of a draft added or modified: the role follows
    ``lead_author``; nothing is written when it already does."""
    wanted = getattr(draft, "lead_author", None) or None
    current = leads_of(draft)
    if current == ([wanted] if wanted else []):
        return
    for userid in current:
        if userid != wanted:
            roles = [r for r in draft.get_local_roles_for_userid(userid) if r != LEAD]
            if roles:
                draft.manage_setLocalRoles(userid, roles)
            else:
                draft.manage_delLocalRoles([userid])
    if wanted and wanted not in current:
        roles = set(draft.get_local_roles_for_userid(wanted)) | {LEAD}
        draft.manage_setLocalRoles(wanted, sorted(roles))
    draft.reindexObjectSecurity()
