"""Two versions of a draft compared paragraph by paragraph, down to one word
(drafts/diff.py; issue 22, Behaviour 4 and browser step 4: "the comparison
highlights the one-word change")."""

from collab.portal.drafts import diff
from collab.portal.testing import INTEGRATION_TESTING
from drafts.diff_helpers import body
from drafts.diff_helpers import LONG
from drafts.diff_helpers import long_body
from drafts.diff_helpers import paragraph
from drafts.diff_helpers import pid
import json
import random
import unicodedata
import unittest


def statuses(rows):
    return [(row["id"], row["status"]) for row in rows]


def edits(changes):
    return [
        (change["op"], change["text"]) for change in changes if change["op"] != "equal"
    ]


class TestWordDiff(unittest.TestCase):
    def test_one_word_changed_in_a_long_paragraph_is_that_word(self):
        changes = diff.word_diff(LONG, LONG.replace("shall", "should"))
        self.assertEqual(edits(changes), [("delete", "shall"), ("insert", "should")])
        self.assertEqual(changes[0], {"op": "equal", "text": "The Parties "})
        html = diff.render_changes(changes)
        self.assertIn(
            '<del class="draft-diff-delete"><span class="visually-hidden">'
            "deleted text: </span>shall</del>",
            html,
        )
        self.assertIn("should</ins> report every two years", html)

    def test_two_distant_one_word_changes_stay_two(self):
        new = LONG.replace("shall", "should").replace("previous", "last")
        self.assertEqual(
            edits(diff.word_diff(LONG, new)),
            [
                ("delete", "shall"),
                ("insert", "should"),
                ("delete", "previous"),
                ("insert", "last"),
            ],
        )

    def test_a_rewritten_phrase_is_one_replacement_not_word_salad(self):
        # diff_cleanupSemantic: the lone spaces between rewritten words do
        # not cut the replacement into pieces; "on" between longer edits
        # is absorbed too.
        self.assertEqual(
            edits(diff.word_diff("the cat sat on the mat", "a dog lay on a rug")),
            [("delete", "the cat sat on the mat"), ("insert", "a dog lay on a rug")],
        )

    def test_words_are_never_cut_in_half(self):
        self.assertEqual(
            edits(diff.word_diff("implementation report", "implementing report")),
            [("delete", "implementation"), ("insert", "implementing")],
        )

    def test_punctuation_alone(self):
        self.assertEqual(
            edits(diff.word_diff("as adopted.", "as adopted;")),
            [("delete", "."), ("insert", ";")],
        )

    def test_spacing_a_page_does_not_show_is_no_change(self):
        self.assertEqual(
            diff.word_diff("two  spaces\n and\u00a0a break", "two spaces and a break"),
            [{"op": "equal", "text": "two spaces and a break"}],
        )

    def test_a_space_added_between_words_is_shown(self):
        changes = diff.word_diff("Article 3,paragraph 2", "Article 3, paragraph 2")
        self.assertEqual(edits(changes), [("insert", " ")])
        html = diff.render_changes(changes)
        self.assertIn('class="draft-diff-insert draft-diff-space"', html)
        self.assertIn("a space</span>&nbsp;</ins>", html)

    def test_unicode_is_compared_in_nfc(self):
        composed = "Le café de la délégation"
        decomposed = unicodedata.normalize("NFD", composed)
        self.assertNotEqual(composed, decomposed)
        self.assertEqual(
            diff.word_diff(decomposed, composed), [{"op": "equal", "text": composed}]
        )
        self.assertEqual(
            edits(diff.word_diff("Le cafe", unicodedata.normalize("NFD", "Le café"))),
            [("delete", "cafe"), ("insert", "café")],
        )
        self.assertEqual(
            edits(diff.word_diff("会议决定", "会议通过")),
            [("delete", "决定"), ("insert", "通过")],
        )

    def test_the_ops_rebuild_both_texts(self):
        # Lossless whatever the edit: equal + delete is the old text, equal
        # + insert the new one (shuffled words, repeated words, signs).
        words = (LONG + " the the , , ; «»").split()
        shuffler = random.Random(22)
        for _ in range(50):
            old = " ".join(shuffler.choices(words, k=40))
            new = " ".join(shuffler.choices(words, k=35))
            changes = diff.word_diff(old, new)
            self.assertEqual(
                "".join(c["text"] for c in changes if c["op"] != "insert"), old
            )
            self.assertEqual(
                "".join(c["text"] for c in changes if c["op"] != "delete"), new
            )

    def test_empty_sides(self):
        self.assertEqual(diff.word_diff("", ""), [])
        self.assertEqual(diff.word_diff(None, "New"), [{"op": "insert", "text": "New"}])
        self.assertEqual(diff.word_diff("Old", ""), [{"op": "delete", "text": "Old"}])

    def test_a_suggestion_is_the_same_word_diff(self):
        changes = diff.suggestion_diff(LONG, LONG.replace("every two years", "yearly"))
        self.assertEqual(
            edits(changes), [("delete", "every two years"), ("insert", "yearly")]
        )
        self.assertEqual(
            "".join(c["text"] for c in changes if c["op"] != "delete"),
            LONG.replace("every two years", "yearly"),
        )

    def test_markup_in_a_suggestion_stays_text(self):
        html = diff.render_changes(
            diff.suggestion_diff("Report yearly.", 'Report <b onclick="x()">now</b>.')
        )
        self.assertNotIn("<b", html)
        self.assertIn("&lt;b onclick=&quot;x()&quot;&gt;now&lt;/b&gt;", html)


