"""Anchoring comments by paragraph id and quote, and re-anchoring them after
the body changed (drafts/anchoring.py, issue 22)."""

from collab.portal.drafts.anchoring import Anchor
from collab.portal.drafts.anchoring import ANCHORED
from collab.portal.drafts.anchoring import capture
from collab.portal.drafts.anchoring import CHANGED
from collab.portal.drafts.anchoring import MOVED
from collab.portal.drafts.anchoring import ORPHANED
from collab.portal.drafts.anchoring import QUOTE_MAX
from collab.portal.drafts.anchoring import reanchor
from collab.portal.drafts.paragraphs import assign_ids
from drafts.paragraphs_helpers import body
from drafts.paragraphs_helpers import by_text
from drafts.paragraphs_helpers import CLAUSES
from drafts.paragraphs_helpers import saved
from zope.i18nmessageid import Message
import unittest


A, B, C, D, E = CLAUSES


class TestCapture(unittest.TestCase):
    def setUp(self):
        self.table, first = saved(body(A, B, C))
        self.html = first.html
        self.pa, self.pb, self.pc = first.new

    def test_context_comes_from_the_stored_text(self):
        anchor = capture(self.table, self.pa, "report every year", 17)
        self.assertEqual(anchor.paragraph, self.pa)
        self.assertEqual(anchor.prefix, "The Parties shall ")
        self.assertEqual(anchor.suffix, " to the Secretariat on the measu")
        self.assertEqual(len(anchor.suffix), 32)
        self.assertEqual((anchor.start, anchor.end), (18, 35))
        self.assertEqual(anchor.text, A)
        self.assertEqual(anchor.state, ANCHORED)

    def test_from_html_as_from_the_table(self):
        self.assertEqual(
            capture(self.html, self.pb, "the reports", 0),
            capture(self.table, self.pb, "the reports", 0),
        )

    def test_quote_is_normalized_like_the_text(self):
        anchor = capture(self.table, self.pa, "  report\n every\u00a0year ", None)
        self.assertEqual(anchor.quote, "report every year")
        table, result = saved("<p>Le Comité a décidé de réviser le résumé.</p>")
        nfd = "de\u0301cide\u0301 de re\u0301viser"  # as some browsers select it
        anchor = capture(table, result.new[0], nfd, 10)
        self.assertEqual((anchor.quote, anchor.start), ("décidé de réviser", 12))

    def test_repeated_quote_chosen_by_start(self):
        table, result = saved(body("the Parties agree and the Parties object."))
        pid = result.new[0]
        second = capture(table, pid, "the Parties", 22)
        self.assertEqual(second.start, 22)
        self.assertEqual(second.suffix, " object.")
        self.assertEqual(capture(table, pid, "the Parties", None).start, 0)

    def test_whole_paragraph(self):
        anchor = capture(self.table, self.pc, "", None)
        self.assertEqual((anchor.quote, anchor.start, anchor.end), ("", 0, len(C)))

    def assertRefused(self, paragraph, quote, msgid):
        with self.assertRaises(ValueError) as raised:
            capture(self.table, paragraph, quote, 0)
        message = raised.exception.args[0]
        self.assertIsInstance(message, Message)
        self.assertEqual(message.domain, "collab.portal")
        self.assertEqual(str(message), msgid)

    def test_quote_not_in_the_paragraph_is_refused(self):
        self.assertRefused(self.pb, "report every year", "draft_quote_not_found")

    def test_unknown_paragraph_is_refused(self):
        self.assertRefused("p-00000000", "report", "draft_unknown_paragraph")
        self.assertRefused(None, "report", "draft_unknown_paragraph")

    def test_wrong_types_are_refused_or_ignored(self):
        self.assertRefused(self.pa, ["report"], "draft_quote_not_found")
        self.assertRefused(42, "report", "draft_unknown_paragraph")
        anchor = capture(self.table, self.pa, "report", "18")  # not an offset
        self.assertEqual(anchor.start, 18)

    def test_too_long_quote_is_refused(self):
        table, result = saved(body("word " * 300))
        with self.assertRaises(ValueError):
            capture(table, result.new[0], "word " * (QUOTE_MAX // 5 + 1), 0)


class ReanchorCase(unittest.TestCase):
    def setUp(self):
        self.table, first = saved(body(A, B, C, D))
        self.pa, self.pb, self.pc, self.pd = first.new

    def save(self, *texts):
        return assign_ids(body(*texts), self.table)


class TestReanchor(ReanchorCase):
    def test_unchanged_body_keeps_the_same_anchor(self):
        anchor = capture(self.table, self.pb, "circulate them", 0)
        self.save((self.pa, A), (self.pb, B), (self.pc, C), (self.pd, D))
        self.assertIs(reanchor(anchor, self.table), anchor)

    def test_insert_above_moves_nothing(self):
        # Decidim's failure: a suggestion on paragraph 2 went to the new paragraph 2
        anchor = capture(self.table, self.pb, "circulate them", 0)
        self.save(E, (self.pa, A), (self.pb, B), (self.pc, C), (self.pd, D))
        self.assertEqual(reanchor(anchor, self.table), anchor)

    def test_moved_paragraph_keeps_its_comments(self):
        anchor = capture(self.table, self.pa, "report every year", 0)
        self.save((self.pd, D), (self.pb, B), (self.pc, C), (self.pa, A))
        placed = reanchor(anchor, self.table)
        self.assertEqual((placed.paragraph, placed.state), (self.pa, ANCHORED))

    def test_split_quote_follows_its_half(self):
        first, second = B.split(" and ", 1)
        anchor = capture(self.table, self.pb, "circulate them to all Parties", 0)
        kept = capture(self.table, self.pb, "compile the reports", 0)
        html = body((self.pa, A), (self.pb, first), (self.pb, second), (self.pc, C))
        result = assign_ids(html, self.table)
        other = by_text(result.html)[first]
        self.assertNotEqual(other, self.pb)
        placed = reanchor(anchor, self.table)
        self.assertEqual((placed.paragraph, placed.state), (self.pb, ANCHORED))
        placed = reanchor(kept, self.table)
        self.assertEqual((placed.paragraph, placed.state), (other, MOVED))
        self.assertEqual(first[placed.start : placed.end], "compile the reports")

    def test_merge_moves_the_comment_into_the_heir(self):
        anchor = capture(self.table, self.pc, "national focal point", 0)
        result = self.save((self.pa, A), (self.pb, B + " " + C), (self.pd, D))
        self.assertEqual(result.deleted, (self.pc,))
        placed = reanchor(anchor, self.table)
        self.assertEqual((placed.paragraph, placed.state), (self.pb, MOVED))
        merged = self.table.text(self.pb)
        self.assertEqual(merged[placed.start : placed.end], "national focal point")
        self.assertEqual((placed.quote, placed.text), (anchor.quote, C))

    def test_deleted_paragraph_orphans_with_its_text(self):
        anchor = capture(self.table, self.pc, "national focal point", 0)
        self.save((self.pa, A), (self.pb, B), (self.pd, D))
        placed = reanchor(anchor, self.table)
        self.assertEqual(placed.state, ORPHANED)
        self.assertEqual((placed.paragraph, placed.text), (self.pc, C))
        self.assertIsNone(placed.end)

    def test_orphan_comes_back_when_the_paragraph_does(self):
        anchor = capture(self.table, self.pc, "national focal point", 0)
        self.save((self.pa, A), (self.pb, B), (self.pd, D))
        orphan = reanchor(anchor, self.table)
        self.save((self.pa, A), (self.pb, B), (self.pc, C), (self.pd, D))
        self.assertEqual(reanchor(orphan, self.table), anchor)

    def test_undone_merge_brings_it_home(self):
        anchor = capture(self.table, self.pc, "national focal point", 0)
        self.save((self.pa, A), (self.pb, B + " " + C), (self.pd, D))
        moved = reanchor(anchor, self.table)
        self.assertEqual(moved.origin, self.pc)
        self.save((self.pa, A), (self.pb, B), (self.pc, C), (self.pd, D))
        self.assertEqual(reanchor(moved, self.table), anchor)

    def test_moved_stays_moved(self):
        anchor = capture(self.table, self.pc, "national focal point", 0)
        self.save((self.pa, A), (self.pb, B + " " + C), (self.pd, D))
        moved = reanchor(anchor, self.table)
        self.save((self.pa, A), (self.pb, B + " " + C + " Also this."), (self.pd, D))
        again = reanchor(moved, self.table)
        self.assertEqual((again.paragraph, again.state), (self.pb, MOVED))


class TestQuoteEdited(ReanchorCase):
    def test_edited_quote_found_when_similar_enough(self):
        anchor = capture(self.table, self.pa, "shall report every year", 0)
        edited = A.replace("shall report every year", "should report each year")
        self.save((self.pa, edited), (self.pb, B), (self.pc, C), (self.pd, D))
        placed = reanchor(anchor, self.table)
        self.assertEqual((placed.paragraph, placed.state), (self.pa, CHANGED))
        self.assertIn("report each year", edited[placed.start : placed.end])
        self.assertEqual(placed.quote, "shall report every year")

    def test_rewritten_quote_leaves_the_comment_changed_unplaced(self):
        anchor = capture(self.table, self.pa, "shall report every year", 0)
        edited = "The Parties will inform the Secretariat biennially."
        self.save((self.pa, edited), (self.pb, B), (self.pc, C), (self.pd, D))
        placed = reanchor(anchor, self.table)
        self.assertEqual((placed.paragraph, placed.state), (self.pa, CHANGED))
        self.assertIsNone(placed.end)

    def test_short_quote_is_never_matched_fuzzily(self):
        anchor = capture(self.table, self.pa, "every year", 0)
        edited = A.replace("every year", "each year")
        self.save((self.pa, edited), (self.pb, B), (self.pc, C), (self.pd, D))
        placed = reanchor(anchor, self.table)
        self.assertEqual(placed.state, CHANGED)
        self.assertIsNone(placed.end)

    def test_short_quote_without_its_context_is_not_placed_elsewhere(self):
        # "shall" stands in every clause: the comment must not land on one of them
        anchor = capture(self.table, self.pc, "shall", 0)
        self.save((self.pa, A), (self.pb, B), (self.pd, D))
        self.assertEqual(reanchor(anchor, self.table).state, ORPHANED)

    def test_short_quote_in_one_other_context_is_not_placed_there(self):
        anchor = capture(self.table, self.pc, "focal point", 0)
        other = "The bureau shall appoint a focal point among its members."
        self.save((self.pa, A), (self.pb, B), (self.pd, D), other)
        self.assertEqual(reanchor(anchor, self.table).state, ORPHANED)

    def test_own_paragraph_wins_a_close_call(self):
        # its own paragraph lost one capital; a copy of the old text elsewhere
        quote = "shall report every year to the Secretariat"
        anchor = capture(self.table, self.pa, quote, 0)
        edited = A.replace("Secretariat", "secretariat")
        self.save((self.pa, edited), (self.pb, B), (self.pc, C), (self.pd, D), A)
        placed = reanchor(anchor, self.table)
        self.assertEqual((placed.paragraph, placed.state), (self.pa, CHANGED))
        self.assertEqual(edited[placed.start : placed.end], quote.lower())

    def test_edited_quote_of_a_deleted_paragraph_found_in_a_new_one(self):
        anchor = capture(self.table, self.pc, "designate a national focal point", 0)
        pasted = "Each Party shall designate one national focal point for exchanges."
        result = self.save((self.pa, A), (self.pb, B), (self.pd, D), pasted)
        self.assertEqual(result.deleted, (self.pc,))
        placed = reanchor(anchor, self.table)
        self.assertEqual((placed.paragraph, placed.state), (result.new[0], MOVED))
        self.assertIn("national focal point", pasted[placed.start : placed.end])

    def test_boilerplate_in_two_other_paragraphs_is_no_place(self):
        clause = "without prejudice to the rights of the Parties under the Convention"
        texts = [f"{text} {clause}." for text in (A, B, C)]
        table, result = saved(body(*texts))
        pa, pb, pc = result.new
        anchor = capture(table, pb, clause, 0)
        assign_ids(body((pa, f"{A} {clause}."), (pc, f"{C} {clause}.")), table)
        self.assertEqual(reanchor(anchor, table).state, ORPHANED)
        assign_ids(body((pa, f"{A} {clause}."), (pc, f"{B} {clause}.")), table)
        placed = reanchor(anchor, table)  # its own context is back, in one place
        self.assertEqual((placed.paragraph, placed.state), (pc, MOVED))

    def test_repeated_quote_told_apart_by_its_context(self):
        text = "First the Parties agree. Then the Parties object to the budget."
        table, result = saved(body(text))
        pid = result.new[0]
        anchor = capture(table, pid, "the Parties", 30)
        edited = "Whereas the Parties met: " + text
        assign_ids(body((pid, edited)), table)
        placed = reanchor(anchor, table)
        self.assertEqual(placed.state, ANCHORED)
        self.assertEqual(edited[placed.end :], " object to the budget.")


class TestRowsAndNotes(unittest.TestCase):
    def test_a_row_comment_follows_its_cell(self):
        html = (
            "<table><tr><td>Trust fund</td><td>Voluntary contributions of the "
            "Parties</td></tr><tr><td>Budget</td><td>Assessed scale</td></tr></table>"
        )
        table, result = saved(html)
        row = result.new[0]
        anchor = capture(table, row, "Voluntary contributions", 0)
        self.assertEqual(anchor.prefix, "Trust fund | ")
        edited = result.html.replace("Trust fund", "General trust fund")
        assign_ids(edited, table)
        placed = reanchor(anchor, table)
        self.assertEqual((placed.paragraph, placed.state), (row, ANCHORED))
        self.assertEqual(placed.start, anchor.start + len("General "))

    def test_a_footnote_comment_survives_a_new_note_above(self):
        notes = (
            '<ol><li id="footnote-1"><p>See decision 14/2 on the budget.</p></li></ol>'
        )
        table, result = saved(f"<p>Text.</p>{notes}")
        note = result.new[1]
        anchor = capture(table, note, "decision 14/2", 0)
        renumbered = result.html.replace(
            "<ol>", '<ol><li id="footnote-1"><p>A new first note.</p></li>'
        ).replace('<li id="footnote-1"><p id', '<li id="footnote-2"><p id')
        again = assign_ids(renumbered, table)
        self.assertEqual([p.number for p in table.paragraphs()], ["1", "F1", "F2"])
        self.assertEqual(table.order[2], note)
        self.assertEqual(len(again.new), 1)
        self.assertEqual(reanchor(anchor, table), anchor)


class TestWholeParagraph(ReanchorCase):
    def whole(self, pid):
        return capture(self.table, pid, "", None)

    def test_edited_paragraph_is_changed(self):
        anchor = self.whole(self.pb)
        self.save((self.pa, A), (self.pb, B + " Amended."), (self.pc, C), (self.pd, D))
        placed = reanchor(anchor, self.table)
        self.assertEqual((placed.paragraph, placed.state), (self.pb, CHANGED))

    def test_merged_paragraph_follows_its_heir(self):
        anchor = self.whole(self.pc)
        self.save((self.pa, A), (self.pb, B + " " + C), (self.pd, D))
        placed = reanchor(anchor, self.table)
        self.assertEqual((placed.paragraph, placed.state), (self.pb, MOVED))

    def test_deleted_paragraph_is_orphaned(self):
        anchor = self.whole(self.pc)
        self.save((self.pa, A), (self.pb, B), (self.pd, D))
        placed = reanchor(anchor, self.table)
        self.assertEqual((placed.state, placed.text), (ORPHANED, C))


class TestAnchorValue(unittest.TestCase):
    def test_general_comment_has_nothing_to_reanchor(self):
        table, _result = saved(body(A))
        general = Anchor(None, "", "", "", 0, None, "")
        self.assertIs(reanchor(general, table), general)

    def test_as_dict_round_trip(self):
        table, result = saved(body(A))
        anchor = capture(table, result.new[0], "report", 0)
        self.assertEqual(Anchor(**anchor.as_dict()), anchor)
