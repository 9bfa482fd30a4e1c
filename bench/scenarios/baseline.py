"""Baselines: a plain published Document, read and created through REST.

Feature scenarios report their ratio to these, measured in the same run, so
the numbers mean something on any machine.
"""

from context import ACCEPT_JSON
from scenarios import register
import uuid


@register("document-html", "html")
def document_html(ctx):
    """Anonymous GET of the baseline Document's page (themed, via localhost)."""
    url = ctx.baseline_document()
    return lambda session: session.get(url)


@register("document-rest", "rest")
def document_rest(ctx):
    """Anonymous REST GET of the baseline Document (Accept: application/json)."""
    url = ctx.baseline_document()
    return lambda session: session.get(url, headers=ACCEPT_JSON)


def creator(ctx, folder_id):
    """POST new Documents with generated ids into a folder of their own.

    Generated ids: Plone's name chooser gives up after ~100 equal titles.
    """
    folder = ctx.create(ctx.en, "Folder", id=folder_id, title=folder_id)

    def create(session):
        token = uuid.uuid4().hex[:12]
        return session.post(
            folder,
            headers=ACCEPT_JSON,
            json={"@type": "Document", "id": f"doc-{token}", "title": f"Doc {token}"},
        )

    return create


@register("document-create-x1", "rest", clients=1, login="admin")
def document_create_x1(ctx):
    """1 admin client creating Documents in one folder through REST."""
    return creator(ctx, "bench-create-x1")


@register(
    "document-create-x4",
    "rest",
    clients=4,
    login="admin",
    baseline="document-create-x1",
)
def document_create_x4(ctx):
    """4 admin clients creating Documents in one folder through REST at once."""
    return creator(ctx, "bench-create-x4")