class TestBlocks(unittest.TestCase):
    def test_blocks_are_elements_with_a_paragraph_id_in_document_order(self):
        html = (
            '<h2 id="p-0000000a">Title</h2><p>No id</p><p id="p-XYZ00000">Bad id</p>'
            '<p id="p-123">Short id</p>'
            '<ol><li id="p-0000000b">Item <em>one</em><p>more</p></li></ol>'
        )
        self.assertEqual(
            diff.blocks_of(html),
            [
                diff.Block("p-0000000a", 1, "Title"),
                diff.Block("p-0000000b", 2, "Item one more"),
            ],
        )

    def test_nested_blocks_and_hidden_text_are_not_in_a_paragraph_text(self):
        html = (
            '<ul><li id="p-00000001">Outer<script>alert(1)</script>'
            '<ul><li id="p-00000002">Inner</li></ul> tail<!-- note --></li></ul>'
        )
        self.assertEqual(
            [block.text for block in diff.blocks_of(html)], ["Outer tail", "Inner"]
        )

    def test_a_table_row_is_its_cells(self):
        html = (
            '<table><tbody><tr id="p-00000001"><th>Country</th><td><p>Report</p>'
            "<p>due</p></td><td></td></tr></tbody></table>"
        )
        self.assertEqual(diff.blocks_of(html)[0].text, "Country | Report due | ")

    def test_no_body(self):
        self.assertEqual(diff.blocks_of(None), [])
        self.assertEqual(diff.blocks_of("  \n"), [])
        self.assertEqual(diff.blocks_of("<!-- only a comment -->"), [])
        self.assertEqual(diff.blocks_of("<p>No ids yet</p>"), [])
        with self.assertRaises(TypeError):
            diff.blocks_of(b"<p>bytes</p>")


