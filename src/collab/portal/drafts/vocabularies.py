"""The fixed choices of the drafts feature, each defined once.

``DISPOSITIONS``: what the lead author decided about a comment (issue 22,
Behaviour 4), as ``(value, title)`` in the order they are offered. The
comment field (``fields.DISPOSITION``), the exports and the
comments-and-responses table (``export.py``) all take their keys and
words from here, so a disposition reads the same on every channel and in
every language. Registered as the named vocabulary
``collab.portal.drafts.Dispositions`` for forms and ``@vocabularies``.
"""

from collab.portal import _
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


DISPOSITIONS = (
    ("accepted", _("drafts_disposition_accepted", default="Accepted")),
    (
        "accepted_in_part",
        _("drafts_disposition_accepted_in_part", default="Accepted in part"),
    ),
    ("not_accepted", _("drafts_disposition_not_accepted", default="Not accepted")),
    ("noted", _("drafts_disposition_noted", default="Noted")),
)

# The same as a lookup: key -> title.
DISPOSITION_TITLES = dict(DISPOSITIONS)


def disposition_terms():
    """The dispositions as a zope vocabulary (values are the stored keys)."""
    return SimpleVocabulary(
        [SimpleTerm(value=key, token=key, title=title) for key, title in DISPOSITIONS]
    )


@provider(IVocabularyFactory)
def dispositions(context):
    return disposition_terms()
