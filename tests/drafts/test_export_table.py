"""A round's compiled comments (issue 22): the comments-and-responses
table the next round opens with, and every export in Spanish and French."""

from collab.portal.drafts import export
from collab.portal.testing import INTEGRATION_TESTING
from drafts.export_helpers import HEADER
from drafts.export_helpers import read_csv
from drafts.export_helpers import read_docx
from drafts.export_helpers import read_xlsx
from drafts.export_helpers import round_row
from drafts.export_helpers import round_rows
import unittest


SCRIPT = '<script>alert("x")</script><b>bold</b> & <img src=x onerror=alert(1)>'


class TestResponsesTable(unittest.TestCase):
    def test_comments_with_their_answers_in_order(self):
        html = export.responses_table_html(round_rows(), "en")
        self.assertTrue(html.startswith('<table class="draft-responses">'))
        self.assertIn("<caption>Comments and responses</caption>", html)
        self.assertIn('<th scope="col">Disposition</th>', html)
        # Replies are left out of the table; comments keep their order.
        self.assertNotIn("We agree with Spain.", html)
        order = [
            "Every year would be better.",
            "Clearer wording.",
            "Which reports?",
            "Thank you all.",
            "Delete this.",
        ]
        positions = [html.index(text) for text in order]
        self.assertEqual(positions, sorted(positions))
        self.assertIn(
            '<tr class="draft-responses-accepted_in_part"><th scope="row">3</th>', html
        )
        self.assertIn("<td>Ana Pérez, Ministry of Environment, Spain</td>", html)
        self.assertIn(
            "<td>Accepted in part</td><td>Kept at two years, see 3.</td>", html
        )
        self.assertIn(
            "<strong>Proposed wording:</strong> The Parties shall report every year.",
            html,
        )
        self.assertIn('<th scope="row">Former paragraph 9</th>', html)

    def test_markup_escaped_line_breaks_kept(self):
        rows = [
            round_row(
                text=SCRIPT + "\nsecond line",
                author=SCRIPT,
                kind="suggestion",
                suggestion=SCRIPT,
                response=SCRIPT,
            )
        ]
        html = export.responses_table_html(rows, "en")
        self.assertNotIn("<script", html)
        self.assertNotIn("<img", html)
        self.assertNotIn("<b>", html)
        self.assertEqual(html.count("&lt;script&gt;"), 4)
        self.assertIn("&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt; &amp; ", html)
        self.assertIn("<br>second line", html)

    def test_empty_round_is_a_sentence(self):
        expected = (
            '<p class="draft-responses-empty">No comments were made in this round.</p>'
        )
        self.assertEqual(export.responses_table_html([], "en"), expected)
        replies_only = [round_row(kind="reply", depth=1)]
        self.assertEqual(export.responses_table_html(replies_only, "en"), expected)


class TestTranslated(unittest.TestCase):
    layer = INTEGRATION_TESTING

    def test_spanish(self):
        lines = read_csv(export.export_csv(round_rows(), HEADER, "es"))
        self.assertEqual(lines[0][:3], ["Párrafo", "Texto del párrafo", "Tipo"])
        self.assertEqual(lines[0][10:], ["Decisión", "Respuesta"])
        self.assertEqual(
            lines[1][8:11],
            ["España", "5 de marzo de 2030, 14:00 UTC", "Aceptado en parte"],
        )
        self.assertEqual(
            [line[10] for line in lines[1:]],
            ["Aceptado en parte", "", "Aceptado", "Se toma nota", "", "No aceptado"],
        )
        self.assertEqual(lines[5][0], "Todo el borrador")
        self.assertEqual(lines[6][0], "Antiguo párrafo 9")
        sheet, _lines = read_xlsx(export.export_xlsx([], HEADER, "es"))
        self.assertEqual(sheet.title, "Ronda 2")

    def test_french(self):
        _sheet, lines = read_xlsx(export.export_xlsx(round_rows(), HEADER, "fr"))
        self.assertEqual(lines[0][4:6], ("Texte", "Formulation proposée"))
        self.assertEqual(lines[2][2], "Réplique")
        self.assertEqual(lines[3][2], "Suggestion")
        self.assertEqual(lines[1][8], "Espagne")
        self.assertEqual(
            [line[10] for line in lines[1:]],
            ["Accepté en partie", None, "Accepté", "Pris note", None, "Non accepté"],
        )
        texts = [
            t for _s, t in read_docx(export.export_docx(round_rows(), HEADER, "fr"))
        ]
        self.assertIn(
            "Commentaires compilés du tour 2 (date limite : 20 mars 2030, 18:00 UTC)",
            texts,
        )
        self.assertIn("Langue du projet : français", texts)
        self.assertIn("Paragraphe 3", texts)
        self.assertIn("Suite donnée : Accepté en partie", texts)

    def test_table_and_empty_round(self):
        html = export.responses_table_html(round_rows(), "es")
        self.assertIn("<caption>Comentarios y respuestas</caption>", html)
        self.assertIn('<th scope="col">Decisión</th>', html)
        self.assertIn("<strong>Redacción propuesta:</strong>", html)
        texts = [t for _s, t in read_docx(export.export_docx([], HEADER, "fr"))]
        self.assertEqual(
            texts[-1], "Aucun commentaire n'a été formulé pendant ce tour."
        )