class TestCompare(unittest.TestCase):
    def test_same_bodies_are_unchanged(self):
        html = long_body(3)
        rows = diff.compare(html, html)
        self.assertEqual(
            [row["status"] for row in rows], ["unchanged", "unchanged", "unchanged"]
        )
        self.assertFalse(any(row["edited"] for row in rows))

    def test_the_one_word_change_of_the_issue(self):
        old = long_body(5)
        new = long_body(
            5, lambda n, text: text.replace("shall", "should") if n == 3 else None
        )
        rows = diff.compare(old, new)
        self.assertEqual(
            [row["status"] for row in rows],
            ["unchanged"] * 2 + ["changed"] + ["unchanged"] * 2,
        )
        row = rows[2]
        self.assertEqual(
            (row["id"], row["number_old"], row["number_new"]), (pid(3), 3, 3)
        )
        self.assertEqual(
            edits(row["changes"]), [("delete", "shall"), ("insert", "should")]
        )
        html = diff.render(rows)
        self.assertEqual(html.count("<del "), 1)
        self.assertEqual(html.count("<ins "), 1)
        self.assertIn(
            f'<div class="draft-diff-row draft-diff-changed" id="diff-{pid(3)}">', html
        )

    def test_added_and_deleted_keep_the_new_order_with_deleted_where_they_were(self):
        old = body((1, "One"), (2, "Two"), (3, "Three"))
        new = body((1, "One"), (4, "Four"), (3, "Three"))
        rows = diff.compare(old, new)
        self.assertEqual(
            statuses(rows),
            [
                (pid(1), "unchanged"),
                (pid(2), "deleted"),
                (pid(4), "added"),
                (pid(3), "unchanged"),
            ],
        )
        deleted, added = rows[1], rows[2]
        self.assertEqual((deleted["number_old"], deleted["number_new"]), (2, None))
        self.assertEqual((deleted["old_text"], deleted["new_text"]), ("Two", None))
        self.assertEqual(deleted["changes"], [{"op": "delete", "text": "Two"}])
        self.assertEqual((added["number_old"], added["number_new"]), (None, 2))
        self.assertEqual(added["changes"], [{"op": "insert", "text": "Four"}])

    def test_a_deleted_first_paragraph_comes_first(self):
        rows = diff.compare(body((1, "One"), (2, "Two")), body((3, "New"), (2, "Two")))
        self.assertEqual(
            statuses(rows),
            [(pid(1), "deleted"), (pid(3), "added"), (pid(2), "unchanged")],
        )

    def test_everything_deleted_or_new(self):
        self.assertEqual(
            statuses(diff.compare(body((1, "One")), "")), [(pid(1), "deleted")]
        )
        self.assertEqual(
            statuses(diff.compare(None, body((1, "One")))), [(pid(1), "added")]
        )

    def test_a_moved_paragraph_is_the_one_whose_order_changed(self):
        old = body((1, "One"), (2, "Two"), (3, "Three"), (4, "Four"))
        new = body((1, "One"), (3, "Three"), (4, "Four"), (2, "Two"))
        rows = diff.compare(old, new)
        self.assertEqual(
            statuses(rows),
            [
                (pid(1), "unchanged"),
                (pid(3), "unchanged"),
                (pid(4), "unchanged"),
                (pid(2), "moved"),
            ],
        )
        self.assertEqual((rows[3]["number_old"], rows[3]["number_new"]), (2, 4))
        self.assertFalse(rows[3]["edited"])
        self.assertIn("Paragraph 4 (was 2)</span>", diff.render(rows))

    def test_renumbering_by_an_insert_above_is_no_move(self):
        rows = diff.compare(
            body((1, "One"), (2, "Two")), body((3, "New"), (1, "One"), (2, "Two"))
        )
        self.assertEqual(
            statuses(rows),
            [(pid(3), "added"), (pid(1), "unchanged"), (pid(2), "unchanged")],
        )

    def test_a_moved_and_edited_paragraph_shows_its_words(self):
        old = body((1, "One"), (2, "Report yearly."), (3, "Three"))
        new = body((2, "Report every year."), (1, "One"), (3, "Three"))
        rows = diff.compare(old, new)
        moved = [row for row in rows if row["status"] == "moved"]
        self.assertEqual(len(moved), 1)
        self.assertTrue(moved[0]["edited"])
        self.assertEqual(
            edits(moved[0]["changes"]), [("delete", "yearly"), ("insert", "every year")]
        )
        self.assertIn("Moved and changed", diff.render(rows))

    def test_a_table_row_change_shows_its_cell(self):
        old = '<table><tr id="p-00000001"><td>France</td><td>2029</td></tr></table>'
        new = '<table><tr id="p-00000001"><td>France</td><td>2030</td></tr></table>'
        (row,) = diff.compare(old, new)
        self.assertEqual(row["status"], "changed")
        self.assertEqual(row["new_text"], "France | 2030")
        self.assertEqual(
            edits(row["changes"]), [("delete", "2029"), ("insert", "2030")]
        )

    def test_a_repeated_id_loses_no_paragraph(self):
        old = paragraph(1, "A") + paragraph(1, "B")
        new = paragraph(1, "A") + paragraph(1, "B changed")
        rows = diff.compare(old, new)
        self.assertEqual([row["status"] for row in rows], ["unchanged", "changed"])
        self.assertEqual(rows[1]["old_text"], "B")

    def test_snapshots_keep_their_own_numbers(self):
        old = [diff.Block(pid(1), 1, "Text"), diff.Block(pid(9), "F1", "A note")]
        new = [diff.Block(pid(1), 1, "Text"), diff.Block(pid(9), "F1", "A new note")]
        rows = diff.compare_blocks(old, new)
        self.assertEqual(rows[1]["number_new"], "F1")
        self.assertIn("Paragraph F1</span>", diff.render(rows))

    def test_rows_are_plain_data_for_rest(self):
        rows = diff.compare(body((1, "One")), body((1, "Once")))
        self.assertEqual(
            set(rows[0]),
            {
                "id",
                "number_old",
                "number_new",
                "status",
                "edited",
                "old_text",
                "new_text",
                "changes",
            },
        )
        self.assertEqual(json.loads(json.dumps(rows)), rows)


class TestEscaping(unittest.TestCase):
    def test_no_markup_of_a_body_reaches_the_comparison(self):
        old = (
            '<p id="p-00000001">Say &lt;script&gt;alert(1)&lt;/script&gt; twice</p>'
            '<p id="p-00000002">Image <img src="x" onerror="alert(2)"> here</p>'
        )
        new = (
            '<p id="p-00000001">Say &lt;script&gt;alert(1)&lt;/script&gt; once</p>'
            '<p id="p-00000002">Image <a href="javascript:alert(3)">link</a></p>'
        )
        html = diff.render(diff.compare(old, new))
        for markup in ("<script", "<img", "<a ", "onerror", "href"):
            self.assertNotIn(markup, html)
        self.assertIn("Say &lt;script&gt;alert(1)&lt;/script&gt; ", html)

    def test_a_hostile_id_of_a_snapshot_is_escaped(self):
        rows = diff.compare_blocks([], [diff.Block('"><script>x</script>', 1, "T")])
        self.assertNotIn("<script", diff.render(rows))


class TestTranslated(unittest.TestCase):
    layer = INTEGRATION_TESTING

    def test_labels_in_the_page_language(self):
        rows = diff.compare(
            body((1, "Un"), (2, "Deux")), body((2, "Deux."), (1, "Une"))
        )
        html = diff.render(rows, language="fr")
        self.assertIn("Paragraphe 2 (anciennement 1)", html)
        self.assertIn("Déplacé et modifié", html)
        self.assertIn("texte supprimé :", html)
        self.assertIn("texte inséré :", html)
        es = diff.render(diff.compare(body((1, "Uno")), ""), language="es")
        self.assertIn("Antiguo párrafo 1", es)
        self.assertIn("Eliminado", es)
