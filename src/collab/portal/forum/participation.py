"""Who took part in a forum or discussion group: comments, members,
countries.

Read from each group's ``CommentStats``, so the numbers are the public
record (what everyone may read: no pending, flagged or rejected comments)
and cost the same for ten comments as for ten thousand.
"""

from collab.portal.comments.stats import comment_stats
from collab.portal.content.forum import IForum
from collab.portal.forum.schedule import visible_groups
from collab.portal.vocabularies.countries import country_name
from plone.app.discussion.interfaces import IConversation


def group_participation(group):
    stats = comment_stats(IConversation(group))
    return {
        "group": group.absolute_url(),
        "title": group.title,
        "comments": stats.count(),
        "participants": set(stats.participants()),
        "countries": stats.country_counts(),
    }


def participation(context):
    """Totals and one row per group (a group alone is a forum of one)."""
    groups = visible_groups(context) if IForum.providedBy(context) else [context]
    rows = [group_participation(group) for group in groups]
    participants = set().union(*(row["participants"] for row in rows))
    countries = {}
    for row in rows:
        for code, count in row["countries"].items():
            countries[code] = countries.get(code, 0) + count
    return {
        "comments": sum(row["comments"] for row in rows),
        "participants": len(participants),
        "countries": [
            {"code": code, "name": country_name(code), "comments": count}
            for code, count in sorted(
                countries.items(), key=lambda item: (-item[1], country_name(item[0]))
            )
        ],
        "groups": [
            {
                "group": row["group"],
                "title": row["title"],
                "comments": row["comments"],
                "participants": len(row["participants"]),
                "countries": len(row["countries"]),
            }
            for row in rows
        ],
    }
