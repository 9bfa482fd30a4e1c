"""Issue 22, Behaviour 6: ``GET <draft>/@comments-export`` gives a
round's compiled comments as DOCX, XLSX or CSV, each holding the
paragraph number, author, organisation, country, disposition and
response, and only the comments of that round the exporting reader may
read; nobody outside the lead author and the secretariat exports."""

from collab.portal.drafts.incorporation import rows_of
from drafts.draft_helpers import LEAD
from drafts.draft_helpers import open_a_round
from drafts.draft_helpers import OUTSIDER
from drafts.draft_helpers import PARTICIPANT
from drafts.draft_helpers import SECRETARIAT
from drafts.export_helpers import docx_xml
from drafts.export_helpers import read_csv
from drafts.export_helpers import read_docx
from drafts.export_helpers import read_xlsx
from drafts.incorporation_helpers import IncorporationTestCase
from drafts.incorporation_helpers import SCRIPT
from plone import api
from portal_helpers import rest_session
import transaction


class TestCommentsExport(IncorporationTestCase):
    def setUp(self):
        super().setUp()
        answer = {"disposition": "accepted_in_part", "response": "Kept at two years."}
        response = self.rest(LEAD).patch(f"{self.url}/{self.ids['words']}", json=answer)
        self.assertEqual(response.status_code, 204, response.text)
        self.export_url = f"{self.draft.absolute_url()}/@comments-export"

    def export(self, login=LEAD, **query):
        return self.rest(login).get(self.export_url, params=query)

    def test_csv(self):
        response = self.export(format="csv")
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.headers["Cache-Control"], "private, no-store")
        self.assertEqual(
            response.headers["Content-Disposition"],
            'attachment; filename="resolution-round-1.csv"',
        )
        head, *lines = read_csv(response.content)
        self.assertEqual(head[:3], ["Paragraph", "Paragraph text", "Kind"])
        self.assertEqual(len(lines), 4)
        first = dict(zip(head, lines[0], strict=True))
        self.assertEqual(first["Paragraph"], "2")
        self.assertEqual(first["Author"], "Ana Pérez")
        self.assertEqual(first["Organisation"], "SEMARNAT")
        self.assertEqual(first["Country"], "Mexico")
        self.assertEqual(first["Disposition"], "Accepted in part")
        self.assertEqual(first["Response"], "Kept at two years.")
        self.assertEqual(first["Proposed wording"], "every two years")
        self.assertEqual(lines[-1][0], "Whole draft")

    def test_xlsx(self):
        response = self.export(format="xlsx", round="1")
        self.assertEqual(response.status_code, 200, response.text)
        self.assertIn("spreadsheetml", response.headers["Content-Type"])
        _sheet, lines = read_xlsx(response.content)
        first = lines[1]
        for value in (2, "Ana Pérez", "SEMARNAT", "Mexico", "Accepted in part"):
            self.assertIn(value, first)
        self.assertIn("Kept at two years.", first)

    def test_docx_in_spanish(self):
        spanish = rest_session(self.portal.absolute_url(), SECRETARIAT, "es")
        response = spanish.get(
            self.export_url, params={"format": "docx", "language": "es"}
        )
        self.assertEqual(response.status_code, 200, response.text)
        texts = [text for _style, text in read_docx(response.content)]
        joined = "\n".join(texts)
        for value in (
            "Ana Pérez",
            "SEMARNAT",
            "México",
            "Aceptado en parte",
            "Kept at two years.",
        ):
            self.assertIn(value, joined)
        self.assertIn("Párrafo 2", texts)

    def test_bad_format_and_rounds(self):
        for query, status in (
            ({"format": "pdf"}, 400),
            ({}, 400),
            ({"format": "csv", "round": "first"}, 400),
            ({"format": "csv", "round": "9"}, 404),
        ):
            response = self.export(**query)
            self.assertEqual(response.status_code, status, (query, response.text))
            self.assertTrue(response.json()["message"])

    def test_only_the_lead_and_the_secretariat_export(self):
        self.assertEqual(self.export(login=None, format="csv").status_code, 401)
        for login in (OUTSIDER, PARTICIPANT):
            refused = self.export(login=login, format="csv")
            self.assertIn(refused.status_code, (401, 403), login)
        self.assertEqual(self.export(login=SECRETARIAT, format="csv").status_code, 200)

    def test_script_stays_text(self):
        transaction.begin()
        general = self.conversation_comment("general")
        general.text = SCRIPT
        general.suggestion = SCRIPT
        transaction.commit()
        xml = docx_xml(self.export(format="docx").content)
        self.assertNotIn("<script", xml)
        self.assertNotIn("<b>", xml)
        self.assertEqual(xml.count("&lt;script&gt;"), 2)


class TestEachRoundItsOwn(IncorporationTestCase):
    def setUp(self):
        super().setUp()
        open_a_round(self.draft, visibility="after_deadline")
        self.ids["second"] = self.comment(PARTICIPANT, text="Second round comment.")
        self.ids["held"] = self.comment(LEAD, text="Held until the deadline.")

    def test_an_export_holds_its_round_only(self):
        first = self.rest(LEAD).get(
            f"{self.draft.absolute_url()}/@comments-export",
            params={"format": "csv", "round": "1"},
        )
        texts = [line[4] for line in read_csv(first.content)[1:]]
        self.assertEqual(len(texts), 4)
        self.assertNotIn("Second round comment.", texts)
        current = self.rest(LEAD).get(
            f"{self.draft.absolute_url()}/@comments-export", params={"format": "csv"}
        )
        texts = [line[4] for line in read_csv(current.content)[1:]]
        self.assertEqual(texts, ["Second round comment.", "Held until the deadline."])

    def test_a_reader_never_gets_what_they_may_not_read(self):
        transaction.begin()
        with api.env.adopt_user(username=PARTICIPANT):
            texts = [row.text for row in rows_of(self.draft, 2)]
            self.assertEqual(texts, ["Second round comment."])
            self.assertNotIn("Too often.", [row.text for row in rows_of(self.draft, 2)])
        with api.env.adopt_user(username=OUTSIDER):
            self.assertEqual(rows_of(self.draft, 2), [])
            self.assertEqual(rows_of(self.draft, 1), [])
