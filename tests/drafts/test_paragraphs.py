"""Stable paragraph ids and numbers (drafts/paragraphs.py, issue 22)."""

from collab.portal.drafts.paragraphs import assign_ids
from collab.portal.drafts.paragraphs import longest_increasing
from collab.portal.drafts.paragraphs import normalize_text
from collab.portal.drafts.paragraphs import paragraph_table
from collab.portal.drafts.paragraphs import paragraphs
from collab.portal.drafts.paragraphs import ParagraphTable
from collab.portal.drafts.paragraphs import PID
from collab.portal.drafts.paragraphs import TABLE_KEY
from drafts.paragraphs_helpers import big_body
from drafts.paragraphs_helpers import body
from drafts.paragraphs_helpers import by_text
from drafts.paragraphs_helpers import CLAUSES
from drafts.paragraphs_helpers import ids
from drafts.paragraphs_helpers import saved
from ZODB import DB
from zope.annotation.attribute import AttributeAnnotations
from zope.annotation.interfaces import IAttributeAnnotatable
from zope.component import provideAdapter
from zope.interface import implementer
import transaction
import unittest


A, B, C, D, E = CLAUSES


class TestFirstSave(unittest.TestCase):
    def test_every_block_gets_a_distinct_id(self):
        table, result = saved(body(A, B, C))
        found = ids(result.html)
        self.assertEqual(len(set(found)), 3)
        self.assertTrue(all(PID.match(pid) for pid in found))
        self.assertEqual(result.new, tuple(found))
        self.assertEqual(table.order, tuple(found))
        self.assertEqual(set(table.ever), set(found))

    def test_saving_again_changes_nothing(self):
        table, first = saved(body(A, B))
        serial = table.serial
        again = assign_ids(first.html, table)
        self.assertIs(again.html, first.html)
        self.assertEqual(again.kept, first.new)
        self.assertEqual(again.changed + again.new + again.deleted, ())
        self.assertEqual(table.serial, serial)

    def test_kinds_and_numbers(self):
        html = (
            "<h2>Preamble</h2><p>Recalling its decision.</p>"
            "<ol><li>First item<ul><li>Nested item</li></ul></li></ol>"
            "<table><tr><th>Year</th><th>Amount</th></tr>"
            "<tr><td><p>2026</p></td><td>100</td></tr></table>"
            '<p>Text<sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup></p>'
            '<ol><li id="footnote-1"><p>A note. <a href="#footnote-ref-1">↑</a></p>'
            '</li><li id="footnote-2">A bare note.</li></ol>'
        )
        _table, result = saved(html)
        listed = [(p.number, p.kind, p.text) for p in paragraphs(result.html)]
        self.assertEqual(
            listed,
            [
                ("1", "heading", "Preamble"),
                ("2", "paragraph", "Recalling its decision."),
                ("3", "item", "First item"),
                ("4", "item", "Nested item"),
                ("5", "row", "Year | Amount"),
                ("6", "row", "2026 | 100"),
                ("7", "paragraph", "Text[1]"),
                ("F1", "footnote", "A note. ↑"),
                ("F2", "footnote", "A bare note."),
            ],
        )

    def test_footnote_keeps_its_link_target(self):
        html = (
            '<ol><li id="footnote-1"><p>A note.</p></li>'
            '<li id="fn-footnote-2">Bare.</li></ol>'
        )
        table, result = saved(html)
        self.assertIn('<li id="footnote-1"><p id="p-', result.html)
        self.assertIn('<li id="fn-footnote-2"><p id="p-', result.html)
        self.assertEqual([p.kind for p in table.paragraphs()], ["footnote"] * 2)
        again = assign_ids(result.html, table)
        self.assertEqual(again.kept, result.new)

    def test_empty_blocks_get_no_id(self):
        _table, result = saved("<p>&nbsp;</p><p> </p><p>Text</p><p><br></p>")
        self.assertEqual(result.html.count('id="p-'), 1)
        self.assertEqual(ids(result.html), list(result.new))

    def test_empty_body(self):
        table, result = saved("")
        self.assertEqual((result.html, result.new, table.order), ("", (), ()))

    def test_table_lists_without_parsing(self):
        table, result = saved(body(A, B) + "<ul><li>x</li></ul>")
        self.assertEqual(table.paragraphs(), paragraphs(result.html))


