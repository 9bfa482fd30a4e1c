"""The dispositions (issue 22, Behaviour 4) are one vocabulary: the
comment field, its REST title and the exports say the same word for each,
in every language."""

from collab.portal.drafts import export
from collab.portal.drafts.fields import DISPOSITION
from collab.portal.drafts.vocabularies import DISPOSITIONS
from collab.portal.testing import INTEGRATION_TESTING
from drafts.export_helpers import HEADER
from drafts.export_helpers import read_csv
from drafts.export_helpers import round_row
from zope.component import getUtility
from zope.globalrequest import getRequest
from zope.globalrequest import setRequest
from zope.i18n import translate
from zope.publisher.browser import TestRequest
from zope.schema.interfaces import IVocabularyFactory
import unittest


KEYS = ["accepted", "accepted_in_part", "not_accepted", "noted"]
WORDS = {
    "en": ["Accepted", "Accepted in part", "Not accepted", "Noted"],
    "es": ["Aceptado", "Aceptado en parte", "No aceptado", "Se toma nota"],
    "fr": ["Accepté", "Accepté en partie", "Non accepté", "Pris note"],
}


class TestDispositions(unittest.TestCase):
    layer = INTEGRATION_TESTING

    def setUp(self):
        self.before = getRequest()

    def tearDown(self):
        setRequest(self.before)

    def test_the_named_vocabulary(self):
        factory = getUtility(IVocabularyFactory, "collab.portal.drafts.Dispositions")
        vocabulary = factory(self.layer["portal"])
        self.assertEqual([term.value for term in vocabulary], KEYS)
        self.assertEqual([term.token for term in vocabulary], KEYS)
        for language, words in WORDS.items():
            titles = [
                translate(term.title, target_language=language) for term in vocabulary
            ]
            self.assertEqual(titles, words, language)

    def test_the_field_takes_the_same_keys(self):
        field = DISPOSITION.form_field
        self.assertEqual([term.value for term in field.vocabulary], KEYS)
        self.assertEqual([key for key, _title in DISPOSITIONS], KEYS)
        for key in KEYS:
            self.assertEqual(DISPOSITION.from_json(None, key), key)
        self.assertIsNone(DISPOSITION.from_json(None, ""))
        with self.assertRaises(ValueError):
            DISPOSITION.from_json(None, "Tomado en cuenta")

    def test_field_and_export_say_the_same_word(self):
        rows = [round_row(disposition=key) for key in KEYS]
        for language, words in WORDS.items():
            setRequest(TestRequest(environ={"HTTP_ACCEPT_LANGUAGE": language}))
            said = [
                DISPOSITION.serialize(None, key)["disposition_title"] for key in KEYS
            ]
            self.assertEqual(said, words, language)
            self.assertEqual([DISPOSITION.text(None, key) for key in KEYS], words)
            lines = read_csv(export.export_csv(rows, HEADER, language))
            self.assertEqual([line[10] for line in lines[1:]], words, language)
