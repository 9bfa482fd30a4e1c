"""A draft's ``original`` sent in a plain REST ``PATCH`` (or a ``POST``
creating a draft, or a TUS upload) goes through the checks of
``@import-original``: a file that is neither a usable DOCX nor a PDF, or
too large, is refused with the conversion's message (400) and nothing is
stored. The body is left as it is: converting is ``@import-original``'s.
plone.restapi validates a field with the field's own ``validate`` only,
not with z3c.form's validators, hence this deserializer beside
``original.OriginalValidator`` (the edit form's)."""

from collab.portal.content.draft_document import IDraftDocument
from collab.portal.drafts.conversion import UnusableOriginal
from collab.portal.drafts.original import checked_original
from collab.portal.interfaces import IBrowserLayer
from plone.namedfile.interfaces import INamedBlobFileField
from plone.restapi.deserializer.dxfields import NamedFieldDeserializer
from plone.restapi.interfaces import IFieldDeserializer
from zope.component import adapter
from zope.i18n import translate
from zope.interface import implementer


@implementer(IFieldDeserializer)
@adapter(INamedBlobFileField, IDraftDocument, IBrowserLayer)
class OriginalDeserializer(NamedFieldDeserializer):
    def __call__(self, value):
        value = super().__call__(value)
        if self.field.__name__ != "original" or value is None:
            return value
        if value is getattr(self.context, "original", None):
            return value  # the stored file sent back as it was read
        try:
            return checked_original(value)
        except UnusableOriginal as error:
            raise ValueError(translate(error.message, context=self.request)) from None