class TestEdits(unittest.TestCase):
    def setUp(self):
        self.table, first = saved(body(A, B, C, D))
        self.pa, self.pb, self.pc, self.pd = first.new

    def save(self, *texts):
        return assign_ids(body(*texts), self.table)

    def test_edit_in_place_keeps_the_id(self):
        edited = B.replace("compile", "collate")
        result = self.save((self.pa, A), (self.pb, edited), (self.pc, C), (self.pd, D))
        self.assertEqual(ids(result.html), [self.pa, self.pb, self.pc, self.pd])
        self.assertEqual(result.changed, (self.pb,))
        self.assertEqual(result.kept, (self.pa, self.pc, self.pd))
        self.assertEqual(self.table.text(self.pb), edited)

    def test_edit_without_ids_keeps_the_ids(self):
        # a re-converted DOCX: no ids, one paragraph edited, one removed
        result = self.save(A, B.replace("all Parties", "every Party"), D)
        self.assertEqual(ids(result.html), [self.pa, self.pb, self.pd])
        self.assertEqual(result.changed, (self.pb,))
        self.assertEqual(result.deleted, (self.pc,))

    def test_move_keeps_ids(self):
        result = self.save((self.pd, D), (self.pa, A), (self.pb, B), (self.pc, C))
        self.assertEqual(ids(result.html), [self.pd, self.pa, self.pb, self.pc])
        self.assertEqual(result.changed + result.new + result.deleted, ())
        self.assertEqual(self.table.position(self.pd), 0)

    def test_move_without_ids_keeps_ids(self):
        result = self.save(C, A, B, D)
        self.assertEqual(ids(result.html), [self.pc, self.pa, self.pb, self.pd])

    def test_insert_above_shifts_numbers_only(self):
        result = self.save(E, (self.pa, A), (self.pb, B), (self.pc, C), (self.pd, D))
        listed = paragraphs(result.html)
        self.assertEqual(len(result.new), 1)
        self.assertEqual(
            [p.id for p in listed[1:]], [self.pa, self.pb, self.pc, self.pd]
        )
        self.assertEqual([p.number for p in listed], ["1", "2", "3", "4", "5"])
        self.assertEqual(result.kept, (self.pa, self.pb, self.pc, self.pd))

    def test_split_by_the_editor_copies_the_id_once(self):
        first, second = B.split(" and ", 1)
        html = body((self.pa, A), (self.pb, first), (self.pb, second), (self.pc, C))
        result = assign_ids(html, self.table)
        found = ids(result.html)
        self.assertEqual(len(set(found)), 4)
        self.assertEqual(found[2], self.pb)  # the larger half is nearer the old text
        self.assertEqual(result.html.count(self.pb), 1)
        self.assertEqual(result.changed, (self.pb,))
        self.assertEqual(len(result.new), 1)

    def test_split_keeps_the_id_on_the_larger_half(self):
        html = body((self.pb, "The Secretariat shall"), (self.pb, B[22:]))
        result = assign_ids(html, self.table)
        self.assertEqual(ids(result.html)[1], self.pb)

    def test_split_at_the_start_leaves_no_id_on_the_empty_block(self):
        html = body((self.pa, A), (self.pb, ""), (self.pb, B))
        result = assign_ids(html, self.table)
        self.assertEqual(result.html.count(self.pb), 1)
        self.assertEqual(result.kept[:2], (self.pa, self.pb))

    def test_merge_keeps_one_id_and_names_the_heir(self):
        result = self.save((self.pa, A), (self.pb, B + " " + C), (self.pd, D))
        self.assertEqual(result.deleted, (self.pc,))
        self.assertEqual(result.changed, (self.pb,))
        self.assertEqual(self.table.heirs_of(self.pc), (self.pb,))
        self.assertNotIn(self.pc, self.table)

    def test_split_without_ids_keeps_the_id_on_the_nearer_half(self):
        first, second = "Each Party shall designate a national", C[38:]
        result = self.save(A, B, first, second, D)
        self.assertEqual(by_text(result.html)[second], self.pc)
        self.assertEqual(len(result.new), 1)

    def test_split_in_three_without_ids_names_each_part_an_heir(self):
        parts = [C[:27], C[27:54], C[54:]]
        result = self.save(A, B, *[part.strip() for part in parts], D)
        self.assertEqual(result.deleted, (self.pc,))
        self.assertEqual(self.table.heirs_of(self.pc), result.new)
        self.assertEqual(len(result.new), 3)

    def test_delete(self):
        result = self.save((self.pa, A), (self.pb, B), (self.pd, D))
        self.assertEqual(result.deleted, (self.pc,))
        self.assertEqual(result.touched, (self.pc,))
        self.assertEqual(self.table.heirs_of(self.pc), ())
        self.assertIsNone(self.table.text(self.pc))

    def test_undo_of_a_delete_takes_the_id_back(self):
        self.save((self.pa, A), (self.pb, B), (self.pd, D))
        result = self.save((self.pa, A), (self.pb, B), (self.pc, C), (self.pd, D))
        self.assertEqual(result.restored, (self.pc,))
        self.assertEqual(ids(result.html), [self.pa, self.pb, self.pc, self.pd])

    def test_ids_are_never_issued_twice(self):
        self.save((self.pa, A))
        result = self.save((self.pa, A), B, C, D)
        self.assertFalse(set(result.new) & {self.pb, self.pc, self.pd})
        self.assertEqual(len(self.table.ever), 7)

    def test_pasted_unknown_id_is_dropped(self):
        foreign = "p-0badc0de"
        html = body((self.pa, A), (self.pb, B), (self.pc, C), (self.pd, D))
        html += f'<p id="{foreign}">Pasted from another draft.</p>'
        html += f'<p><span id="{foreign}">inline</span> text</p>'
        result = assign_ids(html, self.table)
        self.assertNotIn(foreign, result.html)
        self.assertEqual(len(result.new), 2)
        self.assertEqual(ids(result.html)[:4], [self.pa, self.pb, self.pc, self.pd])

    def test_foreign_ids_other_than_paragraph_ids_are_left_inline(self):
        html = body((self.pa, A)) + '<p>See <a id="_Toc1">here</a>.</p>'
        result = assign_ids(html, self.table)
        self.assertIn('<a id="_Toc1">here</a>', result.html)

    def test_unicode_and_whitespace_are_normalized(self):
        decomposed = "Re\u0301sume\u0301 of the  Parties'\u00a0views\n on it."
        table, result = saved(f"<p>{decomposed}</p><p>Ü  \t ber</p>")
        texts = [p.text for p in paragraphs(result.html)]
        self.assertEqual(texts, ["Résumé of the Parties' views on it.", "Ü ber"])
        self.assertEqual(texts[0], normalize_text(decomposed))
        composed = "<p>Résumé of the Parties' views on it.</p><p>Ü ber</p>"
        again = assign_ids(composed, table)
        self.assertEqual(again.kept, result.new)  # same text: same ids

    def test_tables_keep_row_ids(self):
        html = (
            "<table><tr><td>Year</td><td>Amount</td></tr>"
            "<tr><td>2026</td><td>100</td></tr></table>"
        )
        table, result = saved(html)
        edited = result.html.replace(">100<", ">120<")
        again = assign_ids(edited, table)
        self.assertEqual(ids(again.html), list(result.new))
        self.assertEqual(table.text(again.changed[0]), "2026 | 120")


class TestLongestIncreasing(unittest.TestCase):
    """The one longest strictly increasing subsequence: which kept
    paragraphs stayed in order (here and in diff.compare_blocks)."""

    def test_small_cases(self):
        self.assertEqual(longest_increasing([]), [])
        self.assertEqual(longest_increasing([0, 1, 2]), [0, 1, 2])
        self.assertEqual(longest_increasing([2, 0, 1]), [1, 2])
        self.assertEqual(longest_increasing([3, 1, 2, 0, 4]), [1, 2, 4])
        self.assertEqual(len(longest_increasing([1, 1, 1])), 1)  # strictly

    def test_longest_among_all_orders(self):
        from itertools import combinations
        from itertools import permutations

        for values in permutations(range(6)):
            found = longest_increasing(list(values))
            picked = [values[k] for k in found]
            self.assertEqual(found, sorted(found))
            self.assertEqual(picked, sorted(set(picked)))
            longest = max(
                n
                for n in range(7)
                for chosen in combinations(values, n)
                if list(chosen) == sorted(chosen)
            )
            self.assertEqual(len(found), longest, values)


class TestLargeBody(unittest.TestCase):
    def test_reconverted_body_without_ids_keeps_them(self):
        texts = big_body(60)
        table, first = saved(body(*texts))
        texts[10] = texts[10][:-1] + " as amended."
        del texts[30]
        texts.insert(5, "A new recital.")
        result = assign_ids(body(*texts), table)
        before = dict(zip(big_body(60), first.new, strict=True))
        after = by_text(result.html)
        self.assertEqual(after[texts[0]], before[texts[0]])
        self.assertEqual(after[texts[11]], first.new[10])
        self.assertEqual(result.changed, (first.new[10],))
        self.assertEqual(result.deleted, (first.new[30],))
        self.assertEqual(len(result.new), 1)


@implementer(IAttributeAnnotatable)
class Annotatable:
    pass


class TestStoredTable(unittest.TestCase):
    def test_one_table_per_object_under_the_stored_key(self):
        provideAdapter(AttributeAnnotations)
        draft = Annotatable()
        table = paragraph_table(draft)
        self.assertIsInstance(table, ParagraphTable)
        self.assertIs(paragraph_table(draft), table)
        self.assertIs(draft.__annotations__[TABLE_KEY], table)
        self.assertEqual(TABLE_KEY, "collab.portal.drafts.paragraphs")
        self.assertEqual(
            f"{ParagraphTable.__module__}.{ParagraphTable.__name__}",
            "collab.portal.drafts.paragraphs.ParagraphTable",
        )

    def test_table_is_stored_and_read_back(self):
        db = DB(None)  # an in-memory storage
        try:
            connection = db.open()
            table, result = saved(body(A, B))
            table.snapshot()  # a volatile cache, never stored
            connection.root()["table"] = table
            transaction.commit()
            other = db.open(transaction_manager=transaction.TransactionManager())
            stored = other.root()["table"]
            self.assertIsNot(stored, table)
            self.assertEqual(stored.paragraphs(), paragraphs(result.html))
            self.assertEqual(set(stored.ever), set(result.new))
            self.assertFalse(hasattr(stored, "_v_snapshot"))
            other.close()
            connection.close()
        finally:
            transaction.abort()
            db.close()
